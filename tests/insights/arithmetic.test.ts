import { describe, expect, it } from "vitest";
import { deflectionRate, deflectionRates, median, slaAttainment, slaOutcome } from "~/insights/arithmetic";
import { parseRange } from "~/insights/range";
import { toCsv } from "~/insights/tables";

const T0 = new Date("2026-11-02T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe("deflection rate arithmetic", () => {
  it("is deflected ÷ (deflected + tickets)", () => {
    expect(deflectionRate(3, 1)).toBe(0.75);
    expect(deflectionRate(0, 4)).toBe(0);
    expect(deflectionRate(0, 0)).toBeNull();
  });

  it("the honest rate counts only held confirmations and counts the ones that came back as failures", () => {
    // 10 confirmed: 6 held, 2 came back, 2 not settled yet; 4 tickets.
    const rates = deflectionRates({ confirmed: 10, held: 6, notHeld: 2, pending: 2, tickets: 4 });
    expect(rates.naive).toBeCloseTo(10 / 14, 12);
    expect(rates.honest).toBeCloseTo(6 / 12, 12);
    expect(deflectionRates({ confirmed: 0, held: 0, notHeld: 0, pending: 0, tickets: 0 })).toEqual({
      naive: null,
      honest: null,
    });
  });
});

describe("first-response SLA attainment arithmetic", () => {
  const now = minutes(600);
  const ticket = (priority: number, plan: string, due: number, responded: number | null) => ({
    priority,
    plan,
    createdAt: T0,
    firstResponseDueAt: minutes(due),
    firstRespondedAt: responded === null ? null : minutes(responded),
  });

  it("met on or before the due time, breached after it or when unanswered past it, pending otherwise", () => {
    expect(slaOutcome(ticket(1, "enterprise", 15, 15), now)).toBe("met");
    expect(slaOutcome(ticket(1, "enterprise", 15, 16), now)).toBe("breached");
    expect(slaOutcome(ticket(1, "enterprise", 15, null), now)).toBe("breached");
    expect(slaOutcome(ticket(4, "standard", 2880, null), now)).toBe("pending");
  });

  it("groups by priority × plan and leaves pending tickets out of the rate", () => {
    const cells = slaAttainment(
      [
        ticket(1, "enterprise", 15, 10),
        ticket(1, "enterprise", 15, 20),
        ticket(1, "enterprise", 15, 14),
        ticket(1, "enterprise", 15, null),
        ticket(2, "standard", 480, 30),
        ticket(2, "standard", 2000, null),
      ],
      now,
    );
    expect(cells.get("1:enterprise")).toEqual({ met: 2, breached: 2, pending: 0, attainment: 0.5 });
    expect(cells.get("2:standard")).toEqual({ met: 1, breached: 0, pending: 1, attainment: 1 });
    expect(cells.has("3:professional")).toBe(false);
  });

  it("medians", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("insights date ranges", () => {
  const now = new Date("2026-11-28T15:00:00Z");
  const parse = (query: string) => parseRange(new URLSearchParams(query), now);

  it("presets end today and compare with the same number of days before", () => {
    const result = parse("range=7");
    if (!result.ok) throw new Error(result.message);
    expect(result.range).toMatchObject({ fromDay: "2026-11-22", toDay: "2026-11-28", days: 7 });
    expect(result.range.previous).toMatchObject({ fromDay: "2026-11-15", toDay: "2026-11-21" });
  });

  it("custom ranges include both days", () => {
    const result = parse("from=2026-02-27&to=2026-03-02");
    expect(result.ok && result.range.days).toBe(4);
  });

  it("refuses bad ranges with a message", () => {
    expect(parse("from=2026-11-10&to=2026-11-01")).toMatchObject({
      ok: false,
      message: expect.stringContaining("before the start"),
    });
    expect(parse("from=2024-01-01&to=2026-01-01")).toMatchObject({
      ok: false,
      message: expect.stringContaining("at most"),
    });
    expect(parse("from=2026-02-30&to=2026-03-01")).toMatchObject({
      ok: false,
      message: expect.stringContaining("YYYY-MM-DD"),
    });
    expect(parse("from=yesterday&to=2026-03-01")).toMatchObject({ ok: false });
    expect(parse("range=12")).toMatchObject({ ok: false });
  });
});

describe("CSV", () => {
  it("quotes separators and defuses formulas typed by customers", () => {
    const csv = toCsv({
      id: "t",
      caption: "t",
      columns: ["Query", "Count"],
      rows: [
        ["reset, password", 3],
        ['say "hi"', 1],
        ["=HYPERLINK(1)", 2],
        [null, 0],
      ],
    });
    expect(csv).toBe('Query,Count\r\n"reset, password",3\r\n"say ""hi""",1\r\n\'=HYPERLINK(1),2\r\n,0\r\n');
  });
});
