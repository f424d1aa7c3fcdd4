/**
 * The date range of /admin/insights, from the address: `?range=7|30|90` (the last N days, today
 * included) or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (UTC days, both included, at most a year). The
 * previous period is the same number of days just before.
 */
export const PRESETS = [7, 30, 90] as const;
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type DateRange = {
  preset: (typeof PRESETS)[number] | null;
  /** First day, inclusive (YYYY-MM-DD). */
  fromDay: string;
  /** Last day, inclusive. */
  toDay: string;
  from: Date;
  /** Exclusive end: midnight after toDay. */
  to: Date;
  days: number;
  previous: { fromDay: string; toDay: string; from: Date; to: Date };
  label: string;
};

export type RangeResult = { ok: true; range: DateRange } | { ok: false; message: string; fallback: DateRange };

export function dayString(instant: Date | number) {
  return new Date(instant).toISOString().slice(0, 10);
}

function parseDay(value: string): Date | null {
  if (!DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || dayString(date) !== value ? null : date;
}

function build(from: Date, days: number, preset: DateRange["preset"]): DateRange {
  const to = new Date(from.getTime() + days * DAY_MS);
  const previousFrom = new Date(from.getTime() - days * DAY_MS);
  const fromDay = dayString(from);
  const toDay = dayString(to.getTime() - DAY_MS);
  return {
    preset,
    fromDay,
    toDay,
    from,
    to,
    days,
    previous: {
      fromDay: dayString(previousFrom),
      toDay: dayString(from.getTime() - DAY_MS),
      from: previousFrom,
      to: from,
    },
    label: preset ? `Last ${preset} days` : `${fromDay} to ${toDay}`,
  };
}

export function lastDays(days: (typeof PRESETS)[number], now: Date): DateRange {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return build(new Date(today - (days - 1) * DAY_MS), days, days);
}

export function parseRange(params: URLSearchParams, now: Date): RangeResult {
  const fallback = lastDays(30, now);
  const fromParam = params.get("from");
  const toParam = params.get("to");
  if (fromParam !== null || toParam !== null) {
    const from = parseDay(fromParam ?? "");
    const to = parseDay(toParam ?? "");
    if (!from || !to)
      return { ok: false, message: "Dates must be real days written as YYYY-MM-DD, for example 2026-11-01.", fallback };
    if (to < from) return { ok: false, message: "The end date is before the start date.", fallback };
    const days = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
    if (days > MAX_RANGE_DAYS)
      return {
        ok: false,
        message: `A range can cover at most ${MAX_RANGE_DAYS} days; this one covers ${days}.`,
        fallback,
      };
    return { ok: true, range: build(from, days, null) };
  }
  const preset = params.get("range");
  if (preset === null || preset === "") return { ok: true, range: fallback };
  const days = Number(preset);
  if (!(PRESETS as readonly number[]).includes(days))
    return {
      ok: false,
      message: `The range must be one of ${PRESETS.join(", ")} days, or a custom from/to.`,
      fallback,
    };
  return { ok: true, range: lastDays(days as (typeof PRESETS)[number], now) };
}

/** Every day of the range, in order (chart axes fill missing days with zero). */
export function daysOf(range: { from: Date; days: number }): string[] {
  return Array.from({ length: range.days }, (_, index) => dayString(range.from.getTime() + index * DAY_MS));
}
