import { simpleParser, type ParsedMail } from "mailparser";
import type { DNSResolver } from "mailauth";
import type { PrismaClient } from "../generated/prisma/client";
import { env } from "../lib/env.server";
import { isRefusal } from "../lib/refusal";
import { isPlanValue } from "../tickets/policy-bridge";
import { MAX_TICKET_BYTES } from "../tickets/attachment-rules";
import { discardUploads } from "../tickets/attachments.server";
import { fileTicketFromEmail } from "../tickets/email-tickets.server";
import { findReplyKey, replyKeyIn } from "../tickets/reply-keys.server";
import { addTicketCcs } from "../tickets/ticket-ccs.server";
import { queueTicketIndexing } from "../tickets/search-documents.server";
import { addReplyWith } from "../tickets/ticket-replies.server";
import type { Tx } from "../tickets/ticket-reads.server";
import type { EmailTopic } from "../support/policy";
import { checkSender, type SenderCheck } from "./authenticate.server";
import { isServedAddress } from "./addresses";
import { automaticMailReason } from "./loop-guard";
import { mailAttachments, mailText, messageBody } from "./message-content.server";
import { inboundSettings, type InboundSettings } from "./settings.server";

/**
 * What a stored mail becomes. In order: mail no person wrote is ignored (no ticket, no auto-reply);
 * the same mail delivered twice is a duplicate; a reply address (reply+KEY@) names the ticket and the
 * person, and the From must be that person; a mail answering one of ours (In-Reply-To/References)
 * reaches the ticket only when its From is a member of the ticket's account; anything else is a new
 * ticket when the From is a customer's verified address, and waits in the staff's unmatched-mail queue
 * when not. A failed sender check (DMARC fail) never reaches a ticket. Each outcome is written in the
 * same transaction as the ticket change, and only while the mail is still "received": processing the
 * same mail twice (the job after a crash, two instances) changes nothing the second time.
 */

export type ProcessOptions = {
  now?: Date;
  parsed?: ParsedMail;
  resolver?: DNSResolver;
  settings?: InboundSettings;
  /** Off only where the app's search index is not this database's (the bench). */
  indexSearch?: boolean;
};

const MAX_ATTEMPTS = 5;
const FINISHED = ["ticket", "reply", "follow-up", "unmatched", "ignored", "linked", "discarded"];

const TICKET_OUTCOMES = ["ticket", "reply", "follow-up"];

class AlreadyProcessed extends Error {}

type Row = NonNullable<Awaited<ReturnType<typeof loadRow>>>;

function loadRow(db: PrismaClient, id: string) {
  return db.inboundEmail.findUnique({ where: { id } });
}

/** Marks the mail done in the caller's transaction; a mail someone else finished rolls the transaction back. */
async function finish(
  tx: Tx | PrismaClient,
  id: string,
  status: string,
  fields: { note?: string; ticketId?: string; ticketMessageId?: string; check?: SenderCheck; now: Date },
) {
  const done = await tx.inboundEmail.updateMany({
    where: { id, status: "received" },
    data: {
      status,
      note: (fields.note ?? "").slice(0, 1000),
      ticketId: fields.ticketId ?? null,
      ticketMessageId: fields.ticketMessageId ?? null,
      ...(fields.check ? { authResult: fields.check.result, authDetails: fields.check.details.slice(0, 2000) } : {}),
      processedAt: fields.now,
    },
  });
  if (done.count !== 1) throw new AlreadyProcessed();
}

/** Everyone else the customer addressed (To and Cc, less our own addresses): colleagues to copy on the ticket. */
function copied(parsed: ParsedMail): string[] {
  return [parsed.to, parsed.cc]
    .flatMap((field) => (field ? (Array.isArray(field) ? field : [field]) : []))
    .flatMap((field) => field.value.map((entry) => entry.address ?? ""))
    .filter((address) => address && !isServedAddress(address));
}

function referencedIds(parsed: ParsedMail): string[] {
  const refs = parsed.references ? (Array.isArray(parsed.references) ? parsed.references : [parsed.references]) : [];
  return [...new Set([parsed.inReplyTo ?? "", ...refs].flatMap((value) => value.split(/\s+/)).filter(Boolean))].slice(
    0,
    50,
  );
}

/** A ticket that one of our mails (or the customer's earlier mail on it) with these Message-IDs is about. */
async function threadedTicketId(db: PrismaClient, ids: string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const [outbound, inbound] = await Promise.all([
    db.outboxEmail.findFirst({
      where: { messageId: { in: ids }, ticketId: { not: null } },
      select: { ticketId: true },
    }),
    db.inboundEmail.findFirst({
      where: { messageId: { in: ids }, ticketId: { not: null } },
      select: { ticketId: true },
    }),
  ]);
  return outbound?.ticketId ?? inbound?.ticketId ?? null;
}

