import { publicOrigin } from "../lib/env.server";
import { enqueueMail, oneLine } from "../lib/mailer.server";
import { inRetriedTransaction, isUniqueClash } from "../lib/transactions.server";
import { renderMarkdown } from "../lib/markdown";
import type { EmailTopic, Plan } from "../support/policy";
import { recordAttachments, storeAttachment, type CheckedFile } from "./attachments.server";
import { emailFirstResponseDueAt, emailTargetSentence } from "./email-target";
import { issueReplyAddress } from "./reply-keys.server";
import { nextTicketNumber } from "./ticket-numbers.server";
import type { Db, Tx } from "./ticket-reads.server";
import { recordEvent } from "./ticket-timeline.server";

/**
 * Tickets that arrive by mail (app/email decides who sent it and which ticket it belongs to). The
 * ticket, its attachments, the auto-reply with its reply address and the caller's own bookkeeping
 * (`within`: the stored mail marked done) are one transaction, so a crash leaves either all or none.
 */

/** Until an agent sets a priority the email target applies; Medium is what the lists show meanwhile. */
const EMAIL_TICKET_PRIORITY = 3;

export type EmailRequester = {
  id: string;
  email: string;
  name: string;
  accountId: string;
  plan: Plan;
  /** A new contact waiting for an owner's approval (the account's name): they follow the ticket by mail until then. */
  awaitingApprovalOf?: string;
};

export type EmailTicketInput = {
  /** Who asked; a function when the requester is created in the ticket's own transaction (a new contact). */
  requester: EmailRequester | ((tx: Tx) => Promise<EmailRequester>);
  subject: string;
  body: string;
  queue: EmailTopic;
  senderVerification: "pass" | "fail" | "none";
  /** The customer's Message-ID, which the auto-reply answers. */
  inboundMessageId: string;
  files: CheckedFile[];
  /** A reply to a closed ticket opens a follow-up linked to it. */
  followUpOf?: { id: string; number: string } | null;
  within?: (tx: Tx, ticket: { id: string; number: string }) => Promise<void>;
};

const SUBJECT_MAX = 200;

function ticketSubject(input: EmailTicketInput): string {
  const subject = oneLine(input.subject).slice(0, SUBJECT_MAX) || "(no subject)";
  return input.followUpOf ? `Follow-up to ${input.followUpOf.number}: ${subject}`.slice(0, SUBJECT_MAX) : subject;
}

function followTicketLines(requester: EmailRequester, number: string): string[] {
  if (!requester.awaitingApprovalOf) return [`Follow the ticket at ${publicOrigin}/support/tickets/${number}`];
  return [
    `To follow it on the site as well, set a password at ${publicOrigin}/forgot-password; an owner of ${requester.awaitingApprovalOf}'s account then approves your access.`,
  ];
}

export async function fileTicketFromEmail(db: Db, input: EmailTicketInput, now = new Date()) {
  const subject = ticketSubject(input);
  for (const file of input.files) await storeAttachment(file);
  // Two tickets filed at the same instant (another instance, the web form) race for the next number:
  // the loser waits a moment and takes the one after.
  return inRetriedTransaction(
    async (tx) => {
      const requester = typeof input.requester === "function" ? await input.requester(tx) : input.requester;
      const { seq, number } = await nextTicketNumber(tx, now);
      const ticket = await tx.ticket.create({
        data: {
          seq,
          number,
          accountId: requester.accountId,
          requesterId: requester.id,
          subject,
          contactName: requester.name,
          descriptionMarkdown: input.body,
          descriptionHtml: renderMarkdown(input.body),
          businessImpact: "",
          usersAffected: "",
          issueStartedAt: now,
          relatedTicketNumbers: input.followUpOf?.number ?? "",
          priority: EMAIL_TICKET_PRIORITY,
          plan: requester.plan,
          firstResponseDueAt: emailFirstResponseDueAt(now, requester.plan),
          channel: "email",
          queue: input.queue,
          emailTarget: true,
          senderVerification: input.senderVerification,
          createdAt: now,
        },
      });
      await recordEvent(tx, ticket.id, "created", {
        toValue: "email",
        actorId: requester.id,
        note: input.followUpOf ? `Follow-up to ${input.followUpOf.number}` : "",
        at: now,
      });
      if (input.followUpOf)
        await recordEvent(tx, input.followUpOf.id, "follow-up", { toValue: number, actorId: requester.id, at: now });
      await recordAttachments(tx, input.files, { ticketId: ticket.id, uploaderId: requester.id, at: now });
      await input.within?.(tx, { id: ticket.id, number });
      const replyTo = await issueReplyAddress(tx, ticket.id, requester.id);
      const answered = oneLine(input.inboundMessageId);
      await enqueueMail(tx, {
        to: requester.email,
        subject: `[${number}] Re: ${subject}`,
        text: [
          input.followUpOf
            ? `Ticket ${input.followUpOf.number} is closed, so your mail opened a follow-up ticket, ${number}, linked to it.`
            : `We received your email and opened ticket ${number}.`,
          "",
          emailTargetSentence(requester.plan),
          "",
          ...followTicketLines(requester, number),
          "Reply to this email to add to the ticket.",
        ].join("\n"),
        replyTo,
        inReplyTo: answered,
        references: answered,
        autoSubmitted: "auto-replied",
        ticketId: ticket.id,
      });
      return { ticketId: ticket.id, number };
    },
    { db, retryAlso: isUniqueClash },
  );
}
