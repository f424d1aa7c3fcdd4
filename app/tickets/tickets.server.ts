import { createHmac, timingSafeEqual } from "node:crypto";
import { can, type Actor } from "../auth/permissions";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { appSecret, publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { renderMarkdown } from "../lib/markdown";
import { countMemberWrite, type MemberWrite, type WriteRefusal } from "../auth/write-limits.server";
import { notify } from "../notifications/notify.server";
import {
  ESCALATION_LEVELS,
  ESCALATION_ON_REQUEST,
  PLAN_NAMES,
  isPlanValue,
  priority as priorityOf,
  type Plan,
  type PriorityLevel,
} from "./policy-bridge";
import { firstResponseDueAt, nextP1UpdateDueAt } from "./sla";
import { storeAttachment, type CheckedFile } from "./attachments.server";
import {
  customerMayMarkSolved,
  formatTicketNumber,
  isTicketStatus,
  staffMayMove,
  statusAfterCustomerReply,
  statusAfterStaffReply,
  type TicketStatus,
} from "./statuses";
import { splitTicketNumbers, type TicketFormValues } from "./schemas";

/**
 * Tickets: filing, the conversation, and the moves staff and customers make. Every write that
 * changes a clock or a status records a timeline event in the same transaction.
 */

export type Db = PrismaClient;
type Tx = Prisma.TransactionClient;

export async function holidaySet(db: Db | Tx): Promise<Set<string>> {
  const rows = await db.supportHoliday.findMany({ select: { date: true } });
  return new Set(rows.map((row) => row.date));
}

export type FileTicketInput = {
  values: TicketFormValues;
  issueStartedAt: Date;
  files: CheckedFile[];
  deflectionTrail: unknown[];
};

/** `status` 429: over a write limit (the message says when to file again); otherwise the form was wrong (400). */
export type FileTicketResult =
  { ok: true; number: string; ticketId: string } | { ok: false; fieldErrors: Record<string, string>; status?: 429 };

/** Thrown inside the filing transaction to roll back the counts of a refused ticket. */
class OverTicketLimit extends Error {
  constructor(readonly refusal: WriteRefusal) {
    super(refusal.message);
  }
}

/** The ticket write limits (app/auth/write-limits.server.ts): every ticket, and Priority 1 on its own. */
async function refuseIfOverTicketLimits(tx: Tx, user: Actor, level: PriorityLevel, now: Date) {
  const writes: MemberWrite[] = level === 1 ? ["ticket", "priority-1-ticket"] : ["ticket"];
  for (const write of writes) {
    const verdict = await countMemberWrite(tx, user, write, now);
    if (!verdict.allowed) throw new OverTicketLimit(verdict);
  }
}

/** Related ticket numbers must be tickets of the same account. */
async function unknownRelatedNumbers(db: Db | Tx, accountId: string, numbers: string[]): Promise<string[]> {
  if (numbers.length === 0) return [];
  const found = await db.ticket.findMany({ where: { accountId, number: { in: numbers } }, select: { number: true } });
  const known = new Set(found.map((row) => row.number));
  return numbers.filter((number) => !known.has(number));
}

export async function fileTicket(
  db: Db,
  user: Actor & { email: string; account: { id: string; plan: Plan } | null },
  input: FileTicketInput,
  now = new Date(),
): Promise<FileTicketResult> {
  if (!user.account || !can(user, "ticket:create"))
    return { ok: false, fieldErrors: { form: "Only members of a customer account can file tickets." } };
  const account = user.account;
  const related = splitTicketNumbers(input.values.relatedTicketNumbers);
  const unknown = await unknownRelatedNumbers(db, account.id, related);
  if (unknown.length)
    return {
      ok: false,
      fieldErrors: {
        relatedTicketNumbers: `${unknown.join(", ")} ${unknown.length === 1 ? "is not a ticket" : "are not tickets"} of your account.`,
      },
    };
  const level = input.values.priority as PriorityLevel;
  const holidays = await holidaySet(db);
  for (const file of input.files) await storeAttachment(file);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        await refuseIfOverTicketLimits(tx, user, level, now);
        const last = await tx.ticket.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
        const seq = (last?.seq ?? 0) + 1;
        const number = formatTicketNumber(now.getUTCFullYear(), seq);
        const ticket = await tx.ticket.create({
          data: {
            seq,
            number,
            accountId: account.id,
            requesterId: user.id,
            subject: input.values.subject,
            contactName: input.values.contactName,
            contactPhone: input.values.contactPhone,
            descriptionMarkdown: input.values.description,
            descriptionHtml: renderMarkdown(input.values.description),
            businessImpact: input.values.businessImpact,
            usersAffected: input.values.usersAffected,
            issueStartedAt: input.issueStartedAt,
            errorMessages: input.values.errorMessages,
            stepsToReproduce: input.values.stepsToReproduce,
            alreadyTried: input.values.alreadyTried,
            systemSpecs: input.values.systemSpecs,
            recentChanges: input.values.recentChanges,
            relatedTicketNumbers: related.join(", "),
            priority: level,
            plan: account.plan,
            p1Confirmed: level === 1,
            firstResponseDueAt: firstResponseDueAt(now, account.plan, level, holidays),
            nextUpdateDueAt: level === 1 ? nextP1UpdateDueAt(now) : null,
            deflectionTrail: JSON.stringify(input.deflectionTrail),
            deflectionSessionId: input.values.deflectionSessionId ?? null,
            createdAt: now,
          },
        });
        await tx.ticketEvent.create({
          data: { ticketId: ticket.id, kind: "created", toValue: `P${level}`, actorId: user.id, createdAt: now },
        });
        if (input.files.length) {
          await tx.ticketAttachment.createMany({
            data: input.files.map((file) => ({
              ticketId: ticket.id,
              uploaderId: user.id,
              fileName: file.fileName,
              contentType: file.contentType,
              size: file.size,
              sha256: file.sha256,
              createdAt: now,
            })),
          });
        }
        if (input.values.deflectionSessionId) {
          const ownFlow = { id: input.values.deflectionSessionId, OR: [{ userId: user.id }, { userId: null }] };
          await tx.deflectionSession.updateMany({ where: ownFlow, data: { ticketId: ticket.id, userId: user.id } });
          // A confirmed flow stays confirmed: settlement then finds this ticket and marks it not held.
          await tx.deflectionSession.updateMany({
            where: { ...ownFlow, outcome: "open" },
            data: { outcome: "ticket" },
          });
        }
        await enqueueMail(tx, {
          to: user.email,
          subject: `[${number}] We received your request: ${input.values.subject}`,
          text: [
            `Your ticket ${number} is filed with Priority ${level} (${priorityOf(level).name}).`,
            `First response target for your ${PLAN_NAMES[account.plan]} plan: see the ticket page.`,
            "",
            `Follow it and reply at ${publicOrigin}/support/tickets/${number}`,
          ].join("\n"),
        });
        return { ok: true as const, number, ticketId: ticket.id };
      });
    } catch (error) {
      if (error instanceof OverTicketLimit) {
        return {
          ok: false,
          status: 429,
          fieldErrors: {
            [error.refusal.rule === "priority1TicketsPerDay" ? "priority" : "form"]: error.refusal.message,
          },
        };
      }
      // Two tickets filed at the same instant race for the next number: the loser takes the one after.
      if (attempt < 3 && error instanceof Error && /Unique constraint|P2002/.test(error.message)) continue;
      throw error;
    }
  }
}

