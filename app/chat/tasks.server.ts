import type { PrismaClient } from "../generated/prisma/client";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { markdownToPlainText } from "../lib/markdown";
import { Refusal } from "../lib/refusal";
import { afterTasksQueued, enqueueTask, registerTaskHandler } from "../lib/task-queue.server";
import { readableConversation, type ChatActor } from "./conversations.server";

/**
 * The transcript by email, on the customer's request: the request queues a task (decision record
 * 018), and the task writes the mail to the outbox, which the send-mail job delivers.
 */

const TRANSCRIPT_MAIL = "chat:transcript-mail";

export async function requestTranscriptMail(db: PrismaClient, actor: ChatActor, conversationId: string) {
  const conversation = await readableConversation(db, actor, conversationId);
  if (actor.id !== conversation.customerId) throw new Refusal(403, "The transcript is mailed to the customer only.");
  await enqueueTask(db, TRANSCRIPT_MAIL, { conversationId });
  await afterTasksQueued();
}

/** The transcript as plain text, one line per entry: "[14:02 UTC] Dana (Support): …". */
export async function transcriptText(db: PrismaClient, conversationId: string): Promise<string> {
  const events = await db.chatEvent.findMany({ where: { conversationId }, orderBy: { seq: "asc" } });
  const files = await db.chatAttachment.findMany({
    where: { conversationId },
    orderBy: { createdAt: "asc" },
    select: { seq: true, fileName: true },
  });
  const authors = await db.user.findMany({
    where: { id: { in: [...new Set(events.flatMap((event) => (event.authorId ? [event.authorId] : [])))] } },
    select: { id: true, name: true },
  });
  const names = new Map(authors.map((user) => [user.id, user.name]));
  return events
    .map((event) => {
      const at = `${event.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
      const who =
        event.kind === "message"
          ? `${names.get(event.authorId ?? "") ?? "Someone"}${event.byStaff ? " (Support)" : ""}: `
          : "";
      const sent = files.filter((file) => file.seq === event.seq).map((file) => `[file: ${file.fileName}]`);
      return `[${at}] ${who}${[markdownToPlainText(event.bodyMarkdown), ...sent].filter(Boolean).join(" ")}`;
    })
    .join("\n");
}

async function mailTranscript(payload: unknown, { db }: { db: PrismaClient }) {
  const conversationId = (payload as { conversationId?: unknown } | null)?.conversationId;
  if (typeof conversationId !== "string") throw new Error('task payload has no "conversationId"');
  const conversation = await db.chatConversation.findUnique({ where: { id: conversationId } });
  if (!conversation) return; // Deleted meanwhile (retention or the customer's deletion request): nothing to send.
  const customer = await db.user.findUnique({ where: { id: conversation.customerId }, select: { email: true } });
  if (!customer) return;
  await enqueueMail(db, {
    to: customer.email,
    subject: `Your chat with TechFlow Support on ${conversation.createdAt.toISOString().slice(0, 10)}`,
    text: [
      "Here is the transcript of your chat, as you asked.",
      "",
      await transcriptText(db, conversationId),
      "",
      `Read it in your account: ${publicOrigin}/support/chats/${conversationId}`,
    ].join("\n"),
  });
}

registerTaskHandler(TRANSCRIPT_MAIL, mailTranscript);
