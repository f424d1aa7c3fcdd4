import type { Actor } from "../auth/permissions";
import { can } from "../auth/permissions";
import { ESCALATION_LEVELS, PLAN_NAMES, formatFirstResponseTarget, priority as priorityOf, type PriorityLevel } from "../support/policy";
import { isPlanValue } from "./policy-bridge";
import { TICKET_STATUS_LABELS, isTicketStatus } from "./statuses";
import { surveyPath, ticketConversation, type Db, type TicketRow } from "./tickets.server";

/** A ticket as the pages show it: plain values and ISO strings only. */
export async function ticketView(db: Db, ticket: TicketRow, user: Actor) {
  const { messages, attachments, events, names } = await ticketConversation(db, ticket, user);
  const staff = can(user, "ticket:read-internal-notes");
  const plan = isPlanValue(ticket.plan) ? ticket.plan : "standard";
  const level = ticket.priority as PriorityLevel;
  const account = await db.customerAccount.findUnique({ where: { id: ticket.accountId }, select: { name: true, accountNumber: true } });
  const survey = ticket.status === "closed" ? await db.ticketSurvey.findUnique({ where: { ticketId: ticket.id } }) : null;
  const firstResponseMet = ticket.firstRespondedAt ? ticket.firstRespondedAt.getTime() <= ticket.firstResponseDueAt.getTime() : null;
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    statusLabel: isTicketStatus(ticket.status) ? TICKET_STATUS_LABELS[ticket.status] : ticket.status,
    priority: level,
    priorityName: priorityOf(level).name,
    plan,
    planName: PLAN_NAMES[plan],
    target: formatFirstResponseTarget(plan, level),
    account: account ? { name: account.name, number: account.accountNumber } : null,
    escalationLevel: ticket.escalationLevel,
    escalationTitle: ESCALATION_LEVELS.find((entry) => entry.level === ticket.escalationLevel)?.title ?? "",
    createdAt: ticket.createdAt.toISOString(),
    requesterName: names.get(ticket.requesterId) ?? "",
    assigneeId: ticket.assigneeId,
    assigneeName: ticket.assigneeId ? (names.get(ticket.assigneeId) ?? "") : "",
    firstResponseDueAt: ticket.firstResponseDueAt.toISOString(),
    firstRespondedAt: ticket.firstRespondedAt?.toISOString() ?? null,
    firstResponseMet,
    nextUpdateDueAt: ticket.nextUpdateDueAt?.toISOString() ?? null,
    paused: ticket.slaPausedAt !== null,
    alerts: { firstResponseBreached: ticket.firstResponseBreachAlertedAt !== null, updateOverdue: ticket.updateOverdueAlertedAt !== null },
    essentials: [
      ["Contact", `${ticket.contactName}${ticket.contactPhone ? ` · ${ticket.contactPhone}` : ""}`],
      ["Impact on business", ticket.businessImpact],
      ["Users affected", ticket.usersAffected],
      ["Error messages", ticket.errorMessages],
      ["Steps to reproduce", ticket.stepsToReproduce],
      ["Already tried", ticket.alreadyTried],
      ["System specifications", ticket.systemSpecs],
      ["Recent changes", ticket.recentChanges],
      ["Related tickets", ticket.relatedTicketNumbers],
    ].filter(([, value]) => value) as [string, string][],
    issueStartedAt: ticket.issueStartedAt.toISOString(),
    descriptionHtml: ticket.descriptionHtml,
    messages: messages.map((message) => ({
      id: message.id,
      authorName: names.get(message.authorId) ?? (message.byStaff ? "Support" : "Customer"),
      byStaff: message.byStaff,
      internal: message.visibility === "internal",
      html: message.bodyHtml,
      at: message.createdAt.toISOString(),
      attachments: attachments.filter((file) => file.messageId === message.id).map(attachmentView),
    })),
    attachments: attachments.filter((file) => !file.messageId).map(attachmentView),
    events: staff ? events.map((event) => ({ id: event.id, kind: event.kind, from: event.fromValue, to: event.toValue, note: event.note, at: event.createdAt.toISOString() })) : events.filter((event) => ["escalated", "status", "priority", "sla-paused", "sla-resumed"].includes(event.kind)).map((event) => ({ id: event.id, kind: event.kind, from: event.fromValue, to: event.toValue, note: event.kind === "escalated" ? event.note : "", at: event.createdAt.toISOString() })),
    deflectionTrail: staff ? (JSON.parse(ticket.deflectionTrail) as { searched: string; shown: { title: string; url: string; type: string; opened: boolean }[] }[]) : [],
    survey: survey ? { answered: survey.answeredAt !== null, rating: survey.rating, path: surveyPath(ticket.id) } : null,
  };
}

function attachmentView(file: { id: string; fileName: string; contentType: string; size: number }) {
  return { id: file.id, fileName: file.fileName, contentType: file.contentType, size: file.size, url: `/support/attachments/${file.id}` };
}

export type TicketView = Awaited<ReturnType<typeof ticketView>>;
