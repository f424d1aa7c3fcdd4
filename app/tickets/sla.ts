import {
  ESCALATION_LEVELS,
  RESOLUTION_COMMITMENTS,
  TICKET_CLOCK,
  countedHours,
  priorityTargetMinutes,
  type Availability,
  type ClockCalendar,
  type Plan,
  type PriorityLevel,
} from "../support/policy";
import { easternInstant, localParts } from "../support/eastern-time";

/**
 * SLA arithmetic, pure: every number and the way the clocks count come from the policy module
 * (TICKET_CLOCK: around the clock by default). Times are instants (Date); the off-by-default
 * business-hours option counts Eastern local hours, so daylight-saving changes move them in UTC.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * `minutes` of counted time after `start`: wall-clock time around the clock, otherwise only the
 * weekday hours of the business-hours option.
 */
export function addCoveredMinutes(start: Date, minutes: number, coverage: Availability): Date {
  if (coverage.kind === "always") return new Date(start.getTime() + minutes * MINUTE_MS);
  if (coverage.kind === "unavailable") throw new Error("No coverage to count");
  let remainingMs = minutes * MINUTE_MS;
  let cursor = start.getTime();
  // Bounded: a year of days is far beyond any target.
  for (let step = 0; step < 800; step++) {
    const parts = localParts(new Date(cursor));
    const open = easternInstant(parts.year, parts.month, parts.day, coverage.openHour).getTime();
    const close = easternInstant(parts.year, parts.month, parts.day, coverage.closeHour).getTime();
    const workday = parts.weekday >= 1 && parts.weekday <= 5;
    if (workday && cursor < close) {
      const from = Math.max(cursor, open);
      if (from + remainingMs <= close) return new Date(from + remainingMs);
      remainingMs -= close - from;
    }
    // On to the start of the next Eastern day (noon today plus a day lands on tomorrow whatever the DST change).
    const noon = easternInstant(parts.year, parts.month, parts.day, 12).getTime() + DAY_MS;
    const next = localParts(new Date(noon));
    cursor = easternInstant(next.year, next.month, next.day, 0).getTime();
  }
  throw new Error("Covered time did not fit in the search window");
}

/**
 * When the first response is due: the target after opening, plus any time the ticket has already
 * spent waiting on the customer (`pausedMs`, the clock stops then).
 */
export function firstResponseDueAt(
  createdAt: Date,
  plan: Plan,
  level: PriorityLevel,
  pausedMs = 0,
  calendar: ClockCalendar = TICKET_CLOCK.calendar,
): Date {
  const due = addCoveredMinutes(createdAt, priorityTargetMinutes(plan, level), countedHours(plan, level, calendar));
  return new Date(due.getTime() + pausedMs);
}

/** P1 only: when the next update to the customer is due after `from` (an update or the opening). */
export function nextP1UpdateDueAt(from: Date): Date {
  return new Date(from.getTime() + RESOLUTION_COMMITMENTS.priority1UpdateEvery * MINUTE_MS);
}

/** The P1 escalation schedule from the policy module: [level, minutes after opening]. */
export function p1EscalationSchedule(): { level: number; afterMinutes: number }[] {
  return ESCALATION_LEVELS.filter((entry) => entry.priority1EscalationAfter !== undefined).map((entry) => ({
    level: entry.level,
    afterMinutes: entry.priority1EscalationAfter as number,
  }));
}

/** The earliest open-time any escalation fires at (the job's cheap pre-filter). */
export function earliestP1EscalationMinutes(): number {
  return Math.min(...p1EscalationSchedule().map((step) => step.afterMinutes));
}

/** Time the resolution clock has run: since opening, minus time waiting on the customer. */
export function runningMs(
  ticket: { createdAt: Date; slaPausedMs: number; slaPausedAt: Date | null },
  now: Date,
): number {
  const pausedNow = ticket.slaPausedAt ? now.getTime() - ticket.slaPausedAt.getTime() : 0;
  return Math.max(0, now.getTime() - ticket.createdAt.getTime() - ticket.slaPausedMs - pausedNow);
}

/** The level an unresolved P1 should be at now (never lower than where it is). */
export function p1LevelDue(
  ticket: { createdAt: Date; slaPausedMs: number; slaPausedAt: Date | null; escalationLevel: number },
  now: Date,
): number {
  const ran = runningMs(ticket, now) / MINUTE_MS;
  let level = ticket.escalationLevel;
  for (const step of p1EscalationSchedule()) if (ran >= step.afterMinutes && step.level > level) level = step.level;
  return level;
}

/** Time left (ms) before the nearest due clock: negative when breached; null when nothing is due. */
export function slaRisk(
  ticket: {
    status: string;
    firstRespondedAt: Date | null;
    firstResponseDueAt: Date;
    nextUpdateDueAt: Date | null;
    slaPausedAt: Date | null;
  },
  now: Date,
): number | null {
  if (ticket.status === "solved" || ticket.status === "closed") return null;
  const dues: number[] = [];
  if (!ticket.firstRespondedAt) dues.push(ticket.firstResponseDueAt.getTime());
  if (ticket.nextUpdateDueAt && !ticket.slaPausedAt) dues.push(ticket.nextUpdateDueAt.getTime());
  if (dues.length === 0) return null;
  return Math.min(...dues) - now.getTime();
}
