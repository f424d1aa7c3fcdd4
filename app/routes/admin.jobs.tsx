import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCapability } from "~/auth/guards.server";
import { isKnownJob, jobOverview, recentRuns, type RunSummary } from "~/jobs/history.server";
import { forwardHeaders } from "~/lib/headers";
import { AdminTable } from "~/components/admin-table";

/** Staff check that background work runs: each job's schedule and last run, and the recent runs. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "jobs:view");
  const job = new URL(request.url).searchParams.get("job");
  if (job !== null && !isKnownJob(job))
    throw data({ message: `There is no job named "${job.slice(0, 60)}".` }, { status: 404 });
  const now = new Date();
  const [jobs, runs] = await Promise.all([jobOverview(now), recentRuns({ job: job ?? undefined, now })]);
  return data({ jobs, runs, job }, { headers: { "Cache-Control": "no-store" } });
}

export const headers = forwardHeaders;

export const meta: MetaFunction = () => [{ title: "Jobs · Staff · TechFlow Help Center" }];

const STATUS_STYLES: Record<RunSummary["status"], string> = {
  succeeded: "text-emerald-700 dark:text-emerald-400",
  failed: "text-red-700 dark:text-red-400",
  interrupted: "text-red-700 dark:text-red-400",
  running: "text-sky-700 dark:text-sky-400",
  skipped: "text-slate-600 dark:text-slate-300",
};

export default function AdminJobs() {
  const { jobs, runs, job } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-6xl">
      <h1 className="text-3xl font-bold tracking-tight">Background jobs</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        Times are UTC. One app instance runs each job at a time; run one now with{" "}
        <code>npm run jobs:run -- &lt;name&gt;</code>.
      </p>

      <AdminTable
        testId="jobs"
        caption="Jobs and their latest run"
        columns={[
          "Job",
          "Schedule",
          "Last run",
          "Status",
          { label: "Rows", numeric: true },
          { label: "Duration", numeric: true },
          "Error",
        ]}
      >
        {jobs.map((entry) => (
          <tr
            key={entry.name}
            className="border-b border-slate-200 align-top dark:border-slate-700"
            data-testid={`job-${entry.name}`}
          >
            <th scope="row" className="py-2 pr-4 font-normal">
              <Link
                className="font-semibold text-sky-700 underline dark:text-sky-400"
                to={`/admin/jobs?job=${entry.name}`}
              >
                {entry.name}
              </Link>
              <p className="text-slate-600 dark:text-slate-300">{entry.description}</p>
            </th>
            {/* A cron expression broken across lines ("* * *" / "* *") reads as a different schedule: keep it, and the time, on one line each. */}
            <td className="whitespace-nowrap py-2 pr-4">
              <code>{entry.schedule}</code>
              {entry.nextRunAt ? (
                <p className="text-slate-600 dark:text-slate-300">next {formatTime(entry.nextRunAt)}</p>
              ) : null}
            </td>
            <td className="py-2 pr-4">
              {entry.lastRun ? formatTime(entry.lastRun.startedAt) : "never"}
              {entry.lastRun && entry.lastRun.status !== "succeeded" && entry.lastSuccessAt ? (
                <p className="text-slate-600 dark:text-slate-300">last success {formatTime(entry.lastSuccessAt)}</p>
              ) : null}
            </td>
            <td className="py-2 pr-4">{entry.lastRun ? <Status status={entry.lastRun.status} /> : "–"}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{entry.lastRun?.rowsAffected ?? "–"}</td>
            <td className="py-2 pr-4 text-right tabular-nums">{formatDuration(entry.lastRun?.durationMs ?? null)}</td>
            <td className="py-2 break-words text-red-700 dark:text-red-400">{entry.lastRun?.error ?? ""}</td>
          </tr>
        ))}
      </AdminTable>

      <h2 className="mt-10 text-xl font-semibold">
        Recent runs{job ? ` of ${job}` : ""}
        {job ? (
          <Link className="ml-3 text-sm font-normal text-sky-700 underline dark:text-sky-400" to="/admin/jobs">
            all jobs
          </Link>
        ) : null}
      </h2>
      {runs.length === 0 ? (
        <p className="mt-4 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-600">
          No runs recorded yet.
        </p>
      ) : (
        <AdminTable
          className="mt-4"
          testId="job-runs"
          columns={[
            "Started",
            "Job",
            "Instance",
            "Status",
            { label: "Rows", numeric: true },
            { label: "Duration", numeric: true },
            "Error",
          ]}
        >
          {runs.map((run) => (
            <tr key={run.id} className="border-b border-slate-200 align-top dark:border-slate-700">
              <td className="py-2 pr-4 whitespace-nowrap">{formatTime(run.startedAt)}</td>
              <td className="py-2 pr-4">{run.job}</td>
              <td className="py-2 pr-4">{run.instance}</td>
              <td className="py-2 pr-4">
                <Status status={run.status} />
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{run.rowsAffected ?? "–"}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{formatDuration(run.durationMs)}</td>
              <td className="py-2 break-words text-red-700 dark:text-red-400">{run.error ?? ""}</td>
            </tr>
          ))}
        </AdminTable>
      )}
    </div>
  );
}

function Status({ status }: { status: RunSummary["status"] }) {
  return <span className={`font-medium ${STATUS_STYLES[status]}`}>{status}</span>;
}

/** "2026-11-28 17:07:00" in UTC, the same on the server and in the browser (no hydration mismatch). */
function formatTime(iso: string) {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function formatDuration(ms: number | null) {
  if (ms === null) return "–";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