export type TicketReader = Actor;

/** The ticket if this user may read it; null otherwise (callers answer 404 either way: no existence leak). */
export async function readableTicket(db: Db, number: string, user: TicketReader) {
  const ticket = await db.ticket.findUnique({ where: { number } });
  if (!ticket || !can(user, "ticket:read", ticket)) return null;
  return ticket;
}

export type TicketRow = NonNullable<Awaited<ReturnType<typeof readableTicket>>>;

export async function ticketConversation(db: Db, ticket: TicketRow, user: Actor) {
  const withInternal = can(user, "ticket:read-internal-notes");
  const [messages, attachments, events, authors] = await Promise.all([
    db.ticketMessage.findMany({
      where: { ticketId: ticket.id, ...(withInternal ? {} : { visibility: "public" }) },
      orderBy: { createdAt: "asc" },
    }),
    db.ticketAttachment.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } }),
    db.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } }),
    db.user.findMany({
      where: { OR: [{ id: ticket.requesterId }, { id: ticket.assigneeId ?? "" }] },
      select: { id: true, name: true },
    }),
  ]);
  const authorIds = [...new Set(messages.map((message) => message.authorId))];
  const messageAuthors = await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } });
  const names = new Map([...authors, ...messageAuthors].map((row) => [row.id, row.name]));
  return { messages, attachments, events, names };
}

