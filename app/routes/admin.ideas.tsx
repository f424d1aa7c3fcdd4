import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { StatusBadge } from "~/components/ideas/status-badge";
import { loadTriage, TRIAGE_SORTS, type TriageSort } from "~/ideas/triage.server";
import { IDEA_STATUSES, isIdeaStatus, STATUS_LABELS, type IdeaStatus } from "~/ideas/rules";
import { PLAN_WEIGHTS } from "~/ideas/similarity";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "idea:triage");
  const url = new URL(request.url);
  const sortParam = url.searchParams.get("sort") ?? "votes";
  const statusParam = url.searchParams.get("status") ?? "open";
  const sort: TriageSort = (TRIAGE_SORTS as readonly string[]).includes(sortParam)
    ? (sortParam as TriageSort)
    : "votes";
  const status: IdeaStatus | "all" = statusParam === "all" ? "all" : isIdeaStatus(statusParam) ? statusParam : "open";
  return { rows: await loadTriage({ sort, status }), sort, status };
}

export const meta: MetaFunction = withSeo(() => [{ title: "Ideas triage · Admin · TechFlow Help Center" }]);

const COLUMNS: { sort: TriageSort; label: string; hint: string }[] = [
  { sort: "votes", label: "Votes", hint: "The public count" },
  { sort: "enterprise", label: "Enterprise votes", hint: "Votes from users of Enterprise accounts" },
  { sort: "accounts", label: "Accounts", hint: "Distinct customer accounts voting: a company’s many users count once" },
  {
    sort: "weighted",
    label: "Plan-weighted",
    hint: `A view only: Standard ×${PLAN_WEIGHTS.standard}, Professional ×${PLAN_WEIGHTS.professional}, Enterprise ×${PLAN_WEIGHTS.enterprise}, no account ×${PLAN_WEIGHTS.none}`,
  },
  { sort: "newest", label: "Submitted", hint: "Newest first" },
];

export default function IdeasTriage() {
  const { rows, sort, status } = useLoaderData<typeof loader>();
  const href = (change: { sort?: string; status?: string }) =>
    `/admin/ideas?${new URLSearchParams({ sort: change.sort ?? sort, status: change.status ?? status })}`;
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Ideas triage</h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">
        New ideas first. Sort by a column to see which ideas matter to which customers; the weighted views never change
        the public count.
      </p>
      <nav aria-label="Status" className="mt-4 flex flex-wrap gap-1 text-sm">
        {(["all", ...IDEA_STATUSES] as const).map((entry) => (
          <Link
            key={entry}
            to={href({ status: entry })}
            aria-current={status === entry ? "true" : undefined}
            className={`rounded-full px-3 py-1 ${status === entry ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
          >
            {entry === "all" ? "All" : STATUS_LABELS[entry]}
          </Link>
        ))}
      </nav>
      <div className="mt-4 overflow-x-auto" role="region" aria-label="Ideas to triage" tabIndex={0}>
        <table className="w-full text-left text-sm" data-testid="triage">
          <thead className="border-b border-slate-300 dark:border-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3">
                Idea
              </th>
              {COLUMNS.map((column) => (
                <th
                  key={column.sort}
                  scope="col"
                  className="py-2 pr-3"
                  title={column.hint}
                  aria-sort={sort === column.sort ? "descending" : undefined}
                >
                  <Link to={href({ sort: column.sort })} className="hover:underline">
                    {column.label}
                    {sort === column.sort ? " ↓" : ""}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-200 dark:border-slate-700">
                <td className="py-2 pr-3">
                  <Link to={row.url} className="font-medium hover:underline">
                    #{row.id} {row.title}
                  </Link>{" "}
                  <StatusBadge status={row.status} />{" "}
                  <span className="text-xs text-slate-600 dark:text-slate-300">{row.area.name}</span>
                  {row.hidden ? <span className="ml-1 text-xs text-rose-700">hidden</span> : null}
                </td>
                <td className="py-2 pr-3 tabular-nums">{row.voteCount}</td>
                <td className="py-2 pr-3 tabular-nums">{row.enterpriseVotes}</td>
                <td className="py-2 pr-3 tabular-nums">{row.accounts}</td>
                <td className="py-2 pr-3 tabular-nums">{row.weighted}</td>
                <td className="py-2 pr-3 whitespace-nowrap">{row.createdAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <p className="mt-4 text-slate-600 dark:text-slate-300">No ideas with this status.</p>
        ) : null}
      </div>
    </div>
  );
}
