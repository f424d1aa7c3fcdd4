/**
 * `npm run bench:mixed`: do writes stall readers? Members reply while visitors read, on SQLite and on
 * PostgreSQL, against the production build on a fresh seeded database each.
 *
 *   BUILD_DIR=build npm run bench:mixed   (BENCH_MIXED_SECONDS=60, BENCH_MIXED_DATABASES=sqlite,postgres,
 *                                          BENCH_MIXED_PROFILE=1 writes a CPU profile of the server per database)
 *
 * Per database, in one run:
 * 1. one writer alone (10 s): a reply's latency percentiles and the main-thread time per reply, its
 *    queued tasks included (means). Then one writer pausing 100 ms between replies (20 s), so the
 *    previous reply's queued tasks are done: each reply's own main-thread time as the server measured
 *    it (event-loop busy time of the replies nothing else overlapped: /healthz,
 *    app/lib/write-cost.server.ts). The target "one reply p95 ≤ 10 ms" is read from that.
 * 2. readers alone (10 s): 25 connections on a cached article and 25 on a thread: the baseline.
 * 3. mixed (BENCH_MIXED_SECONDS): 6 writers replying to 6 threads while 25 connections read the cached
 *    article and 25 read the first of those threads. Then the server's own event-loop delay p99 over
 *    the last minute (/healthz, as staff), and every acknowledged reply is looked for in the database.
 * Writers sign in as staff (exempt from member write limits, as in Discourse), so the limits do not refuse them.
 * Load comes from wrk; each wrk prints its own percentiles (Lua `done`).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createBenchDatabase, signIn, type DatabaseKind } from "./app-databases";
import {
  appServerCommand,
  freePort,
  startServer,
  stopServer,
  tempDirs,
  waitUntilReady,
  type Server,
} from "./processes";
import { environment, formatTable, mark, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const MIXED_SECONDS = Math.round(numberFromEnv("BENCH_MIXED_SECONDS", 60));
const PHASE_SECONDS = 10;
/** The paced writer's phase: about 180 replies, so the p95 rests on nine of them rather than five. */
const PACED_SECONDS = 20;
/** The paced writer's pause between replies: longer than a reply's queued tasks take on a quiet server. */
const PACED_PAUSE_MS = 100;
const DATABASES = (process.env.BENCH_MIXED_DATABASES ?? "sqlite,postgres").split(",") as DatabaseKind[];
const PROFILE = process.env.BENCH_MIXED_PROFILE === "1";
const ARTICLE_PATH = "/kb/why-cant-i-sign-in";

const TARGETS = {
  cachedArticleP99Ms: 50,
  threadP99Ms: 250,
  threadTimeouts: 0,
  repliesPerSecond: 100,
  lostReplies: 0,
  oneReplyP95Ms: 10,
  eventLoopDelayP99Ms: 30,
};

/** Printed by every wrk run: one JSON line the bench reads back. */
const DONE = `
function done(summary, latency, requests)
  io.write(string.format('WRK {"requests":%d,"seconds":%f,"timeouts":%d,"socketErrors":%d,"badStatus":%d,"p50":%f,"p95":%f,"p99":%f,"max":%f}\\n',
    summary.requests, summary.duration / 1e6, summary.errors.timeout,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
`;

const WRITER_SCRIPT = `
-- One wrk thread per writer, each with its own connection and its own forum thread (setup numbers them).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("writer", threads)
end
local count = 0
local pause = 0
local paths = {}
local marker = ""
function init(args)
  marker = args[1]
  wrk.headers["Cookie"] = args[2]
  wrk.headers["Origin"] = args[3]
  pause = tonumber(args[4])
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  for i = 5, #args do paths[#paths + 1] = args[i] end
end
-- A paced writer waits this long between replies, so each reply's queued tasks are done before the next.
function delay()
  return pause
end
function request()
  count = count + 1
  -- Unique per reply: the same author posting the same text again is refused (409).
  local body = "intent=reply&body=" .. marker .. "+" .. writer .. "-" .. count .. "%3A+restart+the+sync+agent%2C+then+check+the+**status+page**+first."
  return wrk.format("POST", paths[((writer - 1) % #paths) + 1], nil, body)
end
${DONE}`;