type Mover = Actor & { name?: string };

async function recordEvent(
  tx: Tx,
  ticketId: string,
  kind: string,
  fields: { fromValue?: string; toValue?: string; actorId?: string | null; note?: string; at: Date },
) {
  await tx.ticketEvent.create({
    data: {
      ticketId,
      kind,
      fromValue: fields.fromValue ?? "",
      toValue: fields.toValue ?? "",
      actorId: fields.actorId ?? null,
      note: fields.note ?? "",
      createdAt: fields.at,
    },
  });
}

/** Pausing and restarting the resolution clock: every change is on the timeline. */
function pauseChanges(
  ticket: TicketRow,
  to: TicketStatus,
  now: Date,
): Prisma.TicketUpdateInput & { event?: "sla-paused" | "sla-resumed" } {
  if (to === "waiting-on-customer" && !ticket.slaPausedAt) return { slaPausedAt: now, event: "sla-paused" };
  if (to !== "waiting-on-customer" && ticket.slaPausedAt) {
    const pausedMs = now.getTime() - ticket.slaPausedAt.getTime();
    return {
      slaPausedAt: null,
      slaPausedMs: ticket.slaPausedMs + pausedMs,
      // The P1 update clock does not run while the agents wait on the customer.
      ...(ticket.nextUpdateDueAt ? { nextUpdateDueAt: new Date(ticket.nextUpdateDueAt.getTime() + pausedMs) } : {}),
      event: "sla-resumed",
    };
  }
  return {};
}

async function moveStatus(tx: Tx, ticket: TicketRow, to: TicketStatus, actorId: string | null, now: Date, note = "") {
  if (ticket.status === to) return;
  const { event, ...clock } = pauseChanges(ticket, to, now);
  await tx.ticket.update({
    where: { id: ticket.id },
    data: {
      status: to,
      ...clock,
      ...(to === "solved" ? { solvedAt: now } : {}),
      ...(ticket.status === "solved" && to !== "closed" ? { solvedAt: null } : {}),
    },
  });
  await recordEvent(tx, ticket.id, "status", { fromValue: ticket.status, toValue: to, actorId, note, at: now });
  if (event) await recordEvent(tx, ticket.id, event, { actorId, at: now });
}

export type ReplyInput = { body: string; visibility: "public" | "internal"; files: CheckedFile[] };

/**
 * A message on the ticket. The first public staff reply stops the first-response clock; a public
 * staff reply on a P1 sets the next update due; a customer reply brings a waiting or solved ticket back.
 */
