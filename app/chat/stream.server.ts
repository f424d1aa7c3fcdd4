import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/permissions";
import { chatSettings } from "../lib/env.server";
import { isRefusal } from "../lib/refusal";
import { LIVE_STREAM_HEADERS } from "../forum/live-stream.server";
import { readableConversation } from "./conversations.server";
import { AGENTS_TOPIC, chatListenerCount, conversationTopic, subscribeChat, type ChatSignal } from "./hub.server";
import { consoleClosed, consoleHeartbeat, consoleOpened, PRESENCE_HEARTBEAT_MS } from "./presence.server";
import { chatState, eventsAfter } from "./views.server";

/**
 * Live chat over Server-Sent Events, like the forum's live replies: the browser's EventSource holds
 * one GET open and the page POSTs what it says. Every transcript event goes out with `id: <number>`;
 * a reconnecting EventSource sends the last one back as Last-Event-ID and the stream resumes right
 * after it, from the rows, so nothing is lost or sent twice. Live signals only say "read again", and
 * one reader per connection reads in order, so events always leave in number order.
 */

const HEARTBEAT_MS = 20_000;
const MAX_LIFETIME_MS = 10 * 60_000;
const RECONNECT_AFTER_MS = 2_000;
/** Each open chat holds a socket; past this many on one instance new ones are told to retry. */
export const MAX_CHAT_CONNECTIONS = 5_000;
/**
 * One person's open chat streams on one instance (CHAT_STREAMS_PER_USER, 6 unless set): a panel per tab,
 * and for agents the console plus the chat on screen. Past it a new one is refused (429), so one client
 * cannot hold the instance's sockets.
 */
export const MAX_STREAMS_PER_USER = chatSettings.streamsPerUser;

const USER_STREAMS_KEY = Symbol.for("techflow.chat.user-streams");

/** Open streams per user on this instance (process-global, like the chat hub). */
function userStreams(): Map<string, number> {
  const global = globalThis as typeof globalThis & { [USER_STREAMS_KEY]?: Map<string, number> };
  global[USER_STREAMS_KEY] ??= new Map();
  return global[USER_STREAMS_KEY];
}

export function openStreamsOf(userId: string): number {
  return userStreams().get(userId) ?? 0;
}

function frame(event: string, data: unknown, id?: number) {
  return `${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The event number to resume after: Last-Event-ID (EventSource's reconnect), else `?after=` (a page that already shows some). */
export function resumeAfter(request: Request): number {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? "0";
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

type Pump = { send(text: string): void; onClose(stop: () => void): void };

function eventStream(request: Request, userId: string, start: (pump: Pump) => void): Response {
  if (chatListenerCount() >= MAX_CHAT_CONNECTIONS)
    return new Response("Too many open chats on this server right now; the chat reconnects by itself.", {
      status: 503,
      headers: { "Retry-After": "10", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  const streams = userStreams();
  if (openStreamsOf(userId) >= MAX_STREAMS_PER_USER)
    return new Response(
      `You have ${MAX_STREAMS_PER_USER} live chat connections open already (other tabs or windows). Close one and this one reconnects by itself.`,
      {
        status: 429,
        headers: { "Retry-After": "15", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      },
    );
  streams.set(userId, openStreamsOf(userId) + 1);
  const release = () => {
    const left = openStreamsOf(userId) - 1;
    if (left > 0) streams.set(userId, left);
    else streams.delete(userId);
  };
  const encoder = new TextEncoder();
  const stops: (() => void)[] = [];
  let finish = () => {};
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
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      const lifetime = setTimeout(() => finish(), MAX_LIFETIME_MS);
      finish = () => {
        if (closed) return;
        closed = true;
        release();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        for (const stop of stops) stop();
        request.signal.removeEventListener("abort", finish);
        try {
          controller.close();
        } catch {
          // Already closed by the reader.
        }
      };
      request.signal.addEventListener("abort", finish);
      send(`retry: ${RECONNECT_AFTER_MS}\n\n`);
      start({ send, onClose: (stop) => stops.push(stop) });
      if (request.signal.aborted) finish();
    },
    cancel() {
      finish();
    },
  });
  return new Response(body, { status: 200, headers: LIVE_STREAM_HEADERS });
}

/** Runs `work` one at a time; a call while it runs makes it run once more after (never two reads at once). */
function serialised(work: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        try {
          await work();
        } catch (error) {
          console.error("chat stream read failed", error);
        }
      } while (again);
      running = false;
    })();
  };
  return run;
}

/** One side's stream of one conversation (404 for a chat the viewer may not read, before any stream opens). */
export async function conversationStream(db: PrismaClient, request: Request, viewer: Actor, conversationId: string) {
  const conversation = await readableConversation(db, viewer, conversationId);
  const viewerIsCustomer = viewer.id === conversation.customerId;
  let lastSent = resumeAfter(request);
  return eventStream(request, viewer.id, (pump) => {
    const catchUp = serialised(async () => {
      for (;;) {
        const events = await eventsAfter(db, conversationId, lastSent);
        for (const event of events) {
          pump.send(frame("chat", event, event.seq));
          lastSent = event.seq;
        }
        if (events.length === 0) break;
      }
    });
    const sendState = serialised(async () => {
      const row = await db.chatConversation.findUnique({ where: { id: conversationId } });
      if (row) pump.send(frame("state", await chatState(db, row)));
    });
    const onSignal = (signal: ChatSignal) => {
      if (signal.kind === "events") catchUp();
      else if (signal.kind === "state") sendState();
      else if (signal.kind === "typing" && signal.byStaff === viewerIsCustomer) pump.send(frame("typing", {}));
      else if (signal.kind === "rtc" && signal.fromStaff === viewerIsCustomer) pump.send(frame("rtc", signal.data));
    };
    // Subscribe before the first read, so nothing written between the read and the subscription is missed.
    pump.onClose(subscribeChat(conversationTopic(conversationId), onSignal));
    catchUp();
    sendState();
  });
}

/** The console's stream: one `queue` event whenever chats or agents change, so the page re-reads its lists. */
export function agentQueueStream(db: PrismaClient, request: Request, agentId: string) {
  return eventStream(request, agentId, (pump) => {
    let pending: NodeJS.Timeout | null = null;
    // Presence: an open console is what makes its "online" agent count (app/chat/presence.server.ts).
    const logFailure = (error: unknown) => console.error("chat presence update failed", error);
    void consoleOpened(db, agentId).catch(logFailure);
    const presence = setInterval(() => void consoleHeartbeat(db, agentId).catch(logFailure), PRESENCE_HEARTBEAT_MS);
    pump.onClose(() => {
      clearInterval(presence);
      void consoleClosed(db, agentId).catch(logFailure);
    });
    // A burst of changes (a busy queue) becomes one refresh per half second.
    pump.onClose(
      subscribeChat(AGENTS_TOPIC, () => {
        if (pending) return;
        pending = setTimeout(() => {
          pending = null;
          pump.send(frame("queue", {}));
        }, 500);
      }),
    );
    pump.onClose(() => {
      if (pending) clearTimeout(pending);
    });
    pump.send(frame("queue", {}));
  });
}

/** The stream, or the refusal (404) as a plain answer before any stream opens. */
export async function conversationStreamAnswer(
  db: PrismaClient,
  request: Request,
  viewer: Actor,
  conversationId: string,
) {
  try {
    return await conversationStream(db, request, viewer, conversationId);
  } catch (error) {
    if (isRefusal(error))
      return new Response(error.message, {
        status: error.status,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    throw error;
  }
}
