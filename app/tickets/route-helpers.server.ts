import { data } from "@remix-run/node";
import type { SessionUser } from "../auth/session.server";
import { readTicketForm, type TicketFormUpload } from "./attachment-upload.server";
import { TICKET_NUMBER_PATTERN } from "./statuses";
import { bytesOnTicket, readableTicket, type TicketRow } from "./ticket-reads.server";

/** 404 for a ticket that does not exist and for one the user may not read alike (no existence leak). */
export function ticketNotFound(): never {
  throw data({ message: "We could not find that ticket." }, { status: 404, statusText: "Not Found" });
}

export async function requireReadableTicket(number: string | undefined, user: SessionUser) {
  if (!number || !TICKET_NUMBER_PATTERN.test(number)) ticketNotFound();
  const ticket = await readableTicket(user, number);
  if (!ticket) ticketNotFound();
  return ticket;
}

/** Private pages: never stored by a shared cache. */
export const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * Reads a ticket form (a new ticket's, or a reply's to `ticket`: its files stream to disk within the
 * room left on the ticket), runs the action on it, then deletes every file the action did not attach.
 */
export async function withTicketForm<T>(
  request: Request,
  ticket: TicketRow | null,
  act: (upload: TicketFormUpload) => Promise<T>,
): Promise<T> {
  const upload = await readTicketForm(request, ticket ? await bytesOnTicket(ticket) : 0);
  try {
    return await act(upload);
  } finally {
    await upload.discard();
  }
}
