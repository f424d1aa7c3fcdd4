import type { Actor } from "../auth/permissions";
import { can } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { draftArticle } from "./draft-article";
import {
  ESCALATION_LEVELS,
  EMAIL_ADDRESSES,
  EMAIL_TOPIC_LABELS,
  ESCALATION_ON_REQUEST,
  PLAN_NAMES,
  type EmailTopic,
  formatFirstResponseTarget,
  priority as priorityOf,
  type PriorityLevel,
} from "../support/policy";
import { senderVerdictLabel } from "./sender-verdicts";
import { emailTargetSentence } from "./email-target";
import { isPlanValue } from "./policy-bridge";
import type { accountTickets, agentQueue } from "./queue.server";
import { customerMayMarkSolved, customerMayReply, ticketStatusLabel, type TicketStatus } from "./statuses";
import { surveyPath } from "./survey-links.server";
import { ticketConversation, type TicketRow } from "./ticket-reads.server";

/** Where a mailed ticket came in; staff also see the sender check ("sender not verified"). */
function mailedTo(ticket: TicketRow, staff: boolean): string {
  const address = EMAIL_ADDRESSES[ticket.queue as EmailTopic] ?? ticket.queue;
  const verdict = senderVerdictLabel(ticket.senderVerification);
  return staff && verdict ? `to ${address} · ${verdict}` : `to ${address}`;
}

function byEmailLabel(verdict: string, staff: boolean): string {
  const label = senderVerdictLabel(verdict);
  return staff && label ? `By email · ${label}` : "By email";
}

/** The timeline events a customer sees: changes to their ticket and the news of the incident it is part of. */
const CUSTOMER_EVENT_KINDS = [
  "escalated",
  "status",
  "priority",
  "sla-paused",
  "sla-resumed",
  "incident-linked",
  "incident-update",
  "incident-root-cause",
  "incident-review",
];

/** A ticket as the pages show it: plain values and ISO strings only. */
export async function ticketView(user: Actor, ticket: TicketRow) {
  const { messages, attachments, events, names } = await ticketConversation(user, ticket);
  const staff = can(user, "ticket:read-internal-notes");
  const plan = isPlanValue(ticket.plan) ? ticket.plan : "standard";
  const level = ticket.priority as PriorityLevel;
  const account = await prisma.customerAccount.findUnique({
    where: { id: ticket.accountId },
    select: { name: true, accountNumber: true },
  });
  const survey =
    ticket.status === "closed" ? await prisma.ticketSurvey.findUnique({ where: { ticketId: ticket.id } }) : null;
  // Messages that arrived by mail, with the sender check of each (staff see it).
  const mailedMessages = new Map(
    (
      await prisma.inboundEmail.findMany({
        where: { ticketId: ticket.id, ticketMessageId: { not: null } },
        select: { ticketMessageId: true, authResult: true },
      })
    ).map((row) => [row.ticketMessageId ?? "", row.authResult]),
  );
  const firstResponseMet = ticket.firstRespondedAt
    ? ticket.firstRespondedAt.getTime() <= ticket.firstResponseDueAt.getTime()
    : null;
  return {
    id: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    statusLabel: ticketStatusLabel(ticket.status),
    priority: level,
    priorityName: priorityOf(level).name,
    plan,
    planName: PLAN_NAMES[plan],
    // A mailed ticket keeps the plan's email target until an agent sets its priority (app/tickets/email-target.ts).
    target: ticket.emailTarget ? emailTargetSentence(plan) : formatFirstResponseTarget(plan, level),
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
    alerts: {
      firstResponseBreached: ticket.firstResponseBreachAlertedAt !== null,
      updateOverdue: ticket.updateOverdueAlertedAt !== null,
    },
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
      ["Received by email", ticket.channel === "email" ? mailedTo(ticket, staff) : ""],
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
      viaEmail: mailedMessages.has(message.id) ? byEmailLabel(mailedMessages.get(message.id) ?? "", staff) : "",
    })),
    attachments: attachments.filter((file) => !file.messageId).map(attachmentView),
    events: staff
      ? events.map((event) => ({
          id: event.id,
          kind: event.kind,
          from: event.fromValue,
          to: event.toValue,
          note: event.note,
          at: event.createdAt.toISOString(),
        }))
      : events
          .filter((event) => CUSTOMER_EVENT_KINDS.includes(event.kind))
          .map((event) => ({
            id: event.id,
            kind: event.kind,
            from: event.fromValue,
            to: event.toValue,
            note: event.kind === "escalated" || event.kind === "incident-update" ? event.note : "",
            at: event.createdAt.toISOString(),
          })),
    deflectionTrail: staff
      ? (JSON.parse(ticket.deflectionTrail) as {
          searched: string;
          shown: { title: string; url: string; type: string; opened: boolean }[];
        }[])
      : [],
    survey: survey
      ? { answered: survey.answeredAt !== null, rating: survey.rating, path: surveyPath(ticket.id) }
      : null,
  };
}

