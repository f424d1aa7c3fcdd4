import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { JobDefinition } from "~/jobs/job";
import { claimLease } from "~/jobs/lease.server";
import { runJob } from "~/jobs/runner.server";
import { createPrismaClient, databaseProvider } from "~/lib/db.server";

/**
 * Two runners stand for two app instances; nothing but the lease row is shared between them. On
 * PostgreSQL each has its own client (its own connections). On SQLite they share one: better-sqlite3
 * waits for a lock synchronously, so a second client in the same process would stall the very event
 * loop the first needs to commit. Separate processes (the realistic case) are covered by the
 * jobs:run test, which claims from a child process while this process holds the lease.
 */
const instanceA = createPrismaClient();
const instanceB = databaseProvider() === "postgresql" ? createPrismaClient() : instanceA;
afterAll(() => Promise.all([instanceA.$disconnect(), instanceB.$disconnect()]));

const NOW = new Date("2026-06-01T12:00:00Z");
const MINUTE = 60_000;
let jobCounter = 0;

beforeEach(async () => {
  await instanceA.jobLease.deleteMany();
  await instanceA.jobRun.deleteMany();
});

/** A job that stays running until `finish()` is called (or a second run starts, which must not happen). */
function gatedJob() {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const job: JobDefinition & { runs: number } = {
    name: `gated-${++jobCounter}`,
    schedule: "* * * * *",
    description: "test",
    leaseMs: 5 * MINUTE,
    runs: 0,
    async run() {
      job.runs++;
      // A second concurrent run means the lease failed; let both finish so the test fails fast.
      if (job.runs > 1) finish();
      await gate;
      return 1;
    },
  };
  return { job, finish: () => finish() };
}

describe("job lease", () => {
  it("lets one of two instances claiming at once run the job; the other skips", async () => {
    const { job, finish } = gatedJob();
    const runs = [
      runJob(instanceA, job, { now: NOW, instance: "a:1" }),
      runJob(instanceB, job, { now: NOW, instance: "b:1" }),
    ];
    const first = await Promise.race(runs);
    expect(first.status).toBe("skipped");
    finish();
    const outcomes = await Promise.all(runs);
    expect(job.runs).toBe(1);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["skipped", "succeeded"]);
  });

  it("lets exactly one of many concurrent claimers on two instances run", async () => {
    const { job, finish } = gatedJob();
    const runs = Array.from({ length: 10 }, (_, index) =>
      runJob(index % 2 ? instanceA : instanceB, job, { now: NOW, instance: `${index % 2 ? "a" : "b"}:${index}` }),
    );
    let settled = 0;
    for (const run of runs) void run.then(() => settled++);
    // Nine give up while the tenth is still inside the job.
    await expect.poll(() => settled, { timeout: 10_000 }).toBe(9);
    expect(job.runs).toBe(1);
    finish();
    const outcomes = await Promise.all(runs);
    expect(job.runs).toBe(1);
    expect(outcomes.filter((outcome) => outcome.status === "succeeded")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === "skipped")).toHaveLength(9);
  });

  it("tells who holds the lease, and records the skip only when asked (a run by hand)", async () => {
    const { job, finish } = gatedJob();
    const running = runJob(instanceA, job, { now: NOW, instance: "a:1" });
    await expect.poll(() => job.runs).toBe(1);
    const quiet = await runJob(instanceB, job, { now: NOW, instance: "b:1" });
    const recorded = await runJob(instanceB, job, { now: NOW, instance: "b:1", recordSkipped: true });
    finish();
    await running;

    expect(quiet).toMatchObject({ status: "skipped", runId: null, until: new Date(NOW.getTime() + job.leaseMs) });
    expect(quiet.status === "skipped" && quiet.heldBy).toMatch(/^a:1#/);
    expect(recorded.status).toBe("skipped");
    const history = await instanceA.jobRun.findMany({ where: { job: job.name }, orderBy: { status: "asc" } });
    expect(history.map((run) => [run.instance, run.status])).toEqual([
      ["b:1", "skipped"],
      ["a:1", "succeeded"],
    ]);
  });

  it("gives the lease back when a run ends, whether it succeeded or failed", async () => {
    const succeeding: JobDefinition = {
      name: `ok-${++jobCounter}`,
      schedule: "* * * * *",
      description: "test",
      leaseMs: 5 * MINUTE,
      run: async () => 0,
    };
    const failing: JobDefinition = {
      ...succeeding,
      name: `broken-${++jobCounter}`,
      run: () => Promise.reject(new Error("boom")),
    };
    await runJob(instanceA, succeeding, { now: NOW });
    await runJob(instanceA, failing, { now: NOW });
    expect(await instanceA.jobLease.count()).toBe(0);
    expect((await runJob(instanceB, succeeding, { now: NOW })).status).toBe("succeeded");
    expect((await runJob(instanceB, failing, { now: NOW })).status).toBe("failed");
  });

  it("is taken over once it expires (the instance holding it died), and not a moment before", async () => {
    const name = `orphaned-${++jobCounter}`;
    expect(await claimLease(instanceA, name, "dead:1#x", NOW, 5 * MINUTE)).toEqual({
      claimed: true,
      holder: "dead:1#x",
    });
    const early = await claimLease(instanceB, name, "b:1#y", new Date(NOW.getTime() + 5 * MINUTE - 1), 5 * MINUTE);
    expect(early).toEqual({ claimed: false, heldBy: "dead:1#x", until: new Date(NOW.getTime() + 5 * MINUTE) });
    const onExpiry = await claimLease(instanceB, name, "b:1#y", new Date(NOW.getTime() + 5 * MINUTE), 5 * MINUTE);
    expect(onExpiry).toEqual({ claimed: true, holder: "b:1#y" });
    expect(await instanceA.jobLease.findUnique({ where: { job: name } })).toMatchObject({
      holder: "b:1#y",
      expiresAt: new Date(NOW.getTime() + 10 * MINUTE),
    });
  });

  it("keeps leases of different jobs apart", async () => {
    const first = gatedJob();
    const second = gatedJob();
    const runs = [runJob(instanceA, first.job, { now: NOW }), runJob(instanceB, second.job, { now: NOW })];
    // Both are running at once: each waits on its own gate.
    await expect.poll(() => first.job.runs + second.job.runs).toBe(2);
    first.finish();
    second.finish();
    expect((await Promise.all(runs)).map((outcome) => outcome.status)).toEqual(["succeeded", "succeeded"]);
  });
});
