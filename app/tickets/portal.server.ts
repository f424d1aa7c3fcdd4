import { can, type Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { agentQueue, accountTickets, ticketsAtSlaRisk, type QueueFilters } from "./queue.server";
import { fileTicket, type FileTicketInput } from "./ticket-filing.server";
import {
  hiddenQueuesFor,
  linkedIdeaOf,
  staffAssignees,
  withoutHiddenQueues,
  type TicketRow,
} from "./ticket-reads.server";
import { addReply, type ReplyInput } from "./ticket-replies.server";
import {
  assignTicket,
  linkIdea,
  markSolvedByCustomer,
  raisePriorityByCustomer,
  requestEscalation,
  setLevelByStaff,
  setPriorityByStaff,
  setStatusByStaff,
} from "./ticket-moves.server";
import { ticketView } from "./view.server";
import { queueTicketIndexing, ticketSearchFilters } from "./search-documents.server";
import { runSearch } from "../search/service.server";
import { MAX_QUERY_LENGTH } from "../search/settings";
import type { Viewer } from "../search/types";
import { draftArticle } from "./draft-article";
import type { TicketStatus } from "./statuses";

/**
 * What the routes call: the ticket model bound to the app's database. Every function takes the
 * acting user; the capability checks are inside the model functions or here.
 */

type Filer = Parameters<typeof fileTicket>[1];

/** Runs a ticket write, then queues its search document (after the commit, so a failing index never undoes the write). */
async function thenIndex<T>(ticketId: string, write: Promise<T>): Promise<T> {
  const result = await write;
  await queueTicketIndexing([ticketId]);
  return result;
}

/**
 * Ticket search: by number, words of the subject and description, or account name. The viewer's
 * visibility limits it inside the engine: staff find every ticket, a member only their account's.
 */
export async function searchTickets(viewer: Viewer, query: string) {
  const trimmed = query.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH);
  if (!trimmed || viewer.kind === "anonymous") return [];
  const result = await runSearch({ query: trimmed, filters: ticketSearchFilters, viewer, limit: 20 });
  return result.hits.map((hit) => ({ url: hit.url, title: hit.title }));
}

export const ticketsPortal = {
  file: async (user: Filer, input: FileTicketInput) => {
    const filed = await fileTicket(prisma, user, input);
    await queueTicketIndexing([filed.ticketId]);
    return filed;
  },
  view: (ticket: TicketRow, user: Actor) => ticketView(prisma, ticket, user),
  reply: (ticket: TicketRow, user: Actor, input: ReplyInput) =>
    thenIndex(ticket.id, addReply(prisma, ticket, user, input)),
  bytesOnTicket: async (ticket: TicketRow) =>
    (await prisma.ticketAttachment.aggregate({ where: { ticketId: ticket.id }, _sum: { size: true } }))._sum.size ?? 0,
  raisePriority: (ticket: TicketRow, user: Actor, level: number, reason: string) =>
    thenIndex(ticket.id, raisePriorityByCustomer(prisma, ticket, user, level, reason)),
  escalate: (ticket: TicketRow, user: Actor, reason: string) =>
    thenIndex(ticket.id, requestEscalation(prisma, ticket, user, reason)),
  markSolved: (ticket: TicketRow, user: Actor) => thenIndex(ticket.id, markSolvedByCustomer(prisma, ticket, user)),
  accountTickets: (user: Actor, status?: TicketStatus) =>
    user.account && can(user, "ticket:read", { accountId: user.account.id })
      ? accountTickets(prisma, user.account.id, status)
      : Promise.resolve([]),
};

export const agentDesk = {
  queue: (filters: QueueFilters) => agentQueue(prisma, filters),
  /** The staff's ticket search, less tickets in queues this agent may not see (security@). */
  search: async (user: Actor, query: string) =>
    withoutHiddenQueues(prisma, await searchTickets({ kind: "staff" }, query), user),
  /** Counted over the queues this agent sees (no security@ tickets without the capability). */
  atSlaRisk: (user: Actor, now = new Date()) => ticketsAtSlaRisk(prisma, now, hiddenQueuesFor(user)),
  assignees: () => staffAssignees(prisma),
  setStatus: (ticket: TicketRow, user: Actor, to: string) =>
    thenIndex(ticket.id, setStatusByStaff(prisma, ticket, user, to)),
  setPriority: (ticket: TicketRow, user: Actor, level: number) =>
    thenIndex(ticket.id, setPriorityByStaff(prisma, ticket, user, level)),
  setLevel: (ticket: TicketRow, user: Actor, level: number) => setLevelByStaff(prisma, ticket, user, level),
  assign: (ticket: TicketRow, user: Actor, assigneeId: string | null) => assignTicket(prisma, ticket, user, assigneeId),
  linkIdea: (ticket: TicketRow, user: Actor, ideaId: number | null) => linkIdea(prisma, ticket, user, ideaId),
  linkedIdea: (ticket: TicketRow) => linkedIdeaOf(prisma, ticket),
};

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
