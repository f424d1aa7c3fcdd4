import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { assignWaitingChats, setAvailability, takeChat, transferChat } from "~/chat/assignment.server";
import { consoleData } from "~/chat/console.server";
import { startChat } from "~/chat/conversations.server";
import { PRESENCE_GRACE_MS, PRESENCE_TIMEOUT_MS } from "~/chat/presence.server";
import { agentQueueStream, conversationStreamAnswer, MAX_STREAMS_PER_USER, openStreamsOf } from "~/chat/stream.server";
import { prisma } from "~/lib/db.server";
import { isRefusal } from "~/lib/refusal";
import { createUser } from "../factories/accounts";
import { chatAgent, chatCustomer, clearChats } from "./helpers";

afterAll(() => prisma.$disconnect());
beforeEach(clearChats);

/**
 * Presence: "online" counts only while a console of the agent's is open (its stream's heartbeat);
 * after the last one closes and the grace passes, the agent is away for assignment, transfers and
 * the consoles' "agents online". And one person holds at most a few chat streams at once.
 */

const input = (message: string) => ({ message, path: "/", timeZone: "UTC" });
const later = (ms: number) => new Date(Date.now() + ms);

/** An agent who chose "online" and has no console open. */
async function onlineAgentWithoutConsole(name: string) {
  const user = await createUser({ role: "agent", name });
  await prisma.chatAgent.create({ data: { userId: user.id, status: "online", capacity: 3 } });
  return { user, actor: { id: user.id, name, role: "agent" as const, account: null } };
}

/** Opens a stream the way the route does; `close` is the browser going away. */
function openConsole(agentId: string) {
  const controller = new AbortController();
  const response = agentQueueStream(
    prisma,
    new Request("http://localhost/admin/chat/events", { signal: controller.signal }),
    agentId,
  );
  return { response, close: () => controller.abort() };
}

const seenAt = async (userId: string) =>
  (await prisma.chatAgent.findUniqueOrThrow({ where: { userId } })).consoleSeenAt?.getTime() ?? null;

async function onlineNames(viewer: Awaited<ReturnType<typeof chatAgent>>, now: Date) {
  return (await consoleData(prisma, viewer.actor, null, now)).onlineAgents.map((agent) => agent.name);
}

