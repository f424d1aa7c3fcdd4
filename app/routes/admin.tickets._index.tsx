import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { StatusBadge, TicketSearch } from "~/components/support/ticket-parts";
import { ViewerTime } from "~/components/viewer-time";
import { PLAN_NAMES, PLANS, PRIORITIES, ESCALATION_LEVELS } from "~/support/policy";
import { agentDesk, searchTickets } from "~/tickets/portal.server";
import { parseQueueFilters } from "~/tickets/queue.server";
import { PRIVATE } from "~/tickets/route-helpers.server";
import { TICKET_STATUS_LABELS, TICKET_STATUSES, isTicketStatus } from "~/tickets/statuses";

/** /admin/tickets: the agent queue, sorted by SLA risk (breached first). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "ticket:work");
  const url = new URL(request.url);
  const filters = parseQueueFilters(url.searchParams);
  const query = (url.searchParams.get("q") ?? "").trim();
  const [rows, assignees, found] = await Promise.all([agentDesk.queue(filters), agentDesk.assignees(), query ? searchTickets({ kind: "staff" }, query) : Promise.resolve(null)]);
  return data(
    {
      query,
      found: found?.map((hit) => ({ ...hit, url: hit.url.replace(/^\/support\/tickets\//, "/admin/tickets/") })) ?? null,
      filters: { priority: filters.priority ?? "", plan: filters.plan ?? "", status: filters.status ?? "", assignee: filters.assignee ?? "", level: filters.level ?? "" },
      assignees,
      tickets: rows.map((row) => ({
        number: row.number,
        subject: row.subject,
        status: row.status,
        statusLabel: isTicketStatus(row.status) ? TICKET_STATUS_LABELS[row.status] : row.status,
        priority: row.priority,
        plan: row.plan,
        level: row.escalationLevel,
        account: row.accountName,
        assignee: row.assigneeName,
        riskMinutes: row.riskMs === null ? null : Math.round(row.riskMs / 60_000),
        dueAt: row.riskMs === null ? null : new Date(Date.now() + row.riskMs).toISOString(),
        alerts: [row.firstResponseBreachAlertedAt && !row.firstRespondedAt ? "First response overdue" : null, row.updateOverdueAlertedAt ? "P1 update overdue" : null].filter((entry): entry is string => entry !== null),
      })),
    },
    { headers: PRIVATE },
  );
}

export const meta: MetaFunction = () => [{ title: "Ticket queue · Admin · TechFlow Help Center" }];

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";

function riskText(minutes: number | null) {
  if (minutes === null) return "No clock running";
  const abs = Math.abs(minutes);
  const words = abs >= 60 ? `${Math.floor(abs / 60)} h ${abs % 60} min` : `${abs} min`;
  return minutes < 0 ? `Breached ${words} ago` : `${words} left`;
}

export default function TicketQueue() {
  const { tickets, filters, assignees, query, found } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Ticket queue</h1>
        <p className="text-slate-600 dark:text-slate-300">Sorted by SLA risk: breached first, then the least time left to a first response or a Priority 1 update.</p>
      </header>
      <TicketSearch query={query} found={found} label="Search tickets" hint="Search tickets by number, words or account" placeholder="TF-2026-000123, error text, account" />
      <Form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the queue">
        <FilterSelect
          name="priority"
          label="Priority"
          value={String(filters.priority)}
          options={[{ value: "", label: "Any" }, ...PRIORITIES.map((entry) => ({ value: String(entry.level), label: `P${entry.level} ${entry.name}` }))]}
        />
        <FilterSelect name="plan" label="Plan" value={String(filters.plan)} options={[{ value: "", label: "Any" }, ...PLANS.map((plan) => ({ value: plan, label: PLAN_NAMES[plan] }))]} />
        <FilterSelect
          name="status"
          label="Status"
          value={String(filters.status)}
          options={[{ value: "", label: "Not solved" }, { value: "all", label: "All" }, ...TICKET_STATUSES.map((status) => ({ value: status, label: TICKET_STATUS_LABELS[status] }))]}
        />
        <FilterSelect
          name="assignee"
          label="Assignee"
          value={String(filters.assignee)}
          options={[{ value: "", label: "Anyone" }, { value: "none", label: "Unassigned" }, ...assignees.map((agent) => ({ value: agent.id, label: agent.name }))]}
        />
        <FilterSelect
          name="level"
          label="Level"
          value={String(filters.level)}
          options={[{ value: "", label: "Any" }, ...ESCALATION_LEVELS.map((entry) => ({ value: String(entry.level), label: `L${entry.level} ${entry.title}` }))]}
        />
        <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white">
          Filter
        </button>
      </Form>
      {tickets.length === 0 ? (
        <p>No tickets match.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] text-left text-sm" data-testid="ticket-queue">
            <thead className="border-b border-slate-300 dark:border-slate-600">
              <tr>
                <th className="p-2">SLA</th>
                <th className="p-2">Ticket</th>
                <th className="p-2">Account</th>
                <th className="p-2">Priority</th>
                <th className="p-2">Status</th>
                <th className="p-2">Level</th>
                <th className="p-2">Assignee</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket) => (
                <tr key={ticket.number} className={`border-b border-slate-200 dark:border-slate-700 ${ticket.riskMinutes !== null && ticket.riskMinutes < 0 ? "bg-red-50 dark:bg-red-950/40" : ""}`}>
                  <td className="p-2">
                    <span className={ticket.riskMinutes !== null && ticket.riskMinutes < 0 ? "font-semibold text-red-800 dark:text-red-300" : ""}>{riskText(ticket.riskMinutes)}</span>
                    {ticket.dueAt ? (
                      <span className="block text-xs text-slate-600 dark:text-slate-300">
                        <ViewerTime iso={ticket.dueAt} />
                      </span>
                    ) : null}
                    {ticket.alerts.map((alert) => (
                      <span key={alert} className="mt-1 block w-fit rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">
                        {alert}
                      </span>
                    ))}
                  </td>
                  <td className="p-2">
                    <Link to={`/admin/tickets/${ticket.number}`} className="text-sky-700 underline dark:text-sky-400">
                      <span className="font-mono">{ticket.number}</span> {ticket.subject}
                    </Link>
                  </td>
                  <td className="p-2">
                    {ticket.account}
                    <span className="block text-xs text-slate-600 dark:text-slate-300">{PLAN_NAMES[ticket.plan as keyof typeof PLAN_NAMES] ?? ticket.plan}</span>
                  </td>
                  <td className="p-2">P{ticket.priority}</td>
                  <td className="p-2">
                    <StatusBadge status={ticket.status} label={ticket.statusLabel} />
                  </td>
                  <td className="p-2">L{ticket.level}</td>
                  <td className="p-2">{ticket.assignee || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** One queue filter: a labelled choice submitted with the others as query parameters. */
function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <label className="text-sm">
      <span className="block">{label}</span>
      <select name={name} defaultValue={value} className={SELECT}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
