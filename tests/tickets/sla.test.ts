import { describe, expect, it } from "vitest";
import {
  BUSINESS_HOURS_OPTION,
  PLANS,
  PRIORITIES,
  SUPPORT_TIME_ZONE,
  TICKET_CLOCK,
  countedHours,
  formatFirstResponseTarget,
  priorityTargetMinutes,
  targetCounting,
  type Availability,
  type ClockCalendar,
} from "~/support/policy";
import { easternInstant } from "~/support/eastern-time";
import { addCoveredMinutes, firstResponseDueAt, p1EscalationSchedule, p1LevelDue, runningMs } from "~/tickets/sla";

/**
 * Due-time arithmetic from the policy module. By default every clock runs around the clock (the
 * guide's plain hours, weekend and holiday cover); the business-hours option, off, is checked against
 * a slow, obviously correct reference (minute by minute) at starts inside and outside business hours
 * and across both daylight-saving changes; plus hand-checked cases a support lead can verify on a calendar.
 */

const local = new Intl.DateTimeFormat("en-US", {
  timeZone: SUPPORT_TIME_ZONE,
  hourCycle: "h23",
  weekday: "short",
  hour: "numeric",
});

function coveredAt(at: Date, coverage: Availability) {
  if (coverage.kind === "always") return true;
  if (coverage.kind === "unavailable") return false;
  const parts = Object.fromEntries(local.formatToParts(at).map((part) => [part.type, part.value]));
  const hour = Number(parts.hour);
  return !["Sat", "Sun"].includes(parts.weekday ?? "") && hour >= coverage.openHour && hour < coverage.closeHour;
}

function referenceDue(start: Date, minutes: number, coverage: Availability) {
  let remaining = minutes;
  let cursor = start.getTime();
  while (remaining > 0) {
    if (coveredAt(new Date(cursor), coverage)) remaining -= 1;
    cursor += 60_000;
  }
  return new Date(cursor);
}

const STARTS = [
  new Date("2026-06-03T14:00:00Z"), // Wednesday 10:00 EDT, inside every window
  new Date("2026-06-05T23:30:00Z"), // Friday 19:30 EDT: the weekend follows
  new Date("2026-03-06T21:00:00Z"), // Friday 16:00 EST before the March change to EDT
  new Date("2026-10-30T20:15:00Z"), // Friday 16:15 EDT before the November change to EST
  new Date("2026-12-24T22:00:00Z"), // Thursday 17:00 EST, Christmas Eve: a holiday follows
];
const BUSINESS_HOURS: ClockCalendar = { kind: "business-hours", hours: BUSINESS_HOURS_OPTION };

describe("first-response due time (default: around the clock)", () => {
  it("the policy's clocks run around the clock, paused while waiting on the customer", () => {
    expect(TICKET_CLOCK.calendar.kind).toBe("around-the-clock");
    expect(TICKET_CLOCK.pausedWhileWaitingOnCustomer).toBe(true);
  });

  for (const plan of PLANS) {
    for (const entry of PRIORITIES) {
      it(`${plan} P${entry.level} is due exactly its target in wall-clock time, weekends and holidays included`, () => {
        for (const start of STARTS)
          expect(firstResponseDueAt(start, plan, entry.level).getTime() - start.getTime()).toBe(
            priorityTargetMinutes(plan, entry.level) * 60_000,
          );
      });
    }
  }

  it("a Standard P2 filed Friday 5 PM Eastern is due the same night, not on Monday", () => {
    const friday5pm = easternInstant(2026, 6, 5, 17);
    const due = firstResponseDueAt(friday5pm, "standard", 2);
    expect(due.getTime() - friday5pm.getTime()).toBe(priorityTargetMinutes("standard", 2) * 60_000);
    expect(due.getTime()).toBeLessThan(easternInstant(2026, 6, 6, 12).getTime()); // before Saturday noon
  });

  it("time already spent waiting on the customer moves the due time by exactly that long", () => {
    const start = STARTS[0]!;
    const paused = 95 * 60_000;
    expect(firstResponseDueAt(start, "professional", 3, paused).getTime()).toBe(
      firstResponseDueAt(start, "professional", 3).getTime() + paused,
    );
  });

  it("every target says how it is counted", () => {
    for (const plan of PLANS)
      for (const entry of PRIORITIES) {
        expect(targetCounting(plan, entry.level)).toBe("around the clock; paused while we wait for your reply");
        expect(formatFirstResponseTarget(plan, entry.level)).toMatch(
          /first response within .+, around the clock; paused while we wait for your reply$/,
        );
      }
  });
});

