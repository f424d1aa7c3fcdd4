import { prisma } from "../../app/lib/db.server";
import type { ChatActor } from "../../app/chat/conversations.server";
import type { Plan } from "../../app/support/policy";
import { createAccount, createUser } from "../factories/accounts";

/** A customer of a fresh account on `plan`, as the chat model sees a signed-in user. */
export async function chatCustomer(plan: Plan = "enterprise", name = "Casey Customer") {
  const account = await createAccount({ plan });
  const user = await createUser({ accountId: account.id, accountRole: "owner", name });
  const actor: ChatActor = { id: user.id, name, role: "member", account: { id: account.id, role: "owner" } };
  return { account, user, actor };
}

/** An agent with their console open (its heartbeat just written), online or away as asked. */
export async function chatAgent(name = "Dana Agent", status: "online" | "away" = "online", capacity = 2) {
  const user = await createUser({ role: "agent", name });
  await prisma.chatAgent.create({ data: { userId: user.id, status, capacity, consoleSeenAt: new Date() } });
  const actor: ChatActor = { id: user.id, name, role: "agent", account: null };
  return { user, actor };
}

/** Leaves no chat rows from another test of the same file behind. */
export async function clearChats() {
  await prisma.chatConversation.deleteMany();
  await prisma.chatAgent.deleteMany();
  await prisma.rateLimitWindow.deleteMany();
}
