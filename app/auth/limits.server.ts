import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { hitRateLimit, refundRateLimit, type RateLimitResult, type RateLimitRule } from "../lib/rate-limit.server";

const MINUTE = 60_000;

/** Brute-force limits (ASVS 2.2.1): failed sign-ins per account and per address, sign-ups and resets per address. */
export const AUTH_LIMITS = {
  failedSignInPerAccount: { limit: 10, windowMs: 15 * MINUTE },
  failedSignInPerAccountHourly: { limit: 100, windowMs: 60 * MINUTE },
  // Higher than per account: a whole office may share one address.
  failedSignInPerAddress: { limit: 30, windowMs: 15 * MINUTE },
  signUpPerAddress: { limit: 10, windowMs: 60 * MINUTE },
  // Account numbers are sequential: asking about them (sign-up with an account ID) is limited on its own.
  accountLookupPerAddress: { limit: 5, windowMs: 60 * MINUTE },
  resetPerAddress: { limit: 10, windowMs: 60 * MINUTE },
  resetPerAccount: { limit: 3, windowMs: 60 * MINUTE },
  invitationsPerUser: { limit: 20, windowMs: 60 * MINUTE },
} satisfies Record<string, RateLimitRule>;

export type LimitName = keyof typeof AUTH_LIMITS;
export type LimitCheck = [LimitName, string];
export type RateLimited = Extract<RateLimitResult, { allowed: false }>;

/**
 * Counts one attempt against each named limit, atomically, and reports the
 * most restrictive one exceeded. Callers count first and only then do the
 * work, so concurrent attempts cannot slip past a limit between a check and a count.
 */
export async function countAttempt(checks: LimitCheck[]): Promise<RateLimitResult> {
  let worst: RateLimitResult = { allowed: true };
  for (const [name, key] of checks) {
    const result = await hitRateLimit(prisma, `${name}:${key}`, AUTH_LIMITS[name]);
    if (!result.allowed && (worst.allowed || result.retryAfterSeconds > worst.retryAfterSeconds)) worst = result;
  }
  return worst;
}

/** Takes back an attempt counted by countAttempt (a sign-in whose password was right). */
export async function refundAttempt(checks: LimitCheck[]) {
  for (const [name, key] of checks) await refundRateLimit(prisma, `${name}:${key}`, AUTH_LIMITS[name]);
}

export function tooManyAttemptsMessage(limit: RateLimited) {
  const minutes = Math.ceil(limit.retryAfterSeconds / 60);
  return `Too many attempts. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`;
}

/** Counts the attempt (countAttempt) and refuses it with a 429 and Retry-After when a limit is exceeded. */
export async function spendAttempt(checks: LimitCheck[]): Promise<void> {
  const limit = await countAttempt(checks);
  if (!limit.allowed)
    throw new Refusal(429, tooManyAttemptsMessage(limit), { retryAfterSeconds: limit.retryAfterSeconds });
}
