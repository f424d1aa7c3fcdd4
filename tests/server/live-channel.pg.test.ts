import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { publishToThread, setThreadActivityBroadcaster, subscribeToThread } from "~/forum/live-hub.server";
import { startLiveBroadcast, LIVE_CHANNEL } from "../../server/live-broadcast";
import { openPgChannel, type PgChannel } from "../../server/pg-channel";
import { createMember, startThread, writePost } from "../notifications/factories";

/**
 * The LISTEN/NOTIFY channel under live updates and page-cache purges, on this worker's throw-away
 * PostgreSQL database. Runs on PostgreSQL only (npm run test:integration:pg).
 */
const databaseUrl = process.env.DATABASE_URL ?? "";
const opened: { stop: () => Promise<void> }[] = [];
const cleanups: (() => void)[] = [];

afterEach(async () => {
  while (cleanups.length) cleanups.pop()?.();
  while (opened.length) await opened.pop()?.stop();
  setThreadActivityBroadcaster(null);
});
afterAll(() => prisma.$disconnect());

async function channel(onMessage: (message: Record<string, unknown>) => void, onResync = () => {}): Promise<PgChannel> {
  const channelHere = await openPgChannel(databaseUrl, "test_channel", {
    label: "test",
    onMessage,
    onResync,
    reconnectMs: 50,
  });
  opened.push(channelHere);
  return channelHere;
}

/** The backend pids listening on a channel, to cut their connections as a restart or a network drop would. */
async function listeners(name: string) {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query = $1",
      [`LISTEN ${name}`],
    );
    return {
      pids: rows.map((row) => row.pid),
      terminate: (pid: number) => admin.query("SELECT pg_terminate_backend($1)", [pid]),
      admin,
    };
  } catch (error) {
    await admin.end();
    throw error;
  }
}

describe("a LISTEN/NOTIFY channel between instances", () => {
  it("delivers a message to the other instances, never back to its sender, and skips what is not a message", async () => {
    const heardByA: Record<string, unknown>[] = [];
    const heardByB: Record<string, unknown>[] = [];
    const a = await channel((message) => heardByA.push(message));
    const b = await channel((message) => heardByB.push(message));
    const raw = new pg.Client({ connectionString: databaseUrl });
    await raw.connect();
    await raw.query(
      "SELECT pg_notify('test_channel', 'not json'), pg_notify('test_channel', '[1]'), pg_notify('test_channel', '{\"no\":\"sender\"}')",
    );
    await raw.end();
    a.send({ tags: ["thread:1"] });
    await expect.poll(() => heardByB).toEqual([{ tags: ["thread:1"], from: a.instanceId }]);
    b.send({ tags: ["list:forum"] });
    await expect.poll(() => heardByA).toEqual([{ tags: ["list:forum"], from: b.instanceId }]);
    expect(heardByB).toHaveLength(1);
  });

  it("reconnects after losing its connection and asks its user to catch up", async () => {
    let resyncs = 0;
    const heard: Record<string, unknown>[] = [];
    await channel(
      (message) => heard.push(message),
      () => (resyncs += 1),
    );
    const sender = await channel(() => {});
    const { pids, terminate, admin } = await listeners("test_channel");
    try {
      expect(pids).toHaveLength(2);
      // Cut both, as a database restart would: each reconnects, and the first asks its user to catch up once.
      for (const pid of pids) await terminate(pid);
    } finally {
      await admin.end();
    }
    await expect.poll(() => resyncs, { timeout: 5000 }).toBe(1);
    sender.send({ after: "reconnect" });
    await expect.poll(() => heard, { timeout: 5000 }).toEqual([{ after: "reconnect", from: sender.instanceId }]);
  });
});

describe("live updates on their own channel", () => {
  it("tells readers here of a reply another instance announced, and catches up on replies missed while disconnected", async () => {
    const [asker, replier] = await Promise.all([createMember(), createMember()]);
    const { thread } = await startThread(asker.id);
    const seen: number[] = [];
    cleanups.push(subscribeToThread(thread.id, (activity) => seen.push(activity.postNumber)));
    opened.push(await startLiveBroadcast(databaseUrl));

    // Another instance on the same channel wrote post 2 and announces it (as its broadcaster would).
    const other = await openPgChannel(databaseUrl, LIVE_CHANNEL, {
      label: "other instance",
      onMessage: () => {},
      onResync: () => {},
    });
    opened.push(other);
    await writePost(thread.id, replier.id, "Written on the other instance");
    other.send({ threadId: thread.id, postNumber: 2 });
    other.send({ threadId: "1; DROP", postNumber: -1 });
    await expect.poll(() => seen).toEqual([2]);

    // A reply written while this instance's listener was cut is found when it reconnects.
    const { pids, terminate, admin } = await listeners(LIVE_CHANNEL);
    try {
      await writePost(thread.id, replier.id, "Written while the listener was away");
      await writePost(thread.id, replier.id, "And another");
      for (const pid of pids) await terminate(pid);
    } finally {
      await admin.end();
    }
    await expect.poll(() => seen, { timeout: 5000 }).toEqual([2, 4]);
  });

  it("sends this instance's own replies to the channel", async () => {
    const heard: Record<string, unknown>[] = [];
    const listener = await openPgChannel(databaseUrl, LIVE_CHANNEL, {
      label: "other instance",
      onMessage: (message) => heard.push(message),
      onResync: () => {},
    });
    opened.push(listener);
    const live = await startLiveBroadcast(databaseUrl);
    opened.push(live);
    publishToThread({ threadId: 77, postNumber: 5 });
    await expect.poll(() => heard).toEqual([{ threadId: 77, postNumber: 5, from: live.instanceId }]);
  });
});
