import { createHistogram, performance, type RecordableHistogram } from "node:perf_hooks";

/**
 * How long work waits for the event loop in this process: a timer asks to run every 10 ms and records
 * how late it ran (what `monitorEventLoopDelay` measures, kept here in histograms that can be merged),
 * as six 10-second slices, so /healthz reports about the last minute, not the process's whole life.
 * A delay of d ms means everything that arrived in that moment (a cached page, a reply) waited d ms
 * before it started.
 */

const RESOLUTION_MS = 10;
const SLICE_MS = 10_000;
const SLICES = 6;

type Monitor = {
  current: RecordableHistogram;
  slices: RecordableHistogram[];
  timers: NodeJS.Timeout[];
  /** How late the latest ticks ran, smoothed (ms): high while requests keep the loop busy. */
  recentLateMs: number;
};
let monitor: Monitor | null = null;

export function startEventLoopMonitor() {
  if (monitor) return;
  const state: Monitor = { current: createHistogram(), slices: [], timers: [], recentLateMs: 0 };
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    // Nanoseconds late (at least 1: a histogram records positive integers).
    const lateMs = Math.max(0, now - last - RESOLUTION_MS);
    state.current.record(Math.max(1, Math.round(lateMs * 1e6)));
    state.recentLateMs = 0.7 * state.recentLateMs + 0.3 * lateMs;
    last = now;
  }, RESOLUTION_MS);
  const rotate = setInterval(() => {
    state.slices.push(state.current);
    if (state.slices.length > SLICES) state.slices.shift();
    state.current = createHistogram();
  }, SLICE_MS);
  for (const timer of [tick, rotate]) timer.unref();
  state.timers.push(tick, rotate);
  monitor = state;
}

export function stopEventLoopMonitor() {
  for (const timer of monitor?.timers ?? []) clearInterval(timer);
  monitor = null;
}

/** Whether the loop is busy now (its recent ticks ran late); false while the monitor is off (tests, scripts). */
export function eventLoopIsBusy(thresholdMs = 4): boolean {
  return (monitor?.recentLateMs ?? 0) > thresholdMs;
}

const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e4) / 100;

/** The event-loop delay over about the last minute, in milliseconds; null while the monitor is off. */
export function eventLoopDelay(): { p50Ms: number; p99Ms: number; maxMs: number; windowSeconds: number } | null {
  if (!monitor) return null;
  const all = createHistogram();
  for (const slice of monitor.slices) all.add(slice);
  all.add(monitor.current);
  if (all.count === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0, windowSeconds: 0 };
  return {
    p50Ms: ms(all.percentile(50)),
    p99Ms: ms(all.percentile(99)),
    maxMs: ms(all.max),
    windowSeconds: Math.round((all.count * RESOLUTION_MS) / 1000),
  };
}
