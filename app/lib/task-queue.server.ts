import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setImmediate as nextTurn } from "node:timers/promises";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { databaseProvider, prisma } from "./db.server";
import { eventLoopIsBusy } from "./event-loop.server";
import { taskMode } from "./env.server";
import { asOtherWork, whenRequestsAnswered } from "./write-cost.server";

/**
 * The durable task queue: work a write causes but its answer does not need (search indexing,
 * notifications, mention mail) is stored as a QueuedTask row in the write's own transaction, and runs
 * after the response. So a rolled-back write queues nothing, a committed one is never forgotten (a
 * crash leaves the row; the next worker picks it up), and the request pays one INSERT instead of the
 * work. Decision record 018.
 *
 * - Each domain registers its handlers by kind in the module that queues them (app/forum/post-tasks.server.ts),
 *   so whatever can queue a task can run it; this module knows no domain.
 * - A worker claims a due task with a lease (a conditional UPDATE, atomic on both databases, so any
 *   number of instances share one queue), runs it, and deletes it. A failure is retried with backoff
 *   (1 s, 4 s, 16 s, … up to 10 minutes); after MAX_ATTEMPTS the task stays as "failed" for
 *   /admin/jobs, where staff can retry it.
 * - A dedupeKey keeps one pending task per key. Enqueueing a key whose task is running bumps its
 *   version, and the run that started before the bump leaves the task for another run instead of
 *   deleting it: nothing written after a run began is missed.
 * - Mode "inline" (the default under NODE_ENV=test) runs a write's tasks right after its commit, before
 *   the write returns, so tests that read the outcome of a write need no waiting; servers run "background".
 * - While requests keep the loop busy, tasks run one at a time with a pause between them, so queued work
 *   never holds readers up for longer than one task; on a quiet loop on PostgreSQL, up to four at once.
 */

type Db = PrismaClient | Prisma.TransactionClient;

export type TaskHandler = (payload: unknown, context: { db: PrismaClient; now: Date }) => Promise<void>;

const handlers = new Map<string, TaskHandler>();

export const MAX_ATTEMPTS = 6;
const LEASE_MS = 60_000;
const POLL_MS = 1000;
const CLAIM_BATCH = 20;
const ERROR_MAX_CHARS = 2000;

/**
 * How many tasks run at once while no request keeps the loop busy. On PostgreSQL part of a task's time
 * is waiting on the network, which another task can use: four at a time took the drain of a backlog
 * left by a burst of writes from about 110 to about 170 tasks a second (`npm run bench:mixed`; the rest
 * is this thread's own work, mostly Prisma's). On SQLite a task's time is all this thread's, and
 * running several at once would gain nothing. Handlers already run side by side on PostgreSQL, where
 * several instances share one queue.
 */
export const QUIET_LANES = databaseProvider() === "postgresql" ? 4 : 1;

/** How long after its nth failure a task is tried again: 1 s, 4 s, 16 s, … capped at 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(10 * 60_000, 1000 * 4 ** Math.max(0, attempts - 1));
}

export function registerTaskHandler(kind: string, handler: TaskHandler) {
  handlers.set(kind, handler);
}

export type TaskMode = "background" | "inline";

let mode: TaskMode = taskMode;

/** Tests switch to "background" to see what a reader sees before the queue has run. */
export function setTaskMode(next: TaskMode) {
  mode = next;
}

export async function enqueueTask(
  db: Db,
  kind: string,
  payload: unknown,
  options: { dedupeKey?: string; runAfter?: Date } = {},
) {
  const data = { kind, payload: JSON.stringify(payload), runAfter: options.runAfter ?? new Date() };
  if (!options.dedupeKey) {
    await db.queuedTask.create({ data });
    return;
  }
  await db.queuedTask.upsert({
    where: { dedupeKey: options.dedupeKey },
    create: { ...data, dedupeKey: options.dedupeKey },
    // Already pending: run it again once more (a run in progress must not delete it), and no later than asked.
    update: { version: { increment: 1 }, status: "pending" },
  });
}

/**
 * Several tasks without a dedupeKey in one INSERT. Every reply queues its work through here inside its
 * transaction, so it is plain SQL (the same on both databases; decision record 018): as `createMany`
 * it cost about twice the main-thread time. The columns Prisma would fill are filled here: the id (a
 * random UUID where Prisma writes a cuid; nothing reads meaning into either) and `createdAt`, whose
 * database default on SQLite is text in another format than the client's.
 */
