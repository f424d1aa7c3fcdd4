import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  assignWaitingChats,
  PRESENCE_TIMEOUT_MS,
  setAvailability,
  takeChat,
  transferChat,
} from "~/chat/assignment.server";
import { endChat, postMessage, recordReceipt, startChat } from "~/chat/conversations.server";
import { convertToTicket } from "~/chat/convert.server";
import { chatRetentionDryRun, deleteExpiredChats } from "~/chat/retention.server";
import { CHAT_MESSAGE_MAX_LENGTH } from "~/chat/rules";
import { eventsAfter, readableChatState, transcript } from "~/chat/views.server";
import { prisma } from "~/lib/db.server";
import { isRefusal, type Refusal } from "~/lib/refusal";
import { confirmDeletion, requestDeletion } from "~/privacy/deletion.server";
import { exportUserData } from "~/privacy/export.server";
import { formatFirstResponseTarget } from "~/support/policy";
import "~/composition.server";
import { searchTickets } from "~/tickets/ticket-search.server";
import { chatAgent, chatCustomer, clearChats } from "./helpers";
import { outcome } from "../refusals";

afterAll(() => prisma.$disconnect());
beforeEach(clearChats);

const input = (message: string) => ({ message, path: "/kb/exports", timeZone: "Europe/Berlin" });

