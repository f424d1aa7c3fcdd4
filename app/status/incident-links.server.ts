import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { isClosedStatus, STATUS_LABELS, type IncidentStatus } from "./states";

/**
 * Priority 1 tickets linked to an incident (IncidentTicket): the status side of a major incident. The
 * tickets domain links and reads through these; status itself only counts the links (a linked incident
 * is a major one) and announces its news to whoever listens (incident-news.server.ts).
 */

type Db = PrismaClient | Prisma.TransactionClient;

/** Open incidents a ticket can be attached to, newest first. */
export async function openIncidentChoices(db: Db) {
  const rows = await db.incident.findMany({
    where: { kind: "incident", status: { notIn: ["resolved"] } },
    orderBy: { startedAt: "desc" },
    select: { id: true, title: true, status: true, _count: { select: { tickets: true } } },
    take: 50,
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    statusLabel: STATUS_LABELS[row.status as IncidentStatus] ?? row.status,
    linkedTickets: row._count.tickets,
  }));
}

/** Links the ticket to an open incident (moving it from another one); answers the incident's title. */
export async function linkTicket(
  tx: Prisma.TransactionClient,
  link: { ticketId: string; incidentId: string; actorId: string; at: Date },
) {
  const incident = await tx.incident.findUnique({
    where: { id: link.incidentId },
    select: { id: true, title: true, kind: true, status: true },
  });
  if (!incident || incident.kind !== "incident") throw new Refusal(404, "There is no such incident.");
  if (isClosedStatus(incident.status))
    throw new Refusal(409, "That incident is resolved; open a new one if the problem is back.");
  const existing = await tx.incidentTicket.findUnique({ where: { ticketId: link.ticketId } });
  if (existing?.incidentId === incident.id) throw new Refusal(409, "This ticket is already linked to that incident.");
  await tx.incidentTicket.upsert({
    where: { ticketId: link.ticketId },
    create: { ticketId: link.ticketId, incidentId: incident.id, linkedById: link.actorId, linkedAt: link.at },
    update: { incidentId: incident.id, linkedById: link.actorId, linkedAt: link.at },
  });
  return { id: incident.id, title: incident.title };
}

/** The tickets an incident's news reaches. */
export async function linkedTicketIds(db: Db, incidentId: string) {
  const rows = await db.incidentTicket.findMany({ where: { incidentId }, select: { ticketId: true } });
  return rows.map((row) => row.ticketId);
}

/** The linked tickets and the review meeting, for the staff incident page. */
export async function incidentFollowThrough(incidentId: string, db: Db = prisma) {
  const incident = await db.incident.findUnique({
    where: { id: incidentId },
    select: {
      reviewStartsAt: true,
      reviewMinutes: true,
      reviewLocation: true,
      tickets: {
        orderBy: { linkedAt: "asc" },
        select: { ticket: { select: { number: true, subject: true } } },
      },
    },
  });
  if (!incident) return null;
  return {
    tickets: incident.tickets.map((link) => link.ticket),
    review: incident.reviewStartsAt
      ? {
          startsAt: incident.reviewStartsAt.toISOString(),
          minutes: incident.reviewMinutes,
          location: incident.reviewLocation,
        }
      : null,
  };
}

/** What a linked ticket's page shows of its incident: status, updates, root cause analysis, review meeting. */
export async function incidentOfTicket(db: Db, ticketId: string) {
  const link = await db.incidentTicket.findUnique({
    where: { ticketId },
    select: {
      incident: {
        select: {
          id: true,
          title: true,
          status: true,
          rootCauseHtml: true,
          resolvedAt: true,
          reviewStartsAt: true,
          reviewMinutes: true,
          reviewLocation: true,
          updates: {
            orderBy: { createdAt: "desc" },
            select: { id: true, status: true, bodyHtml: true, createdAt: true },
          },
        },
      },
    },
  });
  if (!link) return null;
  const { incident } = link;
  return {
    id: incident.id,
    title: incident.title,
    statusLabel: STATUS_LABELS[incident.status as IncidentStatus] ?? incident.status,
    resolved: isClosedStatus(incident.status),
    url: `/status#incident-${incident.id}`,
    rootCauseHtml: incident.rootCauseHtml,
    updates: incident.updates.map((update) => ({
      id: update.id,
      statusLabel: STATUS_LABELS[update.status as IncidentStatus] ?? update.status,
      bodyHtml: update.bodyHtml,
      at: update.createdAt.toISOString(),
    })),
    review: incident.reviewStartsAt
      ? {
          startsAt: incident.reviewStartsAt.toISOString(),
          minutes: incident.reviewMinutes,
          // Whoever may read the ticket is of the invited account: where to join is theirs to see.
          location: incident.reviewLocation,
        }
      : null,
  };
}

export type LinkedIncidentView = NonNullable<Awaited<ReturnType<typeof incidentOfTicket>>>;
