import type { PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import type { SearchHit } from "../search/types";
import { DEFLECTION_HOLD_DAYS } from "../support/policy";
import { deflectionHeld, normaliseProblem, type LaterContact } from "./settlement";
import { inRetriedTransaction } from "../lib/transactions.server";

/**
 * The deflection funnel: suggestions offered while a customer describes a problem, which ones they
 * opened, the one they confirmed ("This solved my problem"), and later whether that held. The flow's
 * own steps take the person first and use the app's client; the jobs (settle, prune) and insights'
 * funnel take the client they are given.
 */

export type Who = { userId: string | null; visitorId: string | null };
const DAY_MS = 24 * 60 * 60 * 1000;
/** A flow left this long without a confirmation or a ticket counts as "gave up". */
export const GAVE_UP_AFTER_MS = DAY_MS;

function ownedBy(who: Who) {
  const clauses = [];
  if (who.userId) clauses.push({ userId: who.userId });
  if (who.visitorId) clauses.push({ visitorId: who.visitorId });
  return clauses;
}

/** The person's session, or null when it is not theirs (nobody confirms on another's flow). */
export async function ownSession(who: Who, sessionId: string | null | undefined) {
  if (!sessionId) return null;
  const owners = ownedBy(who);
  if (owners.length === 0) return null;
  return prisma.deflectionSession.findFirst({ where: { id: sessionId, OR: owners } });
}

/** Records what was offered for this description (starting the flow on the first call). */
export async function recordOffered(
  who: Who,
  sessionId: string | null | undefined,
  text: string,
  hits: SearchHit[],
  now = new Date(),
): Promise<string> {
  const query = normaliseProblem(text);
  let session = await ownSession(who, sessionId);
  if (!session || session.outcome !== "open") {
    session = await prisma.deflectionSession.create({
      data: { visitorId: who.visitorId, userId: who.userId, query, startedAt: now },
    });
  } else if (session.query !== query) {
    await prisma.deflectionSession.update({ where: { id: session.id }, data: { query } });
  }
  const sessionRow = session;
  const existing = new Set(
    (
      await prisma.deflectionSuggestion.findMany({ where: { sessionId: sessionRow.id }, select: { documentId: true } })
    ).map((row) => row.documentId),
  );
  const fresh = hits.filter((hit) => !existing.has(hit.id));
  if (fresh.length) {
    await prisma.deflectionSuggestion.createMany({
      data: fresh.map((hit) => ({
        sessionId: sessionRow.id,
        documentId: hit.id,
        type: hit.type,
        url: hit.url,
        title: hit.title,
        position: hits.indexOf(hit),
        offeredAt: now,
      })),
    });
  }
  return sessionRow.id;
}

export async function recordOpened(who: Who, sessionId: string, documentId: string, now = new Date()) {
  const session = await ownSession(who, sessionId);
  if (!session) return false;
  await prisma.deflectionSuggestion.updateMany({
    where: { sessionId: session.id, documentId, openedAt: null },
    data: { openedAt: now },
  });
  return true;
}

/** "This solved my problem": the flow ends confirmed on this suggestion. */
export async function recordConfirmed(who: Who, sessionId: string, documentId: string, now = new Date()) {
  const session = await ownSession(who, sessionId);
  if (!session) return null;
  const suggestion = await prisma.deflectionSuggestion.findUnique({
    where: { sessionId_documentId: { sessionId: session.id, documentId } },
  });
  if (!suggestion) return null;
  await inRetriedTransaction(async (tx) => {
    await tx.deflectionSuggestion.update({
      where: { id: suggestion.id },
      data: { confirmedAt: now, openedAt: suggestion.openedAt ?? now },
    });
    await tx.deflectionSession.update({ where: { id: session.id }, data: { outcome: "confirmed" } });
  });
  return suggestion;
}

/** What the customer searched and saw before filing, for the ticket's deflection trail. */
export async function deflectionTrail(session: { id: string; query: string } | null) {
  if (!session) return [];
  const suggestions = await prisma.deflectionSuggestion.findMany({
    where: { sessionId: session.id },
    orderBy: [{ offeredAt: "asc" }, { position: "asc" }],
  });
  return [
    {
      searched: session.query,
      shown: suggestions.map((row) => ({
        title: row.title,
        url: row.url,
        type: row.type,
        opened: row.openedAt !== null,
      })),
    },
  ];
}

/**
 * Settles flows: confirmed ones once their hold period has passed (held or not), and flows left
 * without a confirmation or a ticket as "gave up". Each session is settled once.
 */
export async function settleDeflections(db: PrismaClient, now: Date): Promise<number> {
  let settled = 0;
  const gaveUp = await db.deflectionSession.updateMany({
    where: { outcome: "open", updatedAt: { lte: new Date(now.getTime() - GAVE_UP_AFTER_MS) } },
    data: { outcome: "gave-up", settledAt: now },
  });
  settled += gaveUp.count;
  const due = await db.deflectionSession.findMany({
    where: {
      outcome: "confirmed",
      settledAt: null,
      updatedAt: { lte: new Date(now.getTime() - DEFLECTION_HOLD_DAYS * DAY_MS) },
    },
    take: 5_000,
  });
  for (const session of due) {
    const confirmedAt =
      (
        await db.deflectionSuggestion.findFirst({
          where: { sessionId: session.id, confirmedAt: { not: null } },
          select: { confirmedAt: true },
        })
      )?.confirmedAt ?? session.updatedAt;
    const owners = ownedBy({ userId: session.userId, visitorId: session.visitorId });
    const later: LaterContact[] = [];
    if (owners.length) {
      const window = { gt: confirmedAt, lte: new Date(confirmedAt.getTime() + DEFLECTION_HOLD_DAYS * DAY_MS) };
      const sessions = await db.deflectionSession.findMany({
        where: { id: { not: session.id }, OR: owners, startedAt: window },
        select: { startedAt: true, query: true },
      });
      later.push(...sessions.map((row) => ({ at: row.startedAt, query: row.query })));
      if (session.userId) {
        const tickets = await db.ticket.findMany({
          where: { requesterId: session.userId, createdAt: window },
          select: { createdAt: true, subject: true, deflectionSessionId: true },
        });
        later.push(
          ...tickets.map((row) => ({
            at: row.createdAt,
            query: normaliseProblem(row.subject),
            ticketFromSameSearch: row.deflectionSessionId === session.id,
          })),
        );
      }
    }
    const held = deflectionHeld({ at: confirmedAt, query: session.query }, later, DEFLECTION_HOLD_DAYS);
    const updated = await db.deflectionSession.updateMany({
      where: { id: session.id, settledAt: null },
      data: { settledAt: now, held },
    });
    settled += updated.count;
  }
  return settled;
}

/** The funnel for insights: offered → opened → confirmed → held, and flows that gave up. */
export async function deflectionFunnel(db: PrismaClient, since: Date) {
  const suggestionWhere = { offeredAt: { gte: since } };
  const [offered, opened, confirmed, held, notHeld, gaveUp, tickets] = await Promise.all([
    db.deflectionSuggestion.count({ where: suggestionWhere }),
    db.deflectionSuggestion.count({ where: { ...suggestionWhere, openedAt: { not: null } } }),
    db.deflectionSession.count({ where: { startedAt: { gte: since }, outcome: "confirmed" } }),
    db.deflectionSession.count({ where: { startedAt: { gte: since }, outcome: "confirmed", held: true } }),
    db.deflectionSession.count({ where: { startedAt: { gte: since }, outcome: "confirmed", held: false } }),
    db.deflectionSession.count({ where: { startedAt: { gte: since }, outcome: "gave-up" } }),
    db.deflectionSession.count({ where: { startedAt: { gte: since }, outcome: "ticket" } }),
  ]);
  return { offered, opened, confirmed, held, notHeld, gaveUp, tickets };
}

/** Deflection flows follow the search analytics retention: older ones (and their suggestions) are deleted. */
export async function pruneDeflections(db: PrismaClient, retentionDays: number, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const deleted = await db.deflectionSession.deleteMany({
    where: { startedAt: { lt: cutoff }, OR: [{ settledAt: { not: null } }, { outcome: "ticket" }] },
  });
  return deleted.count;
}
