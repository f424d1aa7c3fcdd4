/** Shared steps of every idea write: permission and suspension checks, loading an idea, following it and the audit entry. */
import type { Actor } from "../auth/permissions";
import { assertNotSuspended } from "../forum/limits.server";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { Refusal, isRefusal } from "../lib/refusal";

/**
 * Every change to ideas: each runs in one transaction (rows, counters, follows, notifications and
 * the audit entry together), then purges the cached pages it changed and brings search up to date.
 * Refusals are Refusal with a status and a sentence; routes show them, never a 500.
 */
export type Tx = Prisma.TransactionClient;
export type IdeaActor = Actor & { name?: string };

export function isUniqueViolation(error: unknown) {
  return (
    typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002"
  );
}

export async function notSuspended(actor: Actor, tx?: Tx) {
  try {
    await assertNotSuspended(actor, new Date(), tx);
  } catch (error) {
    if (isRefusal(error)) throw new Refusal(403, error.message);
    throw error;
  }
}

export function require(actor: Actor, allowed: boolean, message: string) {
  if (!allowed) throw new Refusal(403, message);
  return actor;
}

export async function loadIdea(tx: Tx | typeof prisma, id: number) {
  const idea = await tx.idea.findUnique({ where: { id } });
  if (!idea) throw new Refusal(404, "We couldn’t find that idea. It may have been removed.");
  return idea;
}

export async function follow(tx: Tx, ideaId: number, userId: string) {
  // An upsert on the composite key: following twice (two tabs, a vote after a comment) is one row.
  await tx.ideaFollow.upsert({ where: { ideaId_userId: { ideaId, userId } }, create: { ideaId, userId }, update: {} });
}

export async function audit(tx: Tx, actorId: string, action: string, ideaId: number, details: object, reason = "") {
  await tx.auditLog.create({
    data: { actorId, action, subjectType: "idea", subjectId: String(ideaId), reason, details: JSON.stringify(details) },
  });
}
