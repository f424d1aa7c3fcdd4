import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { QueueFilterForm, QueueTable } from "~/components/support/agent-queue";
import { TicketSearch } from "~/components/support/ticket-parts";
import { agentQueue, parseQueueFilters } from "~/tickets/queue.server";
import { hiddenQueuesFor, queueChoices, staffAssignees } from "~/tickets/ticket-reads.server";
import { searchTicketsAsStaff } from "~/tickets/ticket-search.server";
import { PRIVATE } from "~/tickets/route-helpers.server";
import { queueEntryView } from "~/tickets/view.server";
import { withSeo } from "~/seo/meta";

/** /admin/tickets: the agent queue, sorted by SLA risk (breached first). */
export async function loader({ request }: LoaderFunctionArgs) {
  const agent = await requireCapability(request, "ticket:work");
  const url = new URL(request.url);
  const filters = { ...parseQueueFilters(url.searchParams), hiddenQueues: hiddenQueuesFor(agent) };
  const query = (url.searchParams.get("q") ?? "").trim();
  const [rows, assignees, found] = await Promise.all([
    agentQueue(filters),
    staffAssignees(),
    query ? searchTicketsAsStaff(agent, query) : Promise.resolve(null),
  ]);
  return data(
    {
      query,
      found:
        found?.map((hit) => ({ ...hit, url: hit.url.replace(/^\/support\/tickets\//, "/admin/tickets/") })) ?? null,
      filters: {
        priority: filters.priority ?? "",
        plan: filters.plan ?? "",
        status: filters.status ?? "",
        assignee: filters.assignee ?? "",
        level: filters.level ?? "",
        queue: filters.queue ?? "",
      },
      queues: queueChoices(agent),
      assignees,
      tickets: rows.map((row) => queueEntryView(row)),
    },
    { headers: PRIVATE },
  );
}

export const meta: MetaFunction = withSeo(() => [{ title: "Ticket queue · Admin · TechFlow Help Center" }]);

export default function TicketQueue() {
  const { tickets, filters, assignees, queues, query, found } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Ticket queue</h1>
        <p className="text-slate-600 dark:text-slate-300">
          Sorted by SLA risk: breached first, then the least time left to a first response or a Priority 1 update.
        </p>
      </header>
      <TicketSearch
        query={query}
        found={found}
        label="Search tickets"
        hint="Search tickets by number, words or account"
        placeholder="TF-2026-000123, error text, account"
      />
      <QueueFilterForm filters={filters} assignees={assignees} queues={queues} />
      <QueueTable tickets={tickets} />
    </div>
  );
}