const READER_SCRIPT = DONE;

type WrkResult = {
  requests: number;
  seconds: number;
  timeouts: number;
  socketErrors: number;
  badStatus: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};

function wrk(args: string[]): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", () => {
      const line = /^WRK (.*)$/m.exec(stdout);
      // wrk falls back to plain GETs when a script does not load, so any script error stops the run.
      if (stderr || !line) return reject(new Error(`wrk ${args.join(" ")}:\n${stdout}\n${stderr}`));
      resolve(JSON.parse(line[1]) as WrkResult);
    });
  });
}

/**
 * What the readers ask for: by default what every browser sends, so the cache's brotli copies are
 * what is measured (a thread page is about 80 KB as it is and 10 KB in brotli).
 * BENCH_MIXED_ENCODING=identity reads them uncompressed, as plain wrk does.
 */
const READER_ENCODING = process.env.BENCH_MIXED_ENCODING ?? "br, gzip";

function readers(origin: string, target: string, script: string, seconds: number) {
  return wrk([
    "-t1",
    "-c25",
    `-d${seconds}s`,
    "--timeout",
    "2s",
    "-H",
    `Accept-Encoding: ${READER_ENCODING}`,
    "-s",
    script,
    `${origin}${target}`,
  ]);
}

function writers(
  server: Server,
  scripts: Scripts,
  connections: number,
  seconds: number,
  marker: string,
  cookie: string,
  paths: string[],
  pauseMs = 0,
) {
  return wrk([
    `-t${connections}`,
    `-c${connections}`,
    `-d${seconds}s`,
    "--timeout",
    "10s",
    "-s",
    scripts.writer,
    server.origin,
    "--",
    marker,
    cookie,
    server.origin,
    String(pauseMs),
    ...paths,
  ]);
}

type Scripts = { writer: string; reader: string };

async function staffHealth(server: Server, cookie: string, writesSince = 0) {
  const response = await fetch(`${server.origin}/healthz?writesSince=${writesSince}`, {
    headers: { cookie, accept: "application/json" },
  });
  return (await response.json()) as {
    eventLoop?: { busyMs: number; processCpuMs: number; delayP99Ms: number; delayMaxMs: number; windowSeconds: number };
    tasks?: { pending: number; failed: number; busyMsHere: number };
    writes?: {
      measured: number;
      mainThreadP50Ms: number | null;
      mainThreadP95Ms: number | null;
      mainThreadP99Ms: number | null;
      processCpuP95Ms: number | null;
    };
  };
}

/** How long the bench waits for queued tasks to finish before it moves on regardless. */
const QUEUE_WAIT_MS = 60_000;

/**
 * Waits until the server's task queue is empty (queued indexing and notifications done), for at most
 * QUEUE_WAIT_MS; returns how many tasks were still waiting.
 */
async function waitForQueue(server: Server, cookie: string): Promise<number> {
  const deadline = Date.now() + QUEUE_WAIT_MS;
  for (;;) {
    const pending = (await staffHealth(server, cookie)).tasks?.pending ?? 0;
    if (pending === 0 || Date.now() >= deadline) return pending;
    await sleep(500);
  }
}