function customerUser(db: PrismaClient, address: string) {
  return db.user.findUnique({
    where: { email: address },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      emailVerifiedAt: true,
      accountId: true,
      accountRole: true,
      account: { select: { plan: true } },
    },
  });
}
type CustomerUser = NonNullable<Awaited<ReturnType<typeof customerUser>>>;

async function unmatched(db: PrismaClient, row: Row, note: string, check: SenderCheck, now: Date) {
  await finish(db, row.id, "unmatched", { note, check, now });
  return "unmatched";
}

/** A new ticket (or a follow-up to a closed one) from a known customer. */
async function openTicket(
  db: PrismaClient,
  row: Row,
  parsed: ParsedMail,
  user: CustomerUser & { accountId: string },
  check: SenderCheck,
  now: Date,
  followUpOf: { id: string; number: string } | null,
) {
  const { files, refused } = await mailAttachments(parsed, MAX_TICKET_BYTES);
  const status = followUpOf ? "follow-up" : "ticket";
  try {
    await fileTicketFromEmail(
      db,
      {
        requester: {
          id: user.id,
          email: user.email,
          name: user.name,
          accountId: user.accountId,
          plan: user.account && isPlanValue(user.account.plan) ? user.account.plan : "standard",
        },
        subject: row.subject,
        body: messageBody(mailText(parsed, { stripQuoted: followUpOf !== null }), refused),
        queue: row.queue as EmailTopic,
        senderVerification: check.result,
        inboundMessageId: row.messageId,
        files,
        followUpOf,
        within: async (tx, ticket) => {
          await finish(tx, row.id, status, {
            ticketId: ticket.id,
            check,
            now,
            note: followUpOf ? `Follow-up to ${followUpOf.number}` : "",
          });
          await addTicketCcs(tx, { id: ticket.id, accountId: user.accountId, requesterId: user.id }, copied(parsed));
        },
      },
      now,
    );
  } catch (error) {
    await discardUploads(files);
    throw error;
  }
  return status;
}

/** The customer's reply on an open ticket, or a follow-up when the ticket is closed. */
async function postReply(
  db: PrismaClient,
  row: Row,
  parsed: ParsedMail,
  ticketId: string,
  user: CustomerUser & { accountId: string },
  check: SenderCheck,
  now: Date,
) {
  const ticket = await db.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) return unmatched(db, row, "The ticket this mail answers no longer exists.", check, now);
  if (ticket.status === "closed")
    return openTicket(db, row, parsed, user, check, now, { id: ticket.id, number: ticket.number });
  const used = await db.ticketAttachment.aggregate({ where: { ticketId }, _sum: { size: true } });
  const { files, refused } = await mailAttachments(parsed, MAX_TICKET_BYTES - (used._sum.size ?? 0));
  const mover = {
    id: user.id,
    name: user.name,
    role: "member" as const,
    account: { id: user.accountId, role: user.accountRole === "owner" ? ("owner" as const) : ("member" as const) },
  };
  try {
    await addReplyWith(
      db,
      mover,
      ticket,
      {
        body: messageBody(mailText(parsed, { stripQuoted: true }), refused),
        visibility: "public",
        files,
        within: async (tx, messageId) => {
          await finish(tx, row.id, "reply", { ticketId, ticketMessageId: messageId, check, now });
          await addTicketCcs(tx, ticket, copied(parsed));
        },
      },
      now,
    );
  } catch (error) {
    await discardUploads(files);
    // The ticket refused the reply (it cannot take one from this sender): the mail waits for staff with the reason.
    if (isRefusal(error)) return unmatched(db, row, error.message, check, now);
    throw error;
  }
  return "reply";
}

function onAccount(user: CustomerUser | null): user is CustomerUser & { accountId: string } {
  return user !== null && user.accountId !== null && user.role === "member";
}

/**
 * The sender of a reply to their own reply address, as the account they write for: a member of an
 * account, or a new contact staff filed a ticket for (decision record 017) whose request to join the
 * ticket's account is still pending. A contact the owner declined writes for nobody: their mail waits
 * for staff.
 */
async function accountSpeakingFor(
  db: PrismaClient,
  user: CustomerUser,
  ticketId: string,
): Promise<(CustomerUser & { accountId: string }) | null> {
  if (onAccount(user)) return user;
  if (user.role !== "member" || user.accountId !== null) return null;
  const ticket = await db.ticket.findUnique({
    where: { id: ticketId },
    select: { accountId: true, requesterId: true },
  });
  if (!ticket || ticket.requesterId !== user.id) return null;
  const pending = await db.accountJoinRequest.findFirst({
    where: { userId: user.id, accountId: ticket.accountId, status: "pending" },
    select: { account: { select: { plan: true } } },
  });
  return pending ? { ...user, accountId: ticket.accountId, accountRole: "member", account: pending.account } : null;
}

