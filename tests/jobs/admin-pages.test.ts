import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { JOBS } from "~/jobs/registry.server";
import { prisma } from "~/lib/db.server";
import { loader as jobsLoader } from "~/routes/admin.jobs";
import { loader as outboxLoader } from "~/routes/admin.outbox";
import { createOutboxMail, createStaffUser, createUser } from "./factories";

/** The staff pages' loaders, called as Remix calls them, with real sessions. */

const cookies: Record<"member" | "agent" | "admin", string> = { member: "", agent: "", admin: "" };

beforeAll(async () => {
  const users = {
    member: await createUser(prisma),
    agent: await createStaffUser(prisma, "agent"),
    admin: await createStaffUser(prisma, "admin"),
  };
  for (const role of ["member", "agent", "admin"] as const)
    cookies[role] = `tf_session=${(await createSession(prisma, users[role].id, "test")).token}`;
});
beforeEach(async () => {
  await prisma.jobRun.deleteMany();
  await prisma.outboxEmail.deleteMany();
});
afterAll(() => prisma.$disconnect());

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
type Answer = { status: number; headers: Headers; body: unknown };

/** Normalises what a loader returns or throws (a Response, or Remix's `data()` wrapper) into one shape. */
async function call(loader: Loader, path: string, who?: keyof typeof cookies): Promise<Answer> {
  const request = new Request(`http://localhost${path}`, { headers: who ? { cookie: cookies[who] } : {} });
  let result: unknown;
  try {
    result = await loader({ request, params: {}, context: {} });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, headers: result.headers, body: null };
  const wrapped = result as { type?: string; data?: unknown; init?: { status?: number; headers?: HeadersInit } | null };
  if (wrapped?.type === "DataWithResponseInit") {
    return { status: wrapped.init?.status ?? 200, headers: new Headers(wrapped.init?.headers), body: wrapped.data };
  }
  return { status: 200, headers: new Headers(), body: result };
}

describe("/admin/jobs", () => {
  it("is for staff: a visitor is sent to sign in and a member is refused", async () => {
    const anonymous = await call(jobsLoader, "/admin/jobs");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?redirectTo=%2Fadmin%2Fjobs");
    expect((await call(jobsLoader, "/admin/jobs", "member")).status).toBe(403);
    expect((await call(jobsLoader, "/admin/jobs", "agent")).status).toBe(200);
  });

  it("shows every job with its schedule and its last run, and the recent runs, never cached", async () => {
    const now = Date.now();
    const started = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
    await prisma.jobRun.createMany({
      data: [
        {
          job: "prune-sessions",
          instance: "web-1:10",
          status: "succeeded",
          startedAt: started(120),
          finishedAt: new Date(started(120).getTime() + 42),
          rowsAffected: 5,
        },
        {
          job: "prune-sessions",
          instance: "web-2:20",
          status: "failed",
          startedAt: started(60),
          finishedAt: started(60),
          error: "database is locked",
        },
        {
          job: "prune-sessions",
          instance: "web-2:20",
          status: "skipped",
          startedAt: started(30),
          finishedAt: started(30),
        },
        { job: "send-mail", instance: "web-1:10", status: "running", startedAt: started(90) },
      ],
    });
    const page = await call(jobsLoader, "/admin/jobs", "agent");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const { jobs, runs } = page.body as {
      jobs: {
        name: string;
        schedule: string;
        nextRunAt: string;
        lastRun: Record<string, unknown> | null;
        lastSuccessAt: string | null;
      }[];
      runs: { job: string; status: string }[];
    };

    expect(jobs.map((job) => job.name)).toEqual(JOBS.map((job) => job.name));
    const sessions = jobs.find((job) => job.name === "prune-sessions")!;
    expect(sessions.schedule).toBe(JOBS.find((job) => job.name === "prune-sessions")!.schedule);
    expect(new Date(sessions.nextRunAt).getTime()).toBeGreaterThan(now);
    // The last real run (a skip is not one), with its error, and when it last worked.
    expect(sessions.lastRun).toMatchObject({ status: "failed", error: "database is locked", instance: "web-2:20" });
    expect(sessions.lastSuccessAt).toBe(started(120).toISOString());
    // A run still "running" long after its lease ran out died with its instance.
    expect(jobs.find((job) => job.name === "send-mail")!.lastRun).toMatchObject({
      status: "interrupted",
      durationMs: null,
    });
    expect(jobs.find((job) => job.name === "prune-job-runs")!.lastRun).toBeNull();

    expect(runs.map((run) => [run.job, run.status])).toEqual([
      ["prune-sessions", "skipped"],
      ["prune-sessions", "failed"],
      ["send-mail", "interrupted"],
      ["prune-sessions", "succeeded"],
    ]);
    expect(runs[3]).toMatchObject({ rowsAffected: 5, durationMs: 42 });
  });

  it("filters the recent runs by job, and answers 404 for a job that does not exist", async () => {
    await prisma.jobRun.createMany({
      data: [
        { job: "prune-tokens", instance: "web-1:10", status: "succeeded", rowsAffected: 1 },
        { job: "send-mail", instance: "web-1:10", status: "succeeded", rowsAffected: 2 },
      ],
    });
    const filtered = await call(jobsLoader, "/admin/jobs?job=send-mail", "agent");
    expect((filtered.body as { runs: { job: string }[] }).runs.map((run) => run.job)).toEqual(["send-mail"]);
    const missing = await call(jobsLoader, "/admin/jobs?job=drop-tables", "agent");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'There is no job named "drop-tables".' });
  });
});

describe("/admin/outbox", () => {
  it("is for admins only (it shows password-reset links) and never cached", async () => {
    expect((await call(outboxLoader, "/admin/outbox", "member")).status).toBe(403);
    expect((await call(outboxLoader, "/admin/outbox", "agent")).status).toBe(403);
    const page = await call(outboxLoader, "/admin/outbox", "admin");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
  });

  it("shows each message's status, attempts and last error, with counts per status", async () => {
    const failed = await createOutboxMail(prisma, { status: "failed", attempts: 8 });
    await prisma.outboxEmail.update({ where: { id: failed.id }, data: { lastError: "550 5.1.1 No such user" } });
    await createOutboxMail(prisma, { status: "held" });
    await createOutboxMail(prisma, { status: "held" });
    await createOutboxMail(prisma, { status: "pending" });

    const page = await call(outboxLoader, "/admin/outbox", "admin");
    const body = page.body as {
      emails: { id: string; status: string; attempts: number; lastError: string | null }[];
      counts: Record<string, number>;
    };
    expect(body.counts).toEqual({ pending: 1, held: 2, sent: 0, failed: 1 });
    expect(body.emails.find((email) => email.id === failed.id)).toMatchObject({
      status: "failed",
      attempts: 8,
      lastError: "550 5.1.1 No such user",
    });

    const onlyFailed = await call(outboxLoader, "/admin/outbox?status=failed", "admin");
    expect((onlyFailed.body as { emails: { id: string }[] }).emails.map((email) => email.id)).toEqual([failed.id]);
  });

  it("answers 400 with the valid choices for an unknown status filter", async () => {
    const page = await call(outboxLoader, "/admin/outbox?status=lost", "admin");
    expect(page.status).toBe(400);
    expect(page.body).toEqual({ message: 'Unknown status "lost". Use one of: pending, held, sent, failed.' });
  });
});
