import type { PrismaClient } from "../generated/prisma/client";
import { can } from "../auth/permissions";
import { isPlan } from "../auth/session.server";
import { Refusal } from "../lib/refusal";
import { formatFirstResponseTarget, type PriorityLevel } from "../support/policy";
import { discardUploads } from "../tickets/attachments.server";
import { queueTicketIndexing } from "../tickets/search-documents.server";
import { fileTicketWith } from "../tickets/ticket-filing.server";
import { chatFilesForTicket } from "./attachments.server";
import { endChat, readableConversation, type ChatActor } from "./conversations.server";
import { transcriptText } from "./tasks.server";

/**
 * "Convert to ticket": the agent files a ticket on the customer's behalf whose first message is the
 * transcript, so nobody retypes anything. It is the customer's ticket (they are its requester) on the
 * account's plan, so the first-response target is the policy's for that plan and priority.
 */

const SUBJECT_LENGTH = 80;

export async function convertToTicket(
  db: PrismaClient,
  agent: ChatActor,
  conversationId: string,
  level: PriorityLevel = 3,
  now = new Date(),
): Promise<{ number: string; target: string }> {
  if (!can(agent, "chat:work")) throw new Refusal(403, "Only support agents turn chats into tickets.");
  const conversation = await readableConversation(db, agent, conversationId);
  if (conversation.ticketId) throw new Refusal(409, "This chat is already a ticket.");
  const customer = await db.user.findUnique({
    where: { id: conversation.customerId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      accountRole: true,
      account: { select: { id: true, plan: true } },
    },
  });
  if (!customer?.account || !isPlan(customer.account.plan))
    throw new Refusal(409, "The customer no longer belongs to a customer account; file the ticket by hand.");
  const first = await db.chatEvent.findFirst({ where: { conversationId, kind: "message" }, orderBy: { seq: "asc" } });
  const opening = (first?.bodyMarkdown ?? "Live chat").replace(/\s+/g, " ").trim();
  const subject = opening.length > SUBJECT_LENGTH ? `${opening.slice(0, SUBJECT_LENGTH - 1)}…` : opening;
  // The ticket form's description holds 20,000 characters; a longer chat keeps its end (the latest is what matters most).
  const transcript = (await transcriptText(db, conversationId)).slice(-18_000);
  const plan = customer.account.plan;
  // The chat's files come along as the ticket's attachments (copies: the chat keeps its own until its retention ends).
  const { files, leftOut } = await chatFilesForTicket(db, conversationId);
  const stayed = leftOut.length
    ? `\n\nThese files stayed in the chat (over the ticket's attachment total): ${leftOut.join(", ")}.`
    : "";
  // A refused filing (a write limit) leaves no copies behind.
  const result = await fileTicketWith(
    db,
    {
      id: customer.id,
      email: customer.email,
      role: "member",
      account: { id: customer.account.id, plan, role: customer.accountRole === "owner" ? "owner" : "member" },
    },
    {
      values: {
        subject: `Chat: ${subject}`,
        contactName: customer.name,
        contactPhone: "",
        description: `Converted from a live chat by ${agent.name}. The transcript:\n\n\`\`\`text\n${transcript.replace(/```/g, "'''")}\n\`\`\`${stayed}`,
        businessImpact: "Not stated in the chat.",
        usersAffected: "Not stated in the chat.",
        issueStartedAt: conversation.createdAt.toISOString().slice(0, 16),
        issueTimeZone: "UTC",
        errorMessages: "",
        stepsToReproduce: "",
        alreadyTried: "",
        priority: level,
        systemSpecs: "",
        recentChanges: "",
        relatedTicketNumbers: "",
        deflectionSessionId: conversation.deflectionSessionId ?? undefined,
      },
      issueStartedAt: conversation.createdAt,
      files,
      deflectionTrail: [],
    },
    now,
  ).catch(async (error: unknown) => {
    await discardUploads(files);
    throw error;
  });
  await db.chatConversation.update({ where: { id: conversationId }, data: { ticketId: result.ticketId } });
  await endChat(db, agent, conversationId, "ticket", now);
  // Found by ticket search like any other ticket (its document is written after the commit, by the queue).
  await queueTicketIndexing([result.ticketId]);
  return { number: result.number, target: formatFirstResponseTarget(plan, level) };
}
