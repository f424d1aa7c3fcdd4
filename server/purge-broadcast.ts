import { randomUUID } from "node:crypto";
import pg from "pg";
import { applyRemotePurge, setPurgeBroadcaster } from "../app/lib/page-cache-purge.server";

/**
 * Page-cache purges across app instances on the PostgreSQL profile (decision record 011): a purge here is
 * sent with `NOTIFY page_cache_purge`, and every other instance LISTENing purges the same tags from its own
 * cache (app/lib/page-cache-purge.server.ts never re-broadcasts them). NOTIFY is delivered only to sessions
 * listening at that moment, so after the listener loses its connection this instance clears its whole cache
 * once it is back: a purge it missed cannot leave a stale page behind.
 */
export const PURGE_CHANNEL = "page_cache_purge";
/** NOTIFY payloads must stay under 8000 bytes; tags are short, so a few hundred go in one message. */
const MAX_PAYLOAD_BYTES = 7000;
const RECONNECT_MS = 1000;

type Message = { from: string; tags: string[] };

function payloads(from: string, tags: readonly string[]): string[] {
  const out: string[] = [];
  let batch: string[] = [];
  for (const tag of tags) {
    if (JSON.stringify({ from, tags: [...batch, tag] }).length > MAX_PAYLOAD_BYTES && batch.length) {
      out.push(JSON.stringify({ from, tags: batch }));
      batch = [];
    }
    batch.push(tag);
  }
  if (batch.length) out.push(JSON.stringify({ from, tags: batch }));
  return out;
}

export type PurgeBroadcast = { instanceId: string; stop: () => Promise<void> };

export async function startPurgeBroadcast(databaseUrl: string, { onResync }: { onResync: () => void }): Promise<PurgeBroadcast> {
  const instanceId = randomUUID();
  const sender = new pg.Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 3000 });
  sender.on("error", (error) => console.error(`page-cache broadcast: ${error.message}`));
  let listener: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== PURGE_CHANNEL || !message.payload) return;
    try {
      const parsed = JSON.parse(message.payload) as Message;
      if (parsed.from !== instanceId && Array.isArray(parsed.tags)) applyRemotePurge(parsed.tags.filter((tag) => typeof tag === "string"));
    } catch {
      // Not ours: something else on this channel; ignore it.
    }
  };

  async function listen(isReconnect: boolean) {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
    client.on("notification", onNotification);
    const lost = (error?: Error) => {
      if (stopped || listener !== client) return;
      listener = null;
      console.error(`page-cache broadcast: listener lost${error ? ` (${error.message})` : ""}; reconnecting`);
      client.end().catch(() => undefined);
      schedule();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${PURGE_CHANNEL}`);
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
    }, RECONNECT_MS);
  }

  await listen(false);
  setPurgeBroadcaster((tags) => {
    for (const payload of payloads(instanceId, tags)) {
      sender.query("SELECT pg_notify($1, $2)", [PURGE_CHANNEL, payload]).catch((error: Error) => {
        console.error(`page-cache broadcast: NOTIFY failed (${error.message})`);
      });
    }
  });

  return {
    instanceId,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      setPurgeBroadcaster(null);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await sender.end().catch(() => undefined);
    },
  };
}
