import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LocalTime } from "~/components/local-time";
import { upcomingWebinarSessions } from "~/webinars/schedule";
import { withSeo } from "~/seo/meta";

/** Where a browser lands when a calendar link no longer works (a past session, a mangled link). */
export async function loader({ request }: LoaderFunctionArgs) {
  const reason = new URL(request.url).searchParams.get("reason") === "bad-request" ? "bad-request" : "no-session";
  const next = upcomingWebinarSessions(new Date(), 1)[0];
  return data({ reason, next: { start: next.start.toISOString() } }, { status: reason === "bad-request" ? 400 : 404 });
}

export const meta: MetaFunction = withSeo(() => [
  { title: "Calendar file not available · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

export default function CalendarUnavailable() {
  const { reason, next } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl py-8">
      <p className="text-sm font-semibold uppercase tracking-wide text-sky-700 dark:text-sky-400">
        Error {reason === "bad-request" ? 400 : 404}
      </p>
      <h1 className="mt-2 text-3xl font-bold">That calendar file isn’t available</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        {reason === "bad-request"
          ? "The calendar link is incomplete or changed on the way here."
          : "That session has already taken place, or the link points to a date with no webinar."}{" "}
        The next live webinar is <LocalTime iso={next.start} />.
      </p>
      <p className="mt-6">
        <Link to="/webinars" className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800">
          Choose a session to add to your calendar
        </Link>
      </p>
    </div>
  );
}
