import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "./db.server";
import { env } from "./env.server";
import { isOutboxStatus, type OutboxStatus } from "./outbox-status";

/**
 * A mail to write to the outbox. The optional headers serve mail that answers mail (the email channel):
 * `from` defaults to MAIL_FROM, `messageId` is made here when not given.
 */
export type Mail = {
  to: string;
  subject: string;
  text: string;
  from?: string;
  replyTo?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  /** RFC 3834 Auto-Submitted ("auto-replied", "auto-generated"); empty for mail a person caused. */
  autoSubmitted?: string;
  ticketId?: string;
  /** An iCalendar METHOD:REQUEST invitation, sent as the mail's text/calendar part (calendars offer to add it). */
  calendar?: string;
};

/** The domain of MAIL_FROM, for Message-IDs (another host's domain in them would look forged). */
function mailDomain(): string {
  const match = /@([^\s>]+)>?\s*$/.exec(env.MAIL_FROM);
  return match?.[1] ?? "localhost";
}

/** A new, unique Message-ID ("<…@domain>"), made before sending so replies can be matched to the mail. */
export function newMessageId(): string {
  return `<${randomUUID()}@${mailDomain()}>`;
}

/** Subjects and header values never carry a line break (header injection) or other control characters. */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

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
  await db.outboxEmail.create({
    data: { ...mail, subject: oneLine(mail.subject), messageId: mail.messageId ?? newMessageId() },
  });
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
  from: string;
  replyTo: string;
  messageId: string;
  inReplyTo: string;
  /** The invitation sent as the mail's calendar part, or "". */
  calendar: string;
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
    from: row.from || env.MAIL_FROM,
    replyTo: row.replyTo,
    messageId: row.messageId,
    inReplyTo: row.inReplyTo,
    calendar: row.calendar,
  }));
  return { emails, counts };
}