function attachmentView(file: { id: string; fileName: string; contentType: string; size: number }) {
  return {
    id: file.id,
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.size,
    url: `/support/attachments/${file.id}`,
  };
}

export type TicketView = Awaited<ReturnType<typeof ticketView>>;

/** What every ticket list shows of a row (the customer's list and the agent queue add their own columns). */
export function ticketSummary(row: {
  number: string;
  subject: string;
  status: string;
  priority: number;
  escalationLevel: number;
}) {
  return {
    number: row.number,
    subject: row.subject,
    status: row.status,
    statusLabel: ticketStatusLabel(row.status),
    priority: row.priority,
    level: row.escalationLevel,
  };
}

/** A row of the agent queue: the summary, the account and assignee, and how long its clock has left (negative: breached). */
export function queueEntryView(row: Awaited<ReturnType<typeof agentQueue>>[number], now = Date.now()) {
  return {
    ...ticketSummary(row),
    plan: row.plan,
    queue: row.channel === "email" ? (EMAIL_TOPIC_LABELS[row.queue as EmailTopic] ?? row.queue) : "",
    account: row.accountName,
    assignee: row.assigneeName,
    riskMinutes: row.riskMs === null ? null : Math.round(row.riskMs / 60_000),
    dueAt: row.riskMs === null ? null : new Date(now + row.riskMs).toISOString(),
    alerts: [
      row.firstResponseBreachAlertedAt && !row.firstRespondedAt ? "First response overdue" : null,
      row.updateOverdueAlertedAt ? "P1 update overdue" : null,
    ].filter((entry): entry is string => entry !== null),
  };
}

/** A row of the customer's list: the summary, whether a colleague filed it, and where the first response stands. */
export function accountTicketEntryView(row: Awaited<ReturnType<typeof accountTickets>>[number], viewerId: string) {
  return {
    ...ticketSummary(row),
    mine: row.requesterId === viewerId,
    createdAt: row.createdAt.toISOString(),
    firstResponseDueAt: row.firstResponseDueAt.toISOString(),
    firstResponse: row.firstRespondedAt
      ? row.firstRespondedAt <= row.firstResponseDueAt
        ? ("met" as const)
        : ("missed" as const)
      : ("waiting" as const),
  };
}

const TOP_ESCALATION_LEVEL = Math.max(...ESCALATION_LEVELS.map((entry) => entry.level));

/** What a customer may do on their ticket's page now (the model functions check again when they do it). */
export function customerTicketActions(ticket: TicketRow, user: Actor) {
  const status = ticket.status as TicketStatus;
  const open = customerMayMarkSolved(status);
  return {
    reply: customerMayReply(status) && can(user, "ticket:reply", ticket),
    solve: open,
    raise: open && ticket.priority > 1,
    escalate:
      open &&
      isPlanValue(ticket.plan) &&
      ESCALATION_ON_REQUEST.includes(ticket.plan) &&
      ticket.escalationLevel < TOP_ESCALATION_LEVEL,
  };
}

/** The article draft for a ticket (staff only: the caller checks ticket:work). */
export async function draftFromTicket(ticket: TicketRow) {
  const [messages, requester, account] = await Promise.all([
    prisma.ticketMessage.findMany({
      where: { ticketId: ticket.id, visibility: "public", byStaff: true },
      orderBy: { createdAt: "asc" },
      select: { bodyMarkdown: true },
    }),
    prisma.user.findUnique({ where: { id: ticket.requesterId }, select: { name: true, email: true } }),
    prisma.customerAccount.findUnique({ where: { id: ticket.accountId }, select: { name: true, accountNumber: true } }),
  ]);
  return draftArticle({
    subject: ticket.subject,
    description: ticket.descriptionMarkdown,
    stepsToReproduce: ticket.stepsToReproduce,
    errorMessages: ticket.errorMessages,
    staffReplies: messages.map((message) => message.bodyMarkdown),
    privateWords: [
      ticket.contactName,
      ticket.contactPhone,
      requester?.name ?? "",
      requester?.email ?? "",
      account?.name ?? "",
      account?.accountNumber ?? "",
    ],
    today: new Date().toISOString().slice(0, 10),
  });
}
