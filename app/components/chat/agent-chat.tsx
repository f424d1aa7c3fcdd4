import { useEffect, useRef, useState, type FormEvent } from "react";
import type { ConsoleData } from "~/chat/console-view";
import { ChatFileField, clearFileInput, sendChatFile } from "./chat-file";
import { ChatTranscript } from "./chat-transcript";
import { watchScreen, type ScreenPeer } from "./screen-share";
import { postChat, useChat, type ChatAnswer } from "./use-chat";

/**
 * One chat in the console: the transcript and composer (canned replies, a knowledge-base answer
 * found with the search box), the chat's actions (transfer, end, convert to ticket, ask to see the
 * screen), the shared screen when the customer agreed, and who the customer is beside it all.
 */

type Selected = NonNullable<ConsoleData["selected"]>;
type Props = {
  selected: Selected;
  board: ConsoleData;
  canned: readonly { label: string; text: string }[];
  me: string;
  act: (fields: Record<string, string | number>) => Promise<ChatAnswer>;
};
type Hit = { id: string; title: string; url: string; snippet: string };

const linkClass = "text-sky-700 underline dark:text-sky-400";
const buttonClass = "rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800";
const quietClass = "rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-600";
const fieldClass = "rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";

const plain = (html: string) => html.replace(/<[^>]+>/g, "");

