import { prisma } from "../lib/db.server";
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
};

const DEFAULTS = { heartbeatMs: 20_000, maxLifetimeMs: 10 * 60_000, maxConnections: 5_000 } as const;
const RECONNECT_AFTER_MS = 5_000;

export const LIVE_STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // Never stored by the page cache (it only keeps text/html) nor by any proxy; nginx must not buffer it.
  "Cache-Control": "no-store, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
} as const;

function eventText(event: string, data: unknown, id?: number) {
  return `${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function threadEventStream(request: Request, threadId: number, lastPostNumber: number, options: LiveStreamOptions = {}): Response {
  const { heartbeatMs, maxLifetimeMs, maxConnections } = { ...DEFAULTS, ...options };
  if (liveListenerCount() >= maxConnections) {
    return new Response("Too many live readers right now; the page still works, reload it for new replies.", {
      status: 503,
      headers: { "Retry-After": "30", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  installLiveBridge();
  const encoder = new TextEncoder();
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
      const unsubscribe = subscribeToThread(threadId, (activity: ThreadActivity) => send(eventText("post", { postNumber: activity.postNumber }, activity.postNumber)));
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), heartbeatMs);
      const lifetime = setTimeout(() => finish(), maxLifetimeMs);
      function finish() {
        if (closed) return;
        closed = true;
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
  const thread = await prisma.forumThread.findUnique({ where: { id: threadId }, select: { lastPostNumber: true, deletedAt: true, hiddenAt: true, mergedIntoId: true } });
  if (!thread || thread.deletedAt || thread.hiddenAt || thread.mergedIntoId !== null) return null;
  return { lastPostNumber: thread.lastPostNumber };
}
