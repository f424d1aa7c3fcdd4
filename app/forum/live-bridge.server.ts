import { threadTag } from "./cache-tags";
import { prisma } from "../lib/db.server";
import { onPurge } from "../lib/page-cache-purge.server";
import { applyRemoteThreadActivity, watchedThreadIds, type ThreadActivity } from "./live-hub.server";

/**
 * What reaches this instance's live readers besides its own replies.
 *
 * - Other instances' replies arrive on the live-update channel of their own (server/live-broadcast.ts,
 *   `NOTIFY forum_activity` on the PostgreSQL profile), started whether or not the page cache is on:
 *   `receiveRemoteThreadActivity` checks each message and delivers it here only. When that channel's
 *   listener was disconnected, `catchUpWatchedThreads` re-reads the threads readers are watching.
 * - A write that renumbers a thread without announcing a post (a merge) purges the thread's page tag;
 *   `installLiveBridge` then re-reads that thread if someone watches it. A post already delivered is
 *   never delivered twice (live-hub.server.ts), so an announced reply that also purges is heard once.
 */

const BRIDGE_KEY = Symbol.for("techflow.forum.live-bridge");

/** Tells this instance's readers of these threads (all watched ones when none are named) where each thread stands now. */
export async function catchUpWatchedThreads(threadIds: readonly number[] = watchedThreadIds()): Promise<void> {
  const watched = threadIds.filter((threadId) => watchedThreadIds().includes(threadId));
  if (watched.length === 0) return;
  const threads = await prisma.forumThread.findMany({
    where: { id: { in: watched } },
    select: { id: true, lastPostNumber: true },
  });
  for (const thread of threads) applyRemoteThreadActivity({ threadId: thread.id, postNumber: thread.lastPostNumber });
}

/** A message from another instance, checked before it reaches any reader: positive integer thread and post numbers. */
export function receiveRemoteThreadActivity(message: Record<string, unknown>): ThreadActivity | null {
  const { threadId, postNumber } = message;
  if (!Number.isSafeInteger(threadId) || !Number.isSafeInteger(postNumber)) return null;
  const activity = { threadId: threadId as number, postNumber: postNumber as number };
  if (activity.threadId <= 0 || activity.postNumber <= 0) return null;
  applyRemoteThreadActivity(activity);
  return activity;
}

export function installLiveBridge() {
  const global = globalThis as typeof globalThis & { [BRIDGE_KEY]?: boolean };
  if (global[BRIDGE_KEY]) return;
  global[BRIDGE_KEY] = true;
  onPurge((tags) => {
    const purged = watchedThreadIds().filter((threadId) => tags.includes(threadTag(threadId)));
    if (purged.length === 0) return;
    catchUpWatchedThreads(purged).catch((error: unknown) =>
      console.error("live updates: reading a purged thread failed", error),
    );
  });
}