async function refusalOf(work: Promise<unknown>): Promise<Refusal> {
  try {
    await work;
  } catch (error) {
    if (isRefusal(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function startFor(name: string, message = "Exports fail") {
  const customer = await chatCustomer("enterprise", name);
  const { conversationId } = await startChat(prisma, customer.actor, input(message));
  return { customer, conversationId };
}

describe("assignment", () => {
  it("gives waiting chats round-robin to online agents with room, and the rest wait in order", async () => {
    const first = await chatAgent("Ada", "online", 2);
    const second = await chatAgent("Ben", "online", 2);
    await chatAgent("Cy", "away", 5);
    const chats = [];
    for (const name of ["C1", "C2", "C3", "C4", "C5"]) {
      chats.push(await startFor(name));
      await assignWaitingChats(prisma);
    }
    const agentOf = async (id: string) => (await prisma.chatConversation.findUniqueOrThrow({ where: { id } })).agentId;
    const assigned = await Promise.all(chats.map((chat) => agentOf(chat.conversationId)));
    // Nobody was assigned before: the first goes to either, then they alternate; the away agent gets none.
    expect(new Set(assigned.slice(0, 4))).toEqual(new Set([first.user.id, second.user.id]));
    expect(assigned[0]).not.toBe(assigned[1]);
    expect(assigned[0]).toBe(assigned[2]);
    expect(assigned[1]).toBe(assigned[3]);
    expect(assigned[4]).toBeNull();
    const waiting = await readableChatState(prisma, chats[4]!.customer.actor, chats[4]!.conversationId);
    expect(waiting).toMatchObject({ status: "waiting", queuePosition: 1 });
    expect(waiting.expectedWaitMinutes).toBeGreaterThanOrEqual(1);

    // One of Ada's chats ends: the waiting one goes to whoever now has room.
    const adaChat = chats[assigned.indexOf(assigned[0]!)]!;
    await endChat(prisma, adaChat.customer.actor, adaChat.conversationId);
    await assignWaitingChats(prisma);
    expect(await agentOf(chats[4]!.conversationId)).toBe(assigned[0]);
    const joined = await eventsAfter(prisma, chats[4]!.conversationId, 0);
    expect(joined.map((event) => event.html).join(" ")).toMatch(/joined the chat/);
  });

  it("never fills an agent past their capacity, even with assignment running twice at once", async () => {
    await chatAgent("Ada", "online", 2);
    await chatAgent("Ben", "online", 1);
    for (const name of ["A", "B", "C", "D", "E", "F"]) await startFor(name);
    await Promise.all([assignWaitingChats(prisma), assignWaitingChats(prisma), assignWaitingChats(prisma)]);
    const load = await prisma.chatConversation.groupBy({
      by: ["agentId"],
      where: { status: "active" },
      _count: { _all: true },
    });
    expect(load.map((row) => row._count._all).sort()).toEqual([1, 2]);
    expect(await prisma.chatConversation.count({ where: { status: "waiting" } })).toBe(3);
  });

  it("passes over an online agent whose console has been closed for longer than the presence timeout", async () => {
    const gone = await chatAgent("Gone", "online", 3);
    await prisma.chatAgent.update({
      where: { userId: gone.user.id },
      data: { consoleSeenAt: new Date(Date.now() - PRESENCE_TIMEOUT_MS - 60_000) },
    });
    const { conversationId } = await startFor("Casey");
    expect(await assignWaitingChats(prisma)).toBe(0);
    // The console's stream writes its heartbeat while it is open: the agent is present again.
    await prisma.chatAgent.update({ where: { userId: gone.user.id }, data: { consoleSeenAt: new Date() } });
    expect(await assignWaitingChats(prisma)).toBe(1);
    expect((await prisma.chatConversation.findUniqueOrThrow({ where: { id: conversationId } })).agentId).toBe(
      gone.user.id,
    );
  });

  it("an agent going online takes waiting chats; take and transfer move a chat and say so in the transcript", async () => {
    const { conversationId, customer } = await startFor("Casey");
    const ada = await chatAgent("Ada", "away", 2);
    const ben = await chatAgent("Ben", "away", 2);
    await takeChat(prisma, ada.actor, conversationId);
    expect((await refusalOf(takeChat(prisma, ben.actor, conversationId))).status).toBe(409);
    expect((await refusalOf(transferChat(prisma, ada.actor, conversationId, ben.user.id))).status).toBe(409);
    await setAvailability(prisma, ben.actor, { status: "online", capacity: 2 });
    await transferChat(prisma, ada.actor, conversationId, ben.user.id);
    const state = await readableChatState(prisma, customer.actor, conversationId);
    expect(state).toMatchObject({ status: "active", agentName: "Ben" });
    expect((await refusalOf(postMessage(prisma, ada.actor, conversationId, "Still me?"))).status).toBe(409);
    await postMessage(prisma, ben.actor, conversationId, "Hi, Ben here");
    const notes = (await transcript(prisma, customer.actor, conversationId)).events.map((event) => event.html);
    expect(notes.join(" ")).toContain("Ada transferred the chat to Ben.");
  });
});

describe("messages", () => {
  it("numbers every event of a conversation in order, with no gaps or doubles under concurrent writers", async () => {
    const { conversationId, customer } = await startFor("Casey");
    const agent = await chatAgent("Ada");
    await takeChat(prisma, agent.actor, conversationId);
    const base = (await eventsAfter(prisma, conversationId, 0)).length;
    await Promise.all([
      ...Array.from({ length: 8 }, (_, index) => postMessage(prisma, customer.actor, conversationId, `c${index}`)),
      ...Array.from({ length: 8 }, (_, index) => postMessage(prisma, agent.actor, conversationId, `a${index}`)),
    ]);
    const events = await eventsAfter(prisma, conversationId, 0);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: base + 16 }, (_, index) => index + 1));
    // Resuming after a number returns exactly the rest.
    expect((await eventsAfter(prisma, conversationId, 5)).map((event) => event.seq)[0]).toBe(6);
    const first = (await prisma.chatConversation.findUniqueOrThrow({ where: { id: conversationId } })).firstResponseAt;
    expect(first).not.toBeNull();
  });

  it("renders Markdown through the sanitizer: no script survives", async () => {
    const { conversationId, customer } = await startFor("Casey", "Look: <script>alert(1)</script> **bold**");
    const [event] = await eventsAfter(prisma, conversationId, 0);
    expect(event!.html).toContain("<strong>bold</strong>");
    expect(event!.html).not.toContain("<script");
    expect((await transcript(prisma, customer.actor, conversationId)).events).toHaveLength(1);
  });

  it("refuses a message over the size limit with a 413 that says the limit", async () => {
    const { conversationId, customer } = await startFor("Casey");
    const refusal = await refusalOf(
      postMessage(prisma, customer.actor, conversationId, "x".repeat(CHAT_MESSAGE_MAX_LENGTH + 1)),
    );
    expect(refusal.status).toBe(413);
    expect(refusal.message).toContain(CHAT_MESSAGE_MAX_LENGTH.toLocaleString("en-US"));
  });

  it("limits messages per minute and new chats per hour (429 with when to try again)", async () => {
    const { conversationId, customer } = await startFor("Casey");
    const results = await Promise.allSettled(
      Array.from({ length: 35 }, (_, index) => postMessage(prisma, customer.actor, conversationId, `m${index}`)),
    );
    const refused = results.filter((result) => result.status === "rejected");
    // The first message started the chat: 29 more fit in the minute, whatever the order they arrive in.
    expect(refused.length).toBe(6);
    const reason = (refused[0] as PromiseRejectedResult).reason as Refusal;
    expect(reason.status).toBe(429);
    expect(reason.retryAfterSeconds).toBeGreaterThan(0);

    const other = await chatCustomer("enterprise", "Robin");
    for (let index = 0; index < 6; index++) {
      const { conversationId: id } = await startChat(prisma, other.actor, input(`q${index}`));
      await endChat(prisma, other.actor, id);
    }
    expect((await refusalOf(startChat(prisma, other.actor, input("seventh")))).status).toBe(429);
  });

  it("receipts only move forward", async () => {
    const { conversationId, customer } = await startFor("Casey");
    const agent = await chatAgent("Ada");
    await takeChat(prisma, agent.actor, conversationId);
    await recordReceipt(prisma, agent.actor, conversationId, { delivered: 2, read: 2 });
    await recordReceipt(prisma, agent.actor, conversationId, { delivered: 1, read: 0 });
    const state = await readableChatState(prisma, customer.actor, conversationId);
    expect(state.receipts).toMatchObject({ agentDelivered: 2, agentRead: 2 });
  });
});

describe("access and hours", () => {
  it("a customer reads only their own chats; a colleague and a moderator get 404; an agent reads any", async () => {
    const { conversationId, customer } = await startFor("Casey");
    const colleague = {
      ...customer.actor,
      id: (await prisma.user.create({ data: { email: `c-${Date.now()}@example.com`, name: "Col", passwordHash: "x" } }))
        .id,
    };
    const moderator = { id: "mod", name: "Mo", role: "moderator" as const, account: null };
    expect((await refusalOf(readableChatState(prisma, colleague, conversationId))).status).toBe(404);
    expect((await refusalOf(readableChatState(prisma, moderator, conversationId))).status).toBe(404);
    expect((await refusalOf(postMessage(prisma, colleague, conversationId, "hi"))).status).toBe(404);
    const agent = await chatAgent("Ada");
    expect((await readableChatState(prisma, agent.actor, conversationId)).status).toBe("waiting");
    // Customers cannot work the queue.
    expect((await refusalOf(takeChat(prisma, customer.actor, conversationId))).status).toBe(403);
  });

  it("a Standard customer cannot start a chat out of hours and is told when it opens, in their zone", async () => {
    const customer = await chatCustomer("standard");
    const saturday = new Date("2026-12-12T15:00:00Z");
    const refusal = await refusalOf(startChat(prisma, customer.actor, input("hello"), saturday));
    expect(refusal.status).toBe(409);
    expect(refusal.message).toContain("It opens Monday, 2:00 PM GMT+1");
    const tuesdayNoon = new Date("2026-12-08T17:00:00Z");
    expect((await startChat(prisma, customer.actor, input("hello"), tuesdayNoon)).started).toBe(true);
  });

  it("someone without a customer account cannot start a chat", async () => {
    const member = { id: "m1", name: "Mem", role: "member" as const, account: null };
    expect((await refusalOf(startChat(prisma, member, input("hi")))).status).toBe(403);
  });
});

describe("retention, privacy and tickets", () => {
  it("the retention job deletes transcripts a year after the chat ended; the dry run lists them first", async () => {
    const now = new Date("2026-12-07T12:00:00Z");
    const old = await startFor("Old");
    const recent = await startFor("Recent");
    await prisma.chatConversation.update({
      where: { id: old.conversationId },
      data: { status: "ended", endedAt: new Date("2025-12-01T12:00:00Z") },
    });
    await prisma.chatConversation.update({
      where: { id: recent.conversationId },
      data: { status: "ended", endedAt: new Date("2026-01-10T12:00:00Z") },
    });
    const listed = await chatRetentionDryRun(prisma, now);
    expect(listed).toEqual([expect.stringContaining(old.conversationId)]);
    expect(await prisma.chatConversation.count()).toBe(2);
    expect(await deleteExpiredChats(prisma, now)).toBe(1);
    expect(await prisma.chatEvent.count({ where: { conversationId: old.conversationId } })).toBe(0);
    expect(await prisma.chatConversation.count({ where: { id: recent.conversationId } })).toBe(1);
  });

  it("the data export carries the customer's chats with their transcript", async () => {
    const { customer } = await startFor("Casey", "My export question");
    const exported = await exportUserData(customer.actor);
    expect(exported?.chats).toHaveLength(1);
    expect(exported?.chats[0]?.transcript[0]).toMatchObject({ bodyMarkdown: "My export question", byStaff: false });
  });

  it("a confirmed data deletion request deletes the customer's chats", async () => {
    const { conversationId, customer } = await startFor("Casey", "Please forget me");
    await requestDeletion(customer.actor, "");
    const request = await prisma.dataDeletionRequest.findFirstOrThrow({ where: { userId: customer.user.id } });
    const admin = { id: "admin-1", name: "Ada", role: "admin" as const, account: null };
    expect(await outcome(confirmDeletion(admin, request.id))).toBe("done");
    expect(await prisma.chatConversation.count({ where: { id: conversationId } })).toBe(0);
    expect(await prisma.chatEvent.count({ where: { conversationId } })).toBe(0);
  });

  it("convert to ticket: the transcript is the ticket's first message, with the plan's target", async () => {
    const word = `zq${Math.random().toString(36).slice(2, 9)}`;
    const { conversationId, customer } = await startFor("Casey", `Exports fail since Monday (${word})`);
    const agent = await chatAgent("Ada");
    await takeChat(prisma, agent.actor, conversationId);
    await postMessage(prisma, agent.actor, conversationId, "Let me file this for engineering.");
    const { number, target } = await convertToTicket(prisma, agent.actor, conversationId, 2);
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { number } });
    expect(ticket).toMatchObject({ requesterId: customer.user.id, priority: 2, plan: "enterprise" });
    expect(ticket.descriptionMarkdown).toContain("Exports fail since Monday");
    expect(ticket.descriptionMarkdown).toContain("Let me file this for engineering.");
    expect(target).toBe(formatFirstResponseTarget("enterprise", 2));
    const state = await readableChatState(prisma, customer.actor, conversationId);
    expect(state).toMatchObject({ status: "ended", ticketNumber: number });
    // Staff find it by its words in ticket search, like a ticket filed through the form.
    expect((await searchTickets({ kind: "staff" }, word)).map((hit) => hit.url)).toEqual([
      `/support/tickets/${number}`,
    ]);
  });
});
