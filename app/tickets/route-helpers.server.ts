import { data } from "@remix-run/node";
import type { SessionUser } from "../auth/session.server";
import { prisma } from "../lib/db.server";
import { TICKET_NUMBER_PATTERN } from "./statuses";
import { readableTicket } from "./tickets.server";

/** 404 for a ticket that does not exist and for one the user may not read alike (no existence leak). */
export function ticketNotFound(): never {
  throw data({ message: "We could not find that ticket." }, { status: 404, statusText: "Not Found" });
}

export async function requireReadableTicket(number: string | undefined, user: SessionUser) {
  if (!number || !TICKET_NUMBER_PATTERN.test(number)) ticketNotFound();
  const ticket = await readableTicket(prisma, number, user);
  if (!ticket) ticketNotFound();
  return ticket;
}

/** Private pages: never stored by a shared cache. */
export const PRIVATE = { "Cache-Control": "private, no-store" };
