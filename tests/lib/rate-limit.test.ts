import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/lib/db.server";
import { hitRateLimit, pruneRateLimits, refundRateLimit } from "~/lib/rate-limit.server";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

/** Each test counts under its own keys, so no test sees another's counts. */
const keyOf = (name: string) => `test:${name}:${Math.random().toString(36).slice(2)}`;

describe("database-backed rate limiter", () => {
  const rule = { limit: 3, windowMs: 60_000 };

  it("allows up to the limit in a window, then refuses with the seconds until the window ends", async () => {
    const key = keyOf("a");
    const now = new Date("2026-11-28T10:00:10Z");
    for (let attempt = 0; attempt < 3; attempt++)
      expect(await hitRateLimit(db, key, rule, now)).toEqual({ allowed: true });
    expect(await hitRateLimit(db, key, rule, now)).toEqual({ allowed: false, retryAfterSeconds: 50 });
  });

  it("starts counting again in the next window and keeps keys apart", async () => {
    const key = keyOf("b");
    const now = new Date("2026-11-28T11:00:00Z");
    for (let attempt = 0; attempt < 4; attempt++) await hitRateLimit(db, key, rule, now);
    expect(await hitRateLimit(db, key, rule, new Date("2026-11-28T11:01:00Z"))).toEqual({ allowed: true });
    expect(await hitRateLimit(db, keyOf("other"), rule, now)).toEqual({ allowed: true });
  });

  it("survives a new client (a restart) because the counts live in the database", async () => {
    const key = keyOf("c");
    const now = new Date("2026-11-28T12:00:00Z");
    for (let attempt = 0; attempt < 3; attempt++) await hitRateLimit(db, key, rule, now);
    const restarted = createPrismaClient();
    expect((await hitRateLimit(restarted, key, rule, now)).allowed).toBe(false);
    await restarted.$disconnect();
  });

  it("counts atomically: of 100 concurrent hits, exactly the limit are allowed, also through two clients at once", async () => {
    const key = keyOf("burst");
    const burst = { limit: 10, windowMs: 60_000 };
    const now = new Date("2026-11-28T13:00:00Z");
    const second = createPrismaClient();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) => hitRateLimit(index % 2 ? db : second, key, burst, now)),
    );
    await second.$disconnect();
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
    const row = await db.rateLimitWindow.findFirstOrThrow({ where: { key } });
    expect(row.count).toBe(100);
  });

  it("counts a cost of several at once (a post naming five members uses five of an allowance)", async () => {
    const key = keyOf("cost");
    const now = new Date("2026-11-28T14:00:00Z");
    const allowance = { limit: 10, windowMs: 60_000 };
    expect(await hitRateLimit(db, key, allowance, now, 6)).toEqual({ allowed: true });
    expect(await hitRateLimit(db, key, allowance, now, 4)).toEqual({ allowed: true });
    expect((await hitRateLimit(db, key, allowance, now, 1)).allowed).toBe(false);
  });

  it("takes back a counted attempt", async () => {
    const key = keyOf("refund");
    const now = new Date("2026-11-28T14:00:00Z");
    for (let attempt = 0; attempt < 3; attempt++) await hitRateLimit(db, key, rule, now);
    await refundRateLimit(db, key, rule, now);
    expect(await hitRateLimit(db, key, rule, now)).toEqual({ allowed: true });
    expect((await hitRateLimit(db, key, rule, now)).allowed).toBe(false);
  });

  it("prunes windows that ended and keeps the current ones", async () => {
    const old = keyOf("old");
    const current = keyOf("current");
    await hitRateLimit(db, old, rule, new Date("2026-11-27T09:00:00Z"));
    await hitRateLimit(db, current, rule, new Date("2026-11-28T12:00:00Z"));
    expect(await pruneRateLimits(db, new Date("2026-11-28T00:00:00Z"))).toBeGreaterThanOrEqual(1);
    const keys = (await db.rateLimitWindow.findMany({ select: { key: true } })).map((row) => row.key);
    expect(keys).not.toContain(old);
    expect(keys).toContain(current);
  });
});
