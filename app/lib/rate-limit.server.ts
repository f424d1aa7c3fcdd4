import type { PrismaClient } from "../generated/prisma/client";

export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A fixed-window counter stored in the database, so limits hold across restarts
 * and across several app instances sharing the database.
 */
export async function hitRateLimit(db: PrismaClient, key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const row = await db.rateLimitWindow.upsert({
    where: { key_windowStart: { key, windowStart } },
    create: { key, windowStart, count: 1 },
    update: { count: { increment: 1 } },
  });
  if (row.count <= rule.limit) return { allowed: true };
  const retryAfterMs = windowStart.getTime() + rule.windowMs - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Drops windows that ended; called now and then so the table stays small. */
export async function pruneRateLimits(db: PrismaClient, olderThan: Date) {
  await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: olderThan } } });
}

export function clientAddress(request: Request): string {
  // The app server sets this from the socket; a forwarded header is only trusted behind a proxy we run.
  return request.headers.get("x-client-address") ?? "unknown";
}
