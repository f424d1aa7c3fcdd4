import { describe, expect, it } from "vitest";
import { DEFLECTION_HOLD_DAYS } from "~/support/policy";
import { deflectionHeld, normaliseProblem, sameProblem } from "~/deflection/settlement";

const DAY = 24 * 60 * 60_000;
const confirmedAt = new Date("2026-06-01T12:00:00Z");
const confirmed = { at: confirmedAt, query: normaliseProblem("Export to CSV times out on large reports") };

describe("honest deflection settlement", () => {
  it("normalises the problem's words (case, stop words, plurals, order)", () => {
    expect(normaliseProblem("The exports TIME OUT for my Reports")).toBe(normaliseProblem("reports export: time out"));
  });

  it("holds when nobody came back within the hold period", () => {
    expect(deflectionHeld(confirmed, [], DEFLECTION_HOLD_DAYS)).toBe(true);
  });

  it("does not hold when the same problem comes back within the hold period", () => {
    const again = { at: new Date(confirmedAt.getTime() + 2 * DAY), query: normaliseProblem("CSV export times out") };
    expect(deflectionHeld(confirmed, [again], DEFLECTION_HOLD_DAYS)).toBe(false);
  });

  it("holds when a different problem comes back, or the same one after the hold period", () => {
    const other = { at: new Date(confirmedAt.getTime() + DAY), query: normaliseProblem("Cannot reset my password") };
    const late = { at: new Date(confirmedAt.getTime() + (DEFLECTION_HOLD_DAYS + 1) * DAY), query: confirmed.query };
    expect(sameProblem(confirmed.query, other.query)).toBe(false);
    expect(deflectionHeld(confirmed, [other, late], DEFLECTION_HOLD_DAYS)).toBe(true);
  });

  it("a ticket opened from the same search never holds, whatever its words", () => {
    const ticket = {
      at: new Date(confirmedAt.getTime() + 60_000),
      query: normaliseProblem("Something else entirely"),
      ticketFromSameSearch: true,
    };
    expect(deflectionHeld(confirmed, [ticket], DEFLECTION_HOLD_DAYS)).toBe(false);
  });
});
