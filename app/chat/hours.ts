import { localParts, easternInstant, isOpenAt } from "../support/eastern-time";
import { CHANNELS, type Plan } from "../support/policy";

/**
 * When live chat is staffed for a plan: the policy's chat hours (CHANNELS.chat.availability), read in
 * US Eastern local time so daylight saving moves them in UTC, and shown to the customer in their own
 * zone. Pure, so the panel and the server answer alike.
 */

export function chatOpenAt(plan: Plan, at: Date): boolean {
  return isOpenAt(CHANNELS.chat.availability[plan], at);
}

/** The next instant chat opens for the plan: null while it is open (or, for a plan without chat, never). */
export function nextChatOpening(plan: Plan, at: Date): Date | null {
  const hours = CHANNELS.chat.availability[plan];
  if (hours.kind !== "weekdays" || isOpenAt(hours, at)) return null;
  const today = localParts(at);
  // A week ahead always reaches a weekday; Date.UTC inside easternInstant carries day overflow into the month.
  for (let ahead = 0; ahead <= 7; ahead++) {
    const opening = easternInstant(today.year, today.month, today.day + ahead, hours.openHour);
    const weekday = localParts(opening).weekday;
    if (weekday >= 1 && weekday <= 5 && opening.getTime() > at.getTime()) return opening;
  }
  return null;
}

/** A time zone name the runtime knows, else null (a browser may send anything). */
export function knownTimeZone(zone: string | null | undefined): string | null {
  if (!zone || zone.length > 64) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/** "Monday, 9:00 AM EDT" (within a week) or "Mon, Mar 9, 9:00 AM EDT", in `timeZone` (the customer's). */
export function formatOpening(opening: Date, timeZone: string, at: Date): string {
  const zone = knownTimeZone(timeZone) ?? "UTC";
  const withinAWeek = opening.getTime() - at.getTime() < 6 * 24 * 60 * 60 * 1000;
  const text = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    ...(withinAWeek ? { weekday: "long" } : { weekday: "short", month: "short", day: "numeric" }),
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(opening);
  return text;
}
