import { can } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { markdownToPlainText, renderMarkdown } from "../lib/markdown";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { notify } from "../notifications/notify.server";
import { issueReplyAddress } from "./reply-keys.server";
import { nextP1UpdateDueAt } from "./sla";
import { recordAttachments, storeAttachment, type CheckedFile } from "./attachments.server";
import { statusAfterCustomerReply, statusAfterStaffReply, type TicketStatus } from "./statuses";
import { ticketCcRecipients } from "./ticket-ccs.server";
import { ticketMailThread } from "./ticket-mail.server";
import { queueTicketIndexing } from "./search-documents.server";
import type { Db, TicketRow, Tx } from "./ticket-reads.server";
import { moveStatus, recordEvent, type Mover } from "./ticket-timeline.server";
import { inRetriedTransaction } from "../lib/transactions.server";

/** Replies on a ticket from staff or the customer, and the clocks, status and notices each one moves. */

export type ReplyInput = {
  body: string;
  visibility: "public" | "internal";
  files: CheckedFile[];
  /** Runs in the reply's transaction (the email channel marks the mail it came from as done). */
  within?: (tx: Tx, messageId: string) => Promise<void>;
};

/**
 * A message on the ticket. The first public staff reply stops the first-response clock; a public
 * staff reply on a P1 sets the next update due; a customer reply brings a waiting or solved ticket back.
 * A closed ticket takes no reply (Refusal 409: the customer files a new one). The ticket's search
 * document is queued after the commit, so a failing index never undoes the reply.
 */
export async function addReply(user: Mover, ticket: TicketRow, input: ReplyInput, now = new Date()) {
  const reply = await addReplyWith(prisma, user, ticket, input, now);
  await queueTicketIndexing([ticket.id]);
  return reply;
}

/**
 * The same reply written through a client the caller is given: the email channel runs on its own
 * (a benchmark's database, say) and queues the search document itself when it indexes at all.
 */
export async function addReplyWith(db: Db, user: Mover, ticket: TicketRow, input: ReplyInput, now = new Date()) {
  const byStaff = can(user, "ticket:work");
  if (!can(user, "ticket:reply", ticket)) throw new Refusal(403, "You cannot reply to this ticket.");
  if (ticket.status === "closed")
    throw new Refusal(409, "This ticket is closed. File a new ticket and name this one under related tickets.");
  const visibility = byStaff ? input.visibility : "public";
  for (const file of input.files) await storeAttachment(file);
  const messageId = await inRetriedTransaction(
    async (tx) => {
      const message = await tx.ticketMessage.create({
        data: {
          ticketId: ticket.id,
          authorId: user.id,
          visibility,
          byStaff,
          bodyMarkdown: input.body,
          bodyHtml: renderMarkdown(input.body),
          createdAt: now,
        },
      });
      await recordAttachments(tx, input.files, {
        ticketId: ticket.id,
        messageId: message.id,
        uploaderId: user.id,
        at: now,
      });
      await input.within?.(tx, message.id);
      if (visibility === "internal") return message.id;
      if (byStaff) {
        const data: Prisma.TicketUpdateInput = {};
        if (!ticket.firstRespondedAt) data.firstRespondedAt = now;
        if (ticket.priority === 1) {
          data.nextUpdateDueAt = nextP1UpdateDueAt(now);
          data.updateOverdueAlertedAt = null;
          // The timeline says whether each P1 update kept the cadence (the first response is its own clock).
          if (ticket.firstRespondedAt && ticket.nextUpdateDueAt)
            await recordEvent(tx, ticket.id, now <= ticket.nextUpdateDueAt ? "update-on-time" : "update-late", {
              actorId: user.id,
              at: now,
            });
        }
        if (Object.keys(data).length) await tx.ticket.update({ where: { id: ticket.id }, data });
        if (!ticket.firstRespondedAt) await recordEvent(tx, ticket.id, "first-response", { actorId: user.id, at: now });
        await moveStatus(tx, ticket, statusAfterStaffReply(ticket.status as TicketStatus), user.id, now);
        await notify(tx, {
          userId: ticket.requesterId,
          kind: "ticket",
          title: `New reply on ${ticket.number}: ${ticket.subject}`,
          url: `/support/tickets/${ticket.number}`,
          actorId: user.id,
          excerpt: markdownToPlainText(input.body.slice(0, 2_000)),
        });
        const requester = await tx.user.findUnique({ where: { id: ticket.requesterId }, select: { email: true } });
        // The reply itself, threaded under the customer's mail, to the requester and the colleagues they copied,
        // each with their own reply address: answering it reaches the ticket.
        const recipients = [
          ...(requester ? [{ id: ticket.requesterId, email: requester.email }] : []),
          ...(await ticketCcRecipients(tx, ticket)),
        ];
        const thread = recipients.length ? await ticketMailThread(tx, ticket.id) : null;
        for (const recipient of recipients) {
          await enqueueMail(tx, {
            to: recipient.email,
            subject: `[${ticket.number}] Re: ${ticket.subject}`,
            text: [
              `Support replied to ticket ${ticket.number}:`,
              "",
              input.body,
              "",
              `Reply to this email, or read and answer at ${publicOrigin}/support/tickets/${ticket.number}`,
            ].join("\n"),
            replyTo: await issueReplyAddress(tx, ticket.id, recipient.id),
            ...thread,
            ticketId: ticket.id,
          });
        }
      } else {
        await moveStatus(tx, ticket, statusAfterCustomerReply(ticket.status as TicketStatus), user.id, now);
        if (ticket.assigneeId)
          await notify(tx, {
            userId: ticket.assigneeId,
            kind: "ticket",
            title: `Customer replied on ${ticket.number}`,
            url: `/admin/tickets/${ticket.number}`,
            actorId: user.id,
            excerpt: markdownToPlainText(input.body.slice(0, 2_000)),
          });
      }
      return message.id;
    },
    { db },
  );
  // The pages send the writer to the new message (#message-<id>).
  return { messageId };
}