describe("the business-hours option (off by default)", () => {
  for (const plan of PLANS) {
    for (const entry of PRIORITIES) {
      it(`${plan} P${entry.level} matches the counted-minutes reference`, () => {
        for (const start of STARTS) {
          const due = firstResponseDueAt(start, plan, entry.level, 0, BUSINESS_HOURS);
          expect(due.toISOString()).toBe(
            referenceDue(
              start,
              priorityTargetMinutes(plan, entry.level),
              countedHours(plan, entry.level, BUSINESS_HOURS),
            ).toISOString(),
          );
        }
      });
    }
  }

  it("still counts wall-clock time for Enterprise and for every Priority 1, and says which hours it counts", () => {
    const start = new Date("2026-06-06T03:00:00Z"); // Friday night, 23:00 EDT
    for (const entry of PRIORITIES)
      expect(firstResponseDueAt(start, "enterprise", entry.level, 0, BUSINESS_HOURS).getTime() - start.getTime()).toBe(
        priorityTargetMinutes("enterprise", entry.level) * 60_000,
      );
    for (const plan of PLANS)
      expect(firstResponseDueAt(start, plan, 1, 0, BUSINESS_HOURS).getTime() - start.getTime()).toBe(
        priorityTargetMinutes(plan, 1) * 60_000,
      );
    expect(targetCounting("standard", 2, BUSINESS_HOURS)).toBe(
      "counted in business hours (Mon–Fri 8 AM–6 PM Eastern Time (ET)); paused while we wait for your reply",
    );
    expect(targetCounting("standard", 1, BUSINESS_HOURS)).toBe("around the clock; paused while we wait for your reply");
  });

  it("Professional P2 filed Friday evening is due Monday morning (phone hours)", () => {
    const coverage = BUSINESS_HOURS_OPTION.professional;
    if (coverage.kind !== "weekdays") throw new Error("Professional business hours are weekday hours");
    const start = easternInstant(2026, 6, 5, coverage.closeHour - 1); // Friday, one hour before close
    const leftMinutes = priorityTargetMinutes("professional", 2) - 60;
    const due = firstResponseDueAt(start, "professional", 2, 0, BUSINESS_HOURS);
    expect(due.toISOString()).toBe(
      new Date(easternInstant(2026, 6, 8, coverage.openHour).getTime() + leftMinutes * 60_000).toISOString(),
    );
  });

  it("Standard P2 across the March daylight-saving change counts business hours, not wall-clock", () => {
    const coverage = BUSINESS_HOURS_OPTION.standard;
    if (coverage.kind !== "weekdays") throw new Error("Standard business hours are weekday hours");
    const start = easternInstant(2026, 3, 6, coverage.closeHour - 2); // Friday EST, two hours before close
    const due = firstResponseDueAt(start, "standard", 2, 0, BUSINESS_HOURS);
    const expected = new Date(
      easternInstant(2026, 3, 9, coverage.openHour).getTime() + (priorityTargetMinutes("standard", 2) - 120) * 60_000,
    ); // Monday, EDT
    expect(due.toISOString()).toBe(expected.toISOString());
    expect(addCoveredMinutes(start, priorityTargetMinutes("standard", 2), coverage).toISOString()).toBe(
      expected.toISOString(),
    );
    // Eastern local 08:00 is 13:00 UTC before the change and 12:00 UTC after it.
    expect(easternInstant(2026, 3, 6, 8).getUTCHours()).toBe(13);
    expect(easternInstant(2026, 3, 9, 8).getUTCHours()).toBe(12);
  });
});

describe("escalation schedule", () => {
  const schedule = p1EscalationSchedule();
  const opened = new Date("2026-06-01T12:00:00Z");
  const ticket = (level: number, pausedMs = 0) => ({
    createdAt: opened,
    slaPausedMs: pausedMs,
    slaPausedAt: null,
    escalationLevel: level,
  });
  const after = (minutes: number) => new Date(opened.getTime() + minutes * 60_000);

  it("comes from the policy module's levels, in order", () => {
    expect(schedule.map((step) => step.level)).toEqual([2, 3]);
    expect(schedule[0]!.afterMinutes).toBeLessThan(schedule[1]!.afterMinutes);
  });

  it("moves an unresolved P1 to each level exactly at its time", () => {
    const [toL2, toL3] = schedule;
    expect(p1LevelDue(ticket(1), after(toL2!.afterMinutes - 1))).toBe(1);
    expect(p1LevelDue(ticket(1), after(toL2!.afterMinutes))).toBe(2);
    expect(p1LevelDue(ticket(2), after(toL3!.afterMinutes - 1))).toBe(2);
    expect(p1LevelDue(ticket(1), after(toL3!.afterMinutes))).toBe(3);
    // Never lowers a level staff set higher.
    expect(p1LevelDue(ticket(4), after(toL3!.afterMinutes))).toBe(4);
  });

  it("does not count time waiting on the customer", () => {
    const pause = 30 * 60_000;
    expect(p1LevelDue(ticket(1, pause), after(schedule[0]!.afterMinutes))).toBe(1);
    expect(p1LevelDue(ticket(1, pause), after(schedule[0]!.afterMinutes + 30))).toBe(2);
    expect(runningMs({ createdAt: opened, slaPausedMs: 0, slaPausedAt: after(10) }, after(40))).toBe(10 * 60_000);
  });
});
