import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "./db.server";
import { isOutboxStatus, type OutboxStatus } from "./outbox-status";

export type Mail = { to: string; subject: string; text: string };

/** Prisma's client or the client handed to a `$transaction` callback: mail is written with the change that causes it. */
export type MailWriter = PrismaClient | Prisma.TransactionClient;

/**
 * The one way the app sends mail: a row in the transactional outbox, written
 * through the same client (usually a transaction) as the change that causes
 * it. The send-mail job delivers pending rows through SMTP when SMTP_URL is set;
 * without SMTP the outbox is where admins read mail (/admin/outbox). A
 * user-facing request never waits on SMTP.
 */
export async function enqueueMail(db: MailWriter, mail: Mail) {
  await db.outboxEmail.create({ data: mail });
}

/** Outside a transaction (a single write): the same outbox. */
export async function sendMail(mail: Mail) {
  await enqueueMail(prisma, mail);
}

export type OutboxEntry = {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
};

/** The newest mail for /admin/outbox, optionally of one status, with how many messages are in each status. */
export async function readOutbox(options: { status?: OutboxStatus; limit: number }, db: PrismaClient = prisma) {
  const [rows, groups] = await Promise.all([
    db.outboxEmail.findMany({
      where: options.status ? { status: options.status } : {},
      orderBy: { createdAt: "desc" },
      take: options.limit,
    }),
    db.outboxEmail.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const counts: Record<OutboxStatus, number> = { pending: 0, held: 0, sent: 0, failed: 0 };
  for (const group of groups) if (isOutboxStatus(group.status)) counts[group.status] = group._count._all;
  const emails: OutboxEntry[] = rows.map((row) => ({
    id: row.id,
    to: row.to,
    subject: row.subject,
    text: row.text,
    // Only the send-mail job writes a status other than the default; an unknown one is shown as failed.
    status: isOutboxStatus(row.status) ? row.status : "failed",
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
  return { emails, counts };
}
