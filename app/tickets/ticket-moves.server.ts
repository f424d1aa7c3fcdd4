import { can } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { afterTasksQueued } from "../lib/task-queue.server";
import { notify } from "../notifications/notify.server";
import { ESCALATION_LEVELS, ESCALATION_ON_REQUEST, isPlanValue, type PriorityLevel } from "./policy-bridge";
import { firstResponseDueAt, nextP1UpdateDueAt } from "./sla";
import { customerMayMarkSolved, isTicketStatus, staffMayMove, type TicketStatus } from "./statuses";
import type { Tx, TicketRow } from "./ticket-reads.server";
import { queueTicketIndexing } from "./search-documents.server";
import { moveStatus, recordEvent, setLevelIn, type Mover } from "./ticket-timeline.server";
import { pageForPriority1, resolveTicketPage } from "./ticket-pages.server";
import { inRetriedTransaction } from "../lib/transactions.server";

/**
 * The moves staff and customers make on a ticket: status, escalation level, priority, assignee and linked idea.
 * A move that changes what the ticket's search document holds (status, priority) queues it after the commit.
 * A move the rules forbid throws a Refusal: 400 for a value outside the lists, 403 for someone who may
 * not make it, 404 for an idea that does not exist, 409 for a move the ticket's state or plan does not allow.
 */

export async function setStatusByStaff(user: Mover, ticket: TicketRow, to: string, now = new Date()) {
  if (!isTicketStatus(to)) throw new Refusal(400, "Unknown status.");
  if (!staffMayMove(ticket.status as TicketStatus, to))
    throw new Refusal(409, `A ${ticket.status} ticket cannot be set to ${to}.`);
  await inRetriedTransaction(async (tx) => {
    await moveStatus(tx, ticket, to, user.id, now);
    if (to === "escalated" && ticket.escalationLevel < 2)
      await setLevelIn(tx, ticket, 2, user.id, now, "Escalated by staff");
  });
  await afterTasksQueued();
  await queueTicketIndexing([ticket.id]);
}

export async function setLevelByStaff(user: Mover, ticket: TicketRow, level: number, now = new Date()) {
  if (!ESCALATION_LEVELS.some((entry) => entry.level === level)) throw new Refusal(400, "Unknown escalation level.");
  if (level === ticket.escalationLevel) return;
  await inRetriedTransaction((tx) => setLevelIn(tx, ticket, level, user.id, now, "Set by staff"));
}

/** A new priority recomputes the first-response due time from the opening, less time spent waiting on the customer (when no one has answered yet). */
async function changePriority(
  tx: Tx,
  ticket: TicketRow,
  level: PriorityLevel,
  actorId: string,
  now: Date,
  note: string,
) {
  const plan = isPlanValue(ticket.plan) ? ticket.plan : "standard";
  // A priority set on a mailed ticket replaces the plan's email target with the priority's target.
  const data: Prisma.TicketUpdateInput = { priority: level, emailTarget: false };
  if (!ticket.firstRespondedAt)
    data.firstResponseDueAt = firstResponseDueAt(ticket.createdAt, plan, level, ticket.slaPausedMs);
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
  // Becoming P1 pages the on-call engineer (a mailed ticket reaches P1 only this way); leaving it ends the page.
  if (level === 1 && ticket.priority !== 1) await pageForPriority1(tx, ticket, now);
  if (level !== 1 && ticket.priority === 1) await resolveTicketPage(tx, ticket, now);
}

export async function setPriorityByStaff(user: Mover, ticket: TicketRow, level: number, now = new Date()) {
  if (![1, 2, 3, 4].includes(level)) throw new Refusal(400, "Unknown priority.");
  // On a mailed ticket, choosing the priority it shows (Medium) still ends the email target.
  if (level === ticket.priority && !ticket.emailTarget) return;
  await inRetriedTransaction((tx) => changePriority(tx, ticket, level as PriorityLevel, user.id, now, "Set by staff"));
  await afterTasksQueued();
  await queueTicketIndexing([ticket.id]);
}

/** Customers may only raise the priority (a lower number), with a reason. */
export async function raisePriorityByCustomer(
  user: Mover,
  ticket: TicketRow,
  level: number,
  reason: string,
  now = new Date(),
) {
  if (ticket.status === "closed" || ticket.status === "solved")
    throw new Refusal(409, "This ticket is no longer open.");
  if (level >= ticket.priority) throw new Refusal(409, "Choose a higher priority than the current one.");
  await inRetriedTransaction((tx) => changePriority(tx, ticket, level as PriorityLevel, user.id, now, reason));
  await afterTasksQueued();
  await queueTicketIndexing([ticket.id]);
}

/** Enterprise customers may ask for escalation at any time (ESCALATION_ON_REQUEST). */
export async function requestEscalation(user: Mover, ticket: TicketRow, reason: string, now = new Date()) {
  if (!isPlanValue(ticket.plan) || !ESCALATION_ON_REQUEST.includes(ticket.plan))
    throw new Refusal(
      409,
      "Escalation on request is part of the Enterprise plan. You can raise the priority with a reason instead.",
    );
  if (ticket.status === "closed" || ticket.status === "solved")
    throw new Refusal(409, "This ticket is no longer open.");
  const top = Math.max(...ESCALATION_LEVELS.map((entry) => entry.level));
  if (ticket.escalationLevel >= top) throw new Refusal(409, "This ticket is already at the highest escalation level.");
  await inRetriedTransaction(async (tx) => {
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
  await queueTicketIndexing([ticket.id]);
}

export async function markSolvedByCustomer(user: Mover, ticket: TicketRow, now = new Date()) {
  if (!customerMayMarkSolved(ticket.status as TicketStatus))
    throw new Refusal(409, "This ticket is already solved or closed.");
  await inRetriedTransaction((tx) => moveStatus(tx, ticket, "solved", user.id, now, "Marked solved by the customer"));
  await afterTasksQueued();
  await queueTicketIndexing([ticket.id]);
}

export async function assignTicket(user: Mover, ticket: TicketRow, assigneeId: string | null, now = new Date()) {
  if (assigneeId) {
    const assignee = await prisma.user.findUnique({ where: { id: assigneeId }, select: { role: true } });
    if (!assignee || !["agent", "admin"].includes(assignee.role))
      throw new Refusal(400, "Tickets are assigned to agents.", { field: "assigneeId" });
  }
  await inRetriedTransaction(async (tx) => {
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
}

/** Staff link a ticket to the idea it asks for (null unlinks); when the idea ships, the ticket's customer is told with its voters. */
export async function linkIdea(user: Mover, ticket: TicketRow, ideaId: number | null, now = new Date()) {
  if (!can(user, "ticket:work")) throw new Refusal(403, "Only staff link tickets to ideas.");
  if (ideaId !== null) {
    const idea = await prisma.idea.findUnique({ where: { id: ideaId }, select: { id: true, mergedIntoId: true } });
    if (!idea) throw new Refusal(404, `There is no idea #${ideaId}.`, { field: "ideaId" });
    // A merged idea lives on in the one it was merged into: link that, so shipping reaches this customer.
    if (idea.mergedIntoId !== null) ideaId = idea.mergedIntoId;
  }
  if (ideaId === ticket.ideaId) return;
  await inRetriedTransaction(async (tx) => {
    await tx.ticket.update({ where: { id: ticket.id }, data: { ideaId } });
    await recordEvent(tx, ticket.id, "idea-linked", {
      fromValue: ticket.ideaId ? `#${ticket.ideaId}` : "",
      toValue: ideaId ? `#${ideaId}` : "",
      actorId: user.id,
      at: now,
    });
  });
}
