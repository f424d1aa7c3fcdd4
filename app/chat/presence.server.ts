import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { AGENTS_TOPIC, publishChat } from "./hub.server";

/**
 * Whether an agent is here: "online" is what they chose, presence is whether a console of theirs is
 * open. Every open console stream writes a heartbeat to ChatAgent.consoleSeenAt; an online agent counts
 * (for assignment, transfers, "agents online" and the expected wait) only while that is recent. When
 * the last console stream on this instance closes, the heartbeat is aged so it lapses after a short
 * grace (a reload or a page change reopens it in time); a console open on another instance writes it
 * again within one heartbeat, so it keeps the agent present. An instance that dies without closing its
 * streams stops writing, and the agent lapses after the timeout.
 */

type Db = PrismaClient;

export const PRESENCE_HEARTBEAT_MS = 20_000;
/** Past this without a heartbeat (three missed), the agent is away whatever they chose. */
export const PRESENCE_TIMEOUT_MS = 90_000;
/** After the agent's last console closed: time to come back (a reload) before they count as away. */
export const PRESENCE_GRACE_MS = 45_000;

/** The agents who count as online now: they chose online and a console of theirs is open (or just closed). */
export function presentAgents(now: Date): Prisma.ChatAgentWhereInput {
  return { status: "online", consoleSeenAt: { gte: new Date(now.getTime() - PRESENCE_TIMEOUT_MS) } };
}

const OPEN_KEY = Symbol.for("techflow.chat.consoles");

/** Console streams open on this instance, per agent (process-global, like the chat hub). */
function openConsoles(): Map<string, number> {
  const global = globalThis as typeof globalThis & { [OPEN_KEY]?: Map<string, number> };
  global[OPEN_KEY] ??= new Map();
  return global[OPEN_KEY];
}

export async function consoleHeartbeat(db: Db, agentId: string, now = new Date()) {
  await db.chatAgent.updateMany({ where: { userId: agentId }, data: { consoleSeenAt: now } });
}

/** A console stream opened: the agent is here from now on (and others' consoles show it). */
export async function consoleOpened(db: Db, agentId: string, now = new Date()) {
  const consoles = openConsoles();
  consoles.set(agentId, (consoles.get(agentId) ?? 0) + 1);
  // A first console makes the agent's row (away until they choose online), so going online finds it present.
  await db.chatAgent.upsert({
    where: { userId: agentId },
    create: { userId: agentId, consoleSeenAt: now },
    update: { consoleSeenAt: now },
  });
  publishChat({ topic: AGENTS_TOPIC, kind: "state" });
}

/**
 * A console stream closed. Past the agent's last one here, their heartbeat is aged to lapse after the
 * grace, and consoles are told to re-read once it has (so "agents online" drops them).
 */
export async function consoleClosed(db: Db, agentId: string, now = new Date()) {
  const consoles = openConsoles();
  const left = (consoles.get(agentId) ?? 1) - 1;
  if (left > 0) {
    consoles.set(agentId, left);
    return;
  }
  consoles.delete(agentId);
  const lapsesAt = new Date(now.getTime() - PRESENCE_TIMEOUT_MS + PRESENCE_GRACE_MS);
  await db.chatAgent.updateMany({
    where: { userId: agentId, consoleSeenAt: { gt: lapsesAt } },
    data: { consoleSeenAt: lapsesAt },
  });
  setTimeout(() => publishChat({ topic: AGENTS_TOPIC, kind: "state" }), PRESENCE_GRACE_MS + 1_000).unref();
}

/** How many console streams this instance holds for the agent (tests, and the per-user stream cap's reasoning). */
export function openConsoleCount(agentId: string): number {
  return openConsoles().get(agentId) ?? 0;
}
