import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import type { Theme } from "../lib/theme";
import { PLAN_NAMES } from "../support/policy";
import { reservedNameProblem } from "./display-names.server";
import { can, type Actor } from "./permissions";
import {
  forgetCachedSessionsOf,
  isPlan,
  invalidateSession,
  invalidateSessionOf,
  invalidateUserSessions,
  listUserSessions,
  type ValidSession,
} from "./session.server";

/**
 * Users as the signed-in person and staff see them. Every function takes the
 * acting user and answers only within what that user may see or change.
 */

export type SessionActor = Pick<ValidSession, "sessionId" | "user">;

export async function getProfile(actor: Actor) {
  return prisma.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { name: true, email: true, bio: true, phone: true, role: true },
  });
}

/** Saves the name, bio and phone (empty clears it); a name that would pass a member off as staff is refused (on the name field). */
export async function updateProfile(actor: Actor, data: { name: string; bio: string; phone?: string }): Promise<void> {
  const problem = await reservedNameProblem(prisma, actor, data.name);
  if (problem) throw new Refusal(400, problem, { field: "name" });
  await prisma.user.update({
    where: { id: actor.id },
    // Without a phone field (older callers) the stored phone stays as it is.
    data: { name: data.name, bio: data.bio, ...(data.phone === undefined ? {} : { phone: data.phone || null }) },
  });
  // The header shows the name from the remembered session: forget it, so the new name shows at once.
  forgetCachedSessionsOf(actor.id);
}

/** Remembers the colour theme on the account, so the member's other devices follow it (app/lib/theme.ts). */
export async function saveTheme(actor: Actor, theme: Theme): Promise<void> {
  await prisma.user.update({ where: { id: actor.id }, data: { theme } });
  // Signed-in pages read the theme from the remembered session: forget it, so the choice shows at once.
  forgetCachedSessionsOf(actor.id);
}

export async function listSessions(actor: SessionActor) {
  const sessions = await listUserSessions(prisma, actor.user.id);
  return sessions.map((entry) => ({ ...entry, current: entry.id === actor.sessionId }));
}

/**
 * Ends one of the actor's own sessions. Another user's session id, or one that
 * no longer exists, is "not-found": nothing is signed out, and the answer does
 * not confirm that the id exists.
 */
export async function revokeSession(
  actor: SessionActor,
  sessionId: string,
): Promise<"current" | "revoked" | "not-found"> {
  if (sessionId === actor.sessionId) {
    await invalidateSession(prisma, sessionId);
    return "current";
  }
  return (await invalidateSessionOf(prisma, actor.user.id, sessionId)) ? "revoked" : "not-found";
}

export async function signOut(sessionId: string) {
  await invalidateSession(prisma, sessionId);
}

export async function signOutEverywhere(actor: Actor) {
  await invalidateUserSessions(prisma, actor.id);
}

const STAFF_LIST_LIMIT = 50;

/** Staff look up a customer's account and plan before answering them. */
export async function listUsersForStaff(actor: Actor, search: string) {
  if (!can(actor, "users:view")) return null;
  const query = search.trim().toLowerCase().slice(0, 100);
  const users = await prisma.user.findMany({
    where: query
      ? {
          OR: [
            { email: { contains: query } },
            { name: { contains: query } },
            { account: { accountNumber: { contains: query.toUpperCase() } } },
          ],
        }
      : {},
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      accountRole: true,
      emailVerifiedAt: true,
      account: { select: { name: true, accountNumber: true, plan: true } },
    },
    orderBy: { email: "asc" },
    take: STAFF_LIST_LIMIT,
  });
  return {
    query,
    users: users.map((entry) => ({
      id: entry.id,
      name: entry.name,
      email: entry.email,
      role: entry.role,
      accountRole: entry.accountRole,
      emailVerifiedAt: entry.emailVerifiedAt?.toISOString() ?? null,
      account: entry.account ? { name: entry.account.name, accountNumber: entry.account.accountNumber } : null,
      planName: entry.account && isPlan(entry.account.plan) ? PLAN_NAMES[entry.account.plan] : null,
    })),
  };
}
