import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { hitRateLimit, type RateLimitRule } from "../lib/rate-limit.server";

/**
 * How often one person may make the site write (and mail): the numbers in one table. Brute-force
 * limits on signing in live in app/auth/limits.server.ts; these are about volume.
 *
 * Each rule is a fixed-window counter in the database (app/lib/rate-limit.server.ts), counted
 * before the work and in one statement, so however many requests arrive at once, no more than the
 * limit get through, on one instance or several.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export type WriteRule = RateLimitRule & {
  /** The limit in words, for the refusal ("You can ask for 5 status subscriptions an hour."). */
  says: string;
};

export const WRITE_LIMITS = {
  // Status page e-mail subscriptions (anonymous): each one mails a confirmation link to any address typed in.
  /** One browser or script asking for many addresses. Per client address, like the sign-up limit. */
  statusSubscriptionsPerClient: { limit: 5, windowMs: HOUR, says: "You can ask for 5 status subscriptions an hour." },
  /** One address asked for many times: one confirmation mail stands at a time (its link stays valid). */
  statusConfirmationsPerRecipient: { limit: 1, windowMs: HOUR, says: "We send one confirmation link to an address per hour." },
} as const satisfies Record<string, WriteRule>;

export type WriteLimitName = keyof typeof WRITE_LIMITS;

export type WriteVerdict = { allowed: true } | { allowed: false; rule: WriteLimitName; retryAt: Date; retryAfterSeconds: number };

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Counts one write (or `cost` of them) against the named rule for `subject` (a user id, an e-mail
 * address, a client address). Call it inside the transaction that does the work and throw on a
 * refusal: the count rolls back with it, so the window holds exactly the writes that happened.
 */
export async function countWrite(db: Db, name: WriteLimitName, subject: string, now = new Date(), cost = 1): Promise<WriteVerdict> {
  const result = await hitRateLimit(db, `write:${name}:${subject}`, WRITE_LIMITS[name], now, cost);
  if (result.allowed) return result;
  return { allowed: false, rule: name, retryAfterSeconds: result.retryAfterSeconds, retryAt: new Date(now.getTime() + result.retryAfterSeconds * SECOND) };
}

/** "in 25 seconds (18:30:05 UTC)": when the person can try again, in words they can act on. */
export function describeRetry(retryAt: Date, now: Date): string {
  const waitMs = Math.max(0, retryAt.getTime() - now.getTime());
  const seconds = Math.ceil(waitMs / SECOND);
  const minutes = Math.ceil(waitMs / MINUTE);
  const hours = Math.floor(waitMs / HOUR);
  const relative =
    seconds < 90 ? `${seconds} ${seconds === 1 ? "second" : "seconds"}` : minutes < 90 ? `${minutes} minutes` : `${hours} hours ${minutes - hours * 60} minutes`;
  const iso = retryAt.toISOString();
  const clock = seconds < 90 ? iso.slice(11, 19) : iso.slice(11, 16);
  const sameDay = iso.slice(0, 10) === now.toISOString().slice(0, 10);
  return `in ${relative} (${sameDay ? "" : `${iso.slice(0, 10)} `}${clock} UTC)`;
}
