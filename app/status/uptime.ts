/**
 * Uptime from incident history, pure. Downtime is the union of the outage intervals (overlapping
 * incidents count once), minus any time inside scheduled maintenance, which is excluded from both
 * the downtime and the time measured.
 */
export type Interval = { start: number; end: number };

/** Sorted, non-overlapping intervals clipped to [from, to). */
export function mergeIntervals(intervals: readonly Interval[], from = -Infinity, to = Infinity): Interval[] {
  const clipped = intervals
    .map((interval) => ({ start: Math.max(interval.start, from), end: Math.min(interval.end, to) }))
    .filter((interval) => interval.end > interval.start)
    .sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of clipped) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

function totalLength(intervals: readonly Interval[]) {
  return intervals.reduce((sum, interval) => sum + (interval.end - interval.start), 0);
}

/** Length of the parts of `intervals` that fall inside `cover` (both merged). */
function overlapLength(intervals: readonly Interval[], cover: readonly Interval[]) {
  let total = 0;
  for (const a of intervals)
    for (const b of cover) total += Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return total;
}

export type UptimeResult = { measuredMs: number; downtimeMs: number; percent: number };

/** Uptime over [from, to): 100 when nothing was measured (a window entirely in maintenance). */
export function uptime(
  from: number,
  to: number,
  outages: readonly Interval[],
  maintenance: readonly Interval[],
): UptimeResult {
  const windows = mergeIntervals(maintenance, from, to);
  const down = mergeIntervals(outages, from, to);
  const measuredMs = to - from - totalLength(windows);
  const downtimeMs = totalLength(down) - overlapLength(down, windows);
  const percent = measuredMs <= 0 ? 100 : (100 * (measuredMs - downtimeMs)) / measuredMs;
  return { measuredMs, downtimeMs, percent };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** How bad a day's downtime was: the worst outage that touched it, as on the status page's bars. */
export type OutageSeverity = "partial" | "major";
/** An outage interval with how bad it was (a partial or a major outage of the component). */
export type Outage = Interval & { severity: OutageSeverity };

export type DayUptime = { day: string; percent: number; downtimeMinutes: number; outage: OutageSeverity | null };

/** The worst severity among the outages counted as downtime inside [from, to) (maintenance excluded). */
function worstOutage(from: number, to: number, outages: readonly Outage[], maintenance: readonly Interval[]) {
  let worst: OutageSeverity | null = null;
  for (const outage of outages) {
    if (uptime(from, to, [outage], maintenance).downtimeMs <= 0) continue;
    if (outage.severity === "major") return "major";
    worst = "partial";
  }
  return worst;
}

/** One bar per UTC day, oldest first, ending with the day of `now` (cut at `now`). */
export function dailyUptime(
  now: number,
  days: number,
  outages: readonly Outage[],
  maintenance: readonly Interval[],
): DayUptime[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const bars: DayUptime[] = [];
  for (let index = days - 1; index >= 0; index--) {
    const start = today - index * DAY_MS;
    const end = Math.min(start + DAY_MS, now);
    const result = uptime(start, end, outages, maintenance);
    bars.push({
      day: new Date(start).toISOString().slice(0, 10),
      percent: result.percent,
      downtimeMinutes: Math.round(result.downtimeMs / 60_000),
      outage: result.downtimeMs > 0 ? worstOutage(start, end, outages, maintenance) : null,
    });
  }
  return bars;
}
