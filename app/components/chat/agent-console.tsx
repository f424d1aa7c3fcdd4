import { Link, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { ConsoleData } from "~/chat/console-view";
import { MAX_AGENT_CAPACITY } from "~/chat/rules";
import { AgentChat } from "./agent-chat";
import { liveStream, postChat } from "./use-chat";

/**
 * /admin/chat: availability, the queue and the chats in progress on the left, the chosen chat with
 * the customer beside it on the right. The lists re-read themselves whenever the queue changes (an
 * EventSource on /admin/chat/events), on this instance or any other.
 */

type Props = { board: ConsoleData; canned: readonly { label: string; text: string }[]; me: string };

const linkClass = "text-sky-700 underline dark:text-sky-400";
const buttonClass = "rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800";

export function AgentConsole({ board, canned, me }: Props) {
  const revalidator = useRevalidator();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    return liveStream("/admin/chat/events", (source) =>
      source.addEventListener("queue", () => revalidator.revalidate()),
    );
    // The revalidator's identity changes each render; one stream per page is enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function act(fields: Record<string, string | number>) {
    const answer = await postChat("/admin/chat/queue", fields);
    setError(answer.ok ? null : (answer.message ?? "That did not work."));
    revalidator.revalidate();
    return answer;
  }

  const chosen = params.get("chat");
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-3xl font-bold tracking-tight">Live chat</h1>
        <Availability board={board} act={act} />
      </header>
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <nav aria-label="Chats" className="space-y-4">
          <ChatList title="Waiting" empty="Nobody is waiting." chats={board.waiting} chosen={chosen}>
            {(chat) => (
              <button
                type="button"
                className="text-xs underline"
                onClick={() => void act({ intent: "take", conversationId: chat.id })}
              >
                Take <span className="sr-only">the chat with {chat.customerName}</span>
              </button>
            )}
          </ChatList>
          <ChatList title="Your chats" empty="No chats in progress." chats={board.mine} chosen={chosen} />
          <ChatList title="Other agents' chats" empty="None." chats={board.others} chosen={chosen} />
          <section aria-labelledby="online-agents">
            <h2 id="online-agents" className="font-semibold">
              Online agents
            </h2>
            {board.onlineAgents.length === 0 ? (
              <p className="text-sm">Nobody is online.</p>
            ) : (
              <ul className="text-sm">
                {board.onlineAgents.map((agent) => (
                  <li key={agent.id}>
                    {agent.name}: {agent.open} of {agent.capacity}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </nav>
        {board.selected ? (
          <AgentChat
            key={board.selected.id}
            selected={board.selected}
            board={board}
            canned={canned}
            me={me}
            act={act}
          />
        ) : (
          <p>
            Choose a chat on the left{board.availability.status === "away" ? ", or go online to be assigned chats" : ""}
            .
          </p>
        )}
      </div>
    </div>
  );
}

function Availability({
  board,
  act,
}: {
  board: ConsoleData;
  act: (fields: Record<string, string | number>) => Promise<unknown>;
}) {
  const [capacity, setCapacity] = useState(board.availability.capacity);
  const online = board.availability.status === "online";
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void act({ intent: "availability", status: online ? "away" : "online", capacity });
      }}
    >
      <p className="text-sm" data-testid="availability">
        You are <strong>{online ? "online" : "away"}</strong>
      </p>
      <label className="text-sm">
        Chats at once{" "}
        <input
          type="number"
          min={1}
          max={MAX_AGENT_CAPACITY}
          value={capacity}
          onChange={(event) => setCapacity(Number(event.target.value))}
          className="w-16 rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
        />
      </label>
      <button type="submit" className={buttonClass}>
        {online ? "Go away" : "Go online"}
      </button>
    </form>
  );
}

type ListedChat = ConsoleData["waiting"][number];

function ChatList({
  title,
  empty,
  chats,
  chosen,
  children,
}: {
  title: string;
  empty: string;
  chats: readonly ListedChat[];
  chosen: string | null;
  children?: (chat: ListedChat) => React.ReactNode;
}) {
  return (
    <section aria-label={title}>
      <h2 className="font-semibold">
        {title} ({chats.length})
      </h2>
      {chats.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{empty}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {chats.map((chat) => (
            <li key={chat.id} className="flex items-baseline justify-between gap-2">
              <Link
                to={`?chat=${chat.id}`}
                aria-current={chosen === chat.id ? "true" : undefined}
                className={`${linkClass} ${chosen === chat.id ? "font-semibold" : ""}`}
              >
                {chat.customerName} ({chat.plan})
              </Link>
              {chat.agentName && title !== "Your chats" ? (
                <span className="text-xs text-slate-600 dark:text-slate-300">{chat.agentName}</span>
              ) : null}
              {children?.(chat)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
