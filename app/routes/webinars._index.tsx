import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LocalTime } from "~/components/local-time";
import { cacheableHeaders } from "~/content/http";
import { linkTo } from "~/content/pages.server";
import { listPages } from "~/content/store.server";
import { LIVE_TRAINING_PLANS, PLAN_NAMES, WEEKLY_WEBINAR } from "~/support/policy";
import { upcomingWebinarSessions } from "~/webinars/schedule";

export async function loader() {
  const recordings = (await listPages("webinars")).sort((a, b) =>
    "recordedOn" in b.frontmatter && "recordedOn" in a.frontmatter ? b.frontmatter.recordedOn.localeCompare(a.frontmatter.recordedOn) : 0,
  );
  return {
    sessions: upcomingWebinarSessions(new Date(), 4).map((session) => ({ start: session.start.toISOString(), localDate: session.localDate })),
    recordings: recordings.map((page) => ({
      ...linkTo(page),
      recordedOn: "recordedOn" in page.frontmatter ? page.frontmatter.recordedOn : null,
      durationMinutes: "durationMinutes" in page.frontmatter ? page.frontmatter.durationMinutes : null,
    })),
  };
}

export const headers = cacheableHeaders;
export const meta: MetaFunction = () => [{ title: "Webinars and training · TechFlow Help Center" }];

const liveTrainingPlans = LIVE_TRAINING_PLANS.map((plan) => PLAN_NAMES[plan]).join(" and ");
const hour12 = WEEKLY_WEBINAR.hour % 12 === 0 ? 12 : WEEKLY_WEBINAR.hour % 12;

export default function Webinars() {
  const { sessions, recordings } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-12">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Webinars and training</h1>
        <p className="mt-3 max-w-3xl text-lg text-slate-700 dark:text-slate-300">
          Join our free weekly live webinar every {WEEKLY_WEBINAR.weekdayName} at {hour12} {WEEKLY_WEBINAR.hour < 12 ? "AM" : "PM"} Eastern, or watch a recording any time.
        </p>
      </header>

      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading" className="text-2xl font-semibold">
          Upcoming live sessions
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Times are shown in your time zone once the page has loaded (Eastern time otherwise).</p>
        <ol className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700" data-testid="upcoming-webinars">
          {sessions.map((session) => (
            <li key={session.start} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <LocalTime iso={session.start} />
              <a
                href={`/webinars/weekly.ics?date=${session.localDate}`}
                download={`techflow-webinar-${session.localDate}.ics`}
                className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
              >
                Add to calendar<span className="sr-only"> (weekly series from {session.localDate})</span>
              </a>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="training-heading" className="rounded-lg bg-sky-50 p-5 dark:bg-sky-950/40">
        <h2 id="training-heading" className="text-lg font-semibold">
          Live training sessions
        </h2>
        <p className="mt-1">
          Live training sessions are for {liveTrainingPlans} plans. See <Link className="underline" to="/kb/what-training-is-available">what training is available</Link>.
        </p>
      </section>

      <section aria-labelledby="recordings-heading">
        <h2 id="recordings-heading" className="text-2xl font-semibold">
          On-demand recordings
        </h2>
        {recordings.length === 0 ? (
          <p className="mt-4 text-slate-600 dark:text-slate-300">No recordings yet. Join a live session above.</p>
        ) : (
          <ul className="mt-4 grid gap-4 md:grid-cols-3">
            {recordings.map((recording) => (
              <li key={recording.url} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
                <Link to={recording.url} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                  {recording.title}
                </Link>
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{recording.summary}</p>
                <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">
                  {recording.recordedOn} · {recording.durationMinutes} min
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