async function decide(db: PrismaClient, row: Row, parsed: ParsedMail, options: ProcessOptions, now: Date) {
  const automatic = automaticMailReason({
    headers: parsed.headers,
    fromAddress: row.fromAddress,
    envelopeFrom: row.envelopeFrom,
    ownAddresses: [env.MAIL_FROM.replace(/^.*</, "").replace(/>.*$/, "")],
  });
  if (automatic) {
    await finish(db, row.id, "ignored", { note: automatic, now });
    return "ignored";
  }
  if (row.messageId) {
    const earlier = await db.inboundEmail.findFirst({
      where: { id: { not: row.id }, messageId: row.messageId, fromAddress: row.fromAddress, status: { in: FINISHED } },
      select: { id: true },
    });
    if (earlier) {
      await finish(db, row.id, "duplicate", { note: "The same mail arrived before; it was handled then.", now });
      return "duplicate";
    }
  }
  const check = await checkSender(
    {
      raw: Buffer.from(row.raw),
      clientAddress: row.clientAddress,
      helo: "",
      envelopeFrom: row.envelopeFrom,
      fromAddress: row.fromAddress,
    },
    options.settings ?? inboundSettings(),
    options.resolver,
  );
  const user = await customerUser(db, row.fromAddress);
  const key = row.envelopeTo
    .split(",")
    .map(replyKeyIn)
    .find((value) => value !== null);
  if (key) {
    const match = await findReplyKey(db, key);
    if (!match) return unmatched(db, row, "Sent to a reply address we never gave out.", check, now);
    const sender = user && user.id === match.userId ? await accountSpeakingFor(db, user, match.ticketId) : null;
    if (!sender)
      return unmatched(
        db,
        row,
        "Sent to a ticket's reply address, but from another address than the one it was given to.",
        check,
        now,
      );
    if (check.result === "fail")
      return unmatched(db, row, "The sender check failed (DMARC): the From address may be forged.", check, now);
    return postReply(db, row, parsed, match.ticketId, sender, check, now);
  }
  const threaded = await threadedTicketId(db, referencedIds(parsed));
  if (threaded) {
    const ticket = await db.ticket.findUnique({ where: { id: threaded }, select: { accountId: true, number: true } });
    if (!ticket || !onAccount(user) || user.accountId !== ticket.accountId || !user.emailVerifiedAt)
      return unmatched(
        db,
        row,
        `Answers mail about ${ticket?.number ?? "a ticket"}, but the sender is not on that ticket's account.`,
        check,
        now,
      );
    if (check.result === "fail")
      return unmatched(db, row, "The sender check failed (DMARC): the From address may be forged.", check, now);
    return postReply(db, row, parsed, threaded, user, check, now);
  }
  if (!user) return unmatched(db, row, "No customer has this address.", check, now);
  if (!onAccount(user)) return unmatched(db, row, "The sender is not on a customer account.", check, now);
  if (!user.emailVerifiedAt) return unmatched(db, row, "The sender has not verified this address.", check, now);
  if (check.result === "fail")
    return unmatched(db, row, "The sender check failed (DMARC): the From address may be forged.", check, now);
  return openTicket(db, row, parsed, user, check, now, null);
}

/** Processes one stored mail; answers what it became. A failure is counted and retried by the job, up to MAX_ATTEMPTS. */
export async function processInboundEmail(db: PrismaClient, id: string, options: ProcessOptions = {}): Promise<string> {
  const now = options.now ?? new Date();
  const row = await loadRow(db, id);
  if (!row) return "missing";
  if (row.status !== "received") return row.status;
  try {
    const parsed =
      options.parsed ?? (await simpleParser(Buffer.from(row.raw), { skipImageLinks: true, skipTextToHtml: true }));
    const status = await decide(db, row, parsed, options, now);
    if (options.indexSearch !== false && TICKET_OUTCOMES.includes(status)) {
      const done = await db.inboundEmail.findUnique({ where: { id }, select: { ticketId: true } });
      if (done?.ticketId) await queueTicketIndexing([done.ticketId]);
    }
    return status;
  } catch (error) {
    if (error instanceof AlreadyProcessed) return (await loadRow(db, id))?.status ?? "missing";
    const attempts = row.attempts + 1;
    await db.inboundEmail.updateMany({
      where: { id, status: "received" },
      data: {
        attempts,
        note: `Processing failed (attempt ${attempts}): ${error instanceof Error ? error.message : String(error)}`.slice(
          0,
          1000,
        ),
        ...(attempts >= MAX_ATTEMPTS ? { status: "failed", processedAt: now } : {}),
      },
    });
    return attempts >= MAX_ATTEMPTS ? "failed" : "received";
  }
}

/** Stored mail not processed yet (a crash between the 250 and the end of processing): the process-inbound-mail job. */
export async function processWaitingMail(db: PrismaClient, now: Date, olderThanMs = 30_000): Promise<number> {
  const waiting = await db.inboundEmail.findMany({
    where: { status: "received", receivedAt: { lt: new Date(now.getTime() - olderThanMs) } },
    orderBy: { receivedAt: "asc" },
    select: { id: true },
    take: 100,
  });
  for (const row of waiting) await processInboundEmail(db, row.id, { now });
  return waiting.length;
}
