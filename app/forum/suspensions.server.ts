import { can, type Actor } from "../auth/permissions";
import { isRole, isStaff } from "../auth/roles";
import { invalidateUserSessions } from "../auth/session.server";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { recordAudit } from "../audit/audit.server";
import { inModerationTransaction, refuseUnless } from "./moderation-common.server";
import { MAX_SUSPENSION_DAYS } from "./moderation-schemas";

/** Suspending a member, lifting the suspension, and whether a member is suspended now. */

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Suspends a member for `days`: they cannot post, like, flag or vote until then, and every session
 * they have ends now (they sign in again to read, and see why). Staff cannot be suspended: demote first.
 */
export async function suspendUser(actor: Actor, userId: string, days: number, reason: string, now = new Date()) {
  refuseUnless(can(actor, "user:suspend"), "Only moderators can suspend members.");
  if (!Number.isInteger(days) || days < 1 || days > MAX_SUSPENSION_DAYS)
    throw new Refusal(400, `Suspend for 1 to ${MAX_SUSPENSION_DAYS} days.`);
  if (!reason.trim()) throw new Refusal(400, "Say why: the member's record keeps it.");
  const target = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, suspendedUntil: true },
  });
  if (!target) throw new Refusal(404, "That member does not exist.");
  if (isRole(target.role) && isStaff(target.role))
    throw new Refusal(403, "Staff accounts cannot be suspended; an admin can change their role first.");
  const until = new Date(now.getTime() + days * DAY_MS);
  await inModerationTransaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { suspendedUntil: until } });
    await invalidateUserSessions(tx, userId);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "user.suspend",
        subjectType: "user",
        subjectId: userId,
        reason,
        details: { days, until: until.toISOString(), previousUntil: target.suspendedUntil?.toISOString() ?? null },
      },
      now,
    );
  });
  return { until };
}

export async function liftSuspension(actor: Actor, userId: string, reason = "", now = new Date()) {
  refuseUnless(can(actor, "user:suspend"), "Only moderators can lift a suspension.");
  const target = await prisma.user.findUnique({ where: { id: userId }, select: { suspendedUntil: true } });
  if (!target) throw new Refusal(404, "That member does not exist.");
  if (!target.suspendedUntil || target.suspendedUntil <= now) throw new Refusal(409, "That member is not suspended.");
  await inModerationTransaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { suspendedUntil: null } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "user.unsuspend",
        subjectType: "user",
        subjectId: userId,
        reason,
        details: { previousUntil: target.suspendedUntil?.toISOString() ?? null },
      },
      now,
    );
  });
}

export async function isSuspended(
  userId: string,
  now = new Date(),
  db: Prisma.TransactionClient = prisma,
): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { suspendedUntil: true } });
  return !!user?.suspendedUntil && user.suspendedUntil > now;
}
