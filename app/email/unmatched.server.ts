import { simpleParser } from "mailparser";
import { can, type Actor } from "../auth/permissions";
import type { PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { RESTRICTED_EMAIL_TOPICS, type EmailTopic } from "../support/policy";
import { MAX_TICKET_BYTES } from "../tickets/attachment-rules";
import { discardUploads } from "../tickets/attachments.server";
import { fileTicketFromEmail } from "../tickets/email-tickets.server";
import { isPlanValue } from "../tickets/policy-bridge";
import { syncTicketSearchQuietly } from "../tickets/search-documents.server";
import { normalizeAddress } from "./addresses";
import { mailAttachments, mailText, messageBody } from "./message-content.server";

/**
 * The staff's unmatched-mail queue: mail that reached no ticket (an unknown or unverified sender, a
 * reply from the wrong address, a failed sender check, or processing that gave up). An agent files it
 * as a ticket for a member of a customer account, or discards it. Mail in a restricted topic's queue
 * (security@) is listed only for staff who may see that queue.
 */

const WAITING = ["unmatched", "failed"];
const SHOWN = 100;
const EXCERPT_CHARS = 600;

function visibleQueues(actor: Actor) {
  return can(actor, "ticket:restricted-queues") ? {} : { queue: { notIn: [...RESTRICTED_EMAIL_TOPICS] } };
}

export async function listUnmatched(actor: Actor, db: PrismaClient = prisma) {
  const rows = await db.inboundEmail.findMany({
    where: { status: { in: WAITING }, ...visibleQueues(actor) },
    orderBy: { receivedAt: "desc" },
    take: SHOWN,
  });
  return Promise.all(
    rows.map(async (row) => {
      const parsed = await simpleParser(Buffer.from(row.raw), { skipImageLinks: true, skipTextToHtml: true });
      const text = mailText(parsed, { stripQuoted: false });
      return {
        id: row.id,
        from: row.fromName ? `${row.fromName} <${row.fromAddress}>` : row.fromAddress,
        to: row.envelopeTo,
        subject: row.subject || "(no subject)",
        queue: row.queue,
        receivedAt: row.receivedAt.toISOString(),
        status: row.status,
        note: row.note,
        authResult: row.authResult,
        excerpt: text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text,
        attachments: parsed.attachments.filter((attachment) => !attachment.related).length,
      };
    }),
  );
}

/** How much mail is waiting for this staff member (the staff home's attention list). */
export async function countUnmatched(actor: Actor, db: PrismaClient = prisma): Promise<number> {
  return db.inboundEmail.count({ where: { status: { in: WAITING }, ...visibleQueues(actor) } });
}

export type UnmatchedOutcome = { ok: true; message: string } | { ok: false; status: 400 | 404; message: string };

async function waitingRow(db: PrismaClient, actor: Actor, id: string) {
  return db.inboundEmail.findFirst({ where: { id, status: { in: WAITING }, ...visibleQueues(actor) } });
}

/** Files the mail as a ticket whose requester is the named member of a customer account. */
export async function linkUnmatched(
  actor: Actor,
  id: string,
  email: string,
  db: PrismaClient = prisma,
  now = new Date(),
): Promise<UnmatchedOutcome> {
  if (!can(actor, "email:unmatched")) return { ok: false, status: 404, message: "No such mail." };
  const row = await waitingRow(db, actor, id);
  if (!row) return { ok: false, status: 404, message: "This mail is no longer waiting (someone handled it)." };
  const user = await db.user.findUnique({
    where: { email: normalizeAddress(email) },
    select: { id: true, email: true, name: true, role: true, accountId: true, account: { select: { plan: true } } },
  });
  if (!user || !user.accountId || user.role !== "member")
    return { ok: false, status: 400, message: `${email} is not a member of a customer account.` };
  const parsed = await simpleParser(Buffer.from(row.raw), { skipImageLinks: true, skipTextToHtml: true });
  const { files, refused } = await mailAttachments(parsed, MAX_TICKET_BYTES);
  try {
    const ticket = await fileTicketFromEmail(
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
        body: messageBody(mailText(parsed, { stripQuoted: false }), refused),
        queue: row.queue as EmailTopic,
        senderVerification: row.authResult === "pass" || row.authResult === "fail" ? row.authResult : "none",
        inboundMessageId: row.messageId,
        files,
        within: async (tx, created) => {
          const done = await tx.inboundEmail.updateMany({
            where: { id: row.id, status: { in: WAITING } },
            data: {
              status: "linked",
              ticketId: created.id,
              decidedById: actor.id,
              processedAt: now,
              note: `${row.note} Filed by staff for ${user.email}.`.trim().slice(0, 1000),
            },
          });
          if (done.count !== 1) throw new Error("This mail is no longer waiting (someone handled it).");
        },
      },
      now,
    );
    await syncTicketSearchQuietly([ticket.ticketId]);
    return { ok: true, message: `Filed as ticket ${ticket.number} for ${user.email}.` };
  } catch (error) {
    await discardUploads(files);
    if (error instanceof Error && /no longer waiting/.test(error.message))
      return { ok: false, status: 404, message: error.message };
    throw error;
  }
}

export async function discardUnmatched(actor: Actor, id: string, db: PrismaClient = prisma): Promise<UnmatchedOutcome> {
  if (!can(actor, "email:unmatched")) return { ok: false, status: 404, message: "No such mail." };
  const done = await db.inboundEmail.updateMany({
    where: { id, status: { in: WAITING }, ...visibleQueues(actor) },
    data: { status: "discarded", decidedById: actor.id, processedAt: new Date() },
  });
  return done.count === 1
    ? { ok: true, message: "Discarded." }
    : { ok: false, status: 404, message: "This mail is no longer waiting (someone handled it)." };
}
