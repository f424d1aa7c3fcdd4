import type { Prisma, PrismaClient } from "../generated/prisma/client";

export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

type Db = PrismaClient | Prisma.TransactionClient;

function windowOf(rule: RateLimitRule, now: Date) {
  return new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
}

/**
 * A fixed-window counter stored in the database, so limits hold across restarts
 * and across several app instances sharing the database. The attempt is counted
 * and compared in one statement (an upsert that returns the new count), so
 * concurrent attempts each see a distinct count and at most `limit` of them are
 * allowed, however many arrive at once. The same SQL runs on SQLite and
 * PostgreSQL. `cost` counts several at once (a post mentioning five members uses five).
 */
export async function hitRateLimit(
  db: Db,
  key: string,
  rule: RateLimitRule,
  now = new Date(),
  cost = 1,
): Promise<RateLimitResult> {
  const windowStart = windowOf(rule, now);
  const rows = await db.$queryRaw<{ count: number | bigint }[]>`
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, ${cost})
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + ${cost}
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? Number.POSITIVE_INFINITY);
  if (count <= rule.limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: retryAfterSeconds(rule, windowStart, now) };
}

/** Takes back one counted attempt (a sign-in that turned out to be correct is not a failure). */
export async function refundRateLimit(db: Db, key: string, rule: RateLimitRule, now = new Date()) {
  await db.rateLimitWindow.updateMany({
    where: { key, windowStart: windowOf(rule, now), count: { gt: 0 } },
    data: { count: { decrement: 1 } },
  });
}

function retryAfterSeconds(rule: RateLimitRule, windowStart: Date, now: Date) {
  return Math.max(1, Math.ceil((windowStart.getTime() + rule.windowMs - now.getTime()) / 1000));
}

/** Drops windows that ended; the prune job calls it so the table stays small. Returns the rows removed. */
export async function pruneRateLimits(db: Db, olderThan: Date) {
  return (await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: olderThan } } })).count;
}

export function clientAddress(request: Request): string {
  // The app server sets this from the socket; a forwarded header is only trusted behind a proxy we run.
  return request.headers.get("x-client-address") ?? "unknown";
}
