import { can, type Actor } from "../auth/permissions";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { afterTasksQueued } from "../lib/task-queue.server";
import { inRetriedTransaction, isUniqueClash } from "../lib/transactions.server";
import { prisma } from "../lib/db.server";
import { renderMarkdown } from "../lib/markdown";
import { Refusal } from "../lib/refusal";
import { countMemberWrite, type MemberWrite } from "../auth/write-limits.server";
import { priority as priorityOf, type Plan, type PriorityLevel } from "./policy-bridge";
import { formatFirstResponseTarget } from "../support/policy";
import { firstResponseDueAt, nextP1UpdateDueAt } from "./sla";
import { recordAttachments, storeAttachment, type CheckedFile } from "./attachments.server";
import { nextTicketNumber } from "./ticket-numbers.server";
import { splitTicketNumbers, type TicketFormValues } from "./schemas";
import type { Db, Tx } from "./ticket-reads.server";
import { pageForPriority1 } from "./ticket-pages.server";
import { queueTicketIndexing } from "./search-documents.server";

/** Filing a new ticket: the write limits, the next ticket number, its clocks, attachments and the receipt mail in one transaction. */

export type FileTicketInput = {
  values: TicketFormValues;
  issueStartedAt: Date;
  files: CheckedFile[];
  deflectionTrail: unknown[];
};

export type FiledTicket = { number: string; ticketId: string };

/**
 * The ticket write limits (app/auth/write-limits.server.ts): every ticket, and Priority 1 on its own.
 * Over one is a 429 beside the priority (Priority 1's own limit) or for the whole form, saying when to
 * file again; thrown inside the filing transaction, it rolls back the counts of the refused ticket.
 */
async function refuseIfOverTicketLimits(tx: Tx, user: Actor, level: PriorityLevel, now: Date) {
  const writes: MemberWrite[] = level === 1 ? ["ticket", "priority-1-ticket"] : ["ticket"];
  for (const write of writes) {
    const verdict = await countMemberWrite(tx, user, write, now);
    if (!verdict.allowed)
      throw new Refusal(429, verdict.message, {
        field: verdict.rule === "priority1TicketsPerDay" ? "priority" : "form",
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
  }
}

/** Related ticket numbers must be tickets of the same account. */
async function unknownRelatedNumbers(db: Db | Tx, accountId: string, numbers: string[]): Promise<string[]> {
  if (numbers.length === 0) return [];
  const found = await db.ticket.findMany({ where: { accountId, number: { in: numbers } }, select: { number: true } });
  const known = new Set(found.map((row) => row.number));
  return numbers.filter((number) => !known.has(number));
}

type Filer = Actor & { email: string; account: { id: string; plan: Plan } | null };

/** Files the ticket, then queues its search document (after the commit: a failing index never undoes the filing). */
export async function fileTicket(user: Filer, input: FileTicketInput, now = new Date()): Promise<FiledTicket> {
  const filed = await fileTicketWith(prisma, user, input, now);
  await queueTicketIndexing([filed.ticketId]);
  return filed;
}

/** The same filing through a client the caller is given (the chat's conversion runs on the one it was handed). */
export async function fileTicketWith(
  db: Db,
  user: Filer,
  input: FileTicketInput,
  now = new Date(),
): Promise<FiledTicket> {
  if (!user.account || !can(user, "ticket:create"))
    throw new Refusal(403, "Only members of a customer account can file tickets.");
  const account = user.account;
  const related = splitTicketNumbers(input.values.relatedTicketNumbers);
  const unknown = await unknownRelatedNumbers(db, account.id, related);
  if (unknown.length)
    throw new Refusal(
      400,
      `${unknown.join(", ")} ${unknown.length === 1 ? "is not a ticket" : "are not tickets"} of your account.`,
      { field: "relatedTicketNumbers" },
    );
  const level = input.values.priority as PriorityLevel;
  for (const file of input.files) await storeAttachment(file);
  // Two tickets filed at the same instant race for the next number: the loser takes the one after.
  const filed = await inRetriedTransaction(
    async (tx) => {
      await refuseIfOverTicketLimits(tx, user, level, now);
      const { seq, number } = await nextTicketNumber(tx, now);
      const ticket = await tx.ticket.create({
        data: {
          seq,
          number,
          accountId: account.id,
          requesterId: user.id,
          subject: input.values.subject,
          contactName: input.values.contactName,
          contactPhone: input.values.contactPhone,
          descriptionMarkdown: input.values.description,
          descriptionHtml: renderMarkdown(input.values.description),
          businessImpact: input.values.businessImpact,
          usersAffected: input.values.usersAffected,
          issueStartedAt: input.issueStartedAt,
          errorMessages: input.values.errorMessages,
          stepsToReproduce: input.values.stepsToReproduce,
          alreadyTried: input.values.alreadyTried,
          systemSpecs: input.values.systemSpecs,
          recentChanges: input.values.recentChanges,
          relatedTicketNumbers: related.join(", "),
          priority: level,
          plan: account.plan,
          p1Confirmed: level === 1,
          firstResponseDueAt: firstResponseDueAt(now, account.plan, level),
          nextUpdateDueAt: level === 1 ? nextP1UpdateDueAt(now) : null,
          deflectionTrail: JSON.stringify(input.deflectionTrail),
          deflectionSessionId: input.values.deflectionSessionId ?? null,
          createdAt: now,
        },
      });
      await tx.ticketEvent.create({
        data: { ticketId: ticket.id, kind: "created", toValue: `P${level}`, actorId: user.id, createdAt: now },
      });
      if (level === 1) await pageForPriority1(tx, { id: ticket.id, number, subject: ticket.subject }, now);
      await recordAttachments(tx, input.files, { ticketId: ticket.id, uploaderId: user.id, at: now });
      if (input.values.deflectionSessionId) {
        const ownFlow = { id: input.values.deflectionSessionId, OR: [{ userId: user.id }, { userId: null }] };
        await tx.deflectionSession.updateMany({ where: ownFlow, data: { ticketId: ticket.id, userId: user.id } });
        // A confirmed flow stays confirmed: settlement then finds this ticket and marks it not held.
        await tx.deflectionSession.updateMany({
          where: { ...ownFlow, outcome: "open" },
          data: { outcome: "ticket" },
        });
      }
      await enqueueMail(tx, {
        to: user.email,
        subject: `[${number}] We received your request: ${input.values.subject}`,
        text: [
          `Your ticket ${number} is filed with Priority ${level} (${priorityOf(level).name}).`,
          `What happens next: ${formatFirstResponseTarget(account.plan, level)}.`,
          "",
          `Follow it and reply at ${publicOrigin}/support/tickets/${number}`,
        ].join("\n"),
      });
      return { number, ticketId: ticket.id };
    },
    { db, retryAlso: isUniqueClash },
  );
  // The page's webhook delivery runs after the commit (never inside the filing's answer time in a server).
  if (level === 1) await afterTasksQueued();
  return filed;
}
