import { describe, expect, it } from "vitest";
import { dailyUptime, mergeIntervals, uptime } from "~/status/uptime";

const H = 60 * 60 * 1000;
const DAY = 24 * H;

describe("uptime from incident intervals", () => {
  it("counts overlapping incidents once", () => {
    // 10:00–12:00 and 11:00–13:00 overlap: 3 hours down, not 4.
    const result = uptime(
      0,
      DAY,
      [
        { start: 10 * H, end: 12 * H },
        { start: 11 * H, end: 13 * H },
      ],
      [],
    );
    expect(result.downtimeMs).toBe(3 * H);
    expect(result.percent).toBeCloseTo((100 * 21) / 24, 10);
  });

  it("excludes maintenance from both the downtime and the time measured", () => {
    // Down 02:00–06:00; maintenance 04:00–08:00 swallows two of those hours.
    const result = uptime(0, DAY, [{ start: 2 * H, end: 6 * H }], [{ start: 4 * H, end: 8 * H }]);
    expect(result.measuredMs).toBe(20 * H);
    expect(result.downtimeMs).toBe(2 * H);
    expect(result.percent).toBeCloseTo(90, 10);
  });

  it("clips incidents to the window and reports 100 % without downtime", () => {
    expect(uptime(DAY, 2 * DAY, [{ start: 0, end: DAY + 6 * H }], []).downtimeMs).toBe(6 * H);
    expect(uptime(0, DAY, [], []).percent).toBe(100);
    expect(uptime(0, DAY, [], [{ start: -H, end: DAY + H }]).percent).toBe(100);
  });

  it("merges touching and nested intervals", () => {
    expect(
      mergeIntervals([
        { start: 5, end: 10 },
        { start: 0, end: 5 },
        { start: 2, end: 3 },
        { start: 20, end: 30 },
      ]),
    ).toEqual([
      { start: 0, end: 10 },
      { start: 20, end: 30 },
    ]);
  });

  it("gives one bar per day with the day's own downtime", () => {
    const now = 3 * DAY + 12 * H;
    const bars = dailyUptime(now, 3, [{ start: 2 * DAY + 23 * H, end: 3 * DAY + H, severity: "major" }], []);
    expect(bars.map((bar) => bar.day)).toEqual(["1970-01-02", "1970-01-03", "1970-01-04"]);
    expect(bars.map((bar) => bar.downtimeMinutes)).toEqual([0, 60, 60]);
    // Today is measured up to now (12 hours), so an hour down is 1/12 of it.
    expect(bars[2].percent).toBeCloseTo((100 * 11) / 12, 10);
  });

  it("marks each day with the worst outage that counted as downtime, so the bar is drawn orange or red", () => {
    const now = 3 * DAY + 12 * H;
    const bars = dailyUptime(
      now,
      3,
      [
        { start: DAY + 2 * H, end: DAY + 3 * H, severity: "partial" },
        { start: 2 * DAY + 2 * H, end: 2 * DAY + 3 * H, severity: "partial" },
        { start: 2 * DAY + 5 * H, end: 2 * DAY + 6 * H, severity: "major" },
        // A major outage entirely inside maintenance is no downtime, so it does not colour the day.
        { start: 3 * DAY + H, end: 3 * DAY + 2 * H, severity: "major" },
      ],
      [{ start: 3 * DAY, end: 3 * DAY + 4 * H }],
    );
    expect(bars.map((bar) => bar.outage)).toEqual(["partial", "major", null]);
    expect(bars.map((bar) => bar.downtimeMinutes)).toEqual([60, 120, 0]);
  });
});
