import type { PrismaClient } from "../generated/prisma/client";
import { can } from "../auth/permissions";
import { Refusal } from "../lib/refusal";
import { inRetriedTransaction, type Tx } from "../lib/transactions.server";
import { appendNote, readableConversation, type ChatActor } from "./conversations.server";
import { AGENTS_TOPIC, publishChat, publishConversationChanged } from "./hub.server";
import { presentAgents } from "./presence.server";
import { DEFAULT_AGENT_CAPACITY } from "./rules";

/**
 * Who answers which chat. Agents say whether they are online and how many chats they take at once;
 * waiting chats go, oldest first, to online agents with room, round-robin (the agent assigned least
 * recently first, so work spreads evenly rather than filling the first agent up). Agents can also
 * take a waiting chat themselves, transfer one to a colleague, or end it.
 *
 * Several instances may assign at once: each assignment runs in a transaction that first takes the
 * chosen agent's row lock (so two instances cannot both fill that agent's last slot) and then claims
 * the chat only if it is still waiting (so no chat gets two agents).
 */

type Db = PrismaClient;

function requireAgent(actor: ChatActor) {
  if (!can(actor, "chat:work")) throw new Refusal(403, "Only support agents work the chat queue.");
}

export async function agentAvailability(db: Db | Tx, userId: string) {
  const row = await db.chatAgent.findUnique({ where: { userId } });
  return {
    status: row?.status === "online" ? "online" : "away",
    capacity: row?.capacity ?? DEFAULT_AGENT_CAPACITY,
  } as const;
}

export async function setAvailability(
  db: Db,
  actor: ChatActor,
  availability: { status: "online" | "away"; capacity: number },
  now = new Date(),
) {
  requireAgent(actor);
  await db.chatAgent.upsert({
    where: { userId: actor.id },
    create: { userId: actor.id, ...availability, updatedAt: now },
    update: { ...availability, updatedAt: now },
  });
  publishChat({ topic: AGENTS_TOPIC, kind: "state" });
  await assignWaitingChats(db, now);
}

/** How many chats each agent has open now. */
async function openChatsPerAgent(db: Db | Tx): Promise<Map<string, number>> {
  const rows = await db.chatConversation.groupBy({
    by: ["agentId"],
    where: { status: "active", agentId: { not: null } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.agentId ?? "", row._count._all]));
}

export { PRESENCE_TIMEOUT_MS } from "./presence.server";

/** Online, present agents with room, in round-robin order (least recently assigned first; never assigned before anyone). */
async function agentsWithRoom(db: Db | Tx, now: Date) {
  const [agents, load] = await Promise.all([
    db.chatAgent.findMany({ where: presentAgents(now) }),
    openChatsPerAgent(db),
  ]);
  return agents
    .filter((agent) => (load.get(agent.userId) ?? 0) < agent.capacity)
    .sort(
      (a, b) =>
        (a.lastAssignedAt?.getTime() ?? -1) - (b.lastAssignedAt?.getTime() ?? -1) || a.userId.localeCompare(b.userId),
    );
}

