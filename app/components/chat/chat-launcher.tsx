import { useLocation } from "@remix-run/react";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { formatOpening, nextChatOpening } from "~/chat/hours";
import type { ChatIceServer, ChatStateView } from "~/chat/rules";
import { CHANNELS, EMAIL_ADDRESSES, PLAN_NAMES, formatAvailability, formatMinutes, type Plan } from "~/support/policy";
import { CustomerChat, ticketLink, type ChatSuggestion } from "./customer-chat";
import { postChat } from "./use-chat";

/**
 * "Chat with us" on every page (mounted once in the document shell, so the panel and its connection
 * survive client-side navigation). Customers chat in their plan's hours; out of hours the panel says
 * when chat opens, in their own zone, and offers a ticket carrying what they typed. Visitors who are
 * not signed in are told to sign in, or to use the ticket form or email. Other pages open it with
 * `openChat()` (the /support chat card does).
 */

type PanelData =
  | { kind: "anonymous" }
  | { kind: "no-account" }
  | {
      kind: "customer";
      plan: Plan;
      openNow: boolean;
      nextOpening: string | null;
      conversation: ChatStateView | null;
      iceServers: ChatIceServer[];
    };

const OPEN_EVENT = "techflow:open-chat";
const STORED_KEY = "techflow.chat.open";
const linkClass = "text-sky-700 underline dark:text-sky-400";

export function openChat() {
  window.dispatchEvent(new Event(OPEN_EVENT));
}

