import { can, type Actor } from "../auth/permissions";
import type { Prisma, PrismaClient } from "../generated/prisma/client";

/** Reading tickets: who may see one, its conversation, staff to assign, its linked idea. */

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;

export type TicketReader = Actor;

/** The ticket if this user may read it; null otherwise (callers answer 404 either way: no existence leak). */
export async function readableTicket(db: Db, number: string, user: TicketReader) {
  const ticket = await db.ticket.findUnique({ where: { number } });
  if (!ticket || !can(user, "ticket:read", ticket)) return null;
  return ticket;
}

export type TicketRow = NonNullable<Awaited<ReturnType<typeof readableTicket>>>;

export async function ticketConversation(db: Db, ticket: TicketRow, user: Actor) {
  const withInternal = can(user, "ticket:read-internal-notes");
  const [messages, attachments, events, authors] = await Promise.all([
    db.ticketMessage.findMany({
      where: { ticketId: ticket.id, ...(withInternal ? {} : { visibility: "public" }) },
      orderBy: { createdAt: "asc" },
    }),
    db.ticketAttachment.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } }),
    db.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { createdAt: "asc" } }),
    db.user.findMany({
      where: { OR: [{ id: ticket.requesterId }, { id: ticket.assigneeId ?? "" }] },
      select: { id: true, name: true },
    }),
  ]);
  const authorIds = [...new Set(messages.map((message) => message.authorId))];
  const messageAuthors = await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } });
  const names = new Map([...authors, ...messageAuthors].map((row) => [row.id, row.name]));
  return { messages, attachments, events, names };
}

export async function staffAssignees(db: Db) {
  return db.user.findMany({
    where: { role: { in: ["agent", "admin"] } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export async function linkedIdeaOf(db: Db, ticket: TicketRow) {
  if (ticket.ideaId === null) return null;
  return db.idea.findUnique({
    where: { id: ticket.ideaId },
    select: { id: true, slug: true, title: true, status: true },
  });
}
