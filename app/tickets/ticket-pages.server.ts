import { can, type Actor } from "../auth/permissions";
import {
  acknowledgePage,
  findPage,
  findPageById,
  pageOnCall,
  resolvePage,
  verifyAckToken,
} from "../oncall/paging.server";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { afterTasksQueued } from "../lib/task-queue.server";
import type { Tx } from "./ticket-reads.server";
import { recordEvent } from "./ticket-timeline.server";
import { inRetriedTransaction } from "../lib/transactions.server";

/**
 * Tickets and the on-call pager (app/oncall): a Priority 1 ticket, however it became one (the form,
 * mail given P1 by an agent, a customer raising it), pages the on-call primary in the transaction
 * that made it P1; solving it or lowering its priority resolves the page. Each step is on the timeline.
 */

type PagedTicket = { id: string; number: string; subject: string };

export async function pageForPriority1(tx: Tx, ticket: PagedTicket, now: Date) {
  await pageOnCall(tx, { key: ticket.number, title: ticket.subject, url: `/admin/tickets/${ticket.number}` }, now);
  await recordEvent(tx, ticket.id, "paged", { note: "On-call primary paged", at: now });
}

export async function resolveTicketPage(tx: Tx, ticket: { number: string }, now: Date) {
  await resolvePage(tx, ticket.number, now);
}

/**
 * Acknowledging stops the paging; a page already acknowledged or resolved, or a link that names no
 * page, is refused with 409 (what the acknowledge pages answer).
 */
async function acknowledgeIn(ticket: PagedTicket, userId: string, now: Date): Promise<void> {
  const done = await inRetriedTransaction(async (tx) => {
    if (!(await acknowledgePage(tx, ticket.number, userId, now))) return false;
    await recordEvent(tx, ticket.id, "page-acknowledged", { actorId: userId, at: now });
    return true;
  });
  await afterTasksQueued();
  if (!done) throw new Refusal(409, "This page is already acknowledged or resolved.");
}

/** From the staff ticket page. */
export async function acknowledgeTicketPage(user: Actor, ticket: PagedTicket, now = new Date()) {
  if (!can(user, "ticket:work")) throw new Refusal(403, "Only agents acknowledge pages.");
  return acknowledgeIn(ticket, user.id, now);
}

/** From the signed link in the page mail: the token names the page and the engineer it was sent to. */
export async function acknowledgeByToken(token: string | undefined, now = new Date()): Promise<void> {
  const signed = verifyAckToken(token);
  const page = signed ? await findPageById(prisma, signed.pageId) : null;
  if (!signed || !page) throw new Refusal(409, "This acknowledge link is not valid.");
  const ticket = await prisma.ticket.findUnique({
    where: { number: page.key },
    select: { id: true, number: true, subject: true },
  });
  if (!ticket) throw new Refusal(409, "The ticket of this page no longer exists.");
  return acknowledgeIn(ticket, signed.userId, now);
}

/** What the page link shows before the engineer confirms (a GET never acknowledges: mail scanners follow links). */
export async function pageForToken(token: string | undefined) {
  const signed = verifyAckToken(token);
  const page = signed ? await findPageById(prisma, signed.pageId) : null;
  if (!page) return null;
  return {
    key: page.key,
    title: page.title,
    acknowledged: page.acknowledgedAt !== null,
    resolved: page.resolvedAt !== null,
  };
}

/** The page's state for the staff ticket page. */
export async function ticketPageStatus(ticket: { number: string }) {
  const page = await findPage(prisma, ticket.number);
  if (!page) return null;
  const ids = [page.primaryId, page.secondaryId, page.acknowledgedById].filter((id): id is string => !!id);
  const people = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const name = (id: string | null) =>
    id ? (people.find((person) => person.id === id)?.name ?? "a former colleague") : null;
  return {
    pagedAt: page.pagedAt.toISOString(),
    primary: name(page.primaryId),
    secondary: page.secondaryPagedAt ? name(page.secondaryId) : null,
    secondaryPagedAt: page.secondaryPagedAt?.toISOString() ?? null,
    acknowledgedAt: page.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: name(page.acknowledgedById),
    resolvedAt: page.resolvedAt?.toISOString() ?? null,
  };
}
