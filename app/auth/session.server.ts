import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { PLANS, type Plan } from "../support/policy";
import { parseTheme, type Theme } from "../lib/theme";
import type { StoredLocation } from "./location";
import { isRole, type Role } from "./roles";
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

export const ACCOUNT_ROLES = ["owner", "member"] as const;
/** A user's role within their customer account: owners invite and approve colleagues. */
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export type SessionAccount = { id: string; name: string; accountNumber: string; plan: Plan; role: AccountRole };

/** The signed-in user as every route sees it: role and plan already parsed into their unions. */
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  account: SessionAccount | null;
  /** The colour theme chosen in Settings; null (or absent) until chosen. */
  theme?: Theme | null;
};

export type ValidSession = { sessionId: string; expiresAt: Date; user: SessionUser; renewed: boolean };

type Db = PrismaClient | Prisma.TransactionClient;

export function isPlan(value: string): value is Plan {
  return (PLANS as readonly string[]).includes(value);
}

export function isAccountRole(value: string | null): value is AccountRole {
  return value !== null && (ACCOUNT_ROLES as readonly string[]).includes(value);
}

type StoredUser = {
  id: string;
  email: string;
  name: string;
  role: string;
  accountRole: string | null;
  account: { id: string; name: string; accountNumber: string; plan: string } | null;
  theme?: string | null;
};

/**
 * The one place stored strings become Role, Plan and AccountRole. A value the
 * code does not know (a hand-edited row) gets the least privilege: role
 * "member", no customer account, so nothing is granted by accident.
 */
export function toSessionUser(stored: StoredUser): SessionUser {
  const role: Role = isRole(stored.role) ? stored.role : "member";
  const account =
    stored.account && isPlan(stored.account.plan)
      ? {
          id: stored.account.id,
          name: stored.account.name,
          accountNumber: stored.account.accountNumber,
          plan: stored.account.plan,
          role: isAccountRole(stored.accountRole) ? stored.accountRole : "member",
        }
      : null;
  if (role !== stored.role || (stored.account && !account))
    console.warn(`User ${stored.id} has an unknown role or plan in the database; treated with least privilege.`);
  return { id: stored.id, email: stored.email, name: stored.name, role, account, theme: parseTheme(stored.theme) };
}

/**
 * `location` is what location.server.ts derived from the client address (a country
 * code, "local" or null); the address itself is not stored (decision record 012).
 */
export async function createSession(
  db: Db,
  userId: string,
  userAgent: string,
  now = new Date(),
  { location = null }: { location?: StoredLocation } = {},
) {
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
      location,
    },
  });
  return { token: `${id}.${secret}`, expiresAt: session.expiresAt, sessionId: id };
}

type SessionRow = {
  secretHash: Uint8Array;
  expiresAt: Date | string;
  absoluteExpiresAt: Date | string;
  lastSeenAt: Date | string;
  userId: string;
  email: string;
  name: string;
  role: string;
  accountRole: string | null;
  theme: string | null;
  accountId: string | null;
  accountName: string | null;
  accountNumber: string | null;
  plan: string | null;
};

/**
 * The read every signed-in request makes: the session with its user and
 * account, by primary key, in one statement through the shared client (the
 * same SQL on SQLite and PostgreSQL). A `findUnique` with the user and account
 * selected costs about ten times as much here (Prisma resolves the relations
 * in separate queries) and has a long tail; this join keeps signed-in pages
 * close to anonymous ones.
 */
async function findSessionWithUser(db: Db, id: string) {
  const rows = await db.$queryRaw<SessionRow[]>`
    SELECT s."secretHash", s."expiresAt", s."absoluteExpiresAt", s."lastSeenAt",
           u."id" AS "userId", u."email", u."name", u."role", u."accountRole", u."theme",
           a."id" AS "accountId", a."name" AS "accountName", a."accountNumber", a."plan"
    FROM "Session" s
    JOIN "User" u ON u."id" = s."userId"
    LEFT JOIN "CustomerAccount" a ON a."id" = u."accountId"
    WHERE s."id" = ${id}`;
  const row = rows[0];
  if (!row) return null;
  return {
    secretHash: new Uint8Array(row.secretHash),
    expiresAt: new Date(row.expiresAt),
    absoluteExpiresAt: new Date(row.absoluteExpiresAt),
    lastSeenAt: new Date(row.lastSeenAt),
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      role: row.role,
      accountRole: row.accountRole,
      theme: row.theme,
      account: row.accountId
        ? {
            id: row.accountId,
            name: row.accountName ?? "",
            accountNumber: row.accountNumber ?? "",
            plan: row.plan ?? "",
          }
        : null,
    },
  };
}

