import { describe, expect, it } from "vitest";
import { escapeIcsText, foldIcsLine, weeklyWebinarIcs } from "~/webinars/ics";
import { upcomingWebinarSessions, zonedWallTimeToInstant } from "~/webinars/schedule";

function unfold(ics: string) {
  return ics.replace(/\r\n /g, "");
}

describe("weekly webinar schedule", () => {
  it("lists the next four Tuesdays at 2 PM Eastern", () => {
    const sessions = upcomingWebinarSessions(new Date("2026-11-28T12:00:00Z"), 4);
    expect(sessions.map((session) => session.localDate)).toEqual([
      "2026-12-01",
      "2026-12-08",
      "2026-12-15",
      "2026-12-22",
    ]);
    // Eastern Standard Time is UTC-5 in December.
    expect(sessions[0].start.toISOString()).toBe("2026-12-01T19:00:00.000Z");
  });

  it("keeps 2 PM local time across the March daylight-saving change", () => {
    const sessions = upcomingWebinarSessions(new Date("2026-03-01T00:00:00Z"), 2);
    expect(sessions.map((session) => session.localDate)).toEqual(["2026-03-03", "2026-03-10"]);
    expect(sessions[0].start.toISOString()).toBe("2026-03-03T19:00:00.000Z"); // EST, UTC-5
    expect(sessions[1].start.toISOString()).toBe("2026-03-10T18:00:00.000Z"); // EDT after 8 March, UTC-4
  });

  it("keeps 2 PM local time across the November change", () => {
    const sessions = upcomingWebinarSessions(new Date("2026-10-25T00:00:00Z"), 2);
    expect(sessions.map((session) => session.start.toISOString())).toEqual([
      "2026-10-27T18:00:00.000Z",
      "2026-11-03T19:00:00.000Z",
    ]);
  });

  it("still lists today's session while it runs and drops it once it ends", () => {
    const during = upcomingWebinarSessions(new Date("2026-12-01T19:30:00Z"), 1);
    expect(during[0].localDate).toBe("2026-12-01");
    const after = upcomingWebinarSessions(new Date("2026-12-01T20:01:00Z"), 1);
    expect(after[0].localDate).toBe("2026-12-08");
  });

  it("converts wall time on the day the clocks change", () => {
    expect(zonedWallTimeToInstant(2026, 3, 8, 14, 0, "America/New_York").toISOString()).toBe(
      "2026-03-08T18:00:00.000Z",
    );
    expect(zonedWallTimeToInstant(2026, 11, 1, 14, 0, "America/New_York").toISOString()).toBe(
      "2026-11-01T19:00:00.000Z",
    );
  });
});

describe("iCalendar file", () => {
  const ics = weeklyWebinarIcs({
    localDate: "2026-03-10",
    url: "http://localhost:3000/webinars",
    now: new Date("2026-03-01T10:00:00Z"),
  });

  it("is a valid RFC 5545 calendar with CRLF lines of at most 75 octets", () => {
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const text = unfold(ics);
    for (const required of [
      "BEGIN:VEVENT",
      "END:VEVENT",
      "UID:",
      "DTSTAMP:20260301T100000Z",
      "BEGIN:VTIMEZONE",
      "TZID:America/New_York",
    ])
      expect(text).toContain(required);
  });

  it("starts on the chosen Tuesday at 2 PM New York time and repeats weekly", () => {
    const text = unfold(ics);
    expect(text).toContain("DTSTART;TZID=America/New_York:20260310T140000");
    expect(text).toContain("DTEND;TZID=America/New_York:20260310T150000");
    expect(text).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU");
  });

  it("escapes text and folds long lines", () => {
    expect(escapeIcsText("a, b; c\\d\ne")).toBe("a\\, b\\; c\\\\d\\ne");
    const folded = foldIcsLine(`DESCRIPTION:${"é".repeat(60)}`);
    for (const line of folded.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, "")).toBe(`DESCRIPTION:${"é".repeat(60)}`);
  });
});
