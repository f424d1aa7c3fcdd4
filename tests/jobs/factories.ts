import type { PrismaClient } from "~/generated/prisma/client";
import { randomToken } from "~/auth/tokens.server";

/** Rows for the job tests, each with fresh unique keys so no test depends on another's data. */

export async function createUser(db: PrismaClient) {
  const suffix = randomToken(6);
  return db.user.create({
    data: {
      email: `jobs-${suffix}@example.com`,
      name: `Jobs ${suffix}`,
      passwordHash: "not-a-real-hash",
      emailVerifiedAt: new Date(),
    },
  });
}

export async function createStaffUser(db: PrismaClient, role: "agent" | "moderator" | "admin") {
  const user = await createUser(db);
  return db.user.update({ where: { id: user.id }, data: { role } });
}

export async function createCustomerAccount(db: PrismaClient) {
  const suffix = randomToken(6);
  return db.customerAccount.create({
    data: { accountNumber: `TF-T${suffix}`, name: `Account ${suffix}`, plan: "standard" },
  });
}

export async function createSessionRow(db: PrismaClient, userId: string, expiresAt: Date, absoluteExpiresAt: Date) {
  return db.session.create({
    data: { id: randomToken(), secretHash: new Uint8Array(32), userId, expiresAt, absoluteExpiresAt },
  });
}

export async function createToken(db: PrismaClient, userId: string, expiresAt: Date, usedAt: Date | null = null) {
  return db.oneTimeToken.create({ data: { id: randomToken(), userId, purpose: "reset-password", expiresAt, usedAt } });
}

export async function createInvitation(
  db: PrismaClient,
  accountId: string,
  invitedById: string,
  expiresAt: Date,
  acceptedAt: Date | null = null,
) {
  return db.accountInvitation.create({
    data: {
      id: randomToken(),
      accountId,
      email: `invitee-${randomToken(6)}@example.com`,
      invitedById,
      expiresAt,
      acceptedAt,
    },
  });
}

export async function createOutboxMail(
  db: PrismaClient,
  overrides: { nextAttemptAt?: Date; status?: string; attempts?: number } = {},
) {
  const suffix = randomToken(6);
  return db.outboxEmail.create({
    data: {
      to: `reader-${suffix}@example.com`,
      subject: `Subject ${suffix}`,
      text: `Hello ${suffix}.\n.A line that starts with a dot.`,
      ...overrides,
    },
  });
}
