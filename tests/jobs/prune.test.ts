import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { findJob } from "~/jobs/registry.server";
import { runJob } from "~/jobs/runner.server";
import { createPrismaClient } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { createCustomerAccount, createInvitation, createSessionRow, createToken, createUser } from "./factories";

/**
 * Each prune job, run through the registry (so its schedule entry, lease and record are what is tested),
 * at a fixed clock: it deletes exactly the rows that are past their time and leaves the rest, and a
 * second run finds nothing left to do.
 */

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const NOW = new Date("2026-06-01T12:00:00Z");
const MS = 1;
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

beforeEach(async () => {
  await db.$transaction([
    db.session.deleteMany(),
    db.oneTimeToken.deleteMany(),
    db.accountInvitation.deleteMany(),
    db.rateLimitWindow.deleteMany(),
    db.searchQuery.deleteMany(),
    db.searchClick.deleteMany(),
    db.jobRun.deleteMany(),
    db.jobLease.deleteMany(),
  ]);
});

async function runNamed(name: string, now = NOW) {
  const job = findJob(name);
  if (!job) throw new Error(`no job ${name}`);
  const outcome = await runJob(db, job, { now });
  if (outcome.status !== "succeeded") throw new Error(`${name}: ${JSON.stringify(outcome)}`);
  return outcome.rowsAffected;
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id).sort();

describe("prune-sessions", () => {
  it("deletes sessions past their sliding or absolute expiry (at the instant they expire) and keeps live ones", async () => {
    const user = await createUser(db);
    const live = await createSessionRow(db, user.id, at(DAY), at(30 * DAY));
    const lastMillisecond = await createSessionRow(db, user.id, at(1 * MS), at(30 * DAY));
    await createSessionRow(db, user.id, at(-1 * MS), at(30 * DAY)); // idle too long
    await createSessionRow(db, user.id, at(0), at(30 * DAY)); // expires right now
    await createSessionRow(db, user.id, at(DAY), at(-HOUR)); // past its absolute lifetime

    expect(await runNamed("prune-sessions")).toBe(3);
    expect(ids(await db.session.findMany())).toEqual(ids([live, lastMillisecond]));
    expect(await runNamed("prune-sessions")).toBe(0);
  });
});

describe("prune-tokens", () => {
  it("deletes used and expired one-time links and expired unaccepted invitations, and nothing else", async () => {
    const user = await createUser(db);
    const account = await createCustomerAccount(db);
    const usable = await createToken(db, user.id, at(HOUR));
    await createToken(db, user.id, at(HOUR), at(-1 * MS)); // used, though not expired
    await createToken(db, user.id, at(-1 * MS)); // expired, never used
    await createToken(db, user.id, at(0)); // expires now
    const openInvitation = await createInvitation(db, account.id, user.id, at(DAY));
    const acceptedLongAgo = await createInvitation(db, account.id, user.id, at(-30 * DAY), at(-31 * DAY));
    await createInvitation(db, account.id, user.id, at(-1 * MS)); // expired unaccepted

    expect(await runNamed("prune-tokens")).toBe(4);
    expect(ids(await db.oneTimeToken.findMany())).toEqual(ids([usable]));
    expect(ids(await db.accountInvitation.findMany())).toEqual(ids([openInvitation, acceptedLongAgo]));
    expect(await runNamed("prune-tokens")).toBe(0);
  });
});

describe("prune-rate-limits", () => {
  it("deletes windows that started over a day ago and keeps every window that may still be counting", async () => {
    const window = (key: string, startOffset: number) =>
      db.rateLimitWindow.create({ data: { key, windowStart: at(startOffset), count: 3 } });
    await window("old", -DAY - 1 * MS);
    await window("older", -7 * DAY);
    await window("day-old", -DAY);
    await window("last-hour", -HOUR);
    await window("current", 0);

    expect(await runNamed("prune-rate-limits")).toBe(2);
    expect((await db.rateLimitWindow.findMany({ orderBy: { key: "asc" } })).map((row) => row.key)).toEqual([
      "current",
      "day-old",
      "last-hour",
    ]);
    expect(await runNamed("prune-rate-limits")).toBe(0);
  });
});

describe("prune-search-analytics", () => {
  it(`deletes searches and clicks older than SEARCH_ANALYTICS_RETENTION_DAYS (${env.SEARCH_ANALYTICS_RETENTION_DAYS}) and keeps newer ones`, async () => {
    const retention = env.SEARCH_ANALYTICS_RETENTION_DAYS * DAY;
    const search = (query: string, offset: number) =>
      db.searchQuery.create({
        data: { query, engine: "embedded", resultCount: 1, latencyMs: 3, source: "page", createdAt: at(offset) },
      });
    const click = (query: string, offset: number) =>
      db.searchClick.create({ data: { query, resultId: "kb/x", position: 1, createdAt: at(offset) } });
    await search("too old", -retention - 1 * MS);
    await click("too old", -retention - DAY);
    const boundary = await search("exactly at retention", -retention);
    const recent = await search("recent", -DAY);
    const recentClick = await click("recent", -HOUR);

    expect(await runNamed("prune-search-analytics")).toBe(2);
    expect(ids(await db.searchQuery.findMany())).toEqual(ids([boundary, recent]));
    expect(ids(await db.searchClick.findMany())).toEqual(ids([recentClick]));
    expect(await runNamed("prune-search-analytics")).toBe(0);
  });
});

describe("prune-job-runs", () => {
  it("deletes run history older than 30 days, including its own stale entries, and keeps the rest", async () => {
    const run = (job: string, offset: number, status = "succeeded") =>
      db.jobRun.create({ data: { job, instance: "test:1", status, startedAt: at(offset) } });
    await run("prune-sessions", -31 * DAY);
    await run("send-mail", -30 * DAY - 1 * MS, "running"); // its instance died a month ago
    const kept = [await run("prune-sessions", -30 * DAY), await run("send-mail", -DAY, "failed")];

    expect(await runNamed("prune-job-runs")).toBe(2);
    const remaining = await db.jobRun.findMany({ where: { job: { not: "prune-job-runs" } } });
    expect(ids(remaining)).toEqual(ids(kept));
  });
});
