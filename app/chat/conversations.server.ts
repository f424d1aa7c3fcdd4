import type { PrismaClient } from "../generated/prisma/client";
import { can, type Actor } from "../auth/permissions";
import { countMemberWrite, type MemberWrite } from "../auth/write-limits.server";
import { renderMarkdownOffThread } from "../lib/markdown-threads.server";
import { Refusal } from "../lib/refusal";
import { inRetriedTransaction, type Tx } from "../lib/transactions.server";
import { isPlan } from "../auth/session.server";
import { formatAvailability, CHANNELS } from "../support/policy";
import { chatOpenAt, formatOpening, knownTimeZone, nextChatOpening } from "./hours";
import { AGENTS_TOPIC, conversationTopic, publishChat, publishConversationChanged } from "./hub.server";
import { CHAT_MESSAGE_MAX_LENGTH, type ChatStatus } from "./rules";

/**
 * A live chat's life: a customer starts it with a first message, waits in the queue, talks with the
 * agent it is assigned to (app/chat/assignment.server.ts), and either side ends it. Every durable
 * change is rows written in one transaction, then announced on the chat bus (app/chat/hub.server.ts)
 * so both sides re-read them. Event numbers come from the conversation row's counter, incremented
 * under its row lock, so one conversation's events commit in number order.
 */

type Db = PrismaClient;
export type ChatActor = Actor & { name: string };
const MAX_VISITED_PATHS = 20;

export type ConversationRow = NonNullable<Awaited<ReturnType<typeof findConversation>>>;

function findConversation(db: Db | Tx, id: string) {
  return db.chatConversation.findUnique({ where: { id } });
}

/**
 * The conversation if the actor may read it. Anyone else gets the same 404 as for a chat that does
 * not exist, so chat ids cannot be probed.
 */
export async function readableConversation(db: Db | Tx, actor: Actor, id: string): Promise<ConversationRow> {
  const conversation = await findConversation(db, id);
  if (!conversation || !can(actor, "chat:read", { customerId: conversation.customerId }))
    throw new Refusal(404, "No such chat.");
  return conversation;
}

export function refuseOversized(body: string) {
  if (body.length > CHAT_MESSAGE_MAX_LENGTH)
    throw new Refusal(
      413,
      `A chat message can be at most ${CHAT_MESSAGE_MAX_LENGTH.toLocaleString("en-US")} characters; this one has ${body.length.toLocaleString("en-US")}. Send it in parts, or put a long log in a ticket as an attachment.`,
      { field: "body" },
    );
}

async function refuseOverLimit(tx: Tx, actor: Actor, write: MemberWrite, now: Date) {
  const verdict = await countMemberWrite(tx, actor, write, now);
  if (!verdict.allowed) throw new Refusal(429, verdict.message, { retryAfterSeconds: verdict.retryAfterSeconds });
}

/** Appends one transcript entry (the caller's transaction holds the conversation row from here to commit). */
export async function appendEvent(
  tx: Tx,
  conversationId: string,
  entry: {
    kind: "message" | "note";
    authorId: string | null;
    byStaff: boolean;
    bodyMarkdown: string;
    bodyHtml: string;
  },
  now: Date,
): Promise<number> {
  const { lastSeq } = await tx.chatConversation.update({
    where: { id: conversationId },
    data: { lastSeq: { increment: 1 } },
    select: { lastSeq: true },
  });
  await tx.chatEvent.create({ data: { conversationId, seq: lastSeq, ...entry, createdAt: now } });
  return lastSeq;
}

/** A line about what happened ("Dana joined the chat."), plain text escaped by the sanitizer like any message. */
export async function appendNote(
  tx: Tx,
  conversationId: string,
  text: string,
  now: Date,
  authorId: string | null = null,
) {
  return appendEvent(
    tx,
    conversationId,
    { kind: "note", authorId, byStaff: false, bodyMarkdown: text, bodyHtml: await renderMarkdownOffThread(text) },
    now,
  );
}

/** Why chat is closed for this plan now, with when it opens in the customer's zone; null while open. */
export function closedMessage(plan: string, timeZone: string, now: Date): string | null {
  if (!isPlan(plan) || chatOpenAt(plan, now)) return null;
  const opening = nextChatOpening(plan, now);
  const hours = formatAvailability(CHANNELS.chat.availability[plan]);
  const when = opening ? ` It opens ${formatOpening(opening, knownTimeZone(timeZone) ?? "UTC", now)}.` : "";
  return `Live chat is closed now (${hours}).${when}`;
}

