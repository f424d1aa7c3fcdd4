import Database from "better-sqlite3";
import { databaseFile } from "../lib/env.server";

/**
 * The one read every signed-in request makes: a session with its user and
 * account, by primary key, in a single prepared statement. Prisma costs about
 * 3 ms per query here; this costs tens of microseconds, which is what keeps
 * signed-in pages close to anonymous ones (decision record 006). Writes stay
 * with Prisma.
 */
export type SessionRow = {
  id: string;
  secretHash: Uint8Array;
  expiresAt: Date;
  absoluteExpiresAt: Date;
  lastSeenAt: Date;
  user: { id: string; email: string; name: string; role: string; account: { id: string; name: string; accountNumber: string; plan: string } | null };
};

type RawRow = {
  id: string;
  secretHash: Buffer;
  expiresAt: string;
  absoluteExpiresAt: string;
  lastSeenAt: string;
  userId: string;
  email: string;
  name: string;
  role: string;
  accountId: string | null;
  accountName: string | null;
  accountNumber: string | null;
  plan: string | null;
};

let statement: Database.Statement<[string], RawRow> | null = null;

function lookupStatement() {
  if (!statement) {
    const db = new Database(databaseFile(), { fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    statement = db.prepare<[string], RawRow>(
      `SELECT s.id, s.secretHash, s.expiresAt, s.absoluteExpiresAt, s.lastSeenAt,
              u.id AS userId, u.email, u.name, u.role,
              a.id AS accountId, a.name AS accountName, a.accountNumber, a.plan
       FROM "Session" s JOIN "User" u ON u.id = s.userId LEFT JOIN "CustomerAccount" a ON a.id = u.accountId
       WHERE s.id = ?`,
    );
  }
  return statement;
}

export function findSessionWithUser(id: string): SessionRow | null {
  const row = lookupStatement().get(id);
  if (!row) return null;
  return {
    id: row.id,
    secretHash: new Uint8Array(row.secretHash),
    expiresAt: new Date(row.expiresAt),
    absoluteExpiresAt: new Date(row.absoluteExpiresAt),
    lastSeenAt: new Date(row.lastSeenAt),
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      role: row.role,
      account: row.accountId ? { id: row.accountId, name: row.accountName ?? "", accountNumber: row.accountNumber ?? "", plan: row.plan ?? "" } : null,
    },
  };
}