async function measure(kind: DatabaseKind, scripts: Scripts) {
  const database = await createBenchDatabase(kind, "mixed");
  let server: Server | null = null;
  const profileDir = path.join(repoRoot, "bench-results", "profiles");
  try {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: database.url,
    };
    delete env.SMTP_URL; // notification mail stays in the bench database's outbox
    const [command, args] = appServerCommand();
    if (PROFILE) fs.mkdirSync(profileDir, { recursive: true });
    // One file per thread (the main thread's is the largest; the Markdown worker writes its own).
    const profileArgs = PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.join(profileDir, `mixed-${kind}`)}`] : [];
    server = startServer(`app (${kind})`, port, command, [...profileArgs, ...args], env);
    await waitUntilReady(server);
    const cookie = await signIn(server.origin);
    const threads = await database.rows<{ id: number; slug: string }>(
      `SELECT id, slug FROM "ForumThread" WHERE NOT locked AND "deletedAt" IS NULL AND "hiddenAt" IS NULL AND "mergedIntoId" IS NULL AND "duplicateOfId" IS NULL ORDER BY id LIMIT 6`,
    );
    if (threads.length < 6) throw new Error("the seed has fewer than six open threads");
    const paths = threads.map((thread) => `/community/t/${thread.id}-${thread.slug}`);
    const readPath = paths[0];
    for (const target of [ARTICLE_PATH, readPath]) {
      const response = await fetch(`${server.origin}${target}`);
      if (response.status !== 200) throw new Error(`GET ${target} answered ${response.status}`);
    }
    const marker = `mixed${process.pid}${kind}`;
    // Warm-up: compiled routes, pool connections, the first render of each thread page.
    await writers(server, scripts, 1, 2, `${marker}w`, cookie, paths);

    const healthBefore = await staffHealth(server, cookie);
    const before = healthBefore.eventLoop;
    const alone = await writers(server, scripts, 1, PHASE_SECONDS, `${marker}a`, cookie, paths);
    await waitForQueue(server, cookie);
    // Everything the main thread did for these replies, their queued tasks included, per reply.
    const healthAfter = await staffHealth(server, cookie);
    const after = healthAfter.eventLoop;
    const busyPerReply = (after?.busyMs ?? Number.NaN) - (before?.busyMs ?? Number.NaN);
    // The same without the queued tasks' own time (the task worker counts it): the requests' share.
    const taskBusy = (healthAfter.tasks?.busyMsHere ?? Number.NaN) - (healthBefore.tasks?.busyMsHere ?? Number.NaN);
    const cpuPerReply = (after?.processCpuMs ?? Number.NaN) - (before?.processCpuMs ?? Number.NaN);
    // Each reply's own main-thread time, as the server measured it for the replies nothing else
    // overlapped: one writer pausing between replies, so the previous reply's queued tasks are done.
    const pacedStarted = Date.now();
    await writers(server, scripts, 1, PACED_SECONDS, `${marker}p`, cookie, paths, PACED_PAUSE_MS);
    const replyCost = (await staffHealth(server, cookie, pacedStarted)).writes;
    await waitForQueue(server, cookie);
    const [articleBase, threadBase] = await Promise.all([
      readers(server.origin, ARTICLE_PATH, scripts.reader, PHASE_SECONDS),
      readers(server.origin, readPath, scripts.reader, PHASE_SECONDS),
    ]);
    const [written, article, thread] = await Promise.all([
      writers(server, scripts, 6, MIXED_SECONDS, `${marker}m`, cookie, paths),
      readers(server.origin, ARTICLE_PATH, scripts.reader, MIXED_SECONDS),
      readers(server.origin, readPath, scripts.reader, MIXED_SECONDS),
    ]);
    const health = await staffHealth(server, cookie);
    const drainStarted = Date.now();
    const stillWaiting = await waitForQueue(server, cookie);
    // Queued work runs at low priority while readers keep the loop busy: how far behind it was, and how
    // fast it caught up once they stopped (or how much was left when the bench stopped waiting).
    const backlogAtEnd = health.tasks?.pending ?? Number.NaN;
    const drainSeconds = (Date.now() - drainStarted) / 1000;
    const queue = {
      backlogAtEnd,
      drainSeconds: round(drainSeconds, 1),
      stillWaiting,
      drainedPerSecond: round((backlogAtEnd - stillWaiting) / drainSeconds),
    };
    const acknowledged = written.requests - written.badStatus;
    const stored = await database.scalar(`SELECT count(*) FROM "ForumPost" WHERE "bodyMarkdown" LIKE '${marker}m %'`);
    const afterwards = await staffHealth(server, cookie);
    return {
      database: kind,
      oneWriter: {
        repliesPerSecond: round(alone.requests / alone.seconds),
        p50Ms: alone.p50,
        p95Ms: alone.p95,
        p99Ms: alone.p99,
        mainThreadMsPerReply: round(busyPerReply / alone.requests, 2),
        // Only on SQLite, where a task's time is main-thread time; on PostgreSQL it mostly waits on the network.
        requestMainThreadMsPerReply:
          kind === "sqlite" ? round((busyPerReply - taskBusy) / alone.requests, 2) : Number.NaN,
        processCpuMsPerReply: round(cpuPerReply / alone.requests, 2),
        mainThreadP50Ms: replyCost?.mainThreadP50Ms ?? Number.NaN,
        mainThreadP95Ms: replyCost?.mainThreadP95Ms ?? Number.NaN,
        mainThreadP99Ms: replyCost?.mainThreadP99Ms ?? Number.NaN,
        processCpuP95Ms: replyCost?.processCpuP95Ms ?? Number.NaN,
        measuredReplies: replyCost?.measured ?? 0,
      },
      baseline: {
        articlePerSecond: round(articleBase.requests / articleBase.seconds),
        articleP99Ms: articleBase.p99,
        threadPerSecond: round(threadBase.requests / threadBase.seconds),
        threadP99Ms: threadBase.p99,
      },
      mixed: {
        seconds: MIXED_SECONDS,
        repliesPerSecond: round(acknowledged / written.seconds),
        replyP50Ms: written.p50,
        replyP99Ms: written.p99,
        replyErrors: written.badStatus + written.socketErrors + written.timeouts,
        articlePerSecond: round(article.requests / article.seconds),
        articleP50Ms: article.p50,
        articleP99Ms: article.p99,
        articleTimeouts: article.timeouts,
        threadPerSecond: round(thread.requests / thread.seconds),
        threadP50Ms: thread.p50,
        threadP99Ms: thread.p99,
        threadTimeouts: thread.timeouts,
        eventLoopDelayP99Ms: health.eventLoop?.delayP99Ms ?? Number.NaN,
        eventLoopDelayMaxMs: health.eventLoop?.delayMaxMs ?? Number.NaN,
      },
      acknowledged,
      stored,
      lostReplies: Math.max(0, acknowledged - stored),
      tasksFailed: afterwards.tasks?.failed ?? Number.NaN,
      queue,
    };
  } finally {
    if (server) await stopServer(server);
    await database.drop();
  }
}

function verdicts(result: Awaited<ReturnType<typeof measure>>) {
  const m = result.mixed;
  return [
    [
      `cached article p99 ≤ ${TARGETS.cachedArticleP99Ms} ms`,
      m.articleP99Ms,
      m.articleP99Ms <= TARGETS.cachedArticleP99Ms,
    ],
    [`thread p99 ≤ ${TARGETS.threadP99Ms} ms`, m.threadP99Ms, m.threadP99Ms <= TARGETS.threadP99Ms],
    [`thread timeouts = 0`, m.threadTimeouts, m.threadTimeouts === TARGETS.threadTimeouts],
    [`replies/s ≥ ${TARGETS.repliesPerSecond}`, m.repliesPerSecond, m.repliesPerSecond >= TARGETS.repliesPerSecond],
    [`lost replies = 0`, result.lostReplies, result.lostReplies === TARGETS.lostReplies],
    [
      `one reply's main-thread time p95 ≤ ${TARGETS.oneReplyP95Ms} ms`,
      result.oneWriter.mainThreadP95Ms,
      result.oneWriter.mainThreadP95Ms <= TARGETS.oneReplyP95Ms,
    ],
    [
      `event-loop delay p99 ≤ ${TARGETS.eventLoopDelayP99Ms} ms`,
      m.eventLoopDelayP99Ms,
      m.eventLoopDelayP99Ms <= TARGETS.eventLoopDelayP99Ms,
    ],
  ] as const;
}

