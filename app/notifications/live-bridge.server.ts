import { threadTag } from "../forum/cache-tags";
import { prisma } from "../lib/db.server";
import { onPurge } from "../lib/page-cache-purge.server";
import { applyRemoteThreadActivity, watchedThreadIds } from "./live-hub.server";

/**
 * Live updates across instances through the page-cache purge broadcast that already exists: every
 * forum write purges its thread's tag ("thread:12"), and on the PostgreSQL profile that purge reaches
 * every instance (server/purge-broadcast.ts, LISTEN/NOTIFY). When a watched thread's tag is purged,
 * this instance reads the thread's last post number once and tells its own readers if it moved on.
 * So a reply posted on instance A reaches a reader connected to instance B, with no second channel.
 * (A direct broadcaster can still be installed with setThreadActivityBroadcaster.)
 */

const BRIDGE_KEY = Symbol.for("techflow.forum.live-bridge");

export function installLiveBridge() {
  const global = globalThis as typeof globalThis & { [BRIDGE_KEY]?: boolean };
  if (global[BRIDGE_KEY]) return;
  global[BRIDGE_KEY] = true;
  onPurge((tags) => {
    const watched = watchedThreadIds().filter((threadId) => tags.includes(threadTag(threadId)));
    if (watched.length === 0) return;
    void prisma.forumThread
      .findMany({ where: { id: { in: watched } }, select: { id: true, lastPostNumber: true } })
      .then((threads) => {
        for (const thread of threads) applyRemoteThreadActivity({ threadId: thread.id, postNumber: thread.lastPostNumber });
      })
      .catch((error: unknown) => console.error("live updates: reading a purged thread failed", error));
  });
}
