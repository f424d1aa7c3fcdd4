import nodemailer from "nodemailer";
import type { PrismaClient } from "../generated/prisma/client";

/**
 * Delivers the transactional outbox (OutboxEmail). Requests only ever write rows (enqueueMail); this job,
 * run by the scheduler, talks to SMTP. Each message gets MAX_ATTEMPTS tries with exponential backoff;
 * a permanent refusal (an SMTP 5xx) fails it at once. Without SMTP_URL, pending mail becomes "held":
 * the outbox page is then where admins read it, and it is never sent later by surprise (a held reset
 * link may long have expired).
 */

export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** Messages one run sends at most; the rest wait for the next run. */
export const BATCH_SIZE = 50;
/** A run stops starting new messages after this long, so it stays well within the job's lease. */
const RUN_BUDGET_MS = 60_000;
const LAST_ERROR_MAX_CHARS = 1000;

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  replyTo?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  /** Nodemailer's calendar part: mail clients show an invitation with Accept / Decline. */
  icalEvent?: { method: "REQUEST"; filename: string; content: string };
};

export type MailSender = {
  /** Resolves once the server accepted the message; throws PermanentMailError when it never will. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
};

/** The receiving server refused the message for good (an SMTP 5xx reply): retrying cannot help. */
export class PermanentMailError extends Error {
  override name = "PermanentMailError";
}

/** Wait before the attempt after `attemptsMade` failed ones: 1, 2, 4, 8 … minutes, at most an hour. */
export function retryDelayMs(attemptsMade: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attemptsMade - 1), LONGEST_RETRY_MS);
}

export function createSmtpSender(url: string): MailSender {
  const transport = nodemailer.createTransport({
    url,
    // Bounded waits: a stalled server costs one attempt, not the job's lease.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(mail) {
      try {
        await transport.sendMail(mail);
      } catch (error) {
        const code =
          typeof error === "object" && error !== null && "responseCode" in error ? Number(error.responseCode) : NaN;
        if (code >= 500 && code < 600)
          throw new PermanentMailError(error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    close: () => transport.close(),
  };
}

export type DeliveryOptions = {
  now: Date;
  from: string;
  sender: MailSender | null;
  batchSize?: number;
  maxAttempts?: number;
};

type OutboxRow = {
  to: string;
  subject: string;
  text: string;
  from: string;
  replyTo: string;
  messageId: string;
  inReplyTo: string;
  references: string;
  autoSubmitted: string;
  calendar: string;
};

/** The stored row as Nodemailer sends it: the Message-ID made at enqueue time, threading and RFC 3834 headers. */
export function outgoing(mail: OutboxRow, defaultFrom: string): OutgoingMail {
  return {
    from: mail.from || defaultFrom,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references ? { references: mail.references } : {}),
    ...(mail.autoSubmitted ? { headers: { "Auto-Submitted": mail.autoSubmitted } } : {}),
    ...(mail.calendar
      ? { icalEvent: { method: "REQUEST" as const, filename: "invite.ics", content: mail.calendar } }
      : {}),
  };
}

/** One pass over the outbox; answers how many messages it sent, retried, failed or held. */
export async function deliverOutbox(db: PrismaClient, options: DeliveryOptions): Promise<number> {
  const { now, sender, from, batchSize = BATCH_SIZE, maxAttempts = MAX_ATTEMPTS } = options;
  if (!sender) {
    const held = await db.outboxEmail.updateMany({ where: { status: "pending" }, data: { status: "held" } });
    return held.count;
  }
  const due = await db.outboxEmail.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: batchSize,
  });
  const deadline = Date.now() + RUN_BUDGET_MS;
  let handled = 0;
  for (const mail of due) {
    if (Date.now() > deadline) break;
    const attempt = mail.attempts + 1;
    // Count the attempt (and push the next one out) before talking to SMTP: if this process dies
    // mid-send the message is retried later, and no other runner picks up the same attempt.
    const claimed = await db.outboxEmail.updateMany({
      where: { id: mail.id, status: "pending", attempts: mail.attempts },
      data: { attempts: attempt, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt)) },
    });
    if (claimed.count !== 1) continue;
    handled++;
    try {
      await sender.send(outgoing(mail, from));
      await db.outboxEmail.update({ where: { id: mail.id }, data: { status: "sent", sentAt: now, lastError: null } });
    } catch (error) {
      const giveUp = error instanceof PermanentMailError || attempt >= maxAttempts;
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, LAST_ERROR_MAX_CHARS);
      await db.outboxEmail.update({
        where: { id: mail.id },
        data: { status: giveUp ? "failed" : "pending", lastError },
      });
    }
  }
  return handled;
}
