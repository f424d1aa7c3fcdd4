import { prisma } from "../lib/db.server";
import { afterTasksQueued, enqueueTask, registerTaskHandler } from "../lib/task-queue.server";
import type { SearchSourceDefinition } from "../search/sources.server";
import type { SearchDocument, SearchFilters } from "../search/types";
import { ticketStatusLabel } from "./statuses";

/**
 * Tickets as a search source: one document per ticket (number, subject, description, account),
 * visible to the members of its customer account (and staff) only. Internal notes are never
 * indexed: a customer must not find a ticket by words only staff wrote. Tickets are left out of
 * every search that does not ask for them (see `ticketSearchFilters`), so the public search, the
 * contact flow's suggestions and the forum's never show one.
 */
type IndexedTicket = {
  id: string;
  number: string;
  subject: string;
  descriptionMarkdown: string;
  errorMessages: string;
  status: string;
  priority: number;
  accountId: string;
  updatedAt: Date;
  createdAt: Date;
};

export function ticketDocumentId(id: string) {
  return `tickets/${id}`;
}

export function ticketDocument(ticket: IndexedTicket, accountName: string, accountNumber: string): SearchDocument {
  const status = ticketStatusLabel(ticket.status);
  return {
    id: ticketDocumentId(ticket.id),
    type: "ticket",
    source: "tickets",
    visibility: `account:${ticket.accountId}`,
    pageId: ticketDocumentId(ticket.id),
    url: `/support/tickets/${ticket.number}`,
    title: `${ticket.number} ${ticket.subject}`,
    section: "",
    // The number twice over (with and without dashes) so "TF-2026-000123", "2026-000123" and "000123" all match.
    body: [
      ticket.number,
      ticket.number.replace(/-/g, " "),
      `Account: ${accountName} ${accountNumber}`,
      `Status: ${status}. Priority ${ticket.priority}.`,
      ticket.descriptionMarkdown,
      ticket.errorMessages,
    ].join("\n"),
    category: "tickets",
    tags: [`status-${ticket.status}`, `p${ticket.priority}`],
    updatedAt: ticket.updatedAt.toISOString(),
    popularity: 0,
  };
}

/** The filters a ticket search uses: tickets only. */
export const ticketSearchFilters: SearchFilters = { type: ["ticket"] };

const SELECT = {
  id: true,
  number: true,
  subject: true,
  descriptionMarkdown: true,
  errorMessages: true,
  status: true,
  priority: true,
  accountId: true,
  updatedAt: true,
  createdAt: true,
} as const;

async function documentsFor(where: { id?: { in: string[] } }) {
  const tickets = await prisma.ticket.findMany({ where, select: SELECT, orderBy: { seq: "asc" } });
  const accounts = await prisma.customerAccount.findMany({
    where: { id: { in: [...new Set(tickets.map((ticket) => ticket.accountId))] } },
    select: { id: true, name: true, accountNumber: true },
  });
  const byId = new Map(accounts.map((account) => [account.id, account]));
  return tickets.map((ticket) =>
    ticketDocument(ticket, byId.get(ticket.accountId)?.name ?? "", byId.get(ticket.accountId)?.accountNumber ?? ""),
  );
}

export async function syncTicketSearch(ids: readonly string[]) {
  // Imported when needed: search/writes → service → sources → this module would otherwise be an import cycle.
  const { indexDocuments, removeDocuments } = await import("../search/writes.server");
  const documents = await documentsFor({ id: { in: [...ids] } });
  const kept = new Set(documents.map((document) => document.id));
  await removeDocuments(
    "tickets",
    ids.map(ticketDocumentId).filter((id) => !kept.has(id)),
  );
  await indexDocuments("tickets", documents);
}

const INDEX_TICKET = "tickets:index";

/**
 * Queues each ticket's search document to be rewritten (or removed) after its write has committed,
 * and starts the worker (decision record 018): the customer's or agent's request does not wait on the
 * search engine, and an unreachable engine makes the task retry with backoff (on /admin/jobs) instead
 * of losing the change. One pending task per ticket. Queued just after the write's commit, not inside
 * it: a crash between the two leaves the document stale until `npm run search:reindex`.
 */
export async function queueTicketIndexing(ids: readonly string[]) {
  for (const id of new Set(ids))
    await enqueueTask(prisma, INDEX_TICKET, { id }, { dedupeKey: `${INDEX_TICKET}:${id}` });
  await afterTasksQueued();
}

registerTaskHandler(INDEX_TICKET, async (payload) => {
  const id = (payload as { id?: unknown } | null)?.id;
  if (typeof id !== "string" || !id) throw new Error('task payload has no ticket "id"');
  await syncTicketSearch([id]);
});

export const ticketsSearchSource: SearchSourceDefinition = {
  name: "tickets",
  listDocuments: () => documentsFor({}),
};