export async function enqueueTasks(db: Db, tasks: readonly { kind: string; payload: unknown }[]) {
  if (tasks.length === 0) return;
  const now = new Date();
  const rows = tasks.map(
    (task) => Prisma.sql`(${randomUUID()}, ${task.kind}, ${JSON.stringify(task.payload)}, ${now}, ${now})`,
  );
  await db.$executeRaw`INSERT INTO "QueuedTask" ("id", "kind", "payload", "runAfter", "createdAt") VALUES ${Prisma.join(rows)}`;
}

type ClaimedTask = { id: string; kind: string; payload: string; attempts: number; version: number };

/**
 * Claims up to `limit` due tasks for this worker in one UPDATE (a task another worker holds under an
 * unexpired lease is not touched), then reads back the ones this claim marked.
 */
async function claimDueTasks(db: PrismaClient, now: Date, limit: number): Promise<ClaimedTask[]> {
  const due = await db.queuedTask.findMany({
    where: { status: "pending", runAfter: { lte: now }, OR: [{ leasedUntil: null }, { leasedUntil: { lt: now } }] },
    orderBy: { runAfter: "asc" },
    take: limit,
    select: { id: true },
  });
  if (due.length === 0) return [];
  const holder = `${process.pid}:${randomUUID()}`;
  await db.queuedTask.updateMany({
    where: {
      id: { in: due.map((task) => task.id) },
      status: "pending",
      OR: [{ leasedUntil: null }, { leasedUntil: { lt: now } }],
    },
    data: { leasedUntil: new Date(now.getTime() + LEASE_MS), leaseHolder: holder, attempts: { increment: 1 } },
  });
  return db.queuedTask.findMany({
    where: { leaseHolder: holder },
    orderBy: { runAfter: "asc" },
    select: { id: true, kind: true, payload: true, attempts: true, version: true },
  });
}

function describe(cause: unknown) {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.length > ERROR_MAX_CHARS ? `${message.slice(0, ERROR_MAX_CHARS - 1)}…` : message;
}

/** Runs one claimed task; true when it succeeded (the caller removes it), false when it was put back for a retry. */
async function runClaimed(db: PrismaClient, task: ClaimedTask, now: Date): Promise<boolean> {
  const handler = handlers.get(task.kind);
  try {
    if (!handler) throw new Error(`no handler is registered for task kind "${task.kind}"`);
    await handler(JSON.parse(task.payload) as unknown, { db, now });
    stats.succeeded++;
    return true;
  } catch (cause) {
    const gaveUp = task.attempts >= MAX_ATTEMPTS;
    await db.queuedTask.update({
      where: { id: task.id },
      data: {
        status: gaveUp ? "failed" : "pending",
        leasedUntil: null,
        leaseHolder: null,
        lastError: describe(cause),
        runAfter: new Date(now.getTime() + retryDelayMs(task.attempts)),
      },
    });
    stats.failed++;
    console.error(`task ${task.kind} ${task.id} failed (attempt ${task.attempts}${gaveUp ? ", gave up" : ""}):`, cause);
    return false;
  }
}

/**
 * Removes the tasks that succeeded, in one statement, each only if nothing re-queued it while it ran
 * (its version moved); those keep their row for one more run, released from this claim.
 */
async function completeTasks(db: PrismaClient, done: ClaimedTask[]) {
  if (done.length === 0) return;
  const removed = await db.queuedTask.deleteMany({
    where: { OR: done.map((task) => ({ id: task.id, version: task.version })) },
  });
  if (removed.count < done.length)
    await db.queuedTask.updateMany({
      where: { id: { in: done.map((task) => task.id) } },
      data: { leasedUntil: null, leaseHolder: null },
    });
}

/**
 * Runs every task due now and returns how many ran. While requests keep the event loop busy, one at a
 * time, with a pause between them (`yieldToRequests`); on a quiet loop, up to QUIET_LANES at once. The
 * number of lanes is chosen for each claimed batch (up to CLAIM_BATCH tasks); a lane that finds the loop
 * busy mid-batch pauses between its tasks as the single worker does. The worker calls it; tests and
 * `npm run jobs:run -- run-tasks` call it by hand.
 */
export async function runDueTasks(db: PrismaClient = prisma, now: () => Date = () => new Date()): Promise<number> {
  let ran = 0;
  for (;;) {
    // Each step is marked as background work, so a write it overlaps is not measured as costing its time.
    const batch = await asOtherWork(() => claimDueTasks(db, now(), CLAIM_BATCH));
    if (batch.length === 0) return ran;
    const waiting = [...batch];
    const done: ClaimedTask[] = [];
    const lane = async () => {
      let lastTaskMs = 0;
      for (;;) {
        const task = waiting.shift();
        if (!task) return;
        await yieldToRequests(lastTaskMs);
        const started = performance.now();
        if (await asOtherWork(() => runClaimed(db, task, now()))) done.push(task);
        lastTaskMs = performance.now() - started;
        stats.busyMs += lastTaskMs;
        ran++;
      }
    };
    const lanes = eventLoopIsBusy() ? 1 : QUIET_LANES;
    await Promise.all(Array.from({ length: Math.min(lanes, batch.length) }, lane));
    await asOtherWork(() => completeTasks(db, done));
  }
}

