import { Link } from "@remix-run/react";
import { ViewerTime } from "~/components/viewer-time";
import { TICKET_STATUS_LABELS, TICKET_STATUSES, type TicketStatus } from "~/tickets/statuses";
import { StatusBadge, type TicketSummary } from "./ticket-parts";

/** The customer's list of their account's tickets (/support/tickets): a status filter and the list. */

type AccountTicket = TicketSummary & {
  mine: boolean;
  createdAt: string;
  firstResponseDueAt: string;
  firstResponse: "met" | "missed" | "waiting";
};

const PILL =
  "rounded-full border border-slate-300 px-3 py-1 aria-[current=page]:bg-slate-800 aria-[current=page]:text-white dark:border-slate-600";

export function StatusFilterNav({ status }: { status: TicketStatus | null }) {
  return (
    <nav aria-label="Filter by status" className="flex flex-wrap gap-2 text-sm">
      <Link to="/support/tickets" aria-current={status === null ? "page" : undefined} className={PILL}>
        All
      </Link>
      {TICKET_STATUSES.map((entry) => (
        <Link
          key={entry}
          to={`/support/tickets?status=${entry}`}
          aria-current={status === entry ? "page" : undefined}
          className={PILL}
        >
          {TICKET_STATUS_LABELS[entry]}
        </Link>
      ))}
    </nav>
  );
}

export function CustomerTicketList({ tickets, filtered }: { tickets: AccountTicket[]; filtered: boolean }) {
  if (tickets.length === 0) return <p>No tickets{filtered ? " with this status" : " yet"}.</p>;
  return (
    <ul
      className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
      data-testid="ticket-list"
    >
      {tickets.map((ticket) => (
        <li key={ticket.number} className="flex flex-wrap items-center justify-between gap-2 p-3">
          <div className="min-w-0">
            <Link
              to={`/support/tickets/${ticket.number}`}
              className="font-medium text-sky-700 underline dark:text-sky-400"
            >
              <span className="font-mono text-sm">{ticket.number}</span> {ticket.subject}
            </Link>
            <p className="text-xs text-slate-600 dark:text-slate-300">
              Filed <ViewerTime iso={ticket.createdAt} />
              {ticket.mine ? "" : " by a colleague"} · Priority {ticket.priority} · L{ticket.level} · First response{" "}
              {ticket.firstResponse === "waiting" ? (
                <>
                  due <ViewerTime iso={ticket.firstResponseDueAt} />
                </>
              ) : (
                ticket.firstResponse
              )}
            </p>
          </div>
          <StatusBadge status={ticket.status} label={ticket.statusLabel} />
        </li>
      ))}
    </ul>
  );
}
