import { afterAll, afterEach, describe, expect, it } from "vitest";
import { noteRequestArrival, startRequestCost } from "~/lib/write-cost.server";
import { prisma } from "~/lib/db.server";
import { openPgChannel, type PgChannel } from "../../server/pg-channel";

/**
 * The channel instances share (page-cache purges, live updates, chat): a message leaves once the
 * responses in flight have gone out, all waiting messages in one statement (decision record 018).
 * Another instance must still hear every one, in the order sent. Runs on PostgreSQL only.
 */
const databaseUrl = process.env.DATABASE_URL ?? "";
const CHANNEL = "pg_channel_test";
const opened: PgChannel[] = [];

afterEach(async () => {
  while (opened.length) await opened.pop()?.stop();
});
afterAll(() => prisma.$disconnect());

async function open(heard: Record<string, unknown>[] = []) {
  const channel = await openPgChannel(databaseUrl, CHANNEL, {
    label: "test channel",
    onMessage: (message) => heard.push(message),
    onResync: () => undefined,
  });
  opened.push(channel);
  return channel;
}

/** The listener, and a sender with a write request in flight: the returned function ends its response. */
async function senderWithResponseInFlight(heard: Record<string, unknown>[]) {
  await open(heard);
  const sender = await open();
  noteRequestArrival();
  return { sender, responded: startRequestCost(true) };
}

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 5000;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe("an instance-to-instance channel", () => {
  it("delivers a burst of 250 messages (three statements' worth) to another instance, every one in order", async () => {
    const heard: Record<string, unknown>[] = [];
    await open(heard);
    const sender = await open();
    for (let index = 0; index < 250; index++) sender.send({ index });
    await until(() => heard.length >= 250);
    expect(heard.map((message) => message.index)).toEqual(Array.from({ length: 250 }, (_, index) => index));
    expect(new Set(heard.map((message) => message.from))).toEqual(new Set([sender.instanceId]));
  });

  it("holds a message while a response is in flight and sends it once the response has gone out", async () => {
    const heard: Record<string, unknown>[] = [];
    const { sender, responded } = await senderWithResponseInFlight(heard);
    sender.send({ purge: "thread:1" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toEqual([]);
    responded();
    await until(() => heard.length > 0);
    expect(heard).toEqual([{ purge: "thread:1", from: sender.instanceId }]);
  });

  it("sends what is waiting before it stops", async () => {
    const heard: Record<string, unknown>[] = [];
    const { sender, responded } = await senderWithResponseInFlight(heard);
    sender.send({ last: true });
    await sender.stop();
    opened.splice(opened.indexOf(sender), 1);
    responded();
    await until(() => heard.length > 0);
    expect(heard).toEqual([{ last: true, from: sender.instanceId }]);
  });
});
