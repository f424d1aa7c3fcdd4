import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { weeklyWebinarIcs } from "~/webinars/ics";
import { isoDateInZone, upcomingWebinarSessions } from "~/webinars/schedule";

/** A browser following a link wants a page it can read; a calendar app gets plain text. */
function wantsHtml(request: Request) {
  return /\btext\/html\b/.test(request.headers.get("Accept") ?? "");
}

/** A time zone the runtime knows ("Asia/Tokyo"), or undefined. */
function knownTimeZone(name: string | null): string | undefined {
  if (!name || name.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * `/webinars/weekly.ics?date=YYYY-MM-DD[&scope=session][&tz=Area/City]`: the weekly series starting
 * with that session (a date in the webinar's own zone), or with `scope=session` that session alone.
 * `tz` (the viewer's zone, added by the page) names the file by the viewer's date of the session.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const requested = url.searchParams.get("date");
  const scope = url.searchParams.get("scope") ?? "series";
  const upcoming = upcomingWebinarSessions(new Date(), 12);
  const session = requested ? upcoming.find((candidate) => candidate.localDate === requested) : upcoming[0];
  if (!session || (scope !== "series" && scope !== "session")) {
    const status = session ? 400 : 404;
    if (wantsHtml(request)) {
      const params = new URLSearchParams({ reason: status === 404 ? "no-session" : "bad-request" });
      return redirect(`/webinars/calendar-unavailable?${params}`, 303);
    }
    const message =
      status === 404
        ? "No upcoming webinar on that date. Pick a session from /webinars."
        : "scope must be series or session.";
    return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const single = scope === "session";
  const body = weeklyWebinarIcs({ localDate: session.localDate, url: `${url.origin}/webinars`, series: !single });
  const viewerZone = knownTimeZone(url.searchParams.get("tz"));
  const fileDate = viewerZone ? isoDateInZone(session.start, viewerZone) : session.localDate;
  const name = `techflow-webinar-${fileDate}${single ? "" : "-weekly"}.ics`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
    },
  });
}
