import { emailFirstResponseDueAt } from "./email-target";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { notify } from "../notifications/notify.server";
import { onCallPrimary } from "../oncall/paging.server";
import { ESCALATION_LEVELS, SOLVED_TICKET_CLOSES_AFTER_DAYS, ticketRetentionMonths } from "../support/policy";
import { deleteStoredAttachment } from "./attachments.server";
import { firstResponseDueAt, nextP1UpdateDueAt, p1LevelDue } from "./sla";
import { isPlanValue, type PriorityLevel } from "./policy-bridge";
import { surveyPath } from "./survey-links.server";
import { queueTicketIndexing } from "./search-documents.server";
import { inRetriedTransaction } from "../lib/transactions.server";

/**
 * The ticket jobs. Each is idempotent (a second run finds nothing to do) and cheap when nothing is
 * due: the first query selects only rows whose due instant has passed, through an index.
 */

type Tx = Prisma.TransactionClient;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const BATCH = 500;
const UNRESOLVED = ["new", "open", "escalated"];

function levelTitle(level: number) {
  return ESCALATION_LEVELS.find((entry) => entry.level === level)?.title ?? `Level ${level}`;
}

async function staffOnDuty(tx: Tx, assigneeId: string | null): Promise<string[]> {
  if (assigneeId) return [assigneeId];
  const agents = await tx.user.findMany({ where: { role: { in: ["agent", "admin"] } }, select: { id: true } });
  return agents.map((agent) => agent.id);
}

/**
 * Unresolved P1 tickets move up the policy's escalation schedule (time waiting on the customer does
 * not count). Each move is on the timeline and notified to the assignee and the customer.
 */
type EscalationCandidate = {
  id: string;
  number: string;
  createdAt: Date;
  slaPausedMs: number;
  slaPausedAt: Date | null;
  escalationLevel: number;
  assigneeId: string | null;
  requesterId: string;
};

async function escalateOne(db: PrismaClient, ticket: EscalationCandidate, now: Date): Promise<boolean> {
  const due = p1LevelDue(ticket, now);
  if (due <= ticket.escalationLevel) return false;
  return inRetriedTransaction(
    async (tx) => {
      // The guarded update makes a concurrent or repeated run a no-op.
      const updated = await tx.ticket.updateMany({
        where: { id: ticket.id, escalationLevel: ticket.escalationLevel },
        data: { escalationLevel: due, status: "escalated" },
      });
      if (updated.count === 0) return false;
      await tx.ticketEvent.create({
        data: {
          ticketId: ticket.id,
          kind: "escalated",
          fromValue: `L${ticket.escalationLevel}`,
          toValue: `L${due}`,
          note: `Priority 1 unresolved: moved to ${levelTitle(due)} by the escalation schedule`,
          createdAt: now,
        },
      });
      const title = `${ticket.number} escalated to L${due} (${levelTitle(due)})`;
      if (ticket.assigneeId)
        await notify(tx, { userId: ticket.assigneeId, kind: "ticket", title, url: `/admin/tickets/${ticket.number}` });
      await notify(tx, {
        userId: ticket.requesterId,
        kind: "ticket",
        title: `Your ticket ${ticket.number} was escalated to ${levelTitle(due)}`,
        url: `/support/tickets/${ticket.number}`,
      });
      return true;
    },
    { db },
  );
}

export async function escalateTickets(db: PrismaClient, now: Date): Promise<number> {
  const schedule = ESCALATION_LEVELS.filter((entry) => entry.priority1EscalationAfter !== undefined);
  let moved = 0;
  // One simple query per step (an OR of the steps defeats SQLite's index): a ticket is a candidate
  // once it is old enough for a level it has not reached.
  for (const step of [...schedule].reverse()) {
    const openedBefore = new Date(now.getTime() - (step.priority1EscalationAfter as number) * MINUTE_MS);
    let cursor: string | undefined;
    for (;;) {
      const candidates = await db.ticket.findMany({
        where: {
          status: { in: UNRESOLVED },
          priority: 1,
          createdAt: { lte: openedBefore },
          escalationLevel: { lt: step.level },
          ...(cursor ? { id: { gt: cursor } } : {}),
        },
        select: {
          id: true,
          number: true,
          subject: true,
          createdAt: true,
          slaPausedMs: true,
          slaPausedAt: true,
          escalationLevel: true,
          assigneeId: true,
          requesterId: true,
        },
        orderBy: { id: "asc" },
        take: BATCH,
      });
      if (candidates.length === 0) break;
      cursor = candidates[candidates.length - 1]!.id;
      for (const ticket of candidates) if (await escalateOne(db, ticket, now)) moved += 1;
      if (candidates.length < BATCH) break;
    }
  }
  return moved;
}

