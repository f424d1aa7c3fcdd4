import { catchUpWatchedThreads, receiveRemoteThreadActivity } from "../app/forum/live-bridge.server";
import { setThreadActivityBroadcaster } from "../app/forum/live-hub.server";
import { openPgChannel } from "./pg-channel";

/**
 * Live thread updates across app instances on the PostgreSQL profile: a reply's activity is sent with
 * `NOTIFY forum_activity`, and every other instance delivers it to its own readers of the thread. A
 * channel of its own, started whether or not the page cache is on (the page-cache purge broadcast runs
 * only with the cache). After its listener reconnects, the watched threads are re-read, so a reply
 * announced meanwhile still reaches the readers.
 */
export const LIVE_CHANNEL = "forum_activity";

export type LiveBroadcast = { instanceId: string; stop: () => Promise<void> };

export async function startLiveBroadcast(databaseUrl: string): Promise<LiveBroadcast> {
  const channel = await openPgChannel(databaseUrl, LIVE_CHANNEL, {
    label: "live updates",
    onMessage: (message) => void receiveRemoteThreadActivity(message),
    onResync: () =>
      void catchUpWatchedThreads().catch((error: unknown) =>
        console.error("live updates: catching up after a reconnect failed", error),
      ),
  });
  setThreadActivityBroadcaster(({ threadId, postNumber }) => channel.send({ threadId, postNumber }));
  return {
    instanceId: channel.instanceId,
    async stop() {
      setThreadActivityBroadcaster(null);
      await channel.stop();
    },
  };
}