function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function ChatLauncher({ signedIn }: { signedIn: boolean }) {
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<PanelData | null>(null);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<ChatSuggestion[]>([]);
  const location = useLocation();

  const load = useCallback(async () => {
    const response = await fetch("/chat/state", { headers: { Accept: "application/json" } }).catch(() => null);
    if (!response?.ok) return;
    const next = (await response.json()) as PanelData;
    setData(next);
    if (next.kind === "customer" && next.conversation) setConversationId(next.conversation.id);
  }, []);

  // A chat left open keeps its panel open after a reload; someone who signs in or out starts afresh.
  useEffect(() => {
    if (signedIn && sessionStorage.getItem(STORED_KEY) === "1") setOpen(true);
    setData(null);
    setConversationId(null);
  }, [signedIn]);
  useEffect(() => {
    if (open && !data) void load();
    sessionStorage.setItem(STORED_KEY, open ? "1" : "0");
  }, [open, data, load]);
  useEffect(() => {
    const show = () => setOpen(true);
    window.addEventListener(OPEN_EVENT, show);
    return () => window.removeEventListener(OPEN_EVENT, show);
  }, []);
  // The agent sees where the customer is: each page they move to while a chat is open.
  useEffect(() => {
    if (conversationId) void postChat(`/chat/${conversationId}`, { intent: "visit", path: location.pathname });
  }, [conversationId, location.pathname]);

  // The panel stays mounted while minimised (hidden), so its connection and a half-typed message survive.
  const started = open || conversationId !== null;
  return (
    <div className="print:hidden">
      {started ? (
        <section
          id="chat-panel"
          aria-labelledby="chat-panel-title"
          className={`${open ? "flex" : "hidden"} fixed inset-x-0 bottom-0 z-50 max-h-[70dvh] flex-col gap-3 overflow-y-auto overscroll-contain rounded-t-2xl border-t border-slate-200 bg-white p-4 pb-[max(1rem,env(safe-area-inset-bottom))] shadow-[0_-8px_30px_rgba(15,23,42,0.25)] sm:inset-x-auto sm:bottom-20 sm:right-4 sm:max-h-[80vh] sm:w-[24rem] sm:rounded-lg sm:border sm:pb-4 sm:shadow-xl dark:border-slate-700 dark:bg-slate-900`}
        >
          {/* On a phone the panel is a sheet over the page's lower part; this bar says so and holds its control. */}
          <div
            aria-hidden="true"
            className="mx-auto -mt-2 h-1 w-10 rounded-full bg-slate-300 sm:hidden dark:bg-slate-600"
          />
          <div className="flex items-center justify-between gap-2">
            <h2 id="chat-panel-title" className="text-lg font-semibold">
              {CHANNELS.chat.name}
            </h2>
            <button
              type="button"
              className="inline-flex min-h-11 min-w-11 items-center gap-1 rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800"
              onClick={() => setOpen(false)}
            >
              <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
                <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
              </svg>
              Minimise
              <span className="sr-only"> the chat (the conversation stays)</span>
            </button>
          </div>
          {!data ? (
            <p className="text-sm">Loading…</p>
          ) : data.kind === "anonymous" ? (
            <NotForYou
              intro={
                <>
                  <a className={linkClass} href={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>
                    Sign in
                  </a>{" "}
                  to chat with us.
                </>
              }
            />
          ) : data.kind === "no-account" ? (
            <NotForYou intro="Live chat is for members of a customer account." />
          ) : conversationId ? (
            <CustomerChat
              conversationId={conversationId}
              visible={open}
              suggestions={suggestions}
              iceServers={data.iceServers}
              onNewChat={() => {
                setConversationId(null);
                setSuggestions([]);
                void load();
              }}
            />
          ) : (
            <StartChat
              plan={data.plan}
              onStarted={(id, offered) => {
                setSuggestions(offered);
                setConversationId(id);
              }}
            />
          )}
        </section>
      ) : null}
      {/* On a phone the open sheet has its own Minimise button, so the launcher steps aside for it. */}
      <button
        type="button"
        aria-expanded={open}
        aria-controls="chat-panel"
        onClick={() => setOpen(!open)}
        className={`${open ? "hidden sm:block" : ""} fixed bottom-4 right-4 z-40 rounded-full bg-sky-700 px-4 py-2 font-medium text-white shadow-lg hover:bg-sky-800 focus:outline-2 focus:outline-offset-2 focus:outline-sky-800`}
      >
        {open ? "Close chat" : conversationId ? "Chat with us (open chat)" : "Chat with us"}
      </button>
    </div>
  );
}

function NotForYou({ intro }: { intro: React.ReactNode }) {
  return (
    <p className="text-sm">
      {intro} You can also{" "}
      <a className={linkClass} href="/support/new">
        file a ticket
      </a>{" "}
      or email{" "}
      <a className={linkClass} href={`mailto:${EMAIL_ADDRESSES.general}`}>
        {EMAIL_ADDRESSES.general}
      </a>
      .
    </p>
  );
}

function StartChat({ plan, onStarted }: { plan: Plan; onStarted: (id: string, offered: ChatSuggestion[]) => void }) {
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const opening = nextChatOpening(plan, now);
  const hours = formatAvailability(CHANNELS.chat.availability[plan]);

  async function start(event: FormEvent) {
    event.preventDefault();
    setSending(true);
    const answer = await postChat("/chat/start", {
      message: draft,
      path: window.location.pathname,
      timeZone: browserZone(),
    });
    setSending(false);
    if (answer.ok && typeof answer.conversationId === "string")
      onStarted(answer.conversationId, (answer.suggestions as ChatSuggestion[] | undefined) ?? []);
    else setError(answer.message ?? "The chat could not start.");
  }

  return (
    <form onSubmit={(event) => void start(event)} className="flex flex-col gap-2 text-sm">
      <p>
        {PLAN_NAMES[plan]} plan: {hours}; average response under {formatMinutes(CHANNELS.chat.averageResponseUnder)}.
      </p>
      {opening ? (
        <p role="status" className="rounded-md bg-amber-50 p-2 text-amber-950 dark:bg-amber-950 dark:text-amber-100">
          Chat is closed now. It opens <strong>{formatOpening(opening, browserZone(), now)}</strong> (your time). You
          can file a ticket with what you type below instead.
        </p>
      ) : null}
      <label htmlFor="chat-first-message" className="font-medium">
        How can we help?
      </label>
      <textarea
        id="chat-first-message"
        value={draft}
        rows={3}
        onChange={(event) => setDraft(event.target.value)}
        aria-describedby={error ? "chat-start-error" : undefined}
        className="w-full rounded-md border border-slate-300 p-2 dark:border-slate-600 dark:bg-slate-900"
      />
      {error ? (
        <p id="chat-start-error" role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {opening ? (
        <a className={linkClass} href={ticketLink(draft.split("\n")[0] ?? "", draft)}>
          File a ticket with this message
        </a>
      ) : (
        <button
          type="submit"
          disabled={sending || !draft.trim()}
          className="self-end rounded-md bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800 disabled:opacity-60"
        >
          Start chat
        </button>
      )}
    </form>
  );
}