describe("presence follows the console", () => {
  it("an online agent with no console open is not assigned chats nor listed as online", async () => {
    const viewer = await chatAgent("Viewer", "away");
    await onlineAgentWithoutConsole("Closed");
    const customer = await chatCustomer("enterprise", "Casey");
    await startChat(prisma, customer.actor, input("Anyone there?"));
    expect(await assignWaitingChats(prisma)).toBe(0);
    expect(await onlineNames(viewer, new Date())).not.toContain("Closed");
  });

  it("opening the console makes the agent present; closing the last one makes them away once the grace passes", async () => {
    const viewer = await chatAgent("Viewer", "away");
    const agent = await onlineAgentWithoutConsole("Ada");
    const first = openConsole(agent.user.id);
    const second = openConsole(agent.user.id);
    await vi.waitFor(async () => expect(await seenAt(agent.user.id)).not.toBeNull());
    expect(await onlineNames(viewer, new Date())).toContain("Ada");
    const customer = await chatCustomer("enterprise", "Casey");
    await startChat(prisma, customer.actor, input("First question"));
    expect(await assignWaitingChats(prisma)).toBe(1);

    // One of two consoles closes (another tab stays): the heartbeat is not aged.
    const before = await seenAt(agent.user.id);
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await seenAt(agent.user.id)).toBe(before);

    // The last one closes: still here within the grace (a reload), away after it.
    second.close();
    await vi.waitFor(async () => expect(await seenAt(agent.user.id)).toBeLessThan(before!));
    const other = await chatCustomer("enterprise", "Devon");
    const { conversationId } = await startChat(prisma, other.actor, input("Second question"));
    expect(await onlineNames(viewer, later(PRESENCE_GRACE_MS - 5_000))).toContain("Ada");
    expect(await assignWaitingChats(prisma, later(PRESENCE_GRACE_MS + 2_000))).toBe(0);
    expect(await onlineNames(viewer, later(PRESENCE_GRACE_MS + 2_000))).not.toContain("Ada");
    expect((await prisma.chatConversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe("waiting");
  });

  it("an agent who opens the console before ever choosing online is assigned chats once they go online", async () => {
    const user = await createUser({ role: "agent", name: "Newcomer" });
    const actor = { id: user.id, name: "Newcomer", role: "agent" as const, account: null };
    const consoleTab = openConsole(user.id);
    await vi.waitFor(async () =>
      expect(await prisma.chatAgent.findUnique({ where: { userId: user.id } })).not.toBeNull(),
    );
    const customer = await chatCustomer("enterprise", "Casey");
    const { conversationId } = await startChat(prisma, customer.actor, input("Hello?"));
    expect(await assignWaitingChats(prisma)).toBe(0);
    await setAvailability(prisma, actor, { status: "online", capacity: 2 });
    expect((await prisma.chatConversation.findUniqueOrThrow({ where: { id: conversationId } })).agentId).toBe(user.id);
    consoleTab.close();
  });

  it("a chat cannot be transferred to an agent whose console is closed", async () => {
    const ada = await chatAgent("Ada");
    const ben = await onlineAgentWithoutConsole("Ben");
    const customer = await chatCustomer("enterprise", "Casey");
    const { conversationId } = await startChat(prisma, customer.actor, input("Help"));
    await takeChat(prisma, ada.actor, conversationId);
    const refusal = await transferChat(prisma, ada.actor, conversationId, ben.user.id).catch((error: unknown) => error);
    expect(isRefusal(refusal) && refusal.status).toBe(409);
    expect(isRefusal(refusal) && refusal.message).toContain("Ben is away");
  });

  it("an instance that died without closing its consoles stops counting the agent after the timeout", async () => {
    const viewer = await chatAgent("Viewer", "away");
    const agent = await onlineAgentWithoutConsole("Ada");
    await prisma.chatAgent.update({ where: { userId: agent.user.id }, data: { consoleSeenAt: new Date() } });
    expect(await onlineNames(viewer, new Date())).toContain("Ada");
    expect(await onlineNames(viewer, later(PRESENCE_TIMEOUT_MS + 1_000))).not.toContain("Ada");
  });
});

describe("open chat streams per person", () => {
  it(`a person holds at most ${MAX_STREAMS_PER_USER} streams; the next gets 429 with the reason, and room again once one closes`, async () => {
    const customer = await chatCustomer("enterprise", "Casey");
    const { conversationId } = await startChat(prisma, customer.actor, input("Many tabs"));
    const open = Array.from({ length: MAX_STREAMS_PER_USER }, () => new AbortController());
    for (const controller of open) {
      const response = await conversationStreamAnswer(
        prisma,
        new Request(`http://localhost/chat/${conversationId}/events`, { signal: controller.signal }),
        customer.actor,
        conversationId,
      );
      expect(response.status).toBe(200);
    }
    expect(openStreamsOf(customer.user.id)).toBe(MAX_STREAMS_PER_USER);
    const refused = await conversationStreamAnswer(
      prisma,
      new Request(`http://localhost/chat/${conversationId}/events`),
      customer.actor,
      conversationId,
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(await refused.text()).toContain(`${MAX_STREAMS_PER_USER} live chat connections open already`);
    // Someone else is not affected.
    const agent = await chatAgent("Ada");
    expect(openConsole(agent.user.id).response.status).toBe(200);

    open[0]!.abort();
    await vi.waitFor(() => expect(openStreamsOf(customer.user.id)).toBe(MAX_STREAMS_PER_USER - 1));
    const again = await conversationStreamAnswer(
      prisma,
      new Request(`http://localhost/chat/${conversationId}/events`),
      customer.actor,
      conversationId,
    );
    expect(again.status).toBe(200);
    for (const controller of open) controller.abort();
  });
});
