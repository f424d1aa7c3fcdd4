import { randomUUID } from "node:crypto";
import pg from "pg";

/**
 * One PostgreSQL LISTEN/NOTIFY channel shared by the app instances of one database: each instance
 * sends JSON messages stamped with its own id and hears every other instance's (never its own).
 * NOTIFY reaches only sessions listening at that moment, so when the listening connection comes back
 * after a loss, `onResync` runs: whoever uses the channel catches up on what it may have missed.
 */
export type PgChannel = {
  instanceId: string;
  /** Sends one message (a JSON object under 8000 bytes with `from` added); failures are logged, never thrown. */
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

export async function openPgChannel(
  databaseUrl: string,
  channel: string,
  { label, onMessage, onResync, reconnectMs = 1000 }: PgChannelOptions,
): Promise<PgChannel> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Unexpected channel name ${channel}`);
  const instanceId = randomUUID();
  const sender = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 3000 });
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

  return {
    instanceId,
    send(message) {
      sender
        .query("SELECT pg_notify($1, $2)", [channel, JSON.stringify({ ...message, from: instanceId })])
        .catch((error: Error) => {
          console.error(`${label}: NOTIFY failed (${error.message})`);
        });
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await sender.end().catch(() => undefined);
    },
  };
}
