import { WEEKLY_WEBINAR } from "~/support/policy";
import { CRLF, escapeIcsText, foldIcsLine, utcStamp } from "~/lib/ics";
import { LIVE_WEBINAR_JOIN_URL, liveSessionTopic } from "./live-sessions";

export { escapeIcsText, foldIcsLine };

function localStamp(localDate: string, hour: number, minute: number): string {
  return `${localDate.replace(/-/g, "")}T${String(hour).padStart(2, "0")}${String(minute).padStart(2, "0")}00`;
}

// The US Eastern rules since 2007; calendars use them to place every later occurrence.
const NEW_YORK_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:America/New_York",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:-0500",
  "TZOFFSETTO:-0400",
  "TZNAME:EDT",
  "DTSTART:20070311T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:-0400",
  "TZOFFSETTO:-0500",
  "TZNAME:EST",
  "DTSTART:20071104T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
];

const WEEKDAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;

/**
 * An iCalendar file for the live webinar on `localDate` (a date in the webinar's own time zone):
 * the weekly series starting with that session, or (`series: false`) that one session only.
 */
export function weeklyWebinarIcs({
  localDate,
  url,
  now = new Date(),
  series = true,
}: {
  localDate: string;
  url: string;
  now?: Date;
  series?: boolean;
}): string {
  const { hour, minute, durationMinutes, timeZone, weekday } = WEEKLY_WEBINAR;
  const endMinutes = hour * 60 + minute + durationMinutes;
  const topic = liveSessionTopic(localDate);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//TechFlow Solutions//Help Center//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    ...NEW_YORK_VTIMEZONE,
    "BEGIN:VEVENT",
    `UID:${series ? "weekly-webinar" : "webinar-session"}-${localDate}@help.techflowsolutions.com`,
    `DTSTAMP:${utcStamp(now)}`,
    `DTSTART;TZID=${timeZone}:${localStamp(localDate, hour, minute)}`,
    `DTEND;TZID=${timeZone}:${localStamp(localDate, Math.floor(endMinutes / 60), endMinutes % 60)}`,
    ...(series ? [`RRULE:FREQ=WEEKLY;BYDAY=${WEEKDAY_CODES[weekday]}`] : []),
    `SUMMARY:${escapeIcsText(series ? "TechFlow weekly webinar" : `TechFlow webinar: ${topic.title}`)}`,
    `DESCRIPTION:${escapeIcsText(
      series
        ? `Our weekly live webinar: a new topic each week and your questions answered.\nJoin: ${LIVE_WEBINAR_JOIN_URL}\nTopics and recordings: ${url}`
        : `${topic.topic}\nJoin: ${LIVE_WEBINAR_JOIN_URL}\nDetails: ${url}`,
    )}`,
    `LOCATION:${escapeIcsText(LIVE_WEBINAR_JOIN_URL)}`,
    `URL:${url}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