export type StartChatInput = { message: string; path: string; timeZone: string };

/**
 * Starts a chat with its first message, or adds the message to the customer's chat still open (one at
 * a time). Refused outside the plan's hours (409, saying when it opens), over the size limit (413) or
 * the new-chat and message limits (429).
 */
export async function startChat(
  db: Db,
  actor: ChatActor,
  input: StartChatInput,
  now = new Date(),
): Promise<{ conversationId: string; started: boolean }> {
  if (!actor.account || !can(actor, "chat:start"))
    throw new Refusal(403, "Live chat is for members of a customer account. Use the ticket form or email us instead.");
  refuseOversized(input.message);
  const account = await db.customerAccount.findUnique({ where: { id: actor.account.id }, select: { plan: true } });
  if (!account) throw new Refusal(403, "Your customer account was not found.");
  const closed = closedMessage(account.plan, input.timeZone, now);
  if (closed) throw new Refusal(409, closed);
  const open = await db.chatConversation.findFirst({
    where: { customerId: actor.id, status: { in: ["waiting", "active"] } },
    select: { id: true },
  });
  if (open) {
    await postMessage(db, actor, open.id, input.message, now);
    return { conversationId: open.id, started: false };
  }
  const html = await renderMarkdownOffThread(input.message);
  const accountId = actor.account.id;
  const conversationId = await inRetriedTransaction(async (tx) => {
    await refuseOverLimit(tx, actor, "chat", now);
    await refuseOverLimit(tx, actor, "chat-message", now);
    const conversation = await tx.chatConversation.create({
      data: {
        customerId: actor.id,
        accountId,
        plan: account.plan,
        visitedPaths: JSON.stringify([input.path.slice(0, 300)]),
        timeZone: knownTimeZone(input.timeZone) ?? "",
        createdAt: now,
      },
    });
    await appendEvent(
      tx,
      conversation.id,
      { kind: "message", authorId: actor.id, byStaff: false, bodyMarkdown: input.message, bodyHtml: html },
      now,
    );
    return conversation.id;
  });
  publishChat({ topic: AGENTS_TOPIC, kind: "state" });
  return { conversationId, started: true };
}

/** A message from the customer, or from the agent the chat is assigned to (staff take a chat before writing in it). */
export async function postMessage(db: Db, actor: ChatActor, conversationId: string, body: string, now = new Date()) {
  return writeMessage(db, actor, conversationId, body, now);
}

/**
 * Checks that the actor may write in the chat now: its customer, or the agent it is assigned to, while
 * it is open. Returns whether the writer is staff.
 */
export async function refuseUnlessWriter(db: Db, actor: ChatActor, conversationId: string): Promise<boolean> {
  const conversation = await readableConversation(db, actor, conversationId);
  if (!can(actor, "chat:write", { customerId: conversation.customerId })) throw new Refusal(404, "No such chat.");
  const byStaff = actor.id !== conversation.customerId;
  if (conversation.status === "ended") throw new Refusal(409, "This chat has ended. Start a new one to write again.");
  if (byStaff && conversation.agentId !== actor.id)
    throw new Refusal(409, "Take this chat (or have it transferred to you) before writing in it.");
  return byStaff;
}

/**
 * Appends a message (its text may be empty when `withEvent` adds what it carries, a file) under the
 * message limit, in one transaction with whatever `withEvent` writes for the new event number.
 */
export async function writeMessage(
  db: Db,
  actor: ChatActor,
  conversationId: string,
  body: string,
  now: Date,
  withEvent?: (tx: Tx, seq: number) => Promise<void>,
) {
  const byStaff = await refuseUnlessWriter(db, actor, conversationId);
  refuseOversized(body);
  const html = body ? await renderMarkdownOffThread(body) : "";
  const seq = await inRetriedTransaction(async (tx) => {
    await refuseOverLimit(tx, actor, "chat-message", now);
    const current = await tx.chatConversation.findUniqueOrThrow({ where: { id: conversationId } });
    if (current.status === "ended") throw new Refusal(409, "This chat has ended. Start a new one to write again.");
    if (byStaff && !current.firstResponseAt)
      await tx.chatConversation.update({ where: { id: conversationId }, data: { firstResponseAt: now } });
    const written = await appendEvent(
      tx,
      conversationId,
      { kind: "message", authorId: actor.id, byStaff, bodyMarkdown: body, bodyHtml: html },
      now,
    );
    await withEvent?.(tx, written);
    return written;
  });
  publishConversationChanged(conversationId);
  return seq;
}