export function AgentChat({ selected, board, canned, me, act }: Props) {
  const url = `/chat/${selected.id}`;
  const screen = useRef<ScreenPeer | null>(null);
  const video = useRef<HTMLVideoElement | null>(null);
  const [sharing, setSharing] = useState(false);
  const { events, state, otherTyping, typing } = useChat(selected.id, {
    visible: true,
    onSignal: (data) => screen.current?.handleSignal(data),
  });
  const [draft, setDraft] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mine = selected.agentId === me && state?.status === "active";

  // The settings do not change while the page is open; a ref keeps each console re-read from restarting the watcher.
  const iceServers = useRef(board.iceServers);
  // Ready for the customer's offer from the start: it may arrive on the stream before the state saying they accepted.
  useEffect(() => {
    screen.current = watchScreen(
      (data) => void postChat(url, { intent: "signal", data }),
      (stream) => {
        if (video.current) video.current.srcObject = stream;
        setSharing(true);
      },
      iceServers.current,
    );
    return () => screen.current?.stop();
  }, [url]);
  // Stop only on the change from sharing to not sharing: an older state read may land just after a fresh offer.
  const wasSharing = useRef(false);
  useEffect(() => {
    if (!state) return;
    if (wasSharing.current && !state.screenSharing) {
      screen.current?.stop();
      setSharing(false);
    }
    wasSharing.current = state.screenSharing;
  }, [state]);

  async function send(event: FormEvent) {
    event.preventDefault();
    const answer = file
      ? await sendChatFile(url, file, draft)
      : await postChat(url, { intent: "message", body: draft });
    if (answer.ok) {
      setDraft("");
      setFile(null);
      clearFileInput("agent-file");
      setError(null);
    } else setError(answer.message ?? "Not sent.");
  }

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_18rem]">
      <section aria-label={`Chat with ${selected.customerName}`} className="flex flex-col gap-3">
        <h2 className="text-xl font-semibold">Chat with {selected.customerName}</h2>
        <div className="max-h-[28rem] min-h-40 overflow-y-auto rounded-md border border-slate-200 p-3 dark:border-slate-700">
          <ChatTranscript events={events} state={state} viewer="agent" label="Chat messages" />
          {otherTyping ? <p className="mt-2 text-xs italic">The customer is typing…</p> : null}
        </div>
        <video
          ref={video}
          data-testid="shared-screen"
          autoPlay
          muted
          playsInline
          aria-label="The customer's shared screen"
          className={sharing ? "w-full rounded-md border border-slate-300" : "hidden"}
        />
        {state?.status === "waiting" ? (
          <button
            type="button"
            className={`${buttonClass} self-start`}
            onClick={() => void act({ intent: "take", conversationId: selected.id })}
          >
            Take this chat
          </button>
        ) : null}
        {mine ? (
          <>
            <form onSubmit={(event) => void send(event)} className="flex flex-col gap-2">
              <label htmlFor="agent-message" className="text-sm font-medium">
                Your reply (Markdown)
              </label>
              <textarea
                id="agent-message"
                rows={3}
                value={draft}
                onChange={(event) => {
                  setDraft(event.target.value);
                  typing();
                }}
                className={fieldClass}
              />
              <ChatFileField id="agent-file" file={file} onChange={setFile} />
              {error ? (
                <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                  {error}
                </p>
              ) : null}
              <div className="flex flex-wrap items-center gap-2">
                <button type="submit" className={buttonClass}>
                  Send
                </button>
                <label className="text-sm">
                  Canned reply{" "}
                  <select
                    className={fieldClass}
                    value=""
                    onChange={(event) =>
                      setDraft((current) => `${current}${current ? "\n\n" : ""}${event.target.value}`)
                    }
                  >
                    <option value="">Choose…</option>
                    {canned.map((reply) => (
                      <option key={reply.label} value={reply.text}>
                        {reply.label}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            </form>
            <KnowledgeSearch onInsert={(text) => setDraft((current) => `${current}${current ? "\n\n" : ""}${text}`)} />
            <ChatActions selected={selected} board={board} me={me} act={act} url={url} onNotice={setNotice} />
          </>
        ) : null}
        {notice ? <p role="status">{notice}</p> : null}
      </section>
      <CustomerContext selected={selected} />
    </div>
  );
}

function KnowledgeSearch({ onInsert }: { onInsert: (text: string) => void }) {
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<Hit[] | null>(null);
  async function search(event: FormEvent) {
    event.preventDefault();
    const response = await fetch(`/api/search?${new URLSearchParams({ q: query, type: "article", limit: "5" })}`);
    const body = (await response.json().catch(() => null)) as { hits?: Hit[] } | null;
    setHits(body?.hits ?? []);
  }
  return (
    <section aria-labelledby="kb-insert" className="space-y-2">
      <h3 id="kb-insert" className="text-sm font-semibold">
        Insert a knowledge-base answer
      </h3>
      <form role="search" onSubmit={(event) => void search(event)} className="flex gap-2">
        <label htmlFor="kb-query" className="sr-only">
          Search articles
        </label>
        <input
          id="kb-query"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          className={fieldClass}
        />
        <button type="submit" className={quietClass}>
          Search
        </button>
      </form>
      {hits ? (
        hits.length === 0 ? (
          <p className="text-sm">No article matches.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {hits.map((hit) => (
              <li key={hit.id} className="flex items-baseline justify-between gap-2">
                <span>{hit.title}</span>
                <button
                  type="button"
                  className="text-xs underline"
                  onClick={() => onInsert(`[${hit.title}](${hit.url})\n> ${plain(hit.snippet)}`)}
                >
                  Insert <span className="sr-only">{hit.title}</span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}

function ChatActions({
  selected,
  board,
  me,
  act,
  url,
  onNotice,
}: Omit<Props, "canned"> & { url: string; onNotice: (text: string) => void }) {
  const [reason, setReason] = useState("");
  const [priority, setPriority] = useState("3");
  const others = board.onlineAgents.filter((agent) => agent.id !== me);
  return (
    <section aria-labelledby="chat-actions" className="space-y-3 text-sm">
      <h3 id="chat-actions" className="font-semibold">
        Chat actions
      </h3>
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const agentId = new FormData(event.currentTarget).get("agentId");
          void act({
            intent: "transfer",
            conversationId: selected.id,
            agentId: typeof agentId === "string" ? agentId : "",
          });
        }}
      >
        <label>
          Transfer to{" "}
          <select name="agentId" className={fieldClass} disabled={others.length === 0}>
            {others.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name} ({agent.open}/{agent.capacity})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={quietClass} disabled={others.length === 0}>
          Transfer
        </button>
      </form>
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void act({ intent: "convert", conversationId: selected.id, priority }).then((answer) => {
            const ticket = answer.ticket as { number: string; target: string } | undefined;
            if (ticket) onNotice(`Ticket ${ticket.number} filed. ${ticket.target}.`);
          });
        }}
      >
        <label>
          Priority{" "}
          <select value={priority} onChange={(event) => setPriority(event.target.value)} className={fieldClass}>
            <option value="2">2 (High)</option>
            <option value="3">3 (Medium)</option>
            <option value="4">4 (Low)</option>
          </select>
        </label>
        <button type="submit" className={quietClass}>
          Convert to ticket
        </button>
      </form>
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void postChat(url, { intent: "screen-request", reason }).then((answer) =>
            onNotice(answer.ok ? "Asked; the customer decides." : (answer.message ?? "Not asked.")),
          );
        }}
      >
        <label>
          Why you want to see the screen{" "}
          <input value={reason} onChange={(event) => setReason(event.target.value)} className={fieldClass} />
        </label>
        <button type="submit" className={quietClass} disabled={selected.screenState !== ""}>
          Ask to see the screen
        </button>
        {selected.screenState === "sharing" ? (
          <button type="button" className={quietClass} onClick={() => void postChat(url, { intent: "screen-stop" })}>
            Stop screen sharing
          </button>
        ) : null}
      </form>
      <button
        type="button"
        className={quietClass}
        onClick={() => void act({ intent: "end", conversationId: selected.id })}
      >
        End chat
      </button>
    </section>
  );
}

function CustomerContext({ selected }: { selected: Selected }) {
  return (
    <aside aria-labelledby="customer-context" className="space-y-3 text-sm">
      <h2 id="customer-context" className="text-lg font-semibold">
        Customer
      </h2>
      <dl className="space-y-1">
        <dt className="font-medium">Name</dt>
        <dd>
          {selected.customerName} ({selected.customerEmail})
        </dd>
        <dt className="font-medium">Account</dt>
        <dd>
          {selected.accountName} ({selected.accountNumber})
        </dd>
        <dt className="font-medium">Plan</dt>
        <dd data-testid="customer-plan">{selected.planName}</dd>
      </dl>
      <h3 className="font-semibold">Open tickets</h3>
      {selected.openTickets.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {selected.openTickets.map((ticket) => (
            <li key={ticket.number}>
              <a className={linkClass} href={`/admin/tickets/${ticket.number}`}>
                {ticket.number}
              </a>{" "}
              P{ticket.priority} · {ticket.subject} ({ticket.status})
            </li>
          ))}
        </ul>
      )}
      <h3 className="font-semibold">Pages this visit</h3>
      <ol className="list-decimal pl-5">
        {selected.visitedPaths.map((path, index) => (
          <li key={`${index}-${path}`}>{path}</li>
        ))}
      </ol>
      <h3 className="font-semibold">Searches for answers (past day)</h3>
      {selected.searches.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {selected.searches.map((search, index) => (
            <li key={index}>
              “{search.query}” ({search.channel === "chat" ? "chat" : "contact form"}, {search.outcome})
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