export async function addReply(db: Db, ticket: TicketRow, user: Mover, input: ReplyInput, now = new Date()) {
  const byStaff = can(user, "ticket:work");
  if (!can(user, "ticket:reply", ticket)) return { ok: false as const, message: "You cannot reply to this ticket." };
  if (ticket.status === "closed")
    return {
      ok: false as const,
      message: "This ticket is closed. File a new ticket and name this one under related tickets.",
    };
  const visibility = byStaff ? input.visibility : "public";
  for (const file of input.files) await storeAttachment(file);
  const messageId = await db.$transaction(async (tx) => {
    const message = await tx.ticketMessage.create({
      data: {
        ticketId: ticket.id,
        authorId: user.id,
        visibility,
        byStaff,
        bodyMarkdown: input.body,
        bodyHtml: renderMarkdown(input.body),
        createdAt: now,
      },
    });
    if (input.files.length) {
      await tx.ticketAttachment.createMany({
        data: input.files.map((file) => ({
          ticketId: ticket.id,
          messageId: message.id,
          uploaderId: user.id,
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.size,
          sha256: file.sha256,
          createdAt: now,
        })),
      });
    }
    if (visibility === "internal") return message.id;
    if (byStaff) {
      const data: Prisma.TicketUpdateInput = {};
      if (!ticket.firstRespondedAt) data.firstRespondedAt = now;
      if (ticket.priority === 1) {
        data.nextUpdateDueAt = nextP1UpdateDueAt(now);
        data.updateOverdueAlertedAt = null;
      }
      if (Object.keys(data).length) await tx.ticket.update({ where: { id: ticket.id }, data });
      if (!ticket.firstRespondedAt) await recordEvent(tx, ticket.id, "first-response", { actorId: user.id, at: now });
      await moveStatus(tx, ticket, statusAfterStaffReply(ticket.status as TicketStatus), user.id, now);
      await notify(tx, {
        userId: ticket.requesterId,
        kind: "ticket",
        title: `New reply on ${ticket.number}: ${ticket.subject}`,
        url: `/support/tickets/${ticket.number}`,
        actorId: user.id,
      });
      const requester = await tx.user.findUnique({ where: { id: ticket.requesterId }, select: { email: true } });
      if (requester) {
        await enqueueMail(tx, {
          to: requester.email,
          subject: `[${ticket.number}] New reply: ${ticket.subject}`,
          text: `Support replied to your ticket ${ticket.number}.\n\nRead and answer at ${publicOrigin}/support/tickets/${ticket.number}`,
        });
      }
    } else {
      await moveStatus(tx, ticket, statusAfterCustomerReply(ticket.status as TicketStatus), user.id, now);
      if (ticket.assigneeId)
        await notify(tx, {
          userId: ticket.assigneeId,
          kind: "ticket",
          title: `Customer replied on ${ticket.number}`,
          url: `/admin/tickets/${ticket.number}`,
          actorId: user.id,
        });
    }
    return message.id;
  });
  // The pages send the writer to the new message (#message-<id>).
  return { ok: true as const, messageId };
}

export async function setStatusByStaff(db: Db, ticket: TicketRow, user: Mover, to: string, now = new Date()) {
  if (!isTicketStatus(to)) return { ok: false as const, message: "Unknown status." };
  if (!staffMayMove(ticket.status as TicketStatus, to))
    return { ok: false as const, message: `A ${ticket.status} ticket cannot be set to ${to}.` };
  await db.$transaction(async (tx) => {
    await moveStatus(tx, ticket, to, user.id, now);
    if (to === "escalated" && ticket.escalationLevel < 2)
      await setLevelIn(tx, ticket, 2, user.id, now, "Escalated by staff");
  });
  return { ok: true as const };
}

async function setLevelIn(tx: Tx, ticket: TicketRow, level: number, actorId: string | null, now: Date, note: string) {
  await tx.ticket.update({ where: { id: ticket.id }, data: { escalationLevel: level } });
  await recordEvent(tx, ticket.id, "escalated", {
    fromValue: `L${ticket.escalationLevel}`,
    toValue: `L${level}`,
    actorId,
    note,
    at: now,
  });
}