type AlertFlag = "firstResponseBreachAlertedAt" | "updateOverdueAlertedAt";

/**
 * One alert for a ticket, once: in one transaction, sets the ticket's flag if it is still unset (so
 * two instances running the job never both alert), records the event on its timeline and runs
 * `notifyStaff`. False when the flag was already set.
 */
async function alertOnce(
  db: PrismaClient,
  ticketId: string,
  flag: AlertFlag,
  eventKind: string,
  now: Date,
  notifyStaff: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<boolean> {
  return inRetriedTransaction(
    async (tx) => {
      const flagged = await tx.ticket.updateMany({ where: { id: ticketId, [flag]: null }, data: { [flag]: now } });
      if (flagged.count === 0) return false;
      await tx.ticketEvent.create({ data: { ticketId, kind: eventKind, createdAt: now } });
      await notifyStaff(tx);
      return true;
    },
    { db },
  );
}

/** A breached first-response target or a missed P1 update raises one alert each (flag + timeline + staff notified). */
export async function alertOverdueTickets(db: PrismaClient, now: Date): Promise<number> {
  let alerted = 0;
  const breached = await db.ticket.findMany({
    where: {
      status: { in: [...UNRESOLVED, "waiting-on-customer"] },
      firstRespondedAt: null,
      firstResponseDueAt: { lte: now },
      firstResponseBreachAlertedAt: null,
    },
    select: { id: true, number: true, assigneeId: true },
    take: 5_000,
  });
  for (const ticket of breached)
    if (
      await alertOnce(db, ticket.id, "firstResponseBreachAlertedAt", "first-response-breached", now, async (tx) => {
        for (const userId of await staffOnDuty(tx, ticket.assigneeId))
          await notify(tx, {
            userId,
            kind: "ticket",
            title: `First response overdue on ${ticket.number}`,
            url: `/admin/tickets/${ticket.number}`,
            groupKey: `ticket-breach:${ticket.id}`,
          });
      })
    )
      alerted += 1;
  const overdue = await db.ticket.findMany({
    where: {
      status: { in: UNRESOLVED },
      priority: 1,
      slaPausedAt: null,
      nextUpdateDueAt: { lte: now },
      updateOverdueAlertedAt: null,
    },
    select: { id: true, number: true, assigneeId: true },
    take: 5_000,
  });
  for (const ticket of overdue)
    if (
      await alertOnce(db, ticket.id, "updateOverdueAlertedAt", "update-overdue", now, async (tx) => {
        // The on-call primary holds the pager for P1: a missed update reaches them as well as the assignee.
        const primary = await onCallPrimary(tx, now);
        const recipients = new Set([...(await staffOnDuty(tx, ticket.assigneeId)), ...(primary ? [primary] : [])]);
        for (const userId of recipients)
          await notify(tx, {
            userId,
            kind: "ticket",
            title: `Priority 1 update overdue on ${ticket.number}`,
            url: `/admin/tickets/${ticket.number}`,
          });
      })
    )
      alerted += 1;
  return alerted;
}

/** Solved tickets with no customer reply for the policy's days close; the customer gets the survey. */
export async function closeSolvedTickets(db: PrismaClient, now: Date): Promise<number> {
  const solvedBefore = new Date(now.getTime() - SOLVED_TICKET_CLOSES_AFTER_DAYS * DAY_MS);
  const due = await db.ticket.findMany({
    where: { status: "solved", solvedAt: { lte: solvedBefore } },
    select: { id: true, number: true, subject: true, requesterId: true },
    take: 5_000,
  });
  let closed = 0;
  for (const ticket of due) {
    await inRetriedTransaction(
      async (tx) => {
        const updated = await tx.ticket.updateMany({
          where: { id: ticket.id, status: "solved" },
          data: { status: "closed", closedAt: now },
        });
        if (updated.count === 0) return;
        closed += 1;
        await tx.ticketEvent.create({
          data: {
            ticketId: ticket.id,
            kind: "status",
            fromValue: "solved",
            toValue: "closed",
            note: `No reply for ${SOLVED_TICKET_CLOSES_AFTER_DAYS} days after it was solved`,
            createdAt: now,
          },
        });
        await tx.ticketSurvey.upsert({
          where: { ticketId: ticket.id },
          create: { ticketId: ticket.id, sentAt: now },
          update: {},
        });
        const requester = await tx.user.findUnique({ where: { id: ticket.requesterId }, select: { email: true } });
        await notify(tx, {
          userId: ticket.requesterId,
          kind: "ticket",
          title: `How did we do on ${ticket.number}?`,
          url: `/support/tickets/${ticket.number}#survey`,
        });
        if (requester) {
          await enqueueMail(tx, {
            to: requester.email,
            subject: `[${ticket.number}] How did we do?`,
            text: `Your ticket ${ticket.number} (${ticket.subject}) is closed.\n\nTell us how we did, from 1 to 5, on one short page (no sign-in needed):\n${publicOrigin}${surveyPath(ticket.id)}`,
          });
        }
      },
      { db },
    );
  }
  return closed;
}

export function retentionCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - ticketRetentionMonths());
  return cutoff;
}

