import { randomUUID } from "node:crypto";
import pg from "pg";
import { whenRequestsAnswered } from "../app/lib/write-cost.server";

/**
 * One PostgreSQL LISTEN/NOTIFY channel shared by the app instances of one database: each instance
 * sends JSON messages stamped with its own id and hears every other instance's (never its own).
 * NOTIFY reaches only sessions listening at that moment, so when the listening connection comes back
 * after a loss, `onResync` runs: whoever uses the channel catches up on what it may have missed.
 */
export type PgChannel = {
  instanceId: string;
  /**
   * Sends one message (a JSON object under 8000 bytes with `from` added) once the responses in flight
   * have gone out, in order with the others; failures are logged, never thrown.
   */
  send(message: Record<string, unknown>): void;
  stop(): Promise<void>;
};

export type PgChannelOptions = {
  /** Names the channel in log lines ("page-cache broadcast", "live updates"). */
  label: string;
  onMessage(message: Record<string, unknown>): void;
  onResync(): void;
  reconnectMs?: number;
};

/** Messages per NOTIFY statement: each is a parameter, well under PostgreSQL's limit of 65,535. */
const MAX_PER_STATEMENT = 100;

export async function openPgChannel(
  databaseUrl: string,
  channel: string,
  { label, onMessage, onResync, reconnectMs = 1000 }: PgChannelOptions,
): Promise<PgChannel> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Unexpected channel name ${channel}`);
  const instanceId = randomUUID();
  // One connection: statements go one after another anyway (below); the pool reconnects after a loss.
  const sender = new pg.Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 3000 });
  sender.on("error", (error) => console.error(`${label}: ${error.message}`));
  let listener: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const onNotification = (notification: pg.Notification) => {
    if (notification.channel !== channel || !notification.payload) return;
    let message: unknown;
    try {
      message = JSON.parse(notification.payload);
    } catch {
      return; // Not ours: something else on this channel.
    }
    if (!message || typeof message !== "object" || Array.isArray(message)) return;
    const { from } = message as { from?: unknown };
    if (typeof from !== "string" || from === instanceId) return;
    try {
      onMessage(message as Record<string, unknown>);
    } catch (error) {
      console.error(`${label}: handling a message failed`, error);
    }
  };

  async function listen(isReconnect: boolean) {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
    client.on("notification", onNotification);
    const lost = (error?: Error) => {
      if (stopped || listener !== client) return;
      listener = null;
      console.error(`${label}: listener lost${error ? ` (${error.message})` : ""}; reconnecting`);
      client.end().catch(() => undefined);
      schedule();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      listener = client;
      if (isReconnect) onResync();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  function schedule() {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      listen(true).catch(() => schedule());
    }, reconnectMs);
  }

  await listen(false);

  // Messages leave after the responses in flight have gone out (the task queue's rule, decision record
  // 018), all those waiting in one statement: a reply's purge and its live update add no round trip
  // to its request, and a burst of writes shares a NOTIFY a turn. Other instances hear them a moment
  // later (at most 50 ms under steady traffic); this instance has acted on them already.
  const outgoing: string[] = [];
  let flushScheduled = false;
  let sending: Promise<void> = Promise.resolve();

  function flush() {
    flushScheduled = false;
    while (outgoing.length > 0) {
      const batch = outgoing.splice(0, MAX_PER_STATEMENT);
      const calls = batch.map((_, index) => `pg_notify($1, $${index + 2})`).join(", ");
      // One after another, so a later batch never overtakes an earlier one.
      sending = sending.then(() =>
        sender.query(`SELECT ${calls}`, [channel, ...batch]).then(
          () => undefined,
          (error: Error) => console.error(`${label}: NOTIFY failed (${error.message})`),
        ),
      );
    }
  }

  return {
    instanceId,
    send(message) {
      outgoing.push(JSON.stringify({ ...message, from: instanceId }));
      if (flushScheduled) return;
      flushScheduled = true;
      whenRequestsAnswered(flush);
    },
    async stop() {
      stopped = true;
      flush();
      await sending;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await sender.end().catch(() => undefined);
    },
  };
}
