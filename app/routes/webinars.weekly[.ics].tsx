import type { LoaderFunctionArgs } from "@remix-run/node";
import { weeklyWebinarIcs } from "~/webinars/ics";
import { upcomingWebinarSessions } from "~/webinars/schedule";

/** `/webinars/weekly.ics?date=YYYY-MM-DD`: the weekly series, starting with that session. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const requested = url.searchParams.get("date");
  const upcoming = upcomingWebinarSessions(new Date(), 12);
  const session = requested ? upcoming.find((candidate) => candidate.localDate === requested) : upcoming[0];
  if (!session) {
    return new Response("No upcoming webinar on that date. Pick a session from /webinars.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const body = weeklyWebinarIcs({ localDate: session.localDate, url: `${url.origin}/webinars` });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="techflow-webinar-${session.localDate}.ics"`,
    },
  });
}
