import type { PrismaClient } from "../generated/prisma/client";
import { findSessionWithUser } from "./session-lookup.server";
import { hashSecret, randomToken, secretMatches } from "./tokens.server";

/**
 * Sessions as Lucia's documentation teaches them: the cookie carries
 * "<id>.<secret>", the database keeps the id and the SHA-256 of the secret, and
 * validation is one primary-key lookup plus a constant-time comparison.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
export const SESSION_ABSOLUTE_LIFETIME_MS = 90 * DAY_MS;
/** Renew the sliding expiry only when less than this remains, so most requests write nothing. */
const RENEW_WHEN_REMAINING_MS = 15 * DAY_MS;
/** "Last seen" in settings is kept to this precision, for the same reason. */
const LAST_SEEN_PRECISION_MS = 5 * 60 * 1000;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: string;
  account: { id: string; name: string; accountNumber: string; plan: string } | null;
};

export type ValidSession = { sessionId: string; expiresAt: Date; user: SessionUser; renewed: boolean };

export async function createSession(db: PrismaClient, userId: string, userAgent: string, now = new Date()) {
  const id = randomToken();
  const secret = randomToken();
  const session = await db.session.create({
    data: {
      id,
      secretHash: hashSecret(secret),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_LIFETIME_MS),
      userAgent: userAgent.slice(0, 300),
    },
  });
  return { token: `${id}.${secret}`, expiresAt: session.expiresAt, sessionId: id };
}

export async function validateSessionToken(db: PrismaClient, token: string, now = new Date()): Promise<ValidSession | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const session = findSessionWithUser(id);
  if (!session || !secretMatches(secret, session.secretHash)) return null;
  const limit = Math.min(session.expiresAt.getTime(), session.absoluteExpiresAt.getTime());
  if (now.getTime() >= limit) {
    await db.session.delete({ where: { id } }).catch(() => undefined);
    return null;
  }
  let expiresAt = session.expiresAt;
  const renew = session.expiresAt.getTime() - now.getTime() < RENEW_WHEN_REMAINING_MS;
  const touch = now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS;
  if (renew || touch) {
    if (renew) expiresAt = new Date(Math.min(now.getTime() + SESSION_LIFETIME_MS, session.absoluteExpiresAt.getTime()));
    await db.session.update({ where: { id }, data: { expiresAt, lastSeenAt: now } });
  }
  return { sessionId: id, expiresAt, user: session.user, renewed: renew };
}

export async function invalidateSession(db: PrismaClient, sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user, except the one given (the browser that asked). */
export async function invalidateUserSessions(db: PrismaClient, userId: string, exceptSessionId?: string) {
  await db.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } });
}

export async function listUserSessions(db: PrismaClient, userId: string) {
  return db.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true },
    orderBy: { lastSeenAt: "desc" },
  });
}