const stats = { succeeded: 0, failed: 0, busyMs: 0 };

/** While requests keep the event loop busy, tasks take at most about a quarter of it: readers come first. */
const BUSY_SHARE = 0.25;
const MAX_PAUSE_MS = 200;

/**
 * Between two tasks: on a quiet loop, one turn (the next task starts after whatever I/O is waiting); on
 * a busy one, a pause three times as long as the last task took, so a burst of writes delays its
 * notifications and indexing (they wait in the queue) instead of the readers. Under tests the monitor is
 * off and tasks run back to back.
 */
async function yieldToRequests(lastTaskMs: number) {
  if (!eventLoopIsBusy()) return nextTurn();
  const pauseMs = Math.min(MAX_PAUSE_MS, (lastTaskMs * (1 - BUSY_SHARE)) / BUSY_SHARE);
  await new Promise((resolve) => setTimeout(resolve, Math.max(1, pauseMs)));
}

/**
 * Since this process started: tasks run and failed here, and the time spent running them (each task from
 * start to end; tasks that ran side by side on PostgreSQL each count their own).
 */
export function taskWorkerStats() {
  return { ...stats };
}

/** Pending and failed tasks, by kind, for /admin/jobs and /healthz. */
export async function queueSummary(db: PrismaClient = prisma) {
  const [pending, failed, oldest] = await Promise.all([
    db.queuedTask.groupBy({ by: ["kind"], where: { status: "pending" }, _count: { _all: true } }),
    db.queuedTask.findMany({
      where: { status: "failed" },
      orderBy: { runAfter: "desc" },
      take: 50,
      select: { id: true, kind: true, attempts: true, lastError: true, runAfter: true, createdAt: true },
    }),
    db.queuedTask.findFirst({
      where: { status: "pending" },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  return {
    pending: pending.map((row) => ({ kind: row.kind, count: row._count._all })),
    pendingTotal: pending.reduce((sum, row) => sum + row._count._all, 0),
    oldestPendingAt: oldest?.createdAt ?? null,
    failed,
  };
}

/** Staff retry a task that gave up: it runs again with a fresh count of attempts. */
export async function retryFailedTask(id: string, db: PrismaClient = prisma) {
  const updated = await db.queuedTask.updateMany({
    where: { id, status: "failed" },
    data: { status: "pending", attempts: 0, runAfter: new Date(), leasedUntil: null, leaseHolder: null },
  });
  if (updated.count === 1) wakeTaskWorker();
  return updated.count === 1;
}

// ---------------------------------------------------------------------------
// The worker

type Worker = { db: PrismaClient; running: Promise<void> | null; again: boolean; timer: NodeJS.Timeout | null };
let worker: Worker | null = null;

function drain(current: Worker) {
  if (current.running) {
    current.again = true;
    return;
  }
  current.again = false;
  current.running = runDueTasks(current.db)
    .catch((error: unknown) => console.error("task queue: could not run tasks:", error))
    .then(() => {
      current.running = null;
      if (current.again && worker === current) drain(current);
    });
}

/**
 * Called after a write that queued tasks has committed: in the background mode the worker starts on
 * the next turn (the response goes out first); inline, the tasks run now and the write returns after.
 */
export async function afterTasksQueued(): Promise<void> {
  if (mode === "inline") {
    await runDueTasks();
    return;
  }
  wakeTaskWorker();
}

export function wakeTaskWorker() {
  const current = worker;
  // After the responses in flight have gone out: the write that queued the tasks answers first.
  if (current) whenRequestsAnswered(() => drain(current));
}

/** Starts this process's worker: it drains the queue when woken and polls for retries and other instances' tasks. */
export function startTaskWorker(db: PrismaClient = prisma) {
  if (worker) return stopTaskWorker;
  const current: Worker = { db, running: null, again: false, timer: null };
  current.timer = setInterval(() => drain(current), POLL_MS);
  current.timer.unref();
  worker = current;
  drain(current);
  return stopTaskWorker;
}

export async function stopTaskWorker() {
  const current = worker;
  if (!current) return;
  worker = null;
  if (current.timer) clearInterval(current.timer);
  await current.running;
}
