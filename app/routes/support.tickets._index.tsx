import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { CustomerTicketList, StatusFilterNav } from "~/components/support/customer-ticket-list";
import { TicketSearch } from "~/components/support/ticket-parts";
import { accountTickets } from "~/tickets/queue.server";
import { searchTickets } from "~/tickets/ticket-search.server";
import { viewerOf } from "~/search/viewer.server";
import { PRIVATE } from "~/tickets/route-helpers.server";
import { isTicketStatus } from "~/tickets/statuses";
import { accountTicketEntryView } from "~/tickets/view.server";
import { withSeo } from "~/seo/meta";

/** /support/tickets: the tickets of the customer's account (colleagues' too: ticket:read is per account). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!user.account || !can(user, "ticket:read", { accountId: user.account.id }))
    return data({ account: null, tickets: [], status: null, query: "", found: null }, { headers: PRIVATE });
  const params = new URL(request.url).searchParams;
  const asked = params.get("status") ?? "";
  const status = isTicketStatus(asked) ? asked : undefined;
  const query = (params.get("q") ?? "").trim();
  // The viewer limits the search to this account's tickets inside the engine.
  const [rows, found] = await Promise.all([
    accountTickets(user, status),
    query ? searchTickets(await viewerOf(request), query) : Promise.resolve(null),
  ]);
  return data(
    {
      account: { name: user.account.name },
      status: status ?? null,
      query,
      found,
      tickets: rows.map((row) => accountTicketEntryView(row, user.id)),
    },
    { headers: PRIVATE },
  );
}

export const meta: MetaFunction = withSeo(() => [{ title: "Your tickets · TechFlow Help Center" }]);

export default function Tickets() {
  const { account, tickets, status, query, found } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Your tickets</h1>
          {account ? <p className="text-slate-600 dark:text-slate-300">All tickets of {account.name}</p> : null}
          {account ? (
            <p className="text-sm">
              <Link to="/support/chats" className="text-sky-700 underline dark:text-sky-400">
                Your chats
              </Link>
            </p>
          ) : null}
        </div>
        <Link to="/support" className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white">
          Contact support
        </Link>
      </header>
      {!account ? (
        <p>Your sign-in is not part of a customer account, so there are no tickets to show.</p>
      ) : (
        <>
          <TicketSearch
            query={query}
            found={found}
            label="Search your tickets"
            hint="Search your account's tickets"
            placeholder="Ticket number or words"
          />
          <StatusFilterNav status={status} />
          <CustomerTicketList tickets={tickets} filtered={status !== null} />
        </>
      )}
    </div>
  );
}
