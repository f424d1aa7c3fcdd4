import { prisma } from "../lib/db.server";
import { hitRateLimit, type RateLimitResult, type RateLimitRule } from "../lib/rate-limit.server";

const MINUTE = 60_000;

/** Brute-force limits (ASVS 2.2.1): failed sign-ins per account and per address, sign-ups and resets per address. */
export const AUTH_LIMITS = {
  failedSignInPerAccount: { limit: 10, windowMs: 15 * MINUTE },
  failedSignInPerAccountHourly: { limit: 100, windowMs: 60 * MINUTE },
  // Higher than per account: a whole office may share one address.
  failedSignInPerAddress: { limit: 30, windowMs: 15 * MINUTE },
  signUpPerAddress: { limit: 10, windowMs: 60 * MINUTE },
  resetPerAddress: { limit: 10, windowMs: 60 * MINUTE },
  resetPerAccount: { limit: 3, windowMs: 60 * MINUTE },
} satisfies Record<string, RateLimitRule>;

type LimitName = keyof typeof AUTH_LIMITS;

/** Counts one attempt against each named limit and reports the first one exceeded. */
export async function countAttempt(checks: [LimitName, string][]): Promise<RateLimitResult> {
  let worst: RateLimitResult = { allowed: true };
  for (const [name, key] of checks) {
    const result = await hitRateLimit(prisma, `${name}:${key}`, AUTH_LIMITS[name]);
    if (!result.allowed && (worst.allowed || result.retryAfterSeconds > worst.retryAfterSeconds)) worst = result;
  }
  return worst;
}

/** Whether a limit is already used up, without counting another attempt. */
export async function isLimited(checks: [LimitName, string][]): Promise<RateLimitResult> {
  let worst: RateLimitResult = { allowed: true };
  for (const [name, key] of checks) {
    const rule = AUTH_LIMITS[name];
    const windowStart = new Date(Math.floor(Date.now() / rule.windowMs) * rule.windowMs);
    const row = await prisma.rateLimitWindow.findUnique({ where: { key_windowStart: { key: `${name}:${key}`, windowStart } } });
    if (row && row.count >= rule.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + rule.windowMs - Date.now()) / 1000));
      if (worst.allowed || retryAfterSeconds > worst.retryAfterSeconds) worst = { allowed: false, retryAfterSeconds };
    }
  }
  return worst;
}
