import { describe, expect, it } from "vitest";
import { chatOpenAt, formatOpening, nextChatOpening } from "~/chat/hours";
import { CHANNELS } from "~/support/policy";

/** Chat hours per plan from the policy, read in US Eastern local time, shown in the customer's zone. */

describe("chat hours per plan", () => {
  it("Standard and Professional are open on weekdays in the policy's hours, Enterprise always", () => {
    // Wednesday 9 December 2026, 10:00 in New York (EST, UTC−5).
    const wednesdayMorning = new Date("2026-12-09T15:00:00Z");
    const wednesdayNight = new Date("2026-12-10T02:00:00Z"); // 21:00 New York
    expect(CHANNELS.chat.availability.standard).toMatchObject({ kind: "weekdays" });
    for (const plan of ["standard", "professional"] as const) {
      expect(chatOpenAt(plan, wednesdayMorning)).toBe(true);
      expect(chatOpenAt(plan, wednesdayNight)).toBe(false);
    }
    expect(chatOpenAt("enterprise", wednesdayNight)).toBe(true);
    expect(nextChatOpening("enterprise", wednesdayNight)).toBeNull();
  });

  it("closing time is the policy's close hour: 17:59 open, 18:00 closed (New York)", () => {
    expect(chatOpenAt("standard", new Date("2026-12-09T22:59:00Z"))).toBe(true);
    expect(chatOpenAt("standard", new Date("2026-12-09T23:00:00Z"))).toBe(false);
  });

  it("after Friday's close it opens Monday at the open hour, in UTC moved by the DST change that weekend", () => {
    // Friday 6 March 2026 19:00 EST; clocks spring forward on Sunday 8 March, so Monday 08:00 is EDT (UTC−4).
    const fridayEvening = new Date("2026-03-07T00:00:00Z");
    expect(nextChatOpening("standard", fridayEvening)?.toISOString()).toBe("2026-03-09T12:00:00.000Z");
    // The week after the autumn change (1 November 2026): Monday 08:00 EST is 13:00 UTC.
    const saturdayAfterFallBack = new Date("2026-11-07T15:00:00Z");
    expect(nextChatOpening("professional", saturdayAfterFallBack)?.toISOString()).toBe("2026-11-09T13:00:00.000Z");
  });

  it("before the open hour on a weekday it opens the same morning; while open there is no next opening", () => {
    const tuesdayEarly = new Date("2026-12-08T11:00:00Z"); // 06:00 New York
    expect(nextChatOpening("standard", tuesdayEarly)?.toISOString()).toBe("2026-12-08T13:00:00.000Z");
    expect(nextChatOpening("standard", new Date("2026-12-08T15:00:00Z"))).toBeNull();
  });

  it("says when it opens in the customer's own zone", () => {
    const fridayEvening = new Date("2026-03-07T00:00:00Z");
    const opening = nextChatOpening("standard", fridayEvening)!;
    expect(formatOpening(opening, "Europe/Berlin", fridayEvening)).toBe("Monday, 1:00 PM GMT+1");
    expect(formatOpening(opening, "America/Los_Angeles", fridayEvening)).toBe("Monday, 5:00 AM PDT");
    // An unknown zone falls back to UTC rather than failing.
    expect(formatOpening(opening, "Mars/Olympus", fridayEvening)).toBe("Monday, 12:00 PM UTC");
  });
});
