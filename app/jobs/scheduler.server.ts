import { Cron } from "croner";
import type { PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { env } from "../lib/env.server";
import type { JobDefinition } from "./job";
import { JOBS } from "./registry.server";
import { runJob, type JobOutcome } from "./runner.server";

/** How long stop() waits for runs in progress to finish (and give their leases back). */
const STOP_GRACE_MS = 10_000;

export type Scheduler = { stop(): Promise<void> };

/** Jobs run in the server process unless JOBS=off, and never under tests (which run jobs by hand). */
export function schedulerEnabled(settings: { JOBS: "on" | "off"; NODE_ENV: string } = env): boolean {
  return settings.JOBS !== "off" && settings.NODE_ENV !== "test";
}

/**
 * Ticks every job on its cron schedule in this process. Every instance ticks; the lease decides which
 * one runs (runner.server.ts). Within the process, croner's `protect` skips a tick while the previous
 * run of the same job is still going.
 */
export function startScheduler(db: PrismaClient, jobs: readonly JobDefinition[] = JOBS): Scheduler {
  const inFlight = new Set<Promise<unknown>>();
  const crons = jobs.map(
    (job) =>
      new Cron(job.schedule, { timezone: "UTC", protect: true }, async () => {
        const run = runJob(db, job).then(report(job), (error: unknown) =>
          console.error(`job ${job.name}: could not run:`, error),
        );
        inFlight.add(run);
        try {
          await run;
        } finally {
          inFlight.delete(run);
        }
      }),
  );
  return {
    async stop() {
      for (const cron of crons) cron.stop();
      const grace = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
    },
  };
}

/** The server's entry point: starts the scheduler on the app's database unless it is switched off. */
export function startScheduledJobs(): Scheduler | null {
  if (!schedulerEnabled()) return null;
  console.log(
    `Scheduled jobs on (${JOBS.length}: ${JOBS.map((job) => job.name).join(", ")}); JOBS=off turns them off in this process.`,
  );
  return startScheduler(prisma);
}

function report(job: JobDefinition) {
  return (outcome: JobOutcome) => {
    if (outcome.status === "failed") console.error(`job ${job.name} failed: ${outcome.error}`);
  };
}
