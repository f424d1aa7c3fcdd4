import { simpleParser } from "mailparser";
import { requestToJoinAccount } from "../auth/account-membership.server";
import { can, type Actor } from "../auth/permissions";
import type { PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { RESTRICTED_EMAIL_TOPICS, type EmailTopic } from "../support/policy";
import { MAX_TICKET_BYTES } from "../tickets/attachment-rules";
import { discardUploads } from "../tickets/attachments.server";
import { fileTicketFromEmail, type EmailRequester } from "../tickets/email-tickets.server";
import type { Tx } from "../tickets/ticket-reads.server";
import { isPlanValue } from "../tickets/policy-bridge";
import { queueTicketIndexing } from "../tickets/search-documents.server";
import { normalizeAddress } from "./addresses";
import { mailAttachments, mailText, messageBody } from "./message-content.server";

/**
 * The staff's unmatched-mail queue: mail that reached no ticket (an unknown or unverified sender, a
 * reply from the wrong address, a failed sender check, or processing that gave up). An agent files it
 * as a ticket for a member of a customer account, files it for the sender as a new contact of an
 * account, or discards it. Mail in a restricted topic's queue (security@) is listed only for staff who
 * may see that queue. Refusals are thrown as `Refusal` (400 wrong input, 404 gone or not visible).
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
        fromName: row.fromName,
        fromAddress: row.fromAddress,
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

const GONE = "This mail is no longer waiting (someone handled it).";

async function waitingRow(db: PrismaClient, actor: Actor, id: string) {
  if (!can(actor, "email:unmatched")) throw new Refusal(404, "No such mail.");
  const row = await db.inboundEmail.findFirst({ where: { id, status: { in: WAITING }, ...visibleQueues(actor) } });
  if (!row) throw new Refusal(404, GONE);
  return row;
}
type WaitingRow = Awaited<ReturnType<typeof waitingRow>>;

type Requester = Omit<EmailRequester, "plan"> & { plan: string | null | undefined };

/**
 * Files the waiting mail as a ticket for `requester`, marking the mail linked in the same transaction
 * (two agents filing one mail at once: the second gets a 404). `requester` runs first inside that
 * transaction (a new contact's user and join request are created with the ticket or not at all).
 */
async function fileWaitingMail(
  db: PrismaClient,
  actor: Actor,
  row: WaitingRow,
  requester: (tx: Tx) => Promise<Requester>,
  now: Date,
): Promise<{ number: string; email: string }> {
  const parsed = await simpleParser(Buffer.from(row.raw), { skipImageLinks: true, skipTextToHtml: true });
  const { files, refused } = await mailAttachments(parsed, MAX_TICKET_BYTES);
  let filedFor = "";
  try {
    const ticket = await fileTicketFromEmail(
      db,
      {
        requester: async (tx) => {
          const who = await requester(tx);
          filedFor = who.email;
          return { ...who, plan: who.plan && isPlanValue(who.plan) ? who.plan : "standard" };
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
              note: `${row.note} Filed by staff for ${filedFor}.`.trim().slice(0, 1000),
            },
          });
          if (done.count !== 1) throw new Refusal(404, GONE);
        },
      },
      now,
    );
    await queueTicketIndexing([ticket.ticketId]);
    return { number: ticket.number, email: filedFor };
  } catch (error) {
    await discardUploads(files);
    throw error;
  }
}

/** Files the mail as a ticket whose requester is the named member of a customer account. */
export async function linkUnmatched(
  actor: Actor,
  id: string,
  email: string,
  db: PrismaClient = prisma,
  now = new Date(),
): Promise<string> {
  const row = await waitingRow(db, actor, id);
  const user = await db.user.findUnique({
    where: { email: normalizeAddress(email) },
    select: { id: true, email: true, name: true, role: true, accountId: true, account: { select: { plan: true } } },
  });
  if (!user || !user.accountId || user.role !== "member")
    throw new Refusal(400, `${email} is not a member of a customer account.`, { field: "email" });
  const requester = { ...user, accountId: user.accountId, plan: user.account?.plan };
  const filed = await fileWaitingMail(db, actor, row, async () => requester, now);
  return `Filed as ticket ${filed.number} for ${filed.email}.`;
}

/**
 * Files the mail for its sender as a new contact of a customer account the agent names. The sender
 * becomes a user without a password who has asked to join that account: they follow the ticket by
 * mail (their reply address proves the mailbox), and see the account's plan and tickets on the site
 * only once an owner approves them on the team page, as for anyone who signs up with an account ID.
 * A sender whose address failed the sender check is refused: the From may be forged.
 */
export async function fileForNewContact(
  actor: Actor,
  id: string,
  input: { accountNumber: string; name: string },
  db: PrismaClient = prisma,
  now = new Date(),
): Promise<string> {
  const row = await waitingRow(db, actor, id);
  if (row.authResult === "fail")
    throw new Refusal(
      400,
      "The sender check failed for this mail: its From may be forged, so it cannot make a contact.",
    );
  const account = await db.customerAccount.findUnique({
    where: { accountNumber: input.accountNumber.trim().toUpperCase() },
    select: { id: true, name: true, plan: true },
  });
  if (!account)
    throw new Refusal(400, `No customer account has the ID ${input.accountNumber}.`, { field: "accountNumber" });
  const address = normalizeAddress(row.fromAddress);
  const filed = await fileWaitingMail(
    db,
    actor,
    row,
    async (tx) => {
      const existing = await tx.user.findUnique({
        where: { email: address },
        select: { id: true, role: true, accountId: true },
      });
      if (existing && (existing.role !== "member" || existing.accountId))
        throw new Refusal(
          400,
          existing.accountId
            ? `${address} is already a member of a customer account: file the mail for them as a member.`
            : `${address} belongs to staff.`,
        );
      // No password: the contact signs in after setting one with "Forgot password", which also confirms the address.
      const contact =
        existing ?? (await tx.user.create({ data: { email: address, name: input.name, passwordHash: "" } }));
      await requestToJoinAccount(tx, contact.id, account.id);
      return {
        id: contact.id,
        email: address,
        name: input.name,
        accountId: account.id,
        plan: account.plan,
        awaitingApprovalOf: account.name,
      };
    },
    now,
  );
  return `Filed as ticket ${filed.number} for ${filed.email}, a new contact of ${account.name} (an owner approves their access on the team page).`;
}

export async function discardUnmatched(actor: Actor, id: string, db: PrismaClient = prisma): Promise<string> {
  if (!can(actor, "email:unmatched")) throw new Refusal(404, "No such mail.");
  const done = await db.inboundEmail.updateMany({
    where: { id, status: { in: WAITING }, ...visibleQueues(actor) },
    data: { status: "discarded", decidedById: actor.id, processedAt: new Date() },
  });
  if (done.count !== 1) throw new Refusal(404, GONE);
  return "Discarded.";
}
