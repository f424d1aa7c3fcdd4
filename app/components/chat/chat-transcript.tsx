import type { ChatEventView, ChatStateView } from "~/chat/rules";
import { ChatFiles } from "./chat-file";

/**
 * A chat's transcript for either side: messages with who wrote them and when, notes about what
 * happened, and under one's own messages whether the other side has them (Sent, Delivered, Read).
 * The HTML was rendered through the Markdown sanitizer when the message was written.
 */
export function ChatTranscript({
  events,
  state,
  viewer,
  label,
}: {
  events: readonly ChatEventView[];
  state: ChatStateView | null;
  viewer: "customer" | "agent";
  label: string;
}) {
  const other = viewer === "customer" ? "agent" : "customer";
  const delivered = state ? state.receipts[`${other}Delivered`] : 0;
  const read = state ? state.receipts[`${other}Read`] : 0;
  const lastOwn = [...events].reverse().find((event) => event.kind === "message" && isOwn(event, viewer));
  return (
    <ol aria-label={label} aria-live="polite" className="space-y-2">
      {events.map((event) =>
        event.kind === "note" ? (
          <li key={event.seq} className="text-center text-xs text-slate-600 dark:text-slate-300">
            <span className="prose-chat" dangerouslySetInnerHTML={{ __html: event.html }} />
          </li>
        ) : (
          <li key={event.seq} className={`flex flex-col ${isOwn(event, viewer) ? "items-end" : "items-start"}`}>
            <span className="text-xs text-slate-600 dark:text-slate-300">
              {event.authorName}
              {event.byStaff ? " (Support)" : ""} ·{" "}
              <time dateTime={event.createdAt}>
                {new Date(event.createdAt).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" })}
              </time>
            </span>
            <div
              className={`max-w-[85%] break-words rounded-lg px-3 py-2 text-sm ${
                isOwn(event, viewer)
                  ? "bg-sky-700 text-white [&_a]:text-white [&_a]:underline"
                  : "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100"
              }`}
            >
              {event.html ? <div className="prose-chat" dangerouslySetInnerHTML={{ __html: event.html }} /> : null}
              <ChatFiles files={event.files} own={isOwn(event, viewer)} />
            </div>
            {event === lastOwn ? (
              <span className="text-xs text-slate-600 dark:text-slate-300" data-testid="receipt">
                {read >= event.seq ? "Read" : delivered >= event.seq ? "Delivered" : "Sent"}
              </span>
            ) : null}
          </li>
        ),
      )}
    </ol>
  );
}

function isOwn(event: ChatEventView, viewer: "customer" | "agent") {
  return viewer === "agent" ? event.byStaff : !event.byStaff;
}
