import os from "node:os";
import { performance } from "node:perf_hooks";
import type { PrismaClient } from "../generated/prisma/client";
import type { JobDefinition } from "./job";
import { claimLease, releaseLease } from "./lease.server";
import { randomToken } from "../auth/tokens.server";

/** Which app instance this is, as recorded in JobRun.instance. */
export const INSTANCE = `${os.hostname()}:${process.pid}`;

/** Errors are kept to this many characters in JobRun.error (a stack trace is for the server log). */
const ERROR_MAX_CHARS = 2000;

export type JobOutcome =
  | { status: "succeeded"; runId: string; rowsAffected: number; durationMs: number }
  | { status: "failed"; runId: string; error: string; durationMs: number }
  | { status: "skipped"; runId: string | null; heldBy: string | null; until: Date | null };

export type RunOptions = {
  /** The clock the job and its record use; tests pass a fixed instant. */
  now?: Date;
  instance?: string;
  /**
   * Record a "skipped" run when another instance holds the lease. Scheduled ticks leave it off (every
   * instance ticks, and only the one that runs should fill the history); a run asked for by hand sets it.
   */
  recordSkipped?: boolean;
};

/** Runs one job now, under its lease, and records the run. Never throws for the job's own errors. */
export async function runJob(db: PrismaClient, job: JobDefinition, options: RunOptions = {}): Promise<JobOutcome> {
  const now = options.now ?? new Date();
  const instance = options.instance ?? INSTANCE;
  // Unique per run: two overlapping runs in one process must not mistake each other's lease for their own.
  const holder = `${instance}#${randomToken(5)}`;
  const lease = await claimLease(db, job.name, holder, now, job.leaseMs);
  if (!lease.claimed) {
    if (!options.recordSkipped) return { status: "skipped", runId: null, heldBy: lease.heldBy, until: lease.until };
    const skipped = await db.jobRun.create({
      data: { job: job.name, instance, status: "skipped", startedAt: now, finishedAt: now },
    });
    return { status: "skipped", runId: skipped.id, heldBy: lease.heldBy, until: lease.until };
  }

  const started = performance.now();
  // The real time spent, on top of the given clock, so durations are true even under a test clock.
  const finishedAt = () => new Date(now.getTime() + Math.round(performance.now() - started));
  try {
    const run = await db.jobRun.create({ data: { job: job.name, instance, status: "running", startedAt: now } });
    try {
      const rowsAffected = await job.run({ db, now });
      const end = finishedAt();
      await db.jobRun.update({ where: { id: run.id }, data: { status: "succeeded", finishedAt: end, rowsAffected } });
      return { status: "succeeded", runId: run.id, rowsAffected, durationMs: end.getTime() - now.getTime() };
    } catch (cause) {
      const error = describeError(cause);
      const end = finishedAt();
      await db.jobRun.update({ where: { id: run.id }, data: { status: "failed", finishedAt: end, error } });
      return { status: "failed", runId: run.id, error, durationMs: end.getTime() - now.getTime() };
    }
  } finally {
    await releaseLease(db, job.name, holder);
  }
}

function describeError(cause: unknown): string {
  const message =
    cause instanceof Error ? `${cause.name === "Error" ? "" : `${cause.name}: `}${cause.message}` : String(cause);
  return message.length > ERROR_MAX_CHARS ? `${message.slice(0, ERROR_MAX_CHARS - 1)}…` : message;
}
