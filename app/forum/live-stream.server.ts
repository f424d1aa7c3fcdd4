import { prisma } from "../lib/db.server";
import { clientAddress } from "../lib/rate-limit.server";
import { installLiveBridge } from "./live-bridge.server";
import { liveListenerCount, subscribeToThread, type ThreadActivity } from "./live-hub.server";

/**
 * The Server-Sent Events response behind a thread's live updates. It opens with the thread's current
 * last post number (so a reader who reconnects after missing events still counts them right), then
 * sends one `post` event per new post and a comment line as a heartbeat, which keeps proxies from
 * closing an idle connection and lets the server notice a reader who left. It ends itself after
 * `maxLifetimeMs`; the browser's EventSource then reconnects on its own (after `retry`).
 */

export type LiveStreamOptions = {
  heartbeatMs?: number;
  maxLifetimeMs?: number;
  /** Refuse new connections past this many on this instance (each holds a socket). */
  maxConnections?: number;
  /** Refuse a client (one address) past this many on this instance, so no one client can take every slot. */
  maxConnectionsPerClient?: number;
};

/** A reader has a handful of threads open in tabs; 20 leaves room for that and for a busy office behind one address. */
const DEFAULTS = {
  heartbeatMs: 20_000,
  maxLifetimeMs: 10 * 60_000,
  maxConnections: 5_000,
  maxConnectionsPerClient: 20,
} as const;
const RECONNECT_AFTER_MS = 5_000;

export const LIVE_STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // Never stored by the page cache (it only keeps text/html) nor by any proxy; nginx must not buffer it.
  "Cache-Control": "no-store, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
} as const;

/** Open live connections per client address on this instance (an address leaves the map with its last connection). */
const openPerClient = new Map<string, number>();

function holdSlot(client: string): () => void {
  openPerClient.set(client, (openPerClient.get(client) ?? 0) + 1);
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    const left = (openPerClient.get(client) ?? 1) - 1;
    if (left > 0) openPerClient.set(client, left);
    else openPerClient.delete(client);
  };
}

/** How many live connections a client address holds on this instance. */
export function liveConnectionsOf(client: string): number {
  return openPerClient.get(client) ?? 0;
}

function refusal(status: 429 | 503, message: string, retryAfterSeconds: number) {
  return new Response(message, {
    status,
    headers: {
      "Retry-After": String(retryAfterSeconds),
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
}

function eventText(event: string, data: unknown, id?: number) {
  return `${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function threadEventStream(
  request: Request,
  threadId: number,
  lastPostNumber: number,
  options: LiveStreamOptions = {},
): Response {
  const { heartbeatMs, maxLifetimeMs, maxConnections, maxConnectionsPerClient } = { ...DEFAULTS, ...options };
  const client = clientAddress(request);
  if (liveConnectionsOf(client) >= maxConnectionsPerClient) {
    return refusal(
      429,
      `Too many live connections from your address (at most ${maxConnectionsPerClient}); close some tabs of the community. The page still works, reload it for new replies.`,
      30,
    );
  }
  if (liveListenerCount() >= maxConnections)
    return refusal(503, "Too many live readers right now; the page still works, reload it for new replies.", 30);
  installLiveBridge();
  const encoder = new TextEncoder();
  const releaseSlot = holdSlot(client);
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      const unsubscribe = subscribeToThread(threadId, (activity: ThreadActivity) =>
        send(eventText("post", { postNumber: activity.postNumber }, activity.postNumber)),
      );
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), heartbeatMs);
      const lifetime = setTimeout(() => finish(), maxLifetimeMs);
      function finish() {
        if (closed) return;
        closed = true;
        releaseSlot();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribe();
        request.signal.removeEventListener("abort", finish);
        try {
          controller.close();
        } catch {
          // Already closed or cancelled by the reader.
        }
      }
      stop = finish;
      request.signal.addEventListener("abort", finish);
      if (request.signal.aborted) finish();
      send(`retry: ${RECONNECT_AFTER_MS}\n` + eventText("hello", { threadId, lastPostNumber }, lastPostNumber));
    },
    cancel() {
      // The reader went away (the server stopped reading the body): free the subscription now.
      stop();
    },
  });
  return new Response(body, { status: 200, headers: LIVE_STREAM_HEADERS });
}

/** What a new live connection needs: the thread's last post number, or null when readers cannot see the thread. */
export async function liveThreadState(threadId: number): Promise<{ lastPostNumber: number } | null> {
  const thread = await prisma.forumThread.findUnique({
    where: { id: threadId },
    select: { lastPostNumber: true, deletedAt: true, hiddenAt: true, mergedIntoId: true },
  });
  if (!thread || thread.deletedAt || thread.hiddenAt || thread.mergedIntoId !== null) return null;
  return { lastPostNumber: thread.lastPostNumber };
}
