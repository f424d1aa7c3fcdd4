import { WEEKLY_WEBINAR } from "~/support/policy";

/** Offset of `timeZone` from UTC at `instant`, in minutes (negative west of Greenwich). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The instant at which the wall clock in `timeZone` shows the given local date and time. */
export function zonedWallTimeToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wallAsUtc - zoneOffsetMinutes(new Date(wallAsUtc), timeZone) * 60000;
  // Near a daylight-saving change the first guess uses the other side's offset; one correction settles it.
  instant = wallAsUtc - zoneOffsetMinutes(new Date(instant), timeZone) * 60000;
  return new Date(instant);
}

export type WebinarSession = { start: Date; end: Date; localDate: string };

/** The next `count` weekly live webinars that have not yet ended at `now`. */
export function upcomingWebinarSessions(now: Date, count = 4): WebinarSession[] {
  const { weekday, hour, minute, durationMinutes, timeZone } = WEEKLY_WEBINAR;
  const local = new Date(now.getTime() + zoneOffsetMinutes(now, timeZone) * 60000);
  const daysUntil = (weekday - local.getUTCDay() + 7) % 7;
  const sessions: WebinarSession[] = [];
  for (let week = 0; sessions.length < count; week++) {
    const day = new Date(
      Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + daysUntil + week * 7),
    );
    const start = zonedWallTimeToInstant(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      hour,
      minute,
      timeZone,
    );
    const end = new Date(start.getTime() + durationMinutes * 60000);
    if (end > now) sessions.push({ start, end, localDate: day.toISOString().slice(0, 10) });
  }
  return sessions;
}

// Locales whose CLDR data name a zone ("CET", "JST", "IST", "AEDT") where en-US only has "GMT+1".
const ZONE_NAME_LOCALES = [
  "en-US",
  "en-GB",
  "en-IN",
  "en-AU",
  "en-NZ",
  "en-CA",
  "en-ZA",
  "en-IE",
  "ja-JP",
  "ko-KR",
  "en-SG",
  "en-HK",
];
const OFFSET_NAME = /^(GMT|UTC)([+-−]|$)/;

/**
 * The short name of `timeZone` at `instant` ("EST", "CET", "JST"), or its offset ("GMT+4")
 * where no common abbreviation exists.
 */
export function zoneShortName(instant: Date, timeZone: string | undefined): string {
  let fallback = "";
  for (const locale of ZONE_NAME_LOCALES) {
    let name = "";
    try {
      name =
        new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
          .formatToParts(instant)
          .find((part) => part.type === "timeZoneName")?.value ?? "";
    } catch {
      continue; // A runtime without this locale's data.
    }
    if (!fallback) fallback = name;
    if (name && (!OFFSET_NAME.test(name) || name === "GMT" || name === "UTC")) return name;
  }
  return fallback;
}

export function formatInZone(instant: Date, timeZone: string | undefined, locale = "en-US"): string {
  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "long",
    month: "long",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(instant);
  return `${date} ${zoneShortName(instant, timeZone)}`;
}

/** YYYY-MM-DD of `instant` in `timeZone` (the viewer's zone when undefined). */
export function isoDateInZone(instant: Date, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
}