async function main() {
  if (!fs.existsSync(path.resolve(repoRoot, process.env.BUILD_DIR ?? "build", "server/index.js"))) {
    console.error("Build the app first: npm run build");
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-mixed-"));
  tempDirs.add(dir);
  const scripts = { writer: path.join(dir, "writer.lua"), reader: path.join(dir, "reader.lua") };
  fs.writeFileSync(scripts.writer, WRITER_SCRIPT);
  fs.writeFileSync(scripts.reader, READER_SCRIPT);
  const results = [];
  for (const kind of DATABASES) {
    const result = await measure(kind, scripts);
    results.push(result);
    console.log(
      `\n${kind}: one writer alone ${result.oneWriter.repliesPerSecond} replies/s, p50 ${result.oneWriter.p50Ms} ms, p95 ${result.oneWriter.p95Ms} ms; main thread ${result.oneWriter.mainThreadMsPerReply} ms busy and ${result.oneWriter.processCpuMsPerReply} ms of CPU (all threads) per reply, its queued tasks included; ${kind === "sqlite" ? `the request alone ${result.oneWriter.requestMainThreadMsPerReply} ms (means)` : "means"}; each reply's own main-thread time p50 ${result.oneWriter.mainThreadP50Ms} ms, p95 ${result.oneWriter.mainThreadP95Ms} ms, p99 ${result.oneWriter.mainThreadP99Ms} ms (process CPU p95 ${result.oneWriter.processCpuP95Ms} ms; ${result.oneWriter.measuredReplies} replies nothing overlapped)`,
    );
    console.log(
      `${kind}: readers alone: article ${result.baseline.articlePerSecond}/s (p99 ${result.baseline.articleP99Ms} ms), thread ${result.baseline.threadPerSecond}/s (p99 ${result.baseline.threadP99Ms} ms)`,
    );
    console.log(
      `${kind}: mixed ${MIXED_SECONDS} s: ${result.acknowledged} replies acknowledged (${result.mixed.repliesPerSecond}/s, p50 ${result.mixed.replyP50Ms} ms, p99 ${result.mixed.replyP99Ms} ms), ${result.stored} stored; article ${result.mixed.articlePerSecond}/s (p50 ${result.mixed.articleP50Ms} ms, p99 ${result.mixed.articleP99Ms} ms), thread ${result.mixed.threadPerSecond}/s (p50 ${result.mixed.threadP50Ms} ms, p99 ${result.mixed.threadP99Ms} ms, ${result.mixed.threadTimeouts} timeouts); event-loop delay p99 ${result.mixed.eventLoopDelayP99Ms} ms (max ${result.mixed.eventLoopDelayMaxMs} ms); ${result.queue.backlogAtEnd} queued tasks waiting at the end, ${describeDrain(result.queue)}`,
    );
    console.log(
      formatTable(
        ["target", "measured", ""],
        verdicts(result).map(([name, value, ok]) => [name, value, mark(ok)]),
      ),
    );
  }
  const allHeld = results.every((result) => verdicts(result).every(([, , ok]) => ok));
  console.log(`\nEvery target on every database: ${mark(allHeld)}`);
  console.log(`Wrote ${await writeResults("mixed.json", { machine: environment(), targets: TARGETS, results })}`);
}

function describeDrain(queue: { drainSeconds: number; stillWaiting: number; drainedPerSecond: number }) {
  const pace = `${queue.drainedPerSecond} a second once the load stopped`;
  return queue.stillWaiting === 0
    ? `all done ${queue.drainSeconds} s later (${pace})`
    : `${queue.stillWaiting} still waiting when the bench stopped waiting ${queue.drainSeconds} s later (${pace})`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
