import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LocalTime } from "~/components/local-time";
import { cacheableHeaders } from "~/content/http";
import { linkTo } from "~/content/pages.server";
import { listPages } from "~/content/store.server";
import { LIVE_TRAINING_PLANS, PLAN_NAMES, SUPPORT_TIME_ZONE_NAME, WEEKLY_WEBINAR } from "~/support/policy";
import { useEffect, useState } from "react";
import { LIVE_WEBINAR_JOIN_URL, liveSessionTopic } from "~/webinars/live-sessions";
import { isoDateInZone, upcomingWebinarSessions } from "~/webinars/schedule";
import { withSeo } from "~/seo/meta";

export async function loader() {
  const recordings = (await listPages("webinars")).sort((a, b) =>
    "recordedOn" in b.frontmatter && "recordedOn" in a.frontmatter
      ? b.frontmatter.recordedOn.localeCompare(a.frontmatter.recordedOn)
      : 0,
  );
  return {
    sessions: upcomingWebinarSessions(new Date(), 4).map((session) => ({
      start: session.start.toISOString(),
      localDate: session.localDate,
      ...liveSessionTopic(session.localDate),
    })),
    recordings: recordings.map((page) => ({
      ...linkTo(page),
      recordedOn: "recordedOn" in page.frontmatter ? page.frontmatter.recordedOn : null,
      durationMinutes: "durationMinutes" in page.frontmatter ? page.frontmatter.durationMinutes : null,
      comingSoon: "recordingStatus" in page.frontmatter && page.frontmatter.recordingStatus === "coming-soon",
    })),
  };
}

export const headers = cacheableHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "Webinars and training · TechFlow Help Center" }]);

const liveTrainingPlans = LIVE_TRAINING_PLANS.map((plan) => PLAN_NAMES[plan]).join(" and ");
const hour12 = WEEKLY_WEBINAR.hour % 12 === 0 ? 12 : WEEKLY_WEBINAR.hour % 12;

type Session = { start: string; localDate: string; title: string; topic: string };

/**
 * The session's date as the viewer's calendar shows it (Tokyo sees Wednesday for a Tuesday
 * afternoon in New York), for the downloaded file's name; Eastern until the browser takes over.
 */
function useViewer(session: Session) {
  const [viewer, setViewer] = useState<{ date: string; timeZone?: string }>({ date: session.localDate });
  useEffect(() => {
    setViewer({
      date: isoDateInZone(new Date(session.start), undefined),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  }, [session.start]);
  return viewer;
}

function LiveSession({ session }: { session: Session }) {
  const viewer = useViewer(session);
  const viewerDate = viewer.date;
  const calendarLink = (scope: "session" | "series") =>
    `/webinars/weekly.ics?${new URLSearchParams({ date: session.localDate, ...(scope === "session" ? { scope } : {}), ...(viewer.timeZone ? { tz: viewer.timeZone } : {}) })}`;
  const linkClass =
    "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800";
  return (
    <li className="flex flex-wrap items-start justify-between gap-4 p-4">
      <div className="min-w-0 flex-1 basis-72">
        <h3 className="font-semibold">{session.title}</h3>
        <p className="text-sm text-slate-700 dark:text-slate-300">{session.topic}</p>
        <p className="mt-1 text-sm font-medium">
          <LocalTime iso={session.start} />
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <a
          href={LIVE_WEBINAR_JOIN_URL}
          rel="noopener"
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
        >
          Join<span className="sr-only"> “{session.title}”</span>
        </a>
        <span className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600 dark:text-slate-300" aria-hidden="true">
            Add to calendar:
          </span>
          <a href={calendarLink("session")} download={`techflow-webinar-${viewerDate}.ics`} className={linkClass}>
            <span className="sr-only">Add to calendar: </span>This session
            <span className="sr-only"> ({session.title})</span>
          </a>
          <a href={calendarLink("series")} download={`techflow-webinar-${viewerDate}-weekly.ics`} className={linkClass}>
            <span className="sr-only">Add to calendar: </span>Every week
            <span className="sr-only"> (weekly series from this session)</span>
          </a>
        </span>
      </div>
    </li>
  );
}

export default function Webinars() {
  const { sessions, recordings } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-12">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">Webinars and training</h1>
        <p className="mt-3 max-w-3xl text-lg text-slate-700 dark:text-slate-300">
          Join our weekly live webinar every {WEEKLY_WEBINAR.weekdayName} at {hour12}{" "}
          {WEEKLY_WEBINAR.hour < 12 ? "AM" : "PM"} {SUPPORT_TIME_ZONE_NAME}, or watch a recording any time.
        </p>
      </header>

      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading" className="text-2xl font-semibold">
          Upcoming live sessions
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          Times are shown in your time zone once the page has loaded ({SUPPORT_TIME_ZONE_NAME} otherwise).
        </p>
        <ol
          className="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
          data-testid="upcoming-webinars"
        >
          {sessions.map((session) => (
            <LiveSession key={session.start} session={session} />
          ))}
        </ol>
      </section>

      <section aria-labelledby="training-heading" className="rounded-lg bg-sky-50 p-5 dark:bg-sky-950/40">
        <h2 id="training-heading" className="text-lg font-semibold">
          Live training sessions
        </h2>
        <p className="mt-1">
          Live training sessions are for {liveTrainingPlans} plans. See{" "}
          <Link className="underline" to="/kb/what-training-is-available">
            what training is available
          </Link>
          .
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
                  {recording.comingSoon ? (
                    <>
                      Held {recording.recordedOn} ·{" "}
                      <strong className="font-semibold text-amber-800 dark:text-amber-300">
                        Recording coming soon
                      </strong>{" "}
                      · transcript and chapters available now
                    </>
                  ) : (
                    <>
                      Recorded {recording.recordedOn} · {recording.durationMinutes} min video with captions and
                      transcript
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
