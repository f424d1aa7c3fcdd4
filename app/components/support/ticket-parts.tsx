import { Form, Link } from "@remix-run/react";
import { ViewerTime } from "~/components/viewer-time";

type Attachment = { id: string; fileName: string; size: number; url: string; contentType: string };
type Message = {
  id: string;
  authorName: string;
  byStaff: boolean;
  internal: boolean;
  html: string;
  at: string;
  attachments: Attachment[];
  /** "By email" for a message that arrived by mail (staff also read the sender check); "" otherwise. */
  viaEmail: string;
};
type TimelineEvent = { id: string; kind: string; from: string; to: string; note: string; at: string };

const STATUS_STYLES: Record<string, string> = {
  new: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-100",
  open: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-100",
  "waiting-on-customer": "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
  escalated: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100",
  solved: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  closed: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

/** What every ticket list shows of a ticket (the agent queue and the customer's list add their own columns). */
export type TicketSummary = {
  number: string;
  subject: string;
  status: string;
  statusLabel: string;
  priority: number;
  level: number;
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${STATUS_STYLES[status] ?? ""}`}>
      {label}
    </span>
  );
}

export function AttachmentList({ files }: { files: Attachment[] }) {
  if (files.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-2 text-sm">
      {files.map((file) => (
        <li key={file.id}>
          <a
            href={file.url}
            className="rounded border border-slate-300 px-2 py-1 text-sky-700 underline dark:border-slate-600 dark:text-sky-400"
          >
            {file.fileName} ({Math.max(1, Math.round(file.size / 1024))} KB)
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The conversation, oldest first. Bodies are HTML from renderMarkdown (sanitized on the server). */
export function Conversation({ messages }: { messages: Message[] }) {
  if (messages.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300">No replies yet.</p>;
  return (
    <ol className="space-y-3" data-testid="conversation">
      {messages.map((message) => (
        <li
          key={message.id}
          id={`message-${message.id}`}
          // Focus moves here after sending (app/components/support/use-composer-reset.ts); -1 keeps it out of the tab order.
          tabIndex={-1}
          className={`scroll-mt-24 rounded-lg border p-3 ${message.internal ? "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/50" : message.byStaff ? "border-sky-200 bg-sky-50/50 dark:border-sky-900 dark:bg-sky-950/30" : "border-slate-200 dark:border-slate-700"}`}
        >
          <p className="text-sm">
            <span className="font-semibold">{message.authorName}</span>
            {message.byStaff ? <span className="text-slate-600 dark:text-slate-300"> · Support</span> : null}
            {message.internal ? (
              <span className="font-semibold text-amber-900 dark:text-amber-200"> · Internal note</span>
            ) : null}
            {message.viaEmail ? (
              <span className="text-slate-600 dark:text-slate-300"> · {message.viaEmail}</span>
            ) : null}
            <span className="text-slate-600 dark:text-slate-300">
              {" · "}
              <ViewerTime iso={message.at} />
            </span>
          </p>
          <div
            className="prose prose-sm mt-2 max-w-none dark:prose-invert"
            dangerouslySetInnerHTML={{ __html: message.html }}
          />
          <AttachmentList files={message.attachments} />
        </li>
      ))}
    </ol>
  );
}

const EVENT_WORDS: Record<string, string> = {
  created: "Ticket filed",
  status: "Status",
  priority: "Priority",
  escalated: "Escalation level",
  assigned: "Assignment changed",
  "first-response": "First response sent",
  "first-response-breached": "First-response target missed",
  "update-overdue": "Priority 1 update overdue",
  paged: "On-call engineer paged",
  "update-on-time": "Priority 1 update sent on time",
  "update-late": "Priority 1 update sent late",
  "page-acknowledged": "Page acknowledged",
  "sla-paused": "Clock paused (waiting on customer)",
  "sla-resumed": "Clock restarted",
  "incident-linked": "Linked to the incident",
  "incident-update": "Incident update",
  "incident-root-cause": "Root cause analysis published",
  "incident-review": "Post-incident review scheduled",
};

export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return null;
  return (
    <ol className="space-y-1 text-sm" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id}>
          <ViewerTime iso={event.at} /> · {EVENT_WORDS[event.kind] ?? event.kind}
          {event.from || event.to ? (
            <>
              {": "}
              {event.from ? `${event.from} → ` : ""}
              {event.to}
            </>
          ) : null}
          {event.note ? <span className="text-slate-600 dark:text-slate-300"> ({event.note})</span> : null}
        </li>
      ))}
    </ol>
  );
}

export function TicketFacts({
  ticket,
}: {
  ticket: {
    statusLabel: string;
    status: string;
    priority: number;
    priorityName: string;
    planName: string;
    target: string;
    escalationLevel: number;
    escalationTitle: string;
    firstResponseDueAt: string;
    firstRespondedAt: string | null;
    firstResponseMet: boolean | null;
    nextUpdateDueAt: string | null;
    paused: boolean;
    createdAt: string;
  };
}) {
  return (
    <dl
      className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 p-4 text-sm sm:grid-cols-2 dark:border-slate-700"
      data-testid="ticket-facts"
    >
      <div>
        <dt className="text-slate-600 dark:text-slate-300">Status</dt>
        <dd>
          <StatusBadge status={ticket.status} label={ticket.statusLabel} />
          {ticket.paused ? <span className="ml-2 text-xs">(clock paused)</span> : null}
        </dd>
      </div>
      <div>
        <dt className="text-slate-600 dark:text-slate-300">Priority</dt>
        <dd>
          Priority {ticket.priority} ({ticket.priorityName})
        </dd>
      </div>
      <div>
        <dt className="text-slate-600 dark:text-slate-300">First response</dt>
        <dd>
          {ticket.firstRespondedAt ? (
            <>
              {ticket.firstResponseMet ? "Met" : "Missed"}: answered <ViewerTime iso={ticket.firstRespondedAt} /> (due{" "}
              <ViewerTime iso={ticket.firstResponseDueAt} />)
            </>
          ) : (
            <>
              Due by <ViewerTime iso={ticket.firstResponseDueAt} />
            </>
          )}
          <span className="block text-xs text-slate-600 dark:text-slate-300">{ticket.target}</span>
        </dd>
      </div>
      <div>
        <dt className="text-slate-600 dark:text-slate-300">Escalation level</dt>
        <dd>
          L{ticket.escalationLevel} · {ticket.escalationTitle}
        </dd>
      </div>
      {ticket.nextUpdateDueAt && ticket.status !== "solved" && ticket.status !== "closed" ? (
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Next update due</dt>
          <dd>
            <ViewerTime iso={ticket.nextUpdateDueAt} />
          </dd>
        </div>
      ) : null}
      <div>
        <dt className="text-slate-600 dark:text-slate-300">Filed</dt>
        <dd>
          <ViewerTime iso={ticket.createdAt} /> · {ticket.planName} plan
        </dd>
      </div>
    </dl>
  );
}

/** The customer's description and the guide's essentials, as filed: the same on the customer's and the agent's page. */
export function TicketProblem({
  ticket,
}: {
  ticket: {
    descriptionHtml: string;
    issueStartedAt: string;
    essentials: [string, string][];
    attachments: Attachment[];
  };
}) {
  return (
    <section aria-labelledby="problem-heading" className="space-y-2">
      <h2 id="problem-heading" className="text-lg font-semibold">
        The problem
      </h2>
      <div
        className="prose prose-sm max-w-none dark:prose-invert"
        dangerouslySetInnerHTML={{ __html: ticket.descriptionHtml }}
      />
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600 dark:text-slate-300">Issue started</dt>
          <dd>
            <ViewerTime iso={ticket.issueStartedAt} />
          </dd>
        </div>
        {ticket.essentials.map(([label, value]) => (
          <div key={label}>
            <dt className="text-slate-600 dark:text-slate-300">{label}</dt>
            <dd className="whitespace-pre-wrap break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <AttachmentList files={ticket.attachments} />
    </section>
  );
}

/** A ticket search box and its hits: staff search every account, customers their own (the loader decides). */
export function TicketSearch({
  query,
  found,
  label,
  hint,
  placeholder,
}: {
  query: string;
  found: { url: string; title: string }[] | null;
  /** The search landmark's name. */
  label: string;
  hint: string;
  placeholder: string;
}) {
  return (
    <>
      <Form method="get" role="search" aria-label={label} className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block">{hint}</span>
          <input
            type="search"
            name="q"
            defaultValue={query}
            placeholder={placeholder}
            className="w-72 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 sm:w-80 dark:border-slate-600 dark:bg-slate-900"
          />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600">
          Search
        </button>
      </Form>
      {found ? (
        <section aria-label="Search results" data-testid="ticket-search-results">
          <h2 className="text-lg font-semibold">
            {found.length} {found.length === 1 ? "ticket matches" : "tickets match"} “{query}”
          </h2>
          <ul className="list-disc pl-5">
            {found.map((hit) => (
              <li key={hit.url}>
                <Link to={hit.url} className="text-sky-700 underline dark:text-sky-400">
                  {hit.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