/** Closed tickets past the retention period: what the retention job deletes. */
export async function ticketsPastRetention(db: PrismaClient, now: Date) {
  return db.ticket.findMany({
    where: { status: "closed", closedAt: { lte: retentionCutoff(now) } },
    select: { id: true, number: true, closedAt: true },
    orderBy: { closedAt: "asc" },
  });
}

export async function retentionDryRun(db: PrismaClient, now: Date): Promise<string[]> {
  const due = await ticketsPastRetention(db, now);
  const counts = await Promise.all(
    due.map((ticket) =>
      Promise.all([
        db.ticketMessage.count({ where: { ticketId: ticket.id } }),
        db.ticketAttachment.count({ where: { ticketId: ticket.id } }),
      ]),
    ),
  );
  return due.map(
    (ticket, index) =>
      `would delete ${ticket.number} (closed ${ticket.closedAt?.toISOString().slice(0, 10)}): ${counts[index]![0]} messages, ${counts[index]![1]} attachments`,
  );
}

/** Deletes tickets (messages, attachments, events, survey cascade) past retention; stored files no ticket uses any more go too. */
export async function deleteExpiredTickets(db: PrismaClient, now: Date): Promise<number> {
  const due = await ticketsPastRetention(db, now);
  let deleted = 0;
  for (const ticket of due) {
    const hashes = (
      await db.ticketAttachment.findMany({ where: { ticketId: ticket.id }, select: { sha256: true } })
    ).map((row) => row.sha256);
    await inRetriedTransaction(
      async (tx) => {
        await tx.deflectionSession.updateMany({ where: { ticketId: ticket.id }, data: { ticketId: null } });
        // The email channel's rows about the ticket go with it: the mail received for it (whole messages),
        // its reply keys and copied colleagues.
        await tx.inboundEmail.deleteMany({ where: { ticketId: ticket.id } });
        await tx.emailReplyKey.deleteMany({ where: { ticketId: ticket.id } });
        await tx.ticketCc.deleteMany({ where: { ticketId: ticket.id } });
        await tx.ticket.delete({ where: { id: ticket.id } });
      },
      { db },
    );
    deleted += 1;
    await queueTicketIndexing([ticket.id]);
    for (const sha256 of new Set(hashes)) {
      if ((await db.ticketAttachment.count({ where: { sha256 } })) === 0) await deleteStoredAttachment(sha256);
    }
  }
  return deleted;
}

const STILL_UNDER_SLA = ["new", "open", "waiting-on-customer", "escalated"];