async function agentName(tx: Db | Tx, userId: string): Promise<string> {
  return (await tx.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? "An agent";
}

/** Gives one chat to one agent if the chat still waits and the agent (under their row lock) still has room. */
async function tryAssign(tx: Tx, conversationId: string, agentId: string, now: Date, checkCapacity: boolean) {
  await tx.$executeRaw`UPDATE "ChatAgent" SET "updatedAt" = "updatedAt" WHERE "userId" = ${agentId}`;
  if (checkCapacity) {
    const agent = await tx.chatAgent.findFirst({ where: { userId: agentId, ...presentAgents(now) } });
    const open = await tx.chatConversation.count({ where: { status: "active", agentId } });
    if (!agent || open >= agent.capacity) return false;
  }
  const claimed = await tx.chatConversation.updateMany({
    where: { id: conversationId, status: "waiting" },
    data: { status: "active", agentId, assignedAt: now },
  });
  if (claimed.count === 0) return false;
  await tx.chatAgent.upsert({
    where: { userId: agentId },
    create: { userId: agentId, lastAssignedAt: now, updatedAt: now },
    update: { lastAssignedAt: now },
  });
  await appendNote(tx, conversationId, `${await agentName(tx, agentId)} joined the chat.`, now);
  return true;
}

/**
 * Assigns waiting chats, oldest first, round-robin to online agents with room, until either runs out.
 * Safe to run anywhere and often (after a new chat, an agent going online, a chat ending; and every
 * minute as the `assign-chats` job). Returns how many chats were assigned.
 */
export async function assignWaitingChats(db: Db, now = new Date()): Promise<number> {
  let assigned = 0;
  for (let round = 0; round < 500; round++) {
    const next = await db.chatConversation.findFirst({
      where: { status: "waiting" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    if (!next) break;
    const candidates = await agentsWithRoom(db, now);
    if (candidates.length === 0) break;
    let placed = false;
    for (const agent of candidates) {
      placed = await inRetriedTransaction((tx) => tryAssign(tx, next.id, agent.userId, now, true));
      if (placed) break;
    }
    // Another instance may have taken the chat meanwhile: look again rather than give up.
    const stillWaiting = await db.chatConversation.count({ where: { id: next.id, status: "waiting" } });
    if (placed) {
      assigned++;
      publishConversationChanged(next.id);
    } else if (stillWaiting) break;
  }
  return assigned;
}

/** An agent takes a waiting chat themselves (their capacity is theirs to exceed by choice). */
export async function takeChat(db: Db, actor: ChatActor, conversationId: string, now = new Date()) {
  requireAgent(actor);
  await readableConversation(db, actor, conversationId);
  const taken = await inRetriedTransaction((tx) => tryAssign(tx, conversationId, actor.id, now, false));
  if (!taken) throw new Refusal(409, "This chat is no longer waiting: another agent has it, or it ended.");
  publishConversationChanged(conversationId);
}

/** Hands an active chat to another agent (who must be online); the transcript says who handed it to whom. */
export async function transferChat(
  db: Db,
  actor: ChatActor,
  conversationId: string,
  toAgentId: string,
  now = new Date(),
) {
  requireAgent(actor);
  const conversation = await readableConversation(db, actor, conversationId);
  if (conversation.status !== "active") throw new Refusal(409, "Only a chat in progress can be transferred.");
  if (toAgentId === conversation.agentId)
    throw new Refusal(400, "That agent already has this chat.", { field: "agentId" });
  const target = await db.user.findUnique({ where: { id: toAgentId }, select: { id: true, name: true, role: true } });
  const targetPresent = target
    ? (await db.chatAgent.count({ where: { userId: target.id, ...presentAgents(now) } })) > 0
    : false;
  if (!target || !can({ id: target.id, role: target.role as ChatActor["role"], account: null }, "chat:work"))
    throw new Refusal(400, "Choose an agent to transfer to.", { field: "agentId" });
  if (!targetPresent)
    throw new Refusal(409, `${target.name} is away (or their console is closed); transfer to an online agent.`, {
      field: "agentId",
    });
  await inRetriedTransaction(async (tx) => {
    const moved = await tx.chatConversation.updateMany({
      where: { id: conversationId, status: "active", agentId: conversation.agentId },
      data: { agentId: target.id, screenState: "" },
    });
    if (moved.count === 0) throw new Refusal(409, "This chat changed meanwhile; reload and try again.");
    await tx.chatAgent.upsert({
      where: { userId: target.id },
      create: { userId: target.id, lastAssignedAt: now, updatedAt: now },
      update: { lastAssignedAt: now },
    });
    const from = conversation.agentId ? await agentName(tx, conversation.agentId) : "The queue";
    await appendNote(tx, conversationId, `${from} transferred the chat to ${target.name}.`, now);
  });
  publishConversationChanged(conversationId);
}
