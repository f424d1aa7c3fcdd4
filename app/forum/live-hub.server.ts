/**
 * Live thread activity for readers with the thread open ("2 new replies, show"): an in-process hub of
 * per-thread subscribers, fed after a reply's transaction commits.
 *
 * Like the page-cache purge (app/lib/page-cache-purge.server.ts), the hub lives in a process-global
 * registry under a `Symbol.for` key, so the Remix build and server code share one. Several instances
 * (the PostgreSQL profile) install one broadcaster with `setThreadActivityBroadcaster` (for example
 * `NOTIFY forum_activity`); their listener hands what arrives to `applyRemoteThreadActivity`, which
 * delivers here only, so an event is never echoed back.
 */

export type ThreadActivity = { threadId: number; postNumber: number };
type Listener = (activity: ThreadActivity) => void;
type Broadcaster = (activity: ThreadActivity) => void;
type Hub = { threads: Map<number, Set<Listener>>; broadcaster: Broadcaster | null; delivered: Map<number, number> };

const HUB_KEY = Symbol.for("techflow.forum.live-hub");

function hub(): Hub {
  const global = globalThis as typeof globalThis & { [HUB_KEY]?: Hub };
  global[HUB_KEY] ??= { threads: new Map(), broadcaster: null, delivered: new Map() };
  return global[HUB_KEY];
}

function deliverHere(activity: ThreadActivity) {
  const { threads, delivered } = hub();
  const listeners = threads.get(activity.threadId);
  if (!listeners) return;
  // The same post can be announced twice (directly and through a purge of its thread's page): once is enough.
  if ((delivered.get(activity.threadId) ?? 0) >= activity.postNumber) return;
  delivered.set(activity.threadId, activity.postNumber);
  for (const listener of [...listeners]) {
    try {
      listener(activity);
    } catch (error) {
      // One broken connection must not keep the others from hearing about the reply.
      console.error("live update listener failed", error);
    }
  }
}

/** Listens to one thread; returns the function that stops listening (call it when the connection closes). */
export function subscribeToThread(threadId: number, listener: Listener): () => void {
  const { threads } = hub();
  let listeners = threads.get(threadId);
  if (!listeners) threads.set(threadId, (listeners = new Set()));
  listeners.add(listener);
  return () => {
    const current = threads.get(threadId);
    if (!current) return;
    current.delete(listener);
    if (current.size === 0) {
      threads.delete(threadId);
      hub().delivered.delete(threadId);
    }
  };
}

/** Tells this instance's readers of the thread, and (through the broadcaster) other instances'. */
export function publishToThread(activity: ThreadActivity) {
  deliverHere(activity);
  const { broadcaster } = hub();
  if (broadcaster) {
    try {
      broadcaster(activity);
    } catch (error) {
      console.error("live update broadcast failed", error);
    }
  }
}

/** For the instance-to-instance listener: deliver on this instance only, never re-broadcast. */
export function applyRemoteThreadActivity(activity: ThreadActivity) {
  deliverHere(activity);
}

/** Installs (or, with null, removes) the one hook that forwards activity to other instances. */
export function setThreadActivityBroadcaster(broadcaster: Broadcaster | null) {
  hub().broadcaster = broadcaster;
}

/** The threads someone listens to on this instance. */
export function watchedThreadIds(): number[] {
  return [...hub().threads.keys()];
}

/** How many connections listen to a thread (or to all threads): for /healthz-style checks and tests. */
export function liveListenerCount(threadId?: number): number {
  const { threads } = hub();
  if (threadId !== undefined) return threads.get(threadId)?.size ?? 0;
  let total = 0;
  for (const listeners of threads.values()) total += listeners.size;
  return total;
}
