import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/lib/db.server";
import { hitRateLimit, pruneRateLimits } from "~/lib/rate-limit.server";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

describe("database-backed rate limiter", () => {
  const rule = { limit: 3, windowMs: 60_000 };

  it("allows up to the limit in a window, then refuses with the seconds until the window ends", async () => {
    const now = new Date("2026-11-28T10:00:10Z");
    for (let attempt = 0; attempt < 3; attempt++) expect(await hitRateLimit(db, "test:a", rule, now)).toEqual({ allowed: true });
    expect(await hitRateLimit(db, "test:a", rule, now)).toEqual({ allowed: false, retryAfterSeconds: 50 });
  });

  it("starts counting again in the next window and keeps keys apart", async () => {
    const now = new Date("2026-11-28T11:00:00Z");
    for (let attempt = 0; attempt < 4; attempt++) await hitRateLimit(db, "test:b", rule, now);
    expect(await hitRateLimit(db, "test:b", rule, new Date("2026-11-28T11:01:00Z"))).toEqual({ allowed: true });
    expect(await hitRateLimit(db, "test:other", rule, now)).toEqual({ allowed: true });
  });

  it("survives a new client (a restart) because the counts live in the database", async () => {
    const now = new Date("2026-11-28T12:00:00Z");
    for (let attempt = 0; attempt < 3; attempt++) await hitRateLimit(db, "test:c", rule, now);
    const restarted = createPrismaClient();
    expect((await hitRateLimit(restarted, "test:c", rule, now)).allowed).toBe(false);
    await restarted.$disconnect();
  });

  it("prunes windows that ended", async () => {
    await pruneRateLimits(db, new Date("2026-11-28T11:30:00Z"));
    const keys = (await db.rateLimitWindow.findMany({ select: { key: true } })).map((row) => row.key);
    expect(keys).not.toContain("test:a");
    expect(keys).toContain("test:c");
  });
});
