import { useEffect, useRef, useState, type FormEvent } from "react";
import { OFFER_OTHER_CHANNELS_AFTER_MS, RATING_WORDS, type ChatIceServer, type ChatStateView } from "~/chat/rules";
import { EMAIL_ADDRESSES } from "~/support/policy";
import { ChatFileField, clearFileInput, sendChatFile } from "./chat-file";
import { ChatTranscript } from "./chat-transcript";
import { shareScreen, type ScreenPeer } from "./screen-share";
import { postChat, useChat } from "./use-chat";

export type ChatSuggestion = {
  id: string;
  type: string;
  url: string;
  title: string;
  section?: string | null;
  snippet: string;
};

const linkClass = "text-sky-700 underline dark:text-sky-400";
const buttonClass =
  "rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60";
const quietButtonClass =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800";

/** "Continue by ticket": the ticket form, filled with what the customer wrote so far. */
export function ticketLink(subject: string, description: string) {
  const query = new URLSearchParams({ subject: subject.slice(0, 200), description: description.slice(0, 5000) });
  return `/support/new?${query.toString()}`;
}

/** The customer's side of one chat: transcript, queue, composer, answers offered, rating, screen sharing. */
export function CustomerChat({
  conversationId,
  visible,
  suggestions,
  iceServers,
  onNewChat,
}: {
  conversationId: string;
  visible: boolean;
  suggestions: readonly ChatSuggestion[];
  /** STUN/TURN servers for screen sharing, from the server's settings. */
  iceServers: ChatIceServer[];
  onNewChat: () => void;
}) {
  const screen = useRef<ScreenPeer | null>(null);
  const { events, state, otherTyping, typing } = useChat(conversationId, {
    visible,
    onSignal: (data) => screen.current?.handleSignal(data),
  });
  const [draft, setDraft] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const url = `/chat/${conversationId}`;

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);
  // Sharing ends on either side (the agent, a transfer, the chat's end): this browser stops capturing too.
  useEffect(() => {
    if (state && !state.screenSharing && screen.current) {
      screen.current.stop();
      screen.current = null;
    }
  }, [state]);
  useEffect(() => () => screen.current?.stop(), []);

  // The conversation scrolls above the message box. It follows the newest message while the customer
  // is at its end (or has just sent one); scrolled up to read an offered answer, they stay where they are.
  const conversation = useRef<HTMLDivElement>(null);
  const followNewest = useRef(false);
  const rememberPosition = () => {
    const box = conversation.current;
    if (box) followNewest.current = box.scrollHeight - box.scrollTop - box.clientHeight < 24;
  };
  useEffect(() => {
    const box = conversation.current;
    if (box && followNewest.current) box.scrollTop = box.scrollHeight;
    rememberPosition();
  }, [events.length, otherTyping]);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim() && !file) return;
    setSending(true);
    const answer = file
      ? await sendChatFile(url, file, draft)
      : await postChat(url, { intent: "message", body: draft });
    setSending(false);
    if (answer.ok) {
      followNewest.current = true;
      setDraft("");
      setFile(null);
      clearFileInput("chat-file");
      setError(null);
    } else setError(answer.message ?? "Your message was not sent.");
  }

  async function acceptScreen() {
    const answer = await postChat(url, { intent: "screen-accept" });
    if (!answer.ok) return setError(answer.message ?? "Screen sharing could not start.");
    try {
      screen.current = await shareScreen(
        (data) => void postChat(url, { intent: "signal", data }),
        () => void stopScreen(),
        iceServers,
      );
    } catch {
      setError("Your browser did not share the screen (permission refused or not supported).");
      await postChat(url, { intent: "screen-stop" });
    }
  }

  async function stopScreen() {
    screen.current?.stop();
    screen.current = null;
    await postChat(url, { intent: "screen-stop" });
  }

  const customerText = events.filter((event) => event.kind === "message" && !event.byStaff);
  const waitedLong =
    state?.status === "waiting" && now - new Date(state.createdAt).getTime() >= OFFER_OTHER_CHANNELS_AFTER_MS;
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3">
      {/* Everything above the message box scrolls together, so the box, Send and End chat stay in view
          however many answers are offered while the customer waits. */}
      <div
        ref={conversation}
        onScroll={rememberPosition}
        className="flex min-h-24 flex-1 flex-col gap-3 overflow-y-auto"
      >
        <QueueLine state={state} />
        {suggestions.length && state?.status === "waiting" ? (
          <Suggestions url={url} suggestions={suggestions} onSolved={() => setNotice("Glad that answered it.")} />
        ) : null}
        {waitedLong ? (
          <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
            No agent has answered yet. You keep your place in the queue; you can also{" "}
            <a
              className={linkClass}
              href={ticketLink(
                customerText[0]?.html.replace(/<[^>]+>/g, "") ?? "",
                customerText.map((event) => event.html.replace(/<[^>]+>/g, "")).join("\n\n"),
              )}
            >
              continue by ticket
            </a>{" "}
            (it carries what you wrote) or email{" "}
            <a className={linkClass} href={`mailto:${EMAIL_ADDRESSES.general}`}>
              {EMAIL_ADDRESSES.general}
            </a>
            .
          </p>
        ) : null}
        <div>
          <ChatTranscript events={events} state={state} viewer="customer" label="Chat messages" />
          {otherTyping ? (
            <p className="mt-2 text-xs italic text-slate-600 dark:text-slate-300">The agent is typing…</p>
          ) : null}
        </div>
      </div>
      {state?.screenRequest ? (
        <div role="alert" className="rounded-md border border-sky-300 p-2 text-sm dark:border-sky-700">
          <p>
            <strong>{state.screenRequest.agentName}</strong> (TechFlow Support) asks to see your screen: “
            {state.screenRequest.reason}”. They see only what you choose to share, and you can stop at any time.
          </p>
          <p className="mt-2 flex gap-2">
            <button type="button" className={buttonClass} onClick={() => void acceptScreen()}>
              Share my screen
            </button>
            <button
              type="button"
              className={quietButtonClass}
              onClick={() => void postChat(url, { intent: "screen-decline" })}
            >
              No, thanks
            </button>
          </p>
        </div>
      ) : null}
      {state?.screenSharing ? (
        <p className="flex items-center justify-between gap-2 rounded-md bg-red-50 p-2 text-sm text-red-950 dark:bg-red-950 dark:text-red-100">
          You are sharing your screen with {state.agentName ?? "the agent"}.
          <button type="button" className={quietButtonClass} onClick={() => void stopScreen()}>
            Stop sharing
          </button>
        </p>
      ) : null}
      {notice ? <p className="text-sm">{notice}</p> : null}
      {state?.status === "ended" ? (
        <Ended url={url} state={state} onNewChat={onNewChat} />
      ) : (
        <form onSubmit={(event) => void send(event)} className="flex flex-col gap-2">
          <label htmlFor="chat-message" className="sr-only">
            Your message
          </label>
          <textarea
            id="chat-message"
            value={draft}
            rows={2}
            onChange={(event) => {
              setDraft(event.target.value);
              typing();
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
            aria-describedby={error ? "chat-error" : undefined}
            className="w-full rounded-md border border-slate-300 p-2 text-sm dark:border-slate-600 dark:bg-slate-900"
          />
          <ChatFileField id="chat-file" file={file} onChange={setFile} />
          {error ? (
            <p id="chat-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          ) : null}
          <div className="flex justify-between gap-2">
            <button type="button" className={quietButtonClass} onClick={() => void postChat(url, { intent: "end" })}>
              End chat
            </button>
            <button type="submit" className={buttonClass} disabled={sending}>
              Send
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function QueueLine({ state }: { state: ChatStateView | null }) {
  if (!state) return <p className="text-sm text-slate-600 dark:text-slate-300">Connecting…</p>;
  if (state.status === "active")
    return <p className="text-sm">You are chatting with {state.agentName ?? "an agent"} (TechFlow Support).</p>;
  if (state.status === "waiting")
    return (
      <p className="text-sm" data-testid="queue">
        You are number {state.queuePosition} in the queue; expected wait about {state.expectedWaitMinutes}{" "}
        {state.expectedWaitMinutes === 1 ? "minute" : "minutes"}.
      </p>
    );
  return null;
}

function Suggestions({
  url,
  suggestions,
  onSolved,
}: {
  url: string;
  suggestions: readonly ChatSuggestion[];
  onSolved: () => void;
}) {
  return (
    <section
      aria-labelledby="chat-answers"
      className="max-h-36 shrink-0 overflow-y-auto rounded-md bg-slate-50 p-2 text-sm dark:bg-slate-800"
    >
      <h3 id="chat-answers" className="font-semibold">
        While you wait: these may answer it
      </h3>
      <ul className="mt-1 space-y-1">
        {suggestions.map((suggestion) => (
          <li key={suggestion.id} className="flex flex-wrap items-baseline justify-between gap-2">
            <a className={linkClass} href={suggestion.url} target="_blank" rel="noreferrer">
              {suggestion.title}
              {suggestion.section ? ` › ${suggestion.section}` : ""}
            </a>
            <button
              type="button"
              className="text-xs underline"
              onClick={() =>
                void postChat(url, { intent: "answer-solved", documentId: suggestion.id }).then(
                  (answer) => answer.ok && onSolved(),
                )
              }
            >
              This answered it
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Ended({ url, state, onNewChat }: { url: string; state: ChatStateView; onNewChat: () => void }) {
  const [mailed, setMailed] = useState(false);
  return (
    <div className="space-y-2 text-sm">
      <p className="font-medium">This chat has ended.</p>
      {state.ticketNumber ? (
        <p>
          It continues as ticket{" "}
          <a className={linkClass} href={`/support/tickets/${state.ticketNumber}`}>
            {state.ticketNumber}
          </a>
          .
        </p>
      ) : null}
      <fieldset>
        <legend>How was it?</legend>
        <div className="mt-1 flex flex-wrap gap-1">
          {[1, 2, 3, 4, 5].map((rating) => (
            <button
              key={rating}
              type="button"
              aria-pressed={state.rating === rating}
              className={`${quietButtonClass} ${state.rating === rating ? "bg-sky-100 dark:bg-sky-900" : ""}`}
              onClick={() => void postChat(url, { intent: "rate", rating })}
            >
              {rating} <span className="sr-only">out of 5, </span>
              <span className="text-xs">{RATING_WORDS[rating]}</span>
            </button>
          ))}
        </div>
      </fieldset>
      <p className="flex flex-wrap gap-2">
        <button
          type="button"
          className={quietButtonClass}
          disabled={mailed}
          onClick={() => void postChat(url, { intent: "email-transcript" }).then((answer) => setMailed(answer.ok))}
        >
          {mailed ? "Transcript on its way" : "Email me the transcript"}
        </button>
        <a className={linkClass} href={`/support/chats/${state.id}`}>
          Read it in your account
        </a>
        <button type="button" className={quietButtonClass} onClick={onNewChat}>
          Start a new chat
        </button>
      </p>
    </div>
  );
}
