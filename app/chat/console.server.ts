import type { PrismaClient } from "../generated/prisma/client";
import { can } from "../auth/permissions";
import { isPlan } from "../auth/session.server";
import { chatSettings } from "../lib/env.server";
import { Refusal } from "../lib/refusal";
import { PLAN_NAMES } from "../support/policy";
import { agentAvailability } from "./assignment.server";
import { parsePaths, type ChatActor } from "./conversations.server";
import { presentAgents } from "./presence.server";
import type { ConsoleCustomer, ConsoleData } from "./console-view";
import type { ChatStatus } from "./rules";

/**
 * What /admin/chat shows: the agent's availability, the queue (waiting chats oldest first), the chats
 * in progress, the agents one can transfer to, and beside the chosen chat who the customer is (plan,
 * account, open tickets) and what they did on this visit: the pages they moved through with the chat
 * open, and what they searched for answers (the chat's first message and their contact-form
 * descriptions of the past day, from the deflection funnel). The site records no other per-person
 * browsing: page views are counted per page, without people.
 */

type Db = PrismaClient;
const OPEN_TICKET_STATUSES = ["new", "open", "waiting-on-customer", "escalated"];
const VISIT_WINDOW_MS = 24 * 3_600_000;

export async function consoleData(
  db: Db,
  agent: ChatActor,
  selectedId: string | null,
  now = new Date(),
): Promise<ConsoleData> {
  if (!can(agent, "chat:work")) throw new Refusal(403, "Only support agents work the chat queue.");
  const [availability, open, agents] = await Promise.all([
    agentAvailability(db, agent.id),
    db.chatConversation.findMany({
      where: { status: { in: ["waiting", "active"] } },
      orderBy: { createdAt: "asc" },
      take: 200,
    }),
    // "Online" on the console means here: chose online and has a console open (app/chat/presence.server.ts).
    db.chatAgent.findMany({ where: presentAgents(now) }),
  ]);
  const people = await db.user.findMany({
    where: {
      id: {
        in: [...new Set([...open.flatMap((c) => [c.customerId, c.agentId ?? ""]), ...agents.map((a) => a.userId)])],
      },
    },
    select: { id: true, name: true },
  });
  const nameOf = (id: string | null) => (id ? (people.find((person) => person.id === id)?.name ?? "Someone") : null);
  const list = open.map((chat) => ({
    id: chat.id,
    status: chat.status as ChatStatus,
    customerName: nameOf(chat.customerId) ?? "",
    agentId: chat.agentId,
    agentName: nameOf(chat.agentId),
    plan: isPlan(chat.plan) ? PLAN_NAMES[chat.plan] : chat.plan,
    createdAt: chat.createdAt.toISOString(),
  }));
  const load = new Map<string, number>();
  for (const chat of open)
    if (chat.agentId && chat.status === "active") load.set(chat.agentId, (load.get(chat.agentId) ?? 0) + 1);
  return {
    availability,
    waiting: list.filter((chat) => chat.status === "waiting"),
    mine: list.filter((chat) => chat.status === "active" && chat.agentId === agent.id),
    others: list.filter((chat) => chat.status === "active" && chat.agentId !== agent.id),
    onlineAgents: agents.map((row) => ({
      id: row.userId,
      name: nameOf(row.userId) ?? "",
      open: load.get(row.userId) ?? 0,
      capacity: row.capacity,
    })),
    selected: selectedId ? await customerContext(db, selectedId, now) : null,
    iceServers: chatSettings.iceServers,
  };
}

async function customerContext(db: Db, conversationId: string, now: Date): Promise<ConsoleCustomer | null> {
  const chat = await db.chatConversation.findUnique({ where: { id: conversationId } });
  if (!chat) return null;
  const [customer, tickets, searches] = await Promise.all([
    db.user.findUnique({
      where: { id: chat.customerId },
      select: { name: true, email: true, account: { select: { name: true, accountNumber: true, plan: true } } },
    }),
    db.ticket.findMany({
      where: { accountId: chat.accountId, status: { in: OPEN_TICKET_STATUSES } },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { number: true, subject: true, status: true, priority: true },
    }),
    db.deflectionSession.findMany({
      where: { userId: chat.customerId, startedAt: { gte: new Date(now.getTime() - VISIT_WINDOW_MS) } },
      orderBy: { startedAt: "desc" },
      take: 10,
      select: { query: true, channel: true, outcome: true },
    }),
  ]);
  const plan = customer?.account && isPlan(customer.account.plan) ? customer.account.plan : null;
  return {
    id: chat.id,
    status: chat.status as ChatStatus,
    agentId: chat.agentId,
    customerName: customer?.name ?? "",
    customerEmail: customer?.email ?? "",
    accountName: customer?.account?.name ?? "",
    accountNumber: customer?.account?.accountNumber ?? "",
    planName: plan ? PLAN_NAMES[plan] : "",
    openTickets: tickets,
    visitedPaths: parsePaths(chat.visitedPaths),
    searches,
    screenState: chat.screenState,
  };
}

/** Replies agents use often; they edit them before sending. Facts (hours, targets) are never restated here. */
export const CANNED_REPLIES: readonly { label: string; text: string }[] = [
  { label: "Greeting", text: "Hi, thanks for waiting! I'm looking at your question now." },
  { label: "Need details", text: "Could you tell me the exact error message and the steps that lead to it?" },
  { label: "Checking", text: "Thanks, give me a moment to check that for you." },
  { label: "Article", text: "This article walks through it step by step:" },
  { label: "Anything else", text: "Is there anything else I can help you with today?" },
  { label: "Closing", text: "Thanks for chatting with us. You can rate this chat once it ends." },
];