/** Time the ticket spent waiting on the customer after `from`, from the timeline's closed pause intervals. */
function pausedMsAfter(events: { kind: string; createdAt: Date }[], from: Date): number {
  let total = 0;
  let pausedAt: Date | null = null;
  for (const event of events) {
    if (event.kind === "sla-paused") pausedAt = event.createdAt;
    if (event.kind === "sla-resumed" && pausedAt) {
      const start = Math.max(pausedAt.getTime(), from.getTime());
      total += Math.max(0, event.createdAt.getTime() - start);
      pausedAt = null;
    }
  }
  return total;
}

/**
 * Recomputes the due times of every ticket still under its SLA from the policy module as it is now
 * (a plan's targets or the way the clocks count changed, e.g. from business hours to around the clock): the first-response due time while no one has
 * answered, and the Priority 1 update due time from the last public staff reply. A changed due time
 * is written with a timeline event and clears the matching alert, so a later breach alerts again;
 * an unchanged one is left alone (a second run changes nothing).
 */
export async function recalculateSlaDueTimes(db: PrismaClient, now: Date): Promise<number> {
  let changed = 0;
  let cursor: string | undefined;
  for (;;) {
    const tickets = await db.ticket.findMany({
      where: { status: { in: STILL_UNDER_SLA }, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: {
        id: true,
        plan: true,
        priority: true,
        createdAt: true,
        firstRespondedAt: true,
        firstResponseDueAt: true,
        nextUpdateDueAt: true,
        slaPausedAt: true,
        slaPausedMs: true,
        emailTarget: true,
      },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (tickets.length === 0) break;
    cursor = tickets[tickets.length - 1]!.id;
    for (const ticket of tickets) {
      const plan = isPlanValue(ticket.plan) ? ticket.plan : "standard";
      const level = ticket.priority as PriorityLevel;
      const data: Prisma.TicketUpdateInput = {};
      const notes: string[] = [];
      if (!ticket.firstRespondedAt) {
        // A mailed ticket no agent has prioritized yet keeps the plan's email target.
        const due = ticket.emailTarget
          ? emailFirstResponseDueAt(ticket.createdAt, plan, ticket.slaPausedMs)
          : firstResponseDueAt(ticket.createdAt, plan, level, ticket.slaPausedMs);
        if (due.getTime() !== ticket.firstResponseDueAt.getTime()) {
          data.firstResponseDueAt = due;
          data.firstResponseBreachAlertedAt = null;
          notes.push(`first response due ${ticket.firstResponseDueAt.toISOString()} → ${due.toISOString()}`);
        }
      }
      // While paused, the update clock is moved on when the customer answers; recompute it then.
      if (!ticket.slaPausedAt) {
        let nextUpdate: Date | null = null;
        if (level === 1) {
          const lastUpdate = await db.ticketMessage.findFirst({
            where: { ticketId: ticket.id, byStaff: true, visibility: "public" },
            orderBy: { createdAt: "desc" },
            select: { createdAt: true },
          });
          const from = lastUpdate?.createdAt ?? ticket.createdAt;
          const events = await db.ticketEvent.findMany({
            where: { ticketId: ticket.id, kind: { in: ["sla-paused", "sla-resumed"] } },
            orderBy: { createdAt: "asc" },
            select: { kind: true, createdAt: true },
          });
          nextUpdate = new Date(nextP1UpdateDueAt(from).getTime() + pausedMsAfter(events, from));
        }
        if ((nextUpdate?.getTime() ?? null) !== (ticket.nextUpdateDueAt?.getTime() ?? null)) {
          data.nextUpdateDueAt = nextUpdate;
          data.updateOverdueAlertedAt = null;
          notes.push(
            `next update due ${ticket.nextUpdateDueAt?.toISOString() ?? "none"} → ${nextUpdate?.toISOString() ?? "none"}`,
          );
        }
      }
      if (notes.length === 0) continue;
      await inRetriedTransaction(
        async (tx) => {
          await tx.ticket.update({ where: { id: ticket.id }, data });
          await tx.ticketEvent.create({
            data: {
              ticketId: ticket.id,
              kind: "sla-recalculated",
              note: `Support policy changed: ${notes.join("; ")}`,
              createdAt: now,
            },
          });
        },
        { db },
      );
      changed += 1;
    }
    if (tickets.length < BATCH) break;
  }
  return changed;
}
