import { performance } from "node:perf_hooks";
import { contentBuildId } from "./content/store.server";
import { searchHealth } from "./search/service.server";
import { prisma } from "./lib/db.server";
import { eventLoopDelay } from "./lib/event-loop.server";
import { queueSummary, taskWorkerStats } from "./lib/task-queue.server";
import { writeCostSummary } from "./lib/write-cost.server";

export type Health = { db: "ok" | "down"; search: "ok" | "degraded" | "down"; content: string; searchDetail?: string };

/**
 * A load balancer reads only the status code: without its database an instance can serve nothing useful,
 * so it answers 503 and is taken out of rotation. Search degraded or down alone keeps 200: the pages still
 * work and search falls back (decision record 011).
 */
export function healthHttpStatus(health: Health): 200 | 503 {
  return health.db === "ok" ? 200 : 503;
}

/** Status words for operators and load balancers; never throws. */
export async function checkHealth(): Promise<Health> {
  const db = await prisma.$queryRaw`SELECT 1`.then(
    () => "ok" as const,
    () => "down" as const,
  );
  const content = await contentBuildId().catch(() => "missing");
  const search = await searchHealth().catch((error: Error) => ({ status: "down" as const, detail: error.message }));
  return { db, search: search.status, content, ...(search.detail ? { searchDetail: search.detail } : {}) };
}

/**
 * What staff also read on /healthz: how late the event loop runs (about the last minute) and the task
 * queue (waiting, gave up, run by this process), to tell "slow" from "behind"; and what one write costs
 * the main thread (app/lib/write-cost.server.ts).
 */
export async function staffHealth(writesSinceMs = 0) {
  const queue = await queueSummary().catch(() => null);
  const delay = eventLoopDelay();
  const worker = taskWorkerStats();
  return {
    eventLoop: delay && {
      /** Milliseconds this process's main thread has been busy since it started (event-loop utilization). */
      busyMs: Math.round(performance.eventLoopUtilization().active),
      /** CPU time of the whole process (every thread: the Markdown worker, compression, GC) since it started. */
      processCpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
      delayP50Ms: delay.p50Ms,
      delayP99Ms: delay.p99Ms,
      delayMaxMs: delay.maxMs,
      windowSeconds: delay.windowSeconds,
    },
    /** One write request's main-thread time over the last minute, from the writes nothing overlapped. */
    writes: writeCostSummary(writesSinceMs),
    tasks: {
      pending: queue?.pendingTotal ?? null,
      failed: queue?.failed.length ?? null,
      oldestPendingAt: queue?.oldestPendingAt?.toISOString() ?? null,
      runHere: worker.succeeded + worker.failed,
      failedHere: worker.failed,
      busyMsHere: Math.round(worker.busyMs),
    },
  };
}
