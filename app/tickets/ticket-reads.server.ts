import { can, type Actor } from "../auth/permissions";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { EMAIL_TOPIC_LABELS, RESTRICTED_EMAIL_TOPICS, type EmailTopic } from "../support/policy";

/**
 * Reading tickets: who may see one, its conversation, its attachments, staff to assign, its linked idea.
 * Like every model function the routes call, these read through the app's client, the reader first.
 */

/** The client a job or the email channel is given (the app's, or a test's or benchmark's own). */
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

export type TicketReader = Actor;

/** Search hits (ticket page URLs) less the tickets in queues this staff member may not see. */
export async function withoutHiddenQueues<Hit extends { url: string }>(user: Actor, hits: Hit[]): Promise<Hit[]> {
  const hidden = hiddenQueuesFor(user);
  if (hidden.length === 0 || hits.length === 0) return hits;
  const numberOf = (hit: Hit) => hit.url.split("/").pop() ?? "";
  const restricted = await prisma.ticket.findMany({
    where: { number: { in: hits.map(numberOf) }, queue: { in: [...hidden] } },
    select: { number: true },
  });
  const left = new Set(restricted.map((row) => row.number));
  return hits.filter((hit) => !left.has(numberOf(hit)));
}

/** The queues this staff member may filter by (the policy's email topics, less the restricted ones they may not see). */
export function queueChoices(user: Actor): { value: string; label: string }[] {
  const hidden = hiddenQueuesFor(user);
  return (Object.keys(EMAIL_TOPIC_LABELS) as EmailTopic[])
    .filter((topic) => !hidden.includes(topic))
    .map((topic) => ({ value: topic, label: EMAIL_TOPIC_LABELS[topic] }));
}

/** The policy's restricted queues (security@) for staff without the capability; customers see their own tickets in any queue. */
export function hiddenQueuesFor(user: Actor): readonly string[] {
  return can(user, "ticket:restricted-queues") ? [] : RESTRICTED_EMAIL_TOPICS;
}

/** The ticket if this user may read it; null otherwise (callers answer 404 either way: no existence leak). */
export async function readableTicket(user: TicketReader, number: string) {
  const ticket = await prisma.ticket.findUnique({ where: { number } });
  if (!ticket || !can(user, "ticket:read", ticket)) return null;
  if (hiddenQueuesFor(user).includes(ticket.queue) && ticket.accountId !== user.account?.id) return null;
  return ticket;
}

export type TicketRow = NonNullable<Awaited<ReturnType<typeof readableTicket>>>;

export async function ticketConversation(user: Actor, ticket: TicketRow) {
  const withInternal = can(user, "ticket:read-internal-notes");
  const [messages, attachments, events, authors] = await Promise.all([
    prisma.ticketMessage.findMany({
      where: { ticketId: ticket.id, ...(withInternal ? {} : { visibility: "public" }) },
      orderBy: { createdAt: "asc" },
    }),
    prisma.ticketAttachment.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } }),
    prisma.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } }),
    prisma.user.findMany({
      where: { OR: [{ id: ticket.requesterId }, { id: ticket.assigneeId ?? "" }] },
      select: { id: true, name: true },
    }),
  ]);
  const authorIds = [...new Set(messages.map((message) => message.authorId))];
  const messageAuthors = await prisma.user.findMany({
    where: { id: { in: authorIds } },
    select: { id: true, name: true },
  });
  const names = new Map([...authors, ...messageAuthors].map((row) => [row.id, row.name]));
  return { messages, attachments, events, names };
}

export async function staffAssignees() {
  return prisma.user.findMany({
    where: { role: { in: ["agent", "admin"] } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export async function linkedIdeaOf(ticket: TicketRow) {
  if (ticket.ideaId === null) return null;
  return prisma.idea.findUnique({
    where: { id: ticket.ideaId },
    select: { id: true, slug: true, title: true, status: true },
  });
}

/** The bytes already attached to the ticket (a reply's files fit in what is left). */
export async function bytesOnTicket(ticket: TicketRow) {
  const sum = await prisma.ticketAttachment.aggregate({ where: { ticketId: ticket.id }, _sum: { size: true } });
  return sum._sum.size ?? 0;
}

/** An attachment for a reader of its ticket (internal-note files for staff only); null for anyone else. */
export async function attachmentForReader(user: Actor, id: string) {
  const attachment = await prisma.ticketAttachment.findUnique({
    where: { id },
    include: { ticket: { select: { accountId: true } } },
  });
  if (!attachment || !can(user, "ticket:read", attachment.ticket)) return null;
  if (attachment.messageId) {
    const message = await prisma.ticketMessage.findUnique({
      where: { id: attachment.messageId },
      select: { visibility: true },
    });
    if (message?.visibility === "internal" && !can(user, "ticket:read-internal-notes")) return null;
  }
  return attachment;
}
