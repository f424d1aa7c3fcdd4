import { SUPPORT_TIME_ZONE, type Availability } from "./policy";

/**
 * The guide states hours in US Eastern time: these read an instant as Eastern local time and back,
 * so daylight-saving changes move the hours in UTC. Shared by the channel hours and the SLA clock.
 */

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; weekday: number };

const localFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: SUPPORT_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  weekday: "short",
});
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function localParts(at: Date): LocalParts & { second: number } {
  const parts = Object.fromEntries(localFormat.formatToParts(at).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
  };
}

/** The instant at which Eastern local time reads year-month-day hour:00. */
export function easternInstant(year: number, month: number, day: number, hour: number): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  let instant = guess;
  // Two passes settle the offset, including on the days the clocks change.
  for (let pass = 0; pass < 2; pass++) {
    const parts = localParts(new Date(instant));
    const shownAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    instant += guess - shownAsUtc;
  }
  return new Date(instant);
}

export function easternDate(at: Date): string {
  const parts = localParts(at);
  return `${parts.year}-${String(parts.month).padStart(2, "0")}-${String(parts.day).padStart(2, "0")}`;
}

/** Whether a weekday-hours channel is open at this instant (Eastern), ignoring holidays. */
export function isOpenAt(availability: Availability, at: Date): boolean {
  if (availability.kind === "always") return true;
  if (availability.kind === "unavailable") return false;
  const parts = localParts(at);
  return (
    parts.weekday >= 1 &&
    parts.weekday <= 5 &&
    parts.hour >= availability.openHour &&
    parts.hour < availability.closeHour
  );
}
