import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { databaseProvider, prisma } from "~/lib/db.server";
import {
  enqueueTask,
  MAX_ATTEMPTS,
  QUIET_LANES,
  queueSummary,
  registerTaskHandler,
  retryDelayMs,
  retryFailedTask,
  runDueTasks,
} from "~/lib/task-queue.server";

/**
 * The durable queue behind "work after the response" (decision record 018), on the test's own database:
 * retries with backoff, giving up, staff retry, one pending task per key, and no task run twice.
 */

afterAll(() => prisma.$disconnect());
beforeEach(async () => {
  await prisma.queuedTask.deleteMany();
});

const at = (iso: string) => new Date(iso);
const T0 = at("2026-12-07T10:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

describe("a task that fails", () => {
  it("is tried again after its backoff, not before, and is gone once it succeeds", async () => {
    let calls = 0;
    registerTaskHandler("test:flaky", async () => {
      calls++;
      if (calls === 1) throw new Error("search engine unreachable");
    });
    await enqueueTask(prisma, "test:flaky", { n: 1 }, { runAfter: T0 });

    expect(await runDueTasks(prisma, () => T0)).toBe(1);
    const waiting = await prisma.queuedTask.findFirstOrThrow();
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: "search engine unreachable" });
    expect(waiting.runAfter.getTime()).toBe(T0.getTime() + retryDelayMs(1));

    // Not due yet: nothing runs.
    expect(await runDueTasks(prisma, () => later(retryDelayMs(1) - 1))).toBe(0);
    expect(calls).toBe(1);
    expect(await runDueTasks(prisma, () => later(retryDelayMs(1)))).toBe(1);
    expect(calls).toBe(2);
    expect(await prisma.queuedTask.count()).toBe(0);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts, is listed for staff, and runs again when retried`, async () => {
    let fail = true;
    registerTaskHandler("test:broken", async () => {
      if (fail) throw new Error("still broken");
    });
    await enqueueTask(prisma, "test:broken", {}, { runAfter: T0 });
    let clock = T0.getTime();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await runDueTasks(prisma, () => new Date(clock))).toBe(1);
      clock += retryDelayMs(attempt);
    }
    // Given up: no further run, however late.
    expect(await runDueTasks(prisma, () => new Date(clock + 86_400_000))).toBe(0);
    const summary = await queueSummary(prisma);
    expect(summary.pendingTotal).toBe(0);
    expect(summary.failed).toEqual([
      expect.objectContaining({ kind: "test:broken", attempts: MAX_ATTEMPTS, lastError: "still broken" }),
    ]);

    fail = false;
    expect(await retryFailedTask(summary.failed[0].id, prisma)).toBe(true);
    expect(await retryFailedTask(summary.failed[0].id, prisma)).toBe(false);
    expect(await runDueTasks(prisma)).toBe(1);
    expect(await prisma.queuedTask.count()).toBe(0);
  });

  it("with no handler for its kind fails with a message that names the kind", async () => {
    await enqueueTask(prisma, "test:nobody-handles-this", {}, { runAfter: T0 });
    await runDueTasks(prisma, () => T0);
    expect((await prisma.queuedTask.findFirstOrThrow()).lastError).toContain('"test:nobody-handles-this"');
  });
});

describe("a deduplicated task", () => {
  it("is stored once however often it is queued while pending", async () => {
    const runs: unknown[] = [];
    registerTaskHandler("test:reindex", async (payload) => {
      runs.push(payload);
    });
    for (let i = 0; i < 5; i++) await enqueueTask(prisma, "test:reindex", { thread: 7 }, { dedupeKey: "reindex:7" });
    expect(await prisma.queuedTask.count()).toBe(1);
    await runDueTasks(prisma);
    expect(runs).toEqual([{ thread: 7 }]);
  });

  it("queued again while it runs, runs once more: nothing written after a run began is missed", async () => {
    let runs = 0;
    registerTaskHandler("test:reindex-busy", async () => {
      runs++;
      // A write lands while the first run is in progress and queues the same key.
      if (runs === 1) await enqueueTask(prisma, "test:reindex-busy", {}, { dedupeKey: "busy" });
    });
    await enqueueTask(prisma, "test:reindex-busy", {}, { dedupeKey: "busy" });
    await runDueTasks(prisma);
    expect(runs).toBe(2);
    expect(await prisma.queuedTask.count()).toBe(0);
  });
});

describe("a backlog on a quiet server", () => {
  const onPostgres = databaseProvider() === "postgresql";
  it(`runs ${onPostgres ? "several tasks at once on PostgreSQL, where a task partly waits" : "one task at a time on SQLite"}, each once`, async () => {
    let running = 0;
    let mostAtOnce = 0;
    const ran: number[] = [];
    registerTaskHandler("test:waits", async (payload) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      ran.push((payload as { n: number }).n);
      running--;
    });
    for (let n = 0; n < 10; n++) await enqueueTask(prisma, "test:waits", { n }, { runAfter: T0 });

    expect(await runDueTasks(prisma, () => T0)).toBe(10);
    expect(ran.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(mostAtOnce).toBe(QUIET_LANES);
    expect(QUIET_LANES).toBe(onPostgres ? 4 : 1);
    expect(await prisma.queuedTask.count()).toBe(0);
  });
});

describe("two workers on one queue", () => {
  it("never run the same task twice", async () => {
    const seen: number[] = [];
    registerTaskHandler("test:count", async (payload) => {
      seen.push((payload as { n: number }).n);
    });
    for (let n = 0; n < 30; n++) await enqueueTask(prisma, "test:count", { n });
    await Promise.all([runDueTasks(prisma), runDueTasks(prisma)]);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(await prisma.queuedTask.count()).toBe(0);
  });
});
