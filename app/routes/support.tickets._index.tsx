import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { StatusBadge, TicketSearch } from "~/components/support/ticket-parts";
import { ViewerTime } from "~/components/viewer-time";
import { searchTickets, ticketsPortal } from "~/tickets/portal.server";
import { viewerOf } from "~/search/viewer.server";
import { PRIVATE } from "~/tickets/route-helpers.server";
import { TICKET_STATUS_LABELS, TICKET_STATUSES, isTicketStatus } from "~/tickets/statuses";

/** /support/tickets: the tickets of the customer's account (colleagues' too: ticket:read is per account). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!user.account || !can(user, "ticket:read", { accountId: user.account.id })) return data({ account: null, tickets: [], status: null, query: "", found: null }, { headers: PRIVATE });
  const params = new URL(request.url).searchParams;
  const asked = params.get("status") ?? "";
  const status = isTicketStatus(asked) ? asked : undefined;
  const query = (params.get("q") ?? "").trim();
  // The viewer limits the search to this account's tickets inside the engine.
  const [rows, found] = await Promise.all([ticketsPortal.accountTickets(user, status), query ? searchTickets(await viewerOf(request), query) : Promise.resolve(null)]);
  return data(
    {
      account: { name: user.account.name },
      status: status ?? null,
      query,
      found,
      tickets: rows.map((row) => ({
        number: row.number,
        subject: row.subject,
        status: row.status,
        statusLabel: isTicketStatus(row.status) ? TICKET_STATUS_LABELS[row.status] : row.status,
        priority: row.priority,
        level: row.escalationLevel,
        mine: row.requesterId === user.id,
        createdAt: row.createdAt.toISOString(),
        firstResponseDueAt: row.firstResponseDueAt.toISOString(),
        firstResponse: row.firstRespondedAt ? (row.firstRespondedAt <= row.firstResponseDueAt ? "met" : "missed") : "waiting",
      })),
    },
    { headers: PRIVATE },
  );
}

export const meta: MetaFunction = () => [{ title: "Your tickets · TechFlow Help Center" }];

export default function Tickets() {
  const { account, tickets, status, query, found } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Your tickets</h1>
          {account ? <p className="text-slate-600 dark:text-slate-300">All tickets of {account.name}</p> : null}
        </div>
        <Link to="/support" className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white">
          Contact support
        </Link>
      </header>
      {!account ? (
        <p>Your sign-in is not part of a customer account, so there are no tickets to show.</p>
      ) : (
        <>
          <TicketSearch query={query} found={found} label="Search your tickets" hint="Search your account's tickets" placeholder="Ticket number or words" />
          <nav aria-label="Filter by status" className="flex flex-wrap gap-2 text-sm">
            <Link to="/support/tickets" aria-current={status === null ? "page" : undefined} className="rounded-full border border-slate-300 px-3 py-1 aria-[current=page]:bg-slate-800 aria-[current=page]:text-white dark:border-slate-600">
              All
            </Link>
            {TICKET_STATUSES.map((entry) => (
              <Link key={entry} to={`/support/tickets?status=${entry}`} aria-current={status === entry ? "page" : undefined} className="rounded-full border border-slate-300 px-3 py-1 aria-[current=page]:bg-slate-800 aria-[current=page]:text-white dark:border-slate-600">
                {TICKET_STATUS_LABELS[entry]}
              </Link>
            ))}
          </nav>
          {tickets.length === 0 ? (
            <p>No tickets{status ? " with this status" : " yet"}.</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700" data-testid="ticket-list">
              {tickets.map((ticket) => (
                <li key={ticket.number} className="flex flex-wrap items-center justify-between gap-2 p-3">
                  <div className="min-w-0">
                    <Link to={`/support/tickets/${ticket.number}`} className="font-medium text-sky-700 underline dark:text-sky-400">
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
          )}
        </>
      )}
    </div>
  );
}
