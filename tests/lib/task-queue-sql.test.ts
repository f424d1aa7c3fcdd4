import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { enqueueTasks } from "~/lib/task-queue.server";
import { inRetriedTransaction } from "~/lib/transactions.server";

/**
 * The reply's queued work is inserted by plain SQL inside its transaction (decision record 018): the
 * rows must be what the queue's own model queries expect on both databases.
 */

afterAll(() => prisma.$disconnect());

describe("queued tasks written by plain SQL", () => {
  it("are rows the queue reads like any other: pending, due now, with their payload", async () => {
    await prisma.queuedTask.deleteMany();
    const before = new Date();
    await inRetriedTransaction((tx) =>
      enqueueTasks(tx, [
        { kind: "test:a", payload: { postId: 7 } },
        { kind: "test:b", payload: { threadId: 3, number: 2 } },
      ]),
    );
    const rows = await prisma.queuedTask.findMany({ orderBy: { kind: "asc" } });
    expect(rows.map((row) => [row.kind, JSON.parse(row.payload), row.status, row.attempts])).toEqual([
      ["test:a", { postId: 7 }, "pending", 0],
      ["test:b", { threadId: 3, number: 2 }, "pending", 0],
    ]);
    for (const row of rows) {
      expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
      expect(row.runAfter.getTime()).toBeLessThanOrEqual(Date.now());
    }
    // Found by the same query the worker claims with.
    expect(await prisma.queuedTask.count({ where: { status: "pending", runAfter: { lte: new Date() } } })).toBe(2);
  });
});
