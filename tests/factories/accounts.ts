import { randomUUID } from "node:crypto";
import { hashPassword } from "../../app/auth/password.server";
import type { Role } from "../../app/auth/roles";
import { createSession, type AccountRole } from "../../app/auth/session.server";
import { prisma } from "../../app/lib/db.server";
import type { Plan } from "../../app/support/policy";

/**
 * Factories: each test makes the rows it needs, with unique emails and account
 * numbers, so no test depends on another test's data or on the order they run in.
 */

let sequence = 0;
function unique() {
  sequence += 1;
  return `${Date.now().toString(36)}-${sequence}-${randomUUID().slice(0, 8)}`;
}

export const FACTORY_PASSWORD = "sturdy-lantern-meadow-64";
let factoryHash: Promise<string> | null = null;

export type UserOverrides = {
  email?: string;
  name?: string;
  role?: Role;
  password?: string;
  verified?: boolean;
  accountId?: string | null;
  accountRole?: AccountRole | null;
};

/** A user who can sign in (with FACTORY_PASSWORD unless given another), verified unless told otherwise. */
export async function createUser(overrides: UserOverrides = {}) {
  const passwordHash = overrides.password
    ? await hashPassword(overrides.password)
    : await (factoryHash ??= hashPassword(FACTORY_PASSWORD));
  return prisma.user.create({
    data: {
      email: overrides.email ?? `user-${unique()}@example.com`,
      name: overrides.name ?? "Test User",
      role: overrides.role ?? "member",
      passwordHash,
      emailVerifiedAt: overrides.verified === false ? null : new Date(),
      accountId: overrides.accountId ?? null,
      accountRole: overrides.accountId ? (overrides.accountRole ?? "member") : null,
    },
  });
}

let accountNumber = 300000 + Math.floor(Math.random() * 600000);
/** A customer account with a fresh account number. */
export async function createAccount(overrides: { name?: string; plan?: Plan } = {}) {
  accountNumber += 1;
  return prisma.customerAccount.create({
    data: {
      accountNumber: `TF-${accountNumber}`,
      name: overrides.name ?? `Company ${unique()}`,
      plan: overrides.plan ?? "standard",
    },
  });
}

/** An account with its owner. */
export async function createAccountWithOwner(plan: Plan = "professional") {
  const account = await createAccount({ plan });
  const owner = await createUser({ accountId: account.id, accountRole: "owner" });
  return { account, owner };
}

/** A signed-in session for the user, as the Cookie header a browser would send over plain HTTP. */
export async function sessionCookieFor(userId: string) {
  const { token, sessionId } = await createSession(prisma, userId, "factory");
  return { cookie: `tf_session=${token}`, token, sessionId };
}

export function uniqueEmail(prefix = "user") {
  return `${prefix}-${unique()}@example.com`;
}
