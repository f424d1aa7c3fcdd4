import { Cron } from "croner";
import type { PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { JOBS } from "./registry.server";

/** What /admin/jobs shows: each job's schedule and latest run, and the recent runs. */

export const RECENT_RUNS_SHOWN = 50;

const RUN_STATUSES = ["running", "succeeded", "failed", "skipped"] as const;
type RunStatus = (typeof RUN_STATUSES)[number];

function isRunStatus(value: string): value is RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(value);
}

export type RunSummary = {
  id: string;
  job: string;
  instance: string;
  /** "interrupted": still marked running after its lease ran out (the instance stopped mid-run). */
  status: RunStatus | "interrupted";
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  rowsAffected: number | null;
  error: string | null;
};

export type JobSummary = {
  name: string;
  description: string;
  schedule: string;
  nextRunAt: string | null;
  lastRun: RunSummary | null;
  lastSuccessAt: string | null;
};

type JobRunRow = {
  id: string;
  job: string;
  instance: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  rowsAffected: number | null;
  error: string | null;
};

export function isKnownJob(name: string) {
  return JOBS.some((job) => job.name === name);
}

export async function jobOverview(now = new Date(), db: PrismaClient = prisma): Promise<JobSummary[]> {
  return Promise.all(
    JOBS.map(async (job) => {
      const [lastRun, lastSuccess] = await Promise.all([
        db.jobRun.findFirst({ where: { job: job.name, status: { not: "skipped" } }, orderBy: { startedAt: "desc" } }),
        db.jobRun.findFirst({
          where: { job: job.name, status: "succeeded" },
          orderBy: { startedAt: "desc" },
          select: { startedAt: true },
        }),
      ]);
      return {
        name: job.name,
        description: job.description,
        schedule: job.schedule,
        nextRunAt: new Cron(job.schedule, { timezone: "UTC", paused: true }).nextRun(now)?.toISOString() ?? null,
        lastRun: lastRun ? summarise(lastRun, now, job.leaseMs) : null,
        lastSuccessAt: lastSuccess?.startedAt.toISOString() ?? null,
      };
    }),
  );
}

/** Jobs whose latest run failed or was cut off: what an operator should look at first. */
export async function jobsNeedingAttention(now = new Date(), db: PrismaClient = prisma): Promise<string[]> {
  const overview = await jobOverview(now, db);
  return overview
    .filter((job) => job.lastRun?.status === "failed" || job.lastRun?.status === "interrupted")
    .map((job) => job.name);
}

export async function recentRuns(
  options: { job?: string; now?: Date } = {},
  db: PrismaClient = prisma,
): Promise<RunSummary[]> {
  const now = options.now ?? new Date();
  const rows = await db.jobRun.findMany({
    where: options.job ? { job: options.job } : {},
    orderBy: { startedAt: "desc" },
    take: RECENT_RUNS_SHOWN,
  });
  return rows.map((row) => summarise(row, now, JOBS.find((job) => job.name === row.job)?.leaseMs ?? 0));
}

function summarise(row: JobRunRow, now: Date, leaseMs: number): RunSummary {
  const status = isRunStatus(row.status) ? row.status : "failed";
  const abandoned = status === "running" && row.startedAt.getTime() + leaseMs < now.getTime();
  return {
    id: row.id,
    job: row.job,
    instance: row.instance,
    status: abandoned ? "interrupted" : status,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
    rowsAffected: row.rowsAffected,
    error: row.error,
  };
}
