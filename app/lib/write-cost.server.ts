import { performance } from "node:perf_hooks";

/**
 * What one write request (a POST: a reply, a vote, a ticket) costs this process's main thread, as
 * percentiles over the last minute, for /healthz. Node 20 has no per-thread CPU clock, so the cost is
 * read from the event loop's own busy time (event-loop utilization) between the request's arrival and
 * its response. That reading belongs to the request only when nothing else ran meanwhile, so a sample
 * is kept only when the request was the only one in flight from start to end and no queued task ran
 * during it; the rest are counted as overlapped. One writer on a quiet server (the bench's "one
 * writer alone" phase) gives almost only clean samples. Reads are followed too, only to know that.
 */

/** The latest clean samples kept (a ring): about a minute of one busy writer. */
const KEPT = 4096;
const WINDOW_MS = 60_000;

type WriteCostState = {
  inFlight: number;
  /** Queued tasks (or claims of them) running now: their awaits interleave with a request's. */
  otherWorkRunning: number;
  /** Bumped whenever anything other than a lone request starts: another request, a queued task. */
  disturbances: number;
  overlapped: number;
  next: number;
  at: Float64Array;
  busyMs: Float64Array;
  cpuMs: Float64Array;
  waitingForQuiet: Set<() => void>;
};

/**
 * The Remix build and server/*.ts are separate module graphs in one process (see
 * page-cache-purge.server.ts): the server follows requests, the task worker and /healthz live in the
 * build, so the state is one process-global object under a `Symbol.for` key.
 */
const STATE_KEY = Symbol.for("techflow.write-cost");

function createState(): WriteCostState {
  return {
    inFlight: 0,
    otherWorkRunning: 0,
    disturbances: 0,
    overlapped: 0,
    next: 0,
    at: new Float64Array(KEPT),
    busyMs: new Float64Array(KEPT),
    cpuMs: new Float64Array(KEPT),
    waitingForQuiet: new Set(),
  };
}

const state: WriteCostState = ((globalThis as typeof globalThis & { [STATE_KEY]?: WriteCostState })[STATE_KEY] ??=
  createState());

function keep(busyMs: number, cpuMs: number) {
  const slot = state.next % KEPT;
  state.at[slot] = Date.now();
  state.busyMs[slot] = busyMs;
  state.cpuMs[slot] = cpuMs;
  state.next++;
}

/**
 * Runs background work (the task worker's claims and tasks) so that no write it overlaps is measured:
 * its time would be counted as the write's.
 */
export async function asOtherWork<T>(work: () => Promise<T>): Promise<T> {
  state.disturbances++;
  state.otherWorkRunning++;
  try {
    return await work();
  } finally {
    state.otherWorkRunning--;
  }
}

const cpuMicros = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

/** A request arrived: a write in flight now shares the main thread with it. */
export function noteRequestArrival() {
  if (state.inFlight > 0) state.disturbances++;
}

/**
 * Starts following one request (after `noteRequestArrival`); call the returned function when its
 * response has finished. Reads (GET/HEAD) are followed only to know what they overlap; long-lived
 * streams (Server-Sent Events) are not followed at all: they mostly wait.
 */
export function startRequestCost(isWrite: boolean): () => void {
  let busyElsewhere = state.inFlight > 0 || state.otherWorkRunning > 0;
  state.inFlight++;
  const disturbancesAtStart = state.disturbances;
  const startedAt = performance.eventLoopUtilization();
  const cpuAtStart = cpuMicros();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    state.inFlight--;
    busyElsewhere ||= state.otherWorkRunning > 0;
    if (state.inFlight === 0) runWaitingForQuiet();
    if (!isWrite) return;
    if (state.disturbances !== disturbancesAtStart || state.inFlight > 0 || busyElsewhere) {
      state.overlapped++;
      return;
    }
    keep(performance.eventLoopUtilization(startedAt).active, (cpuMicros() - cpuAtStart) / 1000);
  };
}

function runWaitingForQuiet() {
  if (state.waitingForQuiet.size === 0) return;
  const waiting = [...state.waitingForQuiet];
  state.waitingForQuiet.clear();
  setImmediate(() => waiting.forEach((run) => run()));
}

/**
 * Runs background work once no request is in flight (every response has gone out), or after
 * `maxWaitMs` under steady traffic: the task worker starts a write's queued tasks after its answer.
 */
export function whenRequestsAnswered(run: () => void, maxWaitMs = 50) {
  if (state.inFlight === 0) {
    setImmediate(run);
    return;
  }
  let ran = false;
  const once = () => {
    if (ran) return;
    ran = true;
    state.waitingForQuiet.delete(once);
    clearTimeout(timer);
    run();
  };
  const timer = setTimeout(once, maxWaitMs);
  timer.unref();
  state.waitingForQuiet.add(once);
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 100) / 100;
}

/**
 * The clean write samples of the last minute (or since `sinceMs`, epoch milliseconds, when later):
 * main-thread busy time (p50/p95/p99, ms) and the process's CPU time over the same span (every thread,
 * so the Markdown worker's share of a reply too), and how many writes overlapped other work and were
 * not measured since the process started.
 */
export function writeCostSummary(sinceMs = 0) {
  const from = Math.max(sinceMs, Date.now() - WINDOW_MS);
  const busy: number[] = [];
  const cpu: number[] = [];
  for (let slot = 0; slot < Math.min(state.next, KEPT); slot++) {
    if (state.at[slot] < from) continue;
    busy.push(state.busyMs[slot]);
    cpu.push(state.cpuMs[slot]);
  }
  busy.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const measured = busy.length > 0;
  return {
    measured: busy.length,
    overlappedSinceStart: state.overlapped,
    mainThreadP50Ms: measured ? percentile(busy, 50) : null,
    mainThreadP95Ms: measured ? percentile(busy, 95) : null,
    mainThreadP99Ms: measured ? percentile(busy, 99) : null,
    processCpuP50Ms: measured ? percentile(cpu, 50) : null,
    processCpuP95Ms: measured ? percentile(cpu, 95) : null,
  };
}