export async function validateSessionToken(
  db: Db,
  token: string,
  now = new Date(),
  remember?: (absoluteLimit: number, session: ValidSession) => void,
): Promise<ValidSession | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const session = await findSessionWithUser(db, id);
  if (!session || !secretMatches(secret, session.secretHash)) return null;
  const limit = Math.min(session.expiresAt.getTime(), session.absoluteExpiresAt.getTime());
  if (now.getTime() >= limit) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  let expiresAt = session.expiresAt;
  const renew = session.expiresAt.getTime() - now.getTime() < RENEW_WHEN_REMAINING_MS;
  const touch = now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_PRECISION_MS;
  if (renew || touch) {
    if (renew) expiresAt = new Date(Math.min(now.getTime() + SESSION_LIFETIME_MS, session.absoluteExpiresAt.getTime()));
    // updateMany: a session revoked between the read and this write is not an error.
    await db.session.updateMany({ where: { id }, data: { expiresAt, lastSeenAt: now } });
  }
  const valid = { sessionId: id, expiresAt, user: toSessionUser(session.user), renewed: renew };
  remember?.(session.absoluteExpiresAt.getTime(), valid);
  return valid;
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } });
  recentSessions.forgetSession(sessionId);
}

/** Ends a session only if it belongs to the user; false when it does not (or no longer) exist for them. */
export async function invalidateSessionOf(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const removed = await db.session.deleteMany({ where: { id: sessionId, userId } });
  recentSessions.forgetSession(sessionId);
  return removed.count === 1;
}

/** Ends every session of a user, except the one given (the browser that asked). */
export async function invalidateUserSessions(db: Db, userId: string, exceptSessionId?: string) {
  await db.session.deleteMany({ where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) } });
  recentSessions.forgetUser(userId, exceptSessionId);
}

/**
 * Validated sessions remembered for a few seconds per process, keyed by the
 * session id and the SHA-256 of the presented secret (a wrong secret never
 * hits). Signed-in pages then cost one Prisma query per session every few
 * seconds instead of one per request (decision record 008). Revocation in this
 * process forgets the entry at once; another instance's revocation takes
 * effect here within SESSION_CACHE_TTL_MS. Expiry is checked on every hit.
 */
export const SESSION_CACHE_TTL_MS = 5_000;
const SESSION_CACHE_MAX_ENTRIES = 10_000;

class RecentSessions {
  private entries = new Map<string, { session: ValidSession; userId: string; until: number; limit: number }>();

  private key(token: string) {
    const [id, secret] = token.split(".");
    return `${id}.${Buffer.from(hashSecret(secret ?? "")).toString("base64")}`;
  }

  get(token: string, now: number): ValidSession | null {
    const key = this.key(token);
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (now >= entry.until || now >= entry.limit) {
      this.entries.delete(key);
      return null;
    }
    return { ...entry.session, renewed: false };
  }

  set(token: string, session: ValidSession, absoluteLimit: number, now: number) {
    if (this.entries.size >= SESSION_CACHE_MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(this.key(token), {
      session,
      userId: session.user.id,
      until: now + SESSION_CACHE_TTL_MS,
      limit: Math.min(session.expiresAt.getTime(), absoluteLimit),
    });
  }

  forgetSession(sessionId: string) {
    for (const key of this.entries.keys()) if (key.startsWith(`${sessionId}.`)) this.entries.delete(key);
  }

  forgetUser(userId: string, exceptSessionId?: string) {
    for (const [key, entry] of this.entries)
      if (entry.userId === userId && entry.session.sessionId !== exceptSessionId) this.entries.delete(key);
  }

  clear() {
    this.entries.clear();
  }
}

const recentSessions = new RecentSessions();

/** Drops remembered sessions of a user whose role or account changed, so the change shows on their next request here. */
export function forgetCachedSessionsOf(userId: string) {
  recentSessions.forgetUser(userId);
}

/** validateSessionToken, answered from the short-lived per-process cache when it can be. */
export async function validateSessionTokenCached(
  db: Db,
  token: string,
  now = new Date(),
): Promise<ValidSession | null> {
  const cached = recentSessions.get(token, now.getTime());
  if (cached) return cached;
  const session = await validateSessionToken(db, token, now, (absoluteLimit, valid) =>
    recentSessions.set(token, valid, absoluteLimit, now.getTime()),
  );
  return session;
}

export async function listUserSessions(db: Db, userId: string) {
  return db.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, location: true },
    orderBy: { lastSeenAt: "desc" },
  });
}
