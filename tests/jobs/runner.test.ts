import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { JobDefinition } from "~/jobs/job";
import { runJob } from "~/jobs/runner.server";
import { createPrismaClient } from "~/lib/db.server";

const db = createPrismaClient();
afterAll(() => db.$disconnect());
beforeEach(async () => {
  await db.jobRun.deleteMany();
  await db.jobLease.deleteMany();
});

const NOW = new Date("2026-06-01T12:00:00Z");

function job(name: string, run: JobDefinition["run"]): JobDefinition {
  return { name, schedule: "* * * * *", description: "test", leaseMs: 60_000, run };
}

describe("recording job runs", () => {
  it("records who ran a job, when, for how long and how many rows it touched", async () => {
    let seenNow: Date | null = null;
    const outcome = await runJob(
      db,
      job("counts", async ({ now }) => ((seenNow = now), 7)),
      { now: NOW, instance: "web-1:4242" },
    );

    expect(seenNow).toEqual(NOW);
    expect(outcome).toMatchObject({ status: "succeeded", rowsAffected: 7 });
    const run = await db.jobRun.findUniqueOrThrow({
      where: { id: outcome.status === "succeeded" ? outcome.runId : "" },
    });
    expect(run).toMatchObject({
      job: "counts",
      instance: "web-1:4242",
      status: "succeeded",
      startedAt: NOW,
      rowsAffected: 7,
      error: null,
    });
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(NOW.getTime());
  });

  it("records a failure with its message instead of throwing, and keeps no row count", async () => {
    const outcome = await runJob(
      db,
      job("explodes", () => Promise.reject(new TypeError("cannot read the outbox"))),
      { now: NOW, instance: "web-1:4242" },
    );

    expect(outcome).toMatchObject({ status: "failed", error: "TypeError: cannot read the outbox" });
    const run = await db.jobRun.findFirstOrThrow({ where: { job: "explodes" } });
    expect(run).toMatchObject({ status: "failed", error: "TypeError: cannot read the outbox", rowsAffected: null });
    expect(run.finishedAt).not.toBeNull();
  });

  it("keeps a long error to a readable length", async () => {
    await runJob(
      db,
      job("verbose", () => Promise.reject(new Error("x".repeat(10_000)))),
      { now: NOW },
    );
    const run = await db.jobRun.findFirstOrThrow({ where: { job: "verbose" } });
    expect(run.error!.length).toBeLessThanOrEqual(2000);
    expect(run.error!.endsWith("…")).toBe(true);
  });

  it("shows a run as running while it runs", async () => {
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const running = runJob(
      db,
      job("slow", async () => (await gate, 0)),
      { now: NOW },
    );
    await expect
      .poll(() => db.jobRun.findFirst({ where: { job: "slow" }, select: { status: true } }))
      .toEqual({ status: "running" });
    finish();
    await running;
    expect(await db.jobRun.findFirst({ where: { job: "slow" }, select: { status: true } })).toEqual({
      status: "succeeded",
    });
  });
});
