import { afterAll, describe, expect, it } from "vitest";
import { pruneSearchAnalytics, recordSearch, searchClickSchema } from "~/search/analytics.server";
import { createPrismaClient } from "~/lib/db.server";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

describe("search analytics", () => {
  it("stores the normalised query, engine, result count and latency", async () => {
    const id = await recordSearch(
      db,
      { query: "  How   do I ESCALATE? ", engine: "embedded", resultCount: 3, latencyMs: 4.6, source: "page" },
      90,
    );
    expect(await db.searchQuery.findUnique({ where: { id: id! } })).toMatchObject({
      query: "how do i escalate?",
      engine: "embedded",
      resultCount: 3,
      latencyMs: 5,
      source: "page",
    });
    expect(
      await recordSearch(db, { query: "   ", engine: "embedded", resultCount: 0, latencyMs: 1, source: "api" }, 90),
    ).toBeNull();
  });

  it("keeps rows for the retention period only", async () => {
    const now = new Date("2026-11-28T00:00:00Z");
    await db.searchQuery.create({
      data: {
        query: "old",
        engine: "embedded",
        resultCount: 0,
        latencyMs: 1,
        source: "api",
        createdAt: new Date("2026-08-01T00:00:00Z"),
      },
    });
    await db.searchQuery.create({
      data: {
        query: "recent",
        engine: "embedded",
        resultCount: 0,
        latencyMs: 1,
        source: "api",
        createdAt: new Date("2026-11-01T00:00:00Z"),
      },
    });
    await db.searchClick.create({
      data: { query: "old", resultId: "kb/x", position: 1, createdAt: new Date("2026-08-01T00:00:00Z") },
    });
    await pruneSearchAnalytics(db, 90, now);
    const left = (await db.searchQuery.findMany({ where: { query: { in: ["old", "recent"] } } })).map(
      (row) => row.query,
    );
    expect(left).toEqual(["recent"]);
    expect(await db.searchClick.count({ where: { query: "old" } })).toBe(0);
  });

  it("validates clicks", () => {
    expect(searchClickSchema.safeParse({ query: "Escalation ", resultId: "kb/x#y", position: "2" })).toMatchObject({
      success: true,
      data: { query: "escalation", position: 2 },
    });
    expect(searchClickSchema.safeParse({ query: "", resultId: "kb/x", position: "1" }).success).toBe(false);
    expect(searchClickSchema.safeParse({ query: "a", resultId: "kb/x", position: "0" }).success).toBe(false);
  });
});
