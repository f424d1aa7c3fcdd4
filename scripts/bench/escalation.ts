/**
 * The escalation job over many open tickets: `npx tsx scripts/bench/escalation.ts`.
 *
 * A fresh SQLite database (migrated, in a temp folder) gets OPEN_TICKETS open tickets of every
 * priority and plan. Three figures, each the median of RUNS runs of the real job function:
 *   - due: DUE_P1 Priority 1 tickets past the L2 time, among the open ones (the job moves them);
 *   - idle: the same database with nothing due (the cost paid every minute in practice);
 *   - idle-small: nothing due with only SMALL_TICKETS open tickets.
 * Ratios, not absolute times, are the result: idle / idle-small near 1 means an idle run does not
 * grow with the number of open tickets (the job reads only rows whose time has come, by index).
 *
 * Then filing → page (scripts/bench/paging.ts): Priority 1 tickets filed through the production server,
 * and how long until the on-call page is in the outbox and the notifications, and until PagerDuty's
 * trigger arrives. It needs `npm run build:app` first.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "../../app/lib/db.server";
import { ESCALATION_LEVELS } from "../../app/support/policy";
import { escalateTickets } from "../../app/tickets/jobs.server";
import { measureFilingToPage } from "./paging";
import { environment, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const OPEN_TICKETS = numberFromEnv("OPEN_TICKETS", 100_000);
const SMALL_TICKETS = numberFromEnv("SMALL_TICKETS", 1_000);
const DUE_P1 = numberFromEnv("DUE_P1", 1_000);
const RUNS = numberFromEnv("RUNS", 5);
const MINUTE = 60_000;
const NOW = new Date("2026-06-01T12:00:00Z");
const l2After = ESCALATION_LEVELS.find((entry) => entry.level === 2)!.priority1EscalationAfter!;

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function createDatabase(dir: string, name: string) {
  const url = `file:${path.join(dir, `${name}.db`)}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  return createPrismaClient(url);
}

type Db = ReturnType<typeof createPrismaClient>;

/** Open tickets nobody needs to escalate now: P2–P4 of any age, P1 opened within the last L2 period. */
async function fillIdle(db: Db, count: number, firstSeq: number) {
  const account = await db.customerAccount.create({
    data: { accountNumber: `TF-B${firstSeq}`, name: "Bench", plan: "enterprise" },
  });
  const user = await db.user.create({
    data: { email: `bench-${firstSeq}@example.test`, name: "Bench", passwordHash: "x", accountId: account.id },
  });
  const plans = ["standard", "professional", "enterprise"];
  const statuses = ["new", "open", "escalated", "waiting-on-customer"];
  const chunk = 5_000;
  for (let start = 0; start < count; start += chunk) {
    const rows = [];
    for (let index = start; index < Math.min(count, start + chunk); index++) {
      const priority = (index % 4) + 1;
      const ageMinutes = priority === 1 ? index % (l2After - 1) : (index % 10_000) + 1;
      const createdAt = new Date(NOW.getTime() - ageMinutes * MINUTE);
      const seq = firstSeq + index;
      rows.push({
        seq,
        number: `TF-2026-${String(seq).padStart(6, "0")}`,
        accountId: account.id,
        requesterId: user.id,
        subject: "Bench",
        contactName: "Bench",
        descriptionMarkdown: "x",
        descriptionHtml: "<p>x</p>",
        businessImpact: "x",
        usersAffected: "1",
        issueStartedAt: createdAt,
        priority,
        plan: plans[index % 3]!,
        status: statuses[index % 4]!,
        firstResponseDueAt: new Date(createdAt.getTime() + 60 * MINUTE),
        createdAt,
      });
    }
    await db.ticket.createMany({ data: rows });
  }
  return { accountId: account.id, userId: user.id };
}

async function addDueP1(db: Db, owner: { accountId: string; userId: string }, count: number, firstSeq: number) {
  const rows = [];
  for (let index = 0; index < count; index++) {
    const createdAt = new Date(NOW.getTime() - (l2After + 1 + (index % 60)) * MINUTE);
    const seq = firstSeq + index;
    rows.push({
      seq,
      number: `TF-2026-${String(seq).padStart(6, "0")}`,
      accountId: owner.accountId,
      requesterId: owner.userId,
      subject: "Due",
      contactName: "Bench",
      descriptionMarkdown: "x",
      descriptionHtml: "<p>x</p>",
      businessImpact: "x",
      usersAffected: "1",
      issueStartedAt: createdAt,
      priority: 1,
      plan: "enterprise",
      status: "open",
      firstResponseDueAt: createdAt,
      createdAt,
    });
  }
  await db.ticket.createMany({ data: rows });
}

async function timeRuns(db: Db, runs: number, reset?: () => Promise<void>) {
  const times: number[] = [];
  // One untimed run first: connection set-up and statement preparation are not the job's cost.
  if (!reset) await escalateTickets(db, NOW);
  let moved = 0;
  for (let run = 0; run < runs; run++) {
    if (reset) await reset();
    const started = performance.now();
    moved = await escalateTickets(db, NOW);
    times.push(performance.now() - started);
  }
  return { medianMs: median(times), moved };
}

const env = environment();
const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tf-bench-escalation-"));
try {
  console.log(`Filling ${OPEN_TICKETS} open tickets (and ${SMALL_TICKETS} in a small database) …`);
  const big = await createDatabase(dir, "big");
  const owner = await fillIdle(big, OPEN_TICKETS, 1);
  const small = await createDatabase(dir, "small");
  await fillIdle(small, SMALL_TICKETS, 1);

  const idle = await timeRuns(big, RUNS);
  const idleSmall = await timeRuns(small, RUNS);
  await addDueP1(big, owner, DUE_P1, OPEN_TICKETS + 1);
  const due = await timeRuns(big, RUNS, async () => {
    await big.$executeRawUnsafe(`DELETE FROM Notification`);
    await big.$executeRawUnsafe(`DELETE FROM TicketEvent`);
    await big.$executeRawUnsafe(`UPDATE Ticket SET escalationLevel = 1, status = 'open' WHERE subject = 'Due'`);
  });
  const after = await timeRuns(big, RUNS);
  await big.$disconnect();
  await small.$disconnect();
  console.log("Filing Priority 1 tickets through the production server …");
  const filingToPage = await measureFilingToPage();

  const results = {
    environment: env,
    openTickets: OPEN_TICKETS,
    dueP1: DUE_P1,
    runs: RUNS,
    dueRun: {
      medianMs: round(due.medianMs),
      escalated: due.moved,
      perTicketMs: round(due.medianMs / Math.max(1, due.moved), 3),
    },
    idleRun: { medianMs: round(idle.medianMs, 2), escalated: idle.moved },
    idleRunSmall: { tickets: SMALL_TICKETS, medianMs: round(idleSmall.medianMs, 2) },
    idleAfterDueRun: { medianMs: round(after.medianMs, 2), escalated: after.moved },
    ratios: {
      idleBigOverIdleSmall: round(idle.medianMs / idleSmall.medianMs, 2),
      idleOverDue: round(idle.medianMs / due.medianMs, 4),
    },
    filingToPage,
  };
  console.log(JSON.stringify(results, null, 2));
  console.log(`Wrote ${await writeResults("escalation.json", results)}`);
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