/** "Someone is typing": passed on to the other side, never stored. */
export async function announceTyping(db: Db, actor: ChatActor, conversationId: string) {
  const conversation = await readableConversation(db, actor, conversationId);
  if (conversation.status === "ended") return;
  publishChat({
    topic: conversationTopic(conversationId),
    kind: "typing",
    byStaff: actor.id !== conversation.customerId,
  });
}

/** Delivered and read marks: each side reports the highest event number its client received and showed. */
export async function recordReceipt(
  db: Db,
  actor: ChatActor,
  conversationId: string,
  seen: { delivered: number; read: number },
) {
  const conversation = await readableConversation(db, actor, conversationId);
  const customer = actor.id === conversation.customerId;
  const delivered = Math.min(Math.max(seen.delivered, seen.read), conversation.lastSeq);
  const read = Math.min(seen.read, conversation.lastSeq);
  const fields = customer
    ? ({ delivered: "customerDeliveredSeq", read: "customerReadSeq" } as const)
    : ({ delivered: "agentDeliveredSeq", read: "agentReadSeq" } as const);
  // Only ever forward: a late report from another tab must not take a mark back.
  const movedDelivered = await db.chatConversation.updateMany({
    where: { id: conversationId, [fields.delivered]: { lt: delivered } },
    data: { [fields.delivered]: delivered },
  });
  const movedRead = await db.chatConversation.updateMany({
    where: { id: conversationId, [fields.read]: { lt: read } },
    data: { [fields.read]: read },
  });
  if (movedDelivered.count + movedRead.count > 0)
    publishChat({ topic: conversationTopic(conversationId), kind: "state" });
}

/** Ends the chat (either side); `endedBy` says how for insights and the transcript. */
export async function endChat(
  db: Db,
  actor: ChatActor,
  conversationId: string,
  endedBy: "customer" | "agent" | "answer" | "ticket" = "customer",
  now = new Date(),
) {
  const conversation = await readableConversation(db, actor, conversationId);
  if (conversation.status === "ended") return;
  await inRetriedTransaction(async (tx) => {
    const claimed = await tx.chatConversation.updateMany({
      where: { id: conversationId, status: { not: "ended" } },
      data: { status: "ended", endedAt: now, endedBy, screenState: "" },
    });
    if (claimed.count === 0) return;
    const how = {
      customer: `${actor.name} ended the chat.`,
      agent: `${actor.name} ended the chat.`,
      answer: "An answer the chat offered solved the question; the chat ended.",
      ticket: `${actor.name} turned the chat into a ticket; the chat ended.`,
    }[endedBy];
    await appendNote(tx, conversationId, how, now);
  });
  publishConversationChanged(conversationId);
}

/** The customer's rating of an ended chat (1–5); they may change it. */
export async function rateChat(db: Db, actor: ChatActor, conversationId: string, rating: number) {
  const conversation = await readableConversation(db, actor, conversationId);
  if (actor.id !== conversation.customerId) throw new Refusal(403, "Only the customer rates a chat.");
  if (conversation.status !== "ended") throw new Refusal(409, "A chat is rated once it has ended.");
  await db.chatConversation.update({ where: { id: conversationId }, data: { rating } });
  publishChat({ topic: conversationTopic(conversationId), kind: "state" });
}

/** The pages the customer moves to while the chat is open (the agent sees them beside the chat). */
export async function recordVisit(db: Db, actor: ChatActor, conversationId: string, path: string) {
  const conversation = await readableConversation(db, actor, conversationId);
  if (actor.id !== conversation.customerId || conversation.status === "ended" || !path.startsWith("/")) return;
  const paths = parsePaths(conversation.visitedPaths);
  if (paths.at(-1) === path) return;
  const next = [...paths, path.slice(0, 300)].slice(-MAX_VISITED_PATHS);
  await db.chatConversation.update({ where: { id: conversationId }, data: { visitedPaths: JSON.stringify(next) } });
  publishChat({ topic: AGENTS_TOPIC, kind: "state" });
}

export function parsePaths(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export function isOpenStatus(status: string): status is Exclude<ChatStatus, "ended"> {
  return status === "waiting" || status === "active";
}
