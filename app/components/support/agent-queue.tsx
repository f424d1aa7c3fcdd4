import { Form, Link } from "@remix-run/react";
import { COMPACT_SELECT_CLASS } from "~/components/forms";
import { ViewerTime } from "~/components/viewer-time";
import { ESCALATION_LEVELS, PLAN_NAMES, PLANS, PRIORITIES } from "~/support/policy";
import { TICKET_STATUS_LABELS, TICKET_STATUSES } from "~/tickets/statuses";
import { StatusBadge, type TicketSummary } from "./ticket-parts";

/** The agent queue (/admin/tickets): its filters and its table, sorted by SLA risk by the loader. */

type Filters = {
  priority: string | number;
  plan: string;
  status: string;
  assignee: string;
  level: string | number;
  queue: string;
};
type QueueEntry = TicketSummary & {
  plan: string;
  /** The email queue of a mailed ticket ("" for the web form). */
  queue: string;
  account: string;
  assignee: string;
  riskMinutes: number | null;
  dueAt: string | null;
  alerts: string[];
};

function riskText(minutes: number | null) {
  if (minutes === null) return "No clock running";
  const abs = Math.abs(minutes);
  const words = abs >= 60 ? `${Math.floor(abs / 60)} h ${abs % 60} min` : `${abs} min`;
  return minutes < 0 ? `Breached ${words} ago` : `${words} left`;
}

type Option = { value: string; label: string };

/** The queue's filters in the order they are shown: each a choice whose first option means "no filter". */
function queueFilters(
  filters: Filters,
  assignees: { id: string; name: string }[],
  queues: Option[],
): { name: keyof Filters; label: string; options: Option[] }[] {
  return [
    {
      name: "queue",
      label: "Queue",
      options: [{ value: "", label: "Any" }, ...queues],
    },
    {
      name: "priority",
      label: "Priority",
      options: [
        { value: "", label: "Any" },
        ...PRIORITIES.map((entry) => ({ value: String(entry.level), label: `P${entry.level} ${entry.name}` })),
      ],
    },
    {
      name: "plan",
      label: "Plan",
      options: [{ value: "", label: "Any" }, ...PLANS.map((plan) => ({ value: plan, label: PLAN_NAMES[plan] }))],
    },
    {
      name: "status",
      label: "Status",
      options: [
        { value: "", label: "Not solved" },
        { value: "all", label: "All" },
        ...TICKET_STATUSES.map((status) => ({ value: status, label: TICKET_STATUS_LABELS[status] })),
      ],
    },
    {
      name: "assignee",
      label: "Assignee",
      options: [
        { value: "", label: "Anyone" },
        { value: "none", label: "Unassigned" },
        ...assignees.map((agent) => ({ value: agent.id, label: agent.name })),
      ],
    },
    {
      name: "level",
      label: "Level",
      options: [
        { value: "", label: "Any" },
        ...ESCALATION_LEVELS.map((entry) => ({ value: String(entry.level), label: `L${entry.level} ${entry.title}` })),
      ],
    },
  ];
}

export function QueueFilterForm({
  filters,
  assignees,
  queues,
}: {
  filters: Filters;
  assignees: { id: string; name: string }[];
  queues: Option[];
}) {
  return (
    <Form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the queue">
      {queueFilters(filters, assignees, queues).map((filter) => (
        <FilterSelect
          key={filter.name}
          name={filter.name}
          label={filter.label}
          value={String(filters[filter.name])}
          options={filter.options}
        />
      ))}
      <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white">
        Filter
      </button>
    </Form>
  );
}

/** One queue filter: a labelled choice submitted with the others as query parameters. */
function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="text-sm">
      <span className="block">{label}</span>
      <select name={name} defaultValue={value} className={COMPACT_SELECT_CLASS}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function QueueTable({ tickets }: { tickets: QueueEntry[] }) {
  if (tickets.length === 0) return <p>No tickets match.</p>;
  return (
    <div className="overflow-x-auto" role="region" aria-label="Ticket queue" tabIndex={0}>
      <table className="w-full min-w-[48rem] text-left text-sm" data-testid="ticket-queue">
        <thead className="border-b border-slate-300 dark:border-slate-600">
          <tr>
            {["SLA", "Ticket", "Account", "Priority", "Status", "Level", "Assignee"].map((heading) => (
              <th key={heading} className="p-2">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <QueueRow key={ticket.number} ticket={ticket} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function QueueRow({ ticket }: { ticket: QueueEntry }) {
  const breached = ticket.riskMinutes !== null && ticket.riskMinutes < 0;
  return (
    <tr className={`border-b border-slate-200 dark:border-slate-700 ${breached ? "bg-red-50 dark:bg-red-950/40" : ""}`}>
      <td className="p-2">
        <span className={breached ? "font-semibold text-red-800 dark:text-red-300" : ""}>
          {riskText(ticket.riskMinutes)}
        </span>
        {ticket.dueAt ? (
          <span className="block text-xs text-slate-600 dark:text-slate-300">
            <ViewerTime iso={ticket.dueAt} />
          </span>
        ) : null}
        {ticket.alerts.map((alert) => (
          <span
            key={alert}
            className="mt-1 block w-fit rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white"
          >
            {alert}
          </span>
        ))}
      </td>
      <td className="p-2">
        <Link to={`/admin/tickets/${ticket.number}`} className="text-sky-700 underline dark:text-sky-400">
          <span className="font-mono">{ticket.number}</span> {ticket.subject}
        </Link>
        {ticket.queue ? (
          <span className="block text-xs text-slate-600 dark:text-slate-300">Email · {ticket.queue}</span>
        ) : null}
      </td>
      <td className="p-2">
        {ticket.account}
        <span className="block text-xs text-slate-600 dark:text-slate-300">
          {PLAN_NAMES[ticket.plan as keyof typeof PLAN_NAMES] ?? ticket.plan}
        </span>
      </td>
      <td className="p-2">P{ticket.priority}</td>
      <td className="p-2">
        <StatusBadge status={ticket.status} label={ticket.statusLabel} />
      </td>
      <td className="p-2">L{ticket.level}</td>
      <td className="p-2">{ticket.assignee || "—"}</td>
    </tr>
  );
}
