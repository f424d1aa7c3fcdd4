import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatEventView, ChatStateView } from "~/chat/rules";

/**
 * One side's live view of one chat: an EventSource on /chat/<id>/events (transcript events carry
 * their number as the SSE id, so the browser's own reconnect resumes after the last one), the chat's
 * state, the other side's typing, and WebRTC signals for screen sharing. Events are kept by number,
 * so a repeat could never show twice.
 */

export type ChatAnswer = { ok: boolean; message?: string; field?: string; [key: string]: unknown };

/** POSTs one chat action as a form (the routes parse it with Conform + zod) and returns the JSON answer. */
export async function postChat(url: string, fields: Record<string, string | number>): Promise<ChatAnswer> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, String(value));
  try {
    const response = await fetch(url, { method: "POST", body, headers: { Accept: "application/json" } });
    const answer = (await response.json().catch(() => null)) as ChatAnswer | null;
    return answer ?? { ok: response.ok, message: response.ok ? undefined : `The server answered ${response.status}.` };
  } catch {
    return { ok: false, message: "You seem to be offline; the chat will send again when you try." };
  }
}

const TYPING_SHOWN_MS = 4000;
/** After the server refused a stream (429: this person's cap on open streams; 503: the server is full). */
const REFUSED_RETRY_MS = 15_000;

/**
 * An EventSource that comes back after a refusal: the browser retries a dropped stream by itself but
 * gives up for good on a non-200 answer, so this opens a new one later. Events are kept by number, so
 * what the new stream repeats shows once.
 */
export function liveStream(
  url: string,
  setup: (source: EventSource) => void,
  onConnected?: (connected: boolean) => void,
): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const connect = () => {
    const current = new EventSource(url);
    source = current;
    current.addEventListener("open", () => onConnected?.(true));
    current.addEventListener("error", () => {
      onConnected?.(false);
      if (current.readyState === EventSource.CLOSED && !stopped) retry = setTimeout(connect, REFUSED_RETRY_MS);
    });
    setup(current);
  };
  connect();
  return () => {
    stopped = true;
    source?.close();
    if (retry) clearTimeout(retry);
  };
}

export function useChat(
  conversationId: string | null,
  options: { visible: boolean; onSignal?: (data: string) => void },
) {
  const [events, setEvents] = useState<ChatEventView[]>([]);
  const [state, setState] = useState<ChatStateView | null>(null);
  const [otherTyping, setOtherTyping] = useState(false);
  const [connected, setConnected] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onSignal = useRef(options.onSignal);
  onSignal.current = options.onSignal;

  useEffect(() => {
    setEvents([]);
    setState(null);
    if (!conversationId) return;
    const stop = liveStream(
      `/chat/${conversationId}/events`,
      (source) => {
        source.addEventListener("chat", (message) => {
          const event = JSON.parse((message as MessageEvent<string>).data) as ChatEventView;
          setEvents((current) =>
            current.some((known) => known.seq === event.seq)
              ? current
              : [...current, event].sort((a, b) => a.seq - b.seq),
          );
          if (event.kind === "message") setOtherTyping(false);
        });
        source.addEventListener("state", (message) => {
          setState(JSON.parse((message as MessageEvent<string>).data) as ChatStateView);
        });
        source.addEventListener("typing", () => {
          setOtherTyping(true);
          if (typingTimer.current) clearTimeout(typingTimer.current);
          typingTimer.current = setTimeout(() => setOtherTyping(false), TYPING_SHOWN_MS);
        });
        source.addEventListener("rtc", (message) => {
          onSignal.current?.(JSON.parse((message as MessageEvent<string>).data) as string);
        });
      },
      setConnected,
    );
    return () => {
      stop();
      if (typingTimer.current) clearTimeout(typingTimer.current);
    };
  }, [conversationId]);

  // Receipts: what arrived is delivered; what arrived while the chat was on screen is read.
  const reported = useRef({ delivered: 0, read: 0 });
  const lastSeq = events.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (!conversationId || lastSeq === 0) return;
    const read = options.visible && document.visibilityState === "visible" ? lastSeq : reported.current.read;
    if (reported.current.delivered >= lastSeq && reported.current.read >= read) return;
    reported.current = { delivered: lastSeq, read };
    void postChat(`/chat/${conversationId}`, { intent: "seen", delivered: lastSeq, read });
  }, [conversationId, lastSeq, options.visible]);
  useEffect(() => {
    reported.current = { delivered: 0, read: 0 };
  }, [conversationId]);

  const lastTypingSent = useRef(0);
  const typing = useCallback(() => {
    if (!conversationId || Date.now() - lastTypingSent.current < 2500) return;
    lastTypingSent.current = Date.now();
    void postChat(`/chat/${conversationId}`, { intent: "typing" });
  }, [conversationId]);

  return { events, state, otherTyping, connected, typing };
}
