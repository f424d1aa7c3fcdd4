import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { Cron } from "croner";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { JobDefinition } from "~/jobs/job";
import { claimLease } from "~/jobs/lease.server";
import { JOBS } from "~/jobs/registry.server";
import { schedulerEnabled, startScheduler } from "~/jobs/scheduler.server";
import { createPrismaClient } from "~/lib/db.server";

const db = createPrismaClient();
afterAll(() => db.$disconnect());
beforeEach(async () => {
  await db.jobLease.deleteMany();
  await db.jobRun.deleteMany();
});

const TSX = path.resolve("node_modules/.bin/tsx");

/** `npm run jobs:run -- …` on this test's database, in a process of its own (another "instance"). */
async function jobsRun(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, ["scripts/jobs-run.ts", ...args], {
      env: process.env,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe("the job list", () => {
  it("names each job once and gives each a valid UTC cron schedule and a lease", () => {
    expect(new Set(JOBS.map((job) => job.name)).size).toBe(JOBS.length);
    for (const job of JOBS) {
      expect(new Cron(job.schedule, { timezone: "UTC", paused: true }).nextRun(), job.name).toBeInstanceOf(Date);
      expect(job.leaseMs, job.name).toBeGreaterThanOrEqual(60_000);
    }
    expect(JOBS.map((job) => job.name)).toEqual(
      expect.arrayContaining([
        "send-mail",
        "prune-sessions",
        "prune-tokens",
        "prune-rate-limits",
        "prune-search-analytics",
        "prune-job-runs",
      ]),
    );
  });
});

describe("the scheduler", () => {
  it("runs in the server unless JOBS=off, and never under tests", () => {
    expect(schedulerEnabled({ JOBS: "on", NODE_ENV: "production" })).toBe(true);
    expect(schedulerEnabled({ JOBS: "on", NODE_ENV: "development" })).toBe(true);
    expect(schedulerEnabled({ JOBS: "off", NODE_ENV: "production" })).toBe(false);
    expect(schedulerEnabled({ JOBS: "on", NODE_ENV: "test" })).toBe(false);
    expect(schedulerEnabled()).toBe(false);
  });

  it("ticks jobs on their schedule, recording each run, until stopped", async () => {
    let runs = 0;
    const everySecond: JobDefinition = {
      name: "tick-test",
      schedule: "* * * * * *",
      description: "test",
      leaseMs: 60_000,
      run: async () => ++runs,
    };
    const scheduler = startScheduler(db, [everySecond]);
    try {
      await expect
        .poll(() => db.jobRun.count({ where: { job: "tick-test", status: "succeeded" } }), { timeout: 5_000 })
        .toBeGreaterThanOrEqual(1);
    } finally {
      await scheduler.stop();
    }
    const recorded = await db.jobRun.count({ where: { job: "tick-test" } });
    expect(recorded).toBe(runs);
  });
});

describe("npm run jobs:run", () => {
  it("--list lists every job with its schedule", async () => {
    const { code, output } = await jobsRun("--list");
    expect(code).toBe(0);
    for (const job of JOBS) expect(output).toContain(job.name);
    expect(output).toContain("31 3 * * *");
  });

  it("refuses an unknown job name with the known ones and exit status 2", async () => {
    const unknown = await jobsRun("prune-everything");
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('Unknown job "prune-everything"');
    expect(unknown.output).toContain("send-mail");
    const none = await jobsRun();
    expect(none.code).toBe(2);
    expect(none.output).toContain("Usage: npm run jobs:run -- <name>");
  });

  it("runs one job now and records the run", async () => {
    const { code, output } = await jobsRun("prune-sessions");
    expect(output).toMatch(/prune-sessions: succeeded, \d+ rows? in \d+ ms/);
    expect(code).toBe(0);
    const run = await db.jobRun.findFirstOrThrow({ where: { job: "prune-sessions" } });
    expect(run).toMatchObject({ status: "succeeded" });
    expect(run.instance).toMatch(/:\d+$/);
    expect(await db.jobLease.count()).toBe(0);
  });

  it("skips (exit status 3, recorded) while another instance holds the job's lease", async () => {
    expect((await claimLease(db, "prune-tokens", "web-2:77#abc", new Date(), 10 * 60_000)).claimed).toBe(true);
    const { code, output } = await jobsRun("prune-tokens");
    expect(code).toBe(3);
    expect(output).toContain("prune-tokens: skipped: another run (web-2:77#abc) holds the lease until");
    expect(await db.jobRun.findFirstOrThrow({ where: { job: "prune-tokens" } })).toMatchObject({ status: "skipped" });
    // The holder keeps its lease: the refused run neither took it nor gave it back.
    expect((await db.jobLease.findUniqueOrThrow({ where: { job: "prune-tokens" } })).holder).toBe("web-2:77#abc");
  });
});
