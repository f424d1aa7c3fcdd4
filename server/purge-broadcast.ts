import { applyRemotePurge, setPurgeBroadcaster } from "../app/lib/page-cache-purge.server";
import { openPgChannel } from "./pg-channel";

/**
 * Page-cache purges across app instances on the PostgreSQL profile (decision record 011): a purge here is
 * sent with `NOTIFY page_cache_purge`, and every other instance LISTENing purges the same tags from its own
 * cache (app/lib/page-cache-purge.server.ts never re-broadcasts them). A purge missed while the listener was
 * disconnected cannot leave a stale page behind: once it is back, this instance clears its whole cache.
 * Live thread updates do not ride on this channel: they have their own (./live-broadcast.ts).
 */
export const PURGE_CHANNEL = "page_cache_purge";
/** NOTIFY payloads must stay under 8000 bytes; tags are short, so a few hundred go in one message. */
const MAX_PAYLOAD_BYTES = 7000;

/** Tags in batches whose message (with the sender's id) fits one NOTIFY. */
function batches(from: string, tags: readonly string[]): string[][] {
  const out: string[][] = [];
  let batch: string[] = [];
  for (const tag of tags) {
    if (JSON.stringify({ tags: [...batch, tag], from }).length > MAX_PAYLOAD_BYTES && batch.length) {
      out.push(batch);
      batch = [];
    }
    batch.push(tag);
  }
  if (batch.length) out.push(batch);
  return out;
}

export type PurgeBroadcast = { instanceId: string; stop: () => Promise<void> };

export async function startPurgeBroadcast(
  databaseUrl: string,
  { onResync }: { onResync: () => void },
): Promise<PurgeBroadcast> {
  const channel = await openPgChannel(databaseUrl, PURGE_CHANNEL, {
    label: "page-cache broadcast",
    onMessage: ({ tags, mode }) => {
      // A message without a mode (an older instance during a rolling deploy) is a hard purge.
      if (Array.isArray(tags))
        applyRemotePurge(
          tags.filter((tag): tag is string => typeof tag === "string"),
          mode === "soft" ? "soft" : "hard",
        );
    },
    onResync,
  });
  setPurgeBroadcaster((tags, mode) => {
    for (const batch of batches(channel.instanceId, tags)) channel.send({ tags: batch, mode });
  });
  return {
    instanceId: channel.instanceId,
    async stop() {
      setPurgeBroadcaster(null);
      await channel.stop();
    },
  };
}
