import type { Prisma } from "../generated/prisma/client";

/**
 * What the status page tells whoever listens about an incident: a new update, its root cause analysis,
 * its review meeting. The status domain announces; the tickets linked to the incident listen (registered
 * at the composition root, app/composition.server.ts), so status never imports tickets. Listeners run
 * inside the announcing write's transaction: a rolled-back update reaches no ticket.
 */

export type IncidentNews = {
  incidentId: string;
  incidentTitle: string;
  kind: "update" | "root-cause" | "review";
  /** The incident's status after the news ("resolved"), and its words ("Resolved"). */
  status: string;
  statusLabel: string;
  /** The update or analysis as plain text (mail and timeline notes); empty for a review meeting. */
  text: string;
  /** The root cause analysis as plain text, when this news carries it (resolving, or publishing it later). */
  rootCause: string;
  actorId: string;
  at: Date;
};

export type IncidentNewsListener = (tx: Prisma.TransactionClient, news: IncidentNews) => Promise<void>;

const listeners: IncidentNewsListener[] = [];

export function onIncidentNews(listener: IncidentNewsListener) {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export async function announceIncidentNews(tx: Prisma.TransactionClient, news: IncidentNews) {
  for (const listener of listeners) await listener(tx, news);
}
