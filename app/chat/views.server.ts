import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/permissions";
import { chatSettings } from "../lib/env.server";
import { isRefusal } from "../lib/refusal";
import { isPlan } from "../auth/session.server";
import { CHANNELS } from "../support/policy";
import { chatOpenAt, nextChatOpening } from "./hours";
import { filesBySeq } from "./attachments.server";
import { readableConversation, type ConversationRow } from "./conversations.server";
import { presentAgents } from "./presence.server";
import { type ChatEventView, type ChatStateView, type ChatStatus } from "./rules";

/** What the panel, the console and the transcript pages read: events after a number, a chat's state, lists. */

type Db = PrismaClient;
const EVENTS_PER_READ = 500;
const WAIT_SAMPLE = 20;

async function namesOf(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}

/** The conversation's events numbered after `afterSeq`, in order (the caller has checked access). */
export async function eventsAfter(db: Db, conversationId: string, afterSeq: number): Promise<ChatEventView[]> {
  const rows = await db.chatEvent.findMany({
    where: { conversationId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: EVENTS_PER_READ,
  });
  const [names, files] = await Promise.all([
    namesOf(
      db,
      rows.map((row) => row.authorId),
    ),
    filesBySeq(
      db,
      conversationId,
      rows.filter((row) => row.kind === "message").map((row) => row.seq),
    ),
  ]);
  return rows.map((row) => ({
    seq: row.seq,
    kind: row.kind === "message" ? "message" : "note",
    byStaff: row.byStaff,
    authorName: row.authorId ? (names.get(row.authorId) ?? "Someone") : "",
    html: row.bodyHtml,
    createdAt: row.createdAt.toISOString(),
    files: files.get(row.seq) ?? [],
  }));
}

/**
 * How long the next waiting chat waits, from the last chats assigned (the newest 20 of the past day);
 * without any, the guide's average response. A queue position counts the chats ahead of this one.
 */
async function expectedWaitMinutes(db: Db, position: number, now: Date): Promise<number> {
  const recent = await db.chatConversation.findMany({
    where: { assignedAt: { gte: new Date(now.getTime() - 24 * 3_600_000) } },
    orderBy: { assignedAt: "desc" },
    take: WAIT_SAMPLE,
    select: { createdAt: true, assignedAt: true },
  });
  const online = Math.max(1, await db.chatAgent.count({ where: presentAgents(now) }));
  const averageMs = recent.length
    ? recent.reduce((sum, row) => sum + ((row.assignedAt?.getTime() ?? 0) - row.createdAt.getTime()), 0) / recent.length
    : CHANNELS.chat.averageResponseUnder * 60_000;
  return Math.max(1, Math.ceil((averageMs * Math.ceil(position / online)) / 60_000));
}

export async function chatState(db: Db, conversation: ConversationRow, now = new Date()): Promise<ChatStateView> {
  const status = conversation.status as ChatStatus;
  const position =
    status === "waiting"
      ? (await db.chatConversation.count({
          where: { status: "waiting", createdAt: { lt: conversation.createdAt } },
        })) + 1
      : null;
  const [agent, ticket] = await Promise.all([
    conversation.agentId
      ? db.user.findUnique({ where: { id: conversation.agentId }, select: { name: true } })
      : Promise.resolve(null),
    conversation.ticketId
      ? db.ticket.findUnique({ where: { id: conversation.ticketId }, select: { number: true } })
      : Promise.resolve(null),
  ]);
  return {
    id: conversation.id,
    status,
    agentName: agent?.name ?? null,
    queuePosition: position,
    expectedWaitMinutes: position === null ? null : await expectedWaitMinutes(db, position, now),
    createdAt: conversation.createdAt.toISOString(),
    lastSeq: conversation.lastSeq,
    receipts: {
      customerDelivered: conversation.customerDeliveredSeq,
      customerRead: conversation.customerReadSeq,
      agentDelivered: conversation.agentDeliveredSeq,
      agentRead: conversation.agentReadSeq,
    },
    rating: conversation.rating,
    ticketNumber: ticket?.number ?? null,
    screenRequest:
      conversation.screenState === "requested"
        ? { agentName: agent?.name ?? "An agent", reason: conversation.screenReason }
        : null,
    screenSharing: conversation.screenState === "sharing",
  };
}

export async function readableChatState(db: Db, actor: Actor, conversationId: string, now = new Date()) {
  return chatState(db, await readableConversation(db, actor, conversationId), now);
}

/** What the launcher needs on any page: whether this person can chat, the hours now, and their open chat. */
export async function panelState(db: Db, actor: Actor | null, now = new Date()) {
  if (!actor) return { kind: "anonymous" as const };
  if (!actor.account) return { kind: "no-account" as const };
  const account = await db.customerAccount.findUnique({ where: { id: actor.account.id }, select: { plan: true } });
  const plan = account && isPlan(account.plan) ? account.plan : null;
  if (!plan) return { kind: "no-account" as const };
  const open = await db.chatConversation.findFirst({
    where: { customerId: actor.id, status: { in: ["waiting", "active"] } },
    orderBy: { createdAt: "desc" },
  });
  return {
    kind: "customer" as const,
    plan,
    openNow: chatOpenAt(plan, now),
    nextOpening: nextChatOpening(plan, now)?.toISOString() ?? null,
    conversation: open ? await chatState(db, open, now) : null,
    /** For screen sharing's RTCPeerConnection (CHAT_ICE_SERVERS; empty: host candidates only). */
    iceServers: chatSettings.iceServers,
  };
}

export type PanelState = Awaited<ReturnType<typeof panelState>>;

/** The customer's chats for the account area, newest first. */
export async function ownChats(db: Db, actor: Actor) {
  const rows = await db.chatConversation.findMany({
    where: { customerId: actor.id },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, status: true, createdAt: true, endedAt: true, rating: true, agentId: true },
  });
  const names = await namesOf(
    db,
    rows.map((row) => row.agentId),
  );
  return rows.map((row) => ({
    id: row.id,
    status: row.status as ChatStatus,
    createdAt: row.createdAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    rating: row.rating,
    agentName: row.agentId ? (names.get(row.agentId) ?? null) : null,
  }));
}

/** A whole transcript the actor may read (404 otherwise). */
export async function transcript(db: Db, actor: Actor, conversationId: string, now = new Date()) {
  const conversation = await readableConversation(db, actor, conversationId);
  const events: ChatEventView[] = [];
  for (;;) {
    const batch = await eventsAfter(db, conversationId, events.at(-1)?.seq ?? 0);
    if (batch.length === 0) break;
    events.push(...batch);
  }
  return { state: await chatState(db, conversation, now), events };
}

/** The transcript as the JSON answer of GET /chat/<id> (404 for a chat the viewer may not read). */
export async function transcriptAnswer(db: Db, actor: Actor, conversationId: string): Promise<Response> {
  try {
    return Response.json(await transcript(db, actor, conversationId), {
      headers: { "Cache-Control": "private, no-store" },
    });
  } catch (error) {
    if (isRefusal(error)) return Response.json({ ok: false, message: error.message }, { status: error.status });
    throw error;
  }
}

/** The transcript for a page loader: a chat the viewer may not read is the same 404 as one that does not exist. */
export async function transcriptOrNotFound(db: Db, actor: Actor, conversationId: string) {
  try {
    return await transcript(db, actor, conversationId);
  } catch (error) {
    if (isRefusal(error)) throw new Response(error.message, { status: 404 });
    throw error;
  }
}
