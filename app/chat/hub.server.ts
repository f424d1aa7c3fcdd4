/**
 * Live chat's in-process bus: listeners per topic (`chat:<conversation id>` for the two sides of one
 * chat, `chat-agents` for every open console). Durable things (messages, assignment, status) are rows;
 * what travels here is only "read the rows again" (`kind: "events"` / `"state"`), or the passing
 * things that are never stored (typing, WebRTC signalling). A listener that catches up from the rows
 * can therefore never lose or double a message, whichever instance wrote it.
 *
 * Like the forum's live hub, it lives in a process-global registry (`Symbol.for`) so the Remix build
 * and server code share one. With several instances, server/chat-broadcast.ts installs a broadcaster
 * (`NOTIFY chat_activity` through server/pg-channel.ts) and hands what other instances send to
 * `applyRemoteChatSignal`, which delivers here only.
 */

export type ChatSignal =
  | { topic: string; kind: "events" }
  | { topic: string; kind: "state" }
  | { topic: string; kind: "typing"; byStaff: boolean }
  | { topic: string; kind: "rtc"; fromStaff: boolean; data: string };

type Listener = (signal: ChatSignal) => void;
type Hub = { topics: Map<string, Set<Listener>>; broadcaster: ((signal: ChatSignal) => void) | null };

const HUB_KEY = Symbol.for("techflow.chat.hub");
export const AGENTS_TOPIC = "chat-agents";

export function conversationTopic(conversationId: string): string {
  return `chat:${conversationId}`;
}

function hub(): Hub {
  const global = globalThis as typeof globalThis & { [HUB_KEY]?: Hub };
  global[HUB_KEY] ??= { topics: new Map(), broadcaster: null };
  return global[HUB_KEY];
}

function deliverHere(signal: ChatSignal) {
  const listeners = hub().topics.get(signal.topic);
  if (!listeners) return;
  for (const listener of [...listeners]) {
    try {
      listener(signal);
    } catch (error) {
      // One broken connection must not keep the others from hearing.
      console.error("chat listener failed", error);
    }
  }
}

export function subscribeChat(topic: string, listener: Listener): () => void {
  const { topics } = hub();
  let listeners = topics.get(topic);
  if (!listeners) topics.set(topic, (listeners = new Set()));
  listeners.add(listener);
  return () => {
    const current = topics.get(topic);
    if (!current) return;
    current.delete(listener);
    if (current.size === 0) topics.delete(topic);
  };
}

/** Tells this instance's listeners and, through the broadcaster, the other instances'. Call after the write commits. */
export function publishChat(signal: ChatSignal) {
  deliverHere(signal);
  const { broadcaster } = hub();
  if (!broadcaster) return;
  try {
    broadcaster(signal);
  } catch (error) {
    console.error("chat broadcast failed", error);
  }
}

/** Both sides of a conversation re-read it, and every console re-reads the queue. */
export function publishConversationChanged(conversationId: string) {
  publishChat({ topic: conversationTopic(conversationId), kind: "events" });
  publishChat({ topic: conversationTopic(conversationId), kind: "state" });
  publishChat({ topic: AGENTS_TOPIC, kind: "state" });
}

/** A message from another instance, checked before any listener sees it. */
export function applyRemoteChatSignal(message: Record<string, unknown>): ChatSignal | null {
  const { topic, kind } = message;
  if (typeof topic !== "string" || !/^(chat:[a-z0-9]{1,40}|chat-agents)$/.test(topic)) return null;
  let signal: ChatSignal | null = null;
  if (kind === "events" || kind === "state") signal = { topic, kind };
  else if (kind === "typing" && typeof message.byStaff === "boolean")
    signal = { topic, kind, byStaff: message.byStaff };
  else if (kind === "rtc" && typeof message.fromStaff === "boolean" && typeof message.data === "string")
    signal = { topic, kind, fromStaff: message.fromStaff, data: message.data };
  if (signal) deliverHere(signal);
  return signal;
}

/** After this instance's listener to other instances reconnects: everyone re-reads what they watch. */
export function resyncAllChatListeners() {
  for (const topic of [...hub().topics.keys()]) {
    deliverHere({ topic, kind: "events" });
    deliverHere({ topic, kind: "state" });
  }
}

export function setChatBroadcaster(broadcaster: ((signal: ChatSignal) => void) | null) {
  hub().broadcaster = broadcaster;
}

export function chatListenerCount(): number {
  let total = 0;
  for (const listeners of hub().topics.values()) total += listeners.size;
  return total;
}