export async function setLevelByStaff(db: Db, ticket: TicketRow, user: Mover, level: number, now = new Date()) {
  if (!ESCALATION_LEVELS.some((entry) => entry.level === level))
    return { ok: false as const, message: "Unknown escalation level." };
  if (level === ticket.escalationLevel) return { ok: true as const };
  await db.$transaction((tx) => setLevelIn(tx, ticket, level, user.id, now, "Set by staff"));
  return { ok: true as const };
}

/** A new priority recomputes the first-response due time from the opening (when no one has answered yet). */
async function changePriority(
  tx: Tx,
  ticket: TicketRow,
  level: PriorityLevel,
  actorId: string,
  now: Date,
  note: string,
) {
  const plan = isPlanValue(ticket.plan) ? ticket.plan : "standard";
  const data: Prisma.TicketUpdateInput = { priority: level };
  if (!ticket.firstRespondedAt)
    data.firstResponseDueAt = firstResponseDueAt(ticket.createdAt, plan, level, await holidaySet(tx));
  if (level === 1) {
    data.p1Confirmed = true;
    if (!ticket.nextUpdateDueAt) data.nextUpdateDueAt = nextP1UpdateDueAt(now);
  } else {
    data.nextUpdateDueAt = null;
  }
  await tx.ticket.update({ where: { id: ticket.id }, data });
  await recordEvent(tx, ticket.id, "priority", {
    fromValue: `P${ticket.priority}`,
    toValue: `P${level}`,
    actorId,
    note,
    at: now,
  });
}

export async function setPriorityByStaff(db: Db, ticket: TicketRow, user: Mover, level: number, now = new Date()) {
  if (![1, 2, 3, 4].includes(level)) return { ok: false as const, message: "Unknown priority." };
  if (level === ticket.priority) return { ok: true as const };
  await db.$transaction((tx) => changePriority(tx, ticket, level as PriorityLevel, user.id, now, "Set by staff"));
  return { ok: true as const };
}

/** Customers may only raise the priority (a lower number), with a reason. */
export async function raisePriorityByCustomer(
  db: Db,
  ticket: TicketRow,
  user: Mover,
  level: number,
  reason: string,
  now = new Date(),
) {
  if (ticket.status === "closed" || ticket.status === "solved")
    return { ok: false as const, message: "This ticket is no longer open." };
  if (level >= ticket.priority)
    return { ok: false as const, message: "Choose a higher priority than the current one." };
  await db.$transaction((tx) => changePriority(tx, ticket, level as PriorityLevel, user.id, now, reason));
  return { ok: true as const };
}

/** Enterprise customers may ask for escalation at any time (ESCALATION_ON_REQUEST). */
export async function requestEscalation(db: Db, ticket: TicketRow, user: Mover, reason: string, now = new Date()) {
  if (!isPlanValue(ticket.plan) || !ESCALATION_ON_REQUEST.includes(ticket.plan))
    return {
      ok: false as const,
      message:
        "Escalation on request is part of the Enterprise plan. You can raise the priority with a reason instead.",
    };
  if (ticket.status === "closed" || ticket.status === "solved")
    return { ok: false as const, message: "This ticket is no longer open." };
  const top = Math.max(...ESCALATION_LEVELS.map((entry) => entry.level));
  if (ticket.escalationLevel >= top)
    return { ok: false as const, message: "This ticket is already at the highest escalation level." };
  await db.$transaction(async (tx) => {
    await setLevelIn(tx, ticket, ticket.escalationLevel + 1, user.id, now, reason || "Requested by the customer");
    await moveStatus(tx, ticket, "escalated", user.id, now);
    if (ticket.assigneeId)
      await notify(tx, {
        userId: ticket.assigneeId,
        kind: "ticket",
        title: `${ticket.number} escalated by the customer`,
        url: `/admin/tickets/${ticket.number}`,
        actorId: user.id,
      });
  });
  return { ok: true as const };
}

