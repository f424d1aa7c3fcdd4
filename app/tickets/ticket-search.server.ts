import type { Actor } from "../auth/permissions";
import { runSearch } from "../search/service.server";
import { MAX_QUERY_LENGTH } from "../search/settings";
import type { Viewer } from "../search/types";
import { ticketSearchFilters } from "./search-documents.server";
import { withoutHiddenQueues } from "./ticket-reads.server";

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

/** The staff's ticket search, less tickets in queues this agent may not see (security@). */
export async function searchTicketsAsStaff(user: Actor, query: string) {
  return withoutHiddenQueues(user, await searchTickets({ kind: "staff" }, query));
}
