import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "~/components/forms";
import { optionalText } from "~/lib/form-intent";
import { queueSummary, retryFailedTask } from "~/lib/task-queue.server";
import { requireCapability } from "~/auth/guards.server";
import { isKnownJob, jobOverview, recentRuns, type RunSummary } from "~/jobs/history.server";
import { forwardHeaders } from "~/lib/headers";
import { AdminTable } from "~/components/admin-table";
import { withSeo } from "~/seo/meta";

/** Staff check that background work runs: each job's schedule and last run, and the recent runs. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "jobs:view");
  const job = new URL(request.url).searchParams.get("job");
  if (job !== null && !isKnownJob(job))
    throw data({ message: `There is no job named "${job.slice(0, 60)}".` }, { status: 404 });
  const now = new Date();
  const [jobs, runs, queue] = await Promise.all([
    jobOverview(now),
    recentRuns({ job: job ?? undefined, now }),
    queueSummary(),
  ]);
  return data(
    {
      jobs,
      runs,
      job,
      queue: {
        ...queue,
        oldestPendingAt: queue.oldestPendingAt?.toISOString() ?? null,
        failed: queue.failed.map((task) => ({
          ...task,
          runAfter: task.runAfter.toISOString(),
          createdAt: task.createdAt.toISOString(),
        })),
      },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

/** Retries a queued task that gave up (administrators, like running a job by hand). */
export async function action({ request }: ActionFunctionArgs) {
  await requireCapability(request, "jobs:run");
  const id = optionalText(await request.formData(), "taskId", 40);
  if (!id) return data({ message: null, error: "Choose a task to retry." }, { status: 400 });
  if (!(await retryFailedTask(id)))
    return data({ message: null, error: "That task is no longer waiting for a retry." }, { status: 404 });
  return data({ message: "Queued again: it runs within a second.", error: null });
}

export const headers = forwardHeaders;

export const meta: MetaFunction = withSeo(() => [{ title: "Jobs · Staff · TechFlow Help Center" }]);

const STATUS_STYLES: Record<RunSummary["status"], string> = {
  succeeded: "text-emerald-700 dark:text-emerald-400",
  failed: "text-red-700 dark:text-red-400",
  interrupted: "text-red-700 dark:text-red-400",
  running: "text-sky-700 dark:text-sky-400",
  skipped: "text-slate-600 dark:text-slate-300",
};

export default function AdminJobs() {
  const { jobs, runs, job, queue } = useLoaderData<typeof loader>();
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

      <QueuedTasks queue={queue} />

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

type QueueView = ReturnType<typeof useLoaderData<typeof loader>>["queue"];

/** Work queued by writes (indexing, notifications): what waits, and what gave up after its retries. */
function QueuedTasks({ queue }: { queue: QueueView }) {
  const result = useActionData<typeof action>();
  return (
    <section aria-labelledby="queued-tasks" data-testid="queued-tasks">
      <h2 id="queued-tasks" className="mt-10 text-xl font-semibold">
        Queued tasks
      </h2>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        Work a write sets going after its response (search indexing, notifications, mail), retried with backoff.{" "}
        {queue.pendingTotal === 0
          ? "Nothing is waiting."
          : `${queue.pendingTotal} waiting (${queue.pending.map((row) => `${row.kind}: ${row.count}`).join(", ")}), the oldest since ${formatTime(queue.oldestPendingAt ?? "")}.`}
      </p>
      {result?.message ? <FormMessage tone="success">{result.message}</FormMessage> : null}
      {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
      {queue.failed.length > 0 ? (
        <AdminTable
          className="mt-4"
          testId="failed-tasks"
          caption="Tasks that gave up"
          columns={["Queued", "Kind", { label: "Attempts", numeric: true }, "Last error", "Retry"]}
        >
          {queue.failed.map((task) => (
            <tr key={task.id} className="border-b border-slate-200 align-top dark:border-slate-700">
              <td className="py-2 pr-4 whitespace-nowrap">{formatTime(task.createdAt)}</td>
              <td className="py-2 pr-4">{task.kind}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{task.attempts}</td>
              <td className="py-2 pr-4 break-words text-red-700 dark:text-red-400">{task.lastError ?? ""}</td>
              <td className="py-2">
                <Form method="post">
                  <input type="hidden" name="taskId" value={task.id} />
                  <button type="submit" className="font-semibold text-sky-700 underline dark:text-sky-400">
                    Retry
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
    </section>
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