export async function markSolvedByCustomer(db: Db, ticket: TicketRow, user: Mover, now = new Date()) {
  if (!customerMayMarkSolved(ticket.status as TicketStatus))
    return { ok: false as const, message: "This ticket is already solved or closed." };
  await db.$transaction((tx) => moveStatus(tx, ticket, "solved", user.id, now, "Marked solved by the customer"));
  return { ok: true as const };
}

export async function assignTicket(
  db: Db,
  ticket: TicketRow,
  user: Mover,
  assigneeId: string | null,
  now = new Date(),
) {
  if (assigneeId) {
    const assignee = await db.user.findUnique({ where: { id: assigneeId }, select: { role: true } });
    if (!assignee || !["agent", "admin"].includes(assignee.role))
      return { ok: false as const, message: "Tickets are assigned to agents." };
  }
  await db.$transaction(async (tx) => {
    await tx.ticket.update({ where: { id: ticket.id }, data: { assigneeId } });
    await recordEvent(tx, ticket.id, "assigned", {
      fromValue: ticket.assigneeId ?? "",
      toValue: assigneeId ?? "",
      actorId: user.id,
      at: now,
    });
    if (assigneeId)
      await notify(tx, {
        userId: assigneeId,
        kind: "ticket",
        title: `${ticket.number} was assigned to you`,
        url: `/admin/tickets/${ticket.number}`,
        actorId: user.id,
      });
  });
  return { ok: true as const };
}

// ---------------------------------------------------------------------------
// Satisfaction survey: a signed link that works without signing in; one answer per ticket.

export function surveySignature(ticketId: string, secret = appSecret): string {
  return createHmac("sha256", secret).update(`ticket-survey:${ticketId}`).digest("base64url").slice(0, 32);
}

export function surveyPath(ticketId: string): string {
  return `/support/survey/${ticketId}/${surveySignature(ticketId)}`;
}

export function verifySurveySignature(ticketId: string, signature: string, secret = appSecret): boolean {
  const expected = Buffer.from(surveySignature(ticketId, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Records the answer once: a second answer is refused (false). */
export async function answerSurvey(
  db: Db,
  ticketId: string,
  rating: number,
  comment: string,
  now = new Date(),
): Promise<boolean> {
  const updated = await db.ticketSurvey.updateMany({
    where: { ticketId, answeredAt: null },
    data: { rating, comment, answeredAt: now },
  });
  return updated.count === 1;
}

export async function staffAssignees(db: Db) {
  return db.user.findMany({
    where: { role: { in: ["agent", "admin"] } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** Staff link a ticket to the idea it asks for (null unlinks); when the idea ships, the ticket's customer is told with its voters. */
export async function linkIdea(db: Db, ticket: TicketRow, user: Mover, ideaId: number | null, now = new Date()) {
  if (!can(user, "ticket:work")) return { ok: false as const, message: "Only staff link tickets to ideas." };
  if (ideaId !== null) {
    const idea = await db.idea.findUnique({ where: { id: ideaId }, select: { id: true, mergedIntoId: true } });
    if (!idea) return { ok: false as const, message: `There is no idea #${ideaId}.` };
    // A merged idea lives on in the one it was merged into: link that, so shipping reaches this customer.
    if (idea.mergedIntoId !== null) ideaId = idea.mergedIntoId;
  }
  if (ideaId === ticket.ideaId) return { ok: true as const };
  await db.$transaction(async (tx) => {
    await tx.ticket.update({ where: { id: ticket.id }, data: { ideaId } });
    await recordEvent(tx, ticket.id, "idea-linked", {
      fromValue: ticket.ideaId ? `#${ticket.ideaId}` : "",
      toValue: ideaId ? `#${ideaId}` : "",
      actorId: user.id,
      at: now,
    });
  });
  return { ok: true as const };
}

export async function linkedIdeaOf(db: Db, ticket: TicketRow) {
  if (ticket.ideaId === null) return null;
  return db.idea.findUnique({
    where: { id: ticket.ideaId },
    select: { id: true, slug: true, title: true, status: true },
  });
}
