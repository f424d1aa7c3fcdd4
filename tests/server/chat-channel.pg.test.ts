import { afterAll, afterEach, describe, expect, it } from "vitest";
import { publishChat, setChatBroadcaster, subscribeChat, type ChatSignal } from "~/chat/hub.server";
import { prisma } from "~/lib/db.server";
import { CHAT_CHANNEL, startChatBroadcast } from "../../server/chat-broadcast";
import { openPgChannel } from "../../server/pg-channel";

/**
 * Live chat between instances (decision record 020): what this instance announces goes out on
 * NOTIFY chat_activity, and what another instance announces reaches this instance's listeners.
 * Runs on PostgreSQL only (npm run test:integration:pg).
 */
const databaseUrl = process.env.DATABASE_URL ?? "";
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
  setChatBroadcaster(null);
});
afterAll(() => prisma.$disconnect());

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 5000;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe("the live chat channel between instances", () => {
  it("sends this instance's chat signals to others and delivers theirs to local listeners, never an unknown topic", async () => {
    const here = await startChatBroadcast(databaseUrl);
    cleanups.push(() => here.stop());
    const heardThere: Record<string, unknown>[] = [];
    const there = await openPgChannel(databaseUrl, CHAT_CHANNEL, {
      label: "other instance",
      onMessage: (message) => heardThere.push(message),
      onResync: () => undefined,
    });
    cleanups.push(() => there.stop());
    const heardHere: ChatSignal[] = [];
    cleanups.push(subscribeChat("chat:abc123", (signal) => heardHere.push(signal)));

    publishChat({ topic: "chat:abc123", kind: "typing", byStaff: true });
    await until(() => heardThere.length > 0);
    expect(heardThere[0]).toMatchObject({ topic: "chat:abc123", kind: "typing", byStaff: true });
    expect(heardHere).toEqual([{ topic: "chat:abc123", kind: "typing", byStaff: true }]);

    there.send({ topic: "chat:abc123", kind: "events" });
    there.send({ topic: "not-a-chat", kind: "events" });
    there.send({ topic: "chat:abc123", kind: "rtc", fromStaff: false, data: '{"candidate":{}}' });
    await until(() => heardHere.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The sender's pool may use two connections, so NOTIFYs from one instance can arrive in either order.
    expect(heardHere.slice(1)).toHaveLength(2);
    expect(heardHere.slice(1)).toEqual(
      expect.arrayContaining([
        { topic: "chat:abc123", kind: "events" },
        { topic: "chat:abc123", kind: "rtc", fromStaff: false, data: '{"candidate":{}}' },
      ]),
    );
  });
});
