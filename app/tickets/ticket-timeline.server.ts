import type { Actor } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";
import type { TicketStatus } from "./statuses";
import type { Tx, TicketRow } from "./ticket-reads.server";
import { resolvePage } from "../oncall/paging.server";

/**
 * The steps every ticket write is built from, run inside the caller's transaction: a status or
 * escalation change always records a timeline event, and pausing the resolution clock is on it too.
 */

export type Mover = Actor & { name?: string };

export async function recordEvent(
  tx: Tx,
  ticketId: string,
  kind: string,
  fields: { fromValue?: string; toValue?: string; actorId?: string | null; note?: string; at: Date },
) {
  await tx.ticketEvent.create({
    data: {
      ticketId,
      kind,
      fromValue: fields.fromValue ?? "",
      toValue: fields.toValue ?? "",
      actorId: fields.actorId ?? null,
      note: fields.note ?? "",
      createdAt: fields.at,
    },
  });
}

/** Pausing and restarting the resolution clock: every change is on the timeline. */
function pauseChanges(
  ticket: TicketRow,
  to: TicketStatus,
  now: Date,
): Prisma.TicketUpdateInput & { event?: "sla-paused" | "sla-resumed" } {
  if (to === "waiting-on-customer" && !ticket.slaPausedAt) return { slaPausedAt: now, event: "sla-paused" };
  if (to !== "waiting-on-customer" && ticket.slaPausedAt) {
    const pausedMs = now.getTime() - ticket.slaPausedAt.getTime();
    return {
      slaPausedAt: null,
      slaPausedMs: ticket.slaPausedMs + pausedMs,
      // No clock runs while the agents wait on the customer: the unanswered first response and the P1 update move on.
      ...(ticket.firstRespondedAt
        ? {}
        : { firstResponseDueAt: new Date(ticket.firstResponseDueAt.getTime() + pausedMs) }),
      ...(ticket.nextUpdateDueAt ? { nextUpdateDueAt: new Date(ticket.nextUpdateDueAt.getTime() + pausedMs) } : {}),
      event: "sla-resumed",
    };
  }
  return {};
}

export async function moveStatus(
  tx: Tx,
  ticket: TicketRow,
  to: TicketStatus,
  actorId: string | null,
  now: Date,
  note = "",
) {
  if (ticket.status === to) return;
  const { event, ...clock } = pauseChanges(ticket, to, now);
  await tx.ticket.update({
    where: { id: ticket.id },
    data: {
      status: to,
      ...clock,
      ...(to === "solved" ? { solvedAt: now } : {}),
      ...(ticket.status === "solved" && to !== "closed" ? { solvedAt: null } : {}),
    },
  });
  await recordEvent(tx, ticket.id, "status", { fromValue: ticket.status, toValue: to, actorId, note, at: now });
  if (event) await recordEvent(tx, ticket.id, event, { actorId, at: now });
  // A solved ticket is over for the pager too: PagerDuty resolves the incident with the same key.
  if (to === "solved" || to === "closed") await resolvePage(tx, ticket.number, now);
}

export async function setLevelIn(
  tx: Tx,
  ticket: TicketRow,
  level: number,
  actorId: string | null,
  now: Date,
  note: string,
) {
  await tx.ticket.update({ where: { id: ticket.id }, data: { escalationLevel: level } });
  await recordEvent(tx, ticket.id, "escalated", {
    fromValue: `L${ticket.escalationLevel}`,
    toValue: `L${level}`,
    actorId,
    note,
    at: now,
  });
}
