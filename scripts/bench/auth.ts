/**
 * `tsx scripts/bench/auth.ts`: what signing in costs.
 *
 * 1. Pages. The production server (node build-server/index.mjs) with PAGE_CACHE=off and a fresh
 *    migrated and seeded database, in a child process. A seeded member signs in over
 *    HTTP (POST /login with a same-site Origin) and the `tf_session` cookie is kept.
 *    With the same autocannon settings, GET the article page anonymously and with the
 *    cookie: the ratio signed-in ÷ anonymous is the price of session validation (one
 *    primary-key lookup and a SHA-256 per request) and of the signed-in header.
 *    Target ≥ 0.8. (With the page cache on, anonymous pages would come from memory
 *    and the comparison would measure the cache, not sessions.) The two runs
 *    alternate over BENCH_ROUNDS rounds (anonymous first in odd rounds, signed-in
 *    first in even ones) and the ratio reported is the median of the rounds'
 *    ratios, so a machine whose load drifts during the run (other processes)
 *    skews both sides alike instead of whichever ran second.
 * 2. Password hashing. N calls of verifyPassword (app/auth/password.server.ts)
 *    in-process against the seeded user's stored argon2id hash, and N full POST /login
 *    round trips (form parsing, rate-limit bookkeeping, verify, session insert,
 *    redirect). Mean and p95 in ms; target 50–500 ms per sign-in: slow enough to
 *    hurt offline guessing, fast enough for people.
 *
 * Needs `npm run build`. Writes bench-results/auth.json. Targets print ✓/✗ but never
 * change the exit code; it exits non-zero only when requests errored (transport errors,
 * timeouts, non-2xx answers under load, or a sign-in that did not sign in).
 * BENCH_CONNECTIONS, BENCH_DURATION and BENCH_WARMUP (seconds) and BENCH_HASH_SAMPLES
 * override the settings.
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { HASH_OPTIONS, verifyPassword } from "../../app/auth/password.server";
import { SEED_USERS } from "../../prisma/seed-data";
import {
  appServerCommand,
  freePort,
  run,
  running,
  startServer,
  stopServer,
  tempDirs,
  waitUntilReady,
  type Server,
} from "./processes";
import { environment, formatTable, mark, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const ARTICLE_PATH = "/kb/how-fast-will-we-respond-to-my-ticket";
const CONNECTIONS = numberFromEnv("BENCH_CONNECTIONS", 10);
const DURATION_SECONDS = numberFromEnv("BENCH_DURATION", 8);
const WARMUP_SECONDS = numberFromEnv("BENCH_WARMUP", 2);
const HASH_SAMPLES = Math.round(numberFromEnv("BENCH_HASH_SAMPLES", 20));
const ROUNDS = Math.max(1, Math.round(numberFromEnv("BENCH_ROUNDS", 3)));
/** Headers a browser sends (the same for both runs; the signed-in run adds its cookie). */
const REQUEST_HEADERS = { accept: "text/html,application/xhtml+xml", "accept-encoding": "gzip, deflate, br" };
const SESSION_COOKIE = "tf_session";
const TARGET_SIGNED_IN_RATIO = 0.8;
const TARGET_SIGN_IN_MS = { min: 50, max: 500 };
const KB = 1024;
/** A seeded member (prisma/seed-data.ts); any verified user would do. */
const USER = SEED_USERS.find((user) => user.role === "member")!;

function checkBuilt() {
  const contentCacheDir = path.resolve(repoRoot, process.env.CONTENT_CACHE_DIR ?? ".content-cache");
  const missing = [
    path.resolve(repoRoot, process.env.BUILD_DIR ?? "build", "server/index.js"),
    path.join(contentCacheDir, "manifest.json"),
  ].filter((file) => !fs.existsSync(file));
  if (missing.length === 0) return;
  console.error(`Missing ${missing.map((file) => path.relative(repoRoot, file)).join(" and ")}.`);
  console.error("Build the app first:  npm run build   (compiles the content, then the Remix app)");
  process.exit(1);
}

async function createBenchDatabase(dir: string): Promise<{ databaseUrl: string; file: string }> {
  const file = path.join(dir, "bench.db");
  const databaseUrl = `file:${file}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  await run("npx", ["prisma", "migrate", "deploy"], env);
  await run("npx", ["tsx", "prisma/seed.ts"], env);
  return { databaseUrl, file };
}

async function appServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    PAGE_CACHE: "off",
  };
  // Mail, if any, goes to the outbox table of the bench database.
  delete env.SMTP_URL;
  const server = startServer("app (PAGE_CACHE=off)", port, ...appServerCommand(), env);
  const health = JSON.parse(await waitUntilReady(server)) as { db?: string; content?: string };
  if (health.db !== "ok" || !health.content || health.content === "missing" || health.content === "empty") {
    throw new Error(`${server.name} is up but unhealthy: ${JSON.stringify(health)}`);
  }
  return server;
}

// ---------------------------------------------------------------------------
// Signing in over HTTP

type SignInAnswer = { status: number; location: string | null; token: string | null };

async function postLogin(origin: string): Promise<SignInAnswer> {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    // Every non-GET needs a same-site Origin (app/lib/csrf.ts).
    headers: { origin, "content-type": "application/x-www-form-urlencoded", "user-agent": "auth-bench (node)" },
    body: new URLSearchParams({ email: USER.email, password: USER.password }),
  });
  await response.arrayBuffer();
  const token =
    response.headers
      .getSetCookie()
      .map((cookie) => cookie.match(new RegExp(`^${SESSION_COOKIE}=([^;]+)`))?.[1])
      .find(Boolean) ?? null;
  return { status: response.status, location: response.headers.get("location"), token };
}

function signedIn(answer: SignInAnswer) {
  return answer.status === 302 && answer.location === "/settings" && answer.token !== null;
}

// ---------------------------------------------------------------------------
// Load

type LoadResult = {
  label: string;
  url: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  throughputMBps: number;
  warmup: { requests: number; errors: number; timeouts: number; non2xx: number };
  /** What a request made right after the warm-up shows: who the page was rendered for, and that no cache answered. */
  probe: { status: number; xCache: string | null; signedInHeader: boolean; bytes: number };
};

function statusCounts(result: autocannon.Result): Record<string, number> {
  return Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
}

function totalRequests(result: autocannon.Result) {
  return result.requests.total ?? result["2xx"] + result.non2xx;
}

async function load(label: string, url: string, headers: Record<string, string>): Promise<LoadResult> {
  const settings = { url, connections: CONNECTIONS, headers };
  process.stdout.write(`  ${label.padEnd(10)} warm-up ${WARMUP_SECONDS}s … `);
  const warmup = await autocannon({ ...settings, duration: WARMUP_SECONDS });
  const probeResponse = await fetch(url, { headers });
  const html = await probeResponse.text();
  process.stdout.write(`measuring ${DURATION_SECONDS}s … `);
  const result = await autocannon({ ...settings, duration: DURATION_SECONDS });
  console.log(`${Math.round(result.requests.average)} req/s`);
  return {
    label,
    url,
    requestsPerSecond: round(result.requests.average),
    latencyMs: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      mean: round(result.latency.mean, 2),
      max: result.latency.max,
    },
    requests: totalRequests(result),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: statusCounts(result),
    throughputMBps: round(result.throughput.average / (KB * KB), 2),
    warmup: {
      requests: totalRequests(warmup),
      errors: warmup.errors,
      timeouts: warmup.timeouts,
      non2xx: warmup.non2xx,
    },
    probe: {
      status: probeResponse.status,
      xCache: probeResponse.headers.get("x-cache"),
      signedInHeader: html.includes('data-testid="signed-in-as"'),
      bytes: Buffer.byteLength(html),
    },
  };
}

function failedRequests(result: LoadResult) {
  return (
    result.errors +
    result.timeouts +
    result.non2xx +
    result.warmup.errors +
    result.warmup.timeouts +
    result.warmup.non2xx
  );
}

// ---------------------------------------------------------------------------
// Timing

type Timing = { samples: number; meanMs: number; p50Ms: number; p95Ms: number; minMs: number; maxMs: number };

/** Nearest-rank percentile. */
function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples: samples.length,
    meanMs: round(samples.reduce((sum, value) => sum + value, 0) / samples.length, 1),
    p50Ms: round(percentile(sorted, 0.5), 1),
    p95Ms: round(percentile(sorted, 0.95), 1),
    minMs: round(sorted[0], 1),
    maxMs: round(sorted[sorted.length - 1], 1),
  };
}

/** One untimed call first (loads native code, warms caches), then `samples` timed calls one after another. */
async function time(samples: number, call: () => Promise<boolean>): Promise<{ timing: Timing; failures: number }> {
  let failures = (await call()) ? 0 : 1;
  const durations: number[] = [];
  for (let index = 0; index < samples; index++) {
    const started = performance.now();
    const ok = await call();
    durations.push(performance.now() - started);
    if (!ok) failures++;
  }
  return { timing: summarise(durations), failures };
}

function storedHashOf(databaseFile: string, email: string): string {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT passwordHash FROM User WHERE email = ?").get(email) as
      { passwordHash: string } | undefined;
    if (!row) throw new Error(`the seed did not create ${email}`);
    return row.passwordHash;
  } finally {
    db.close();
  }
}

const withinSignInTarget = (timing: Timing) =>
  timing.meanMs >= TARGET_SIGN_IN_MS.min && timing.p95Ms <= TARGET_SIGN_IN_MS.max;

// ---------------------------------------------------------------------------
// The run

async function main() {
  checkBuilt();
  const machine = environment();
  console.log(
    `Auth benchmark: ${CONNECTIONS} connections, ${WARMUP_SECONDS}s warm-up + ${DURATION_SECONDS}s per run, GET ${ARTICLE_PATH} (PAGE_CACHE=off); ${HASH_SAMPLES} sign-ins timed`,
  );
  const tempDir = await fsp.mkdtemp(path.join(os.tmpdir(), "tf-bench-auth-"));
  tempDirs.add(tempDir);
  try {
    console.log("Creating a bench database (prisma migrate deploy + seed) …");
    const database = await createBenchDatabase(tempDir);
    const storedHash = storedHashOf(database.file, USER.email);

    // In-process first, while nothing else of ours is running.
    console.log(
      `verifyPassword in-process × ${HASH_SAMPLES} (argon2id m=${HASH_OPTIONS.memoryCost} KiB, t=${HASH_OPTIONS.timeCost}, p=${HASH_OPTIONS.parallelism}) …`,
    );
    const verify = await time(HASH_SAMPLES, () => verifyPassword(storedHash, USER.password));

    console.log("Starting the app server with PAGE_CACHE=off …");
    const server = await appServer(database.databaseUrl);

    const first = await postLogin(server.origin);
    if (!signedIn(first))
      throw new Error(
        `POST /login as ${USER.email} did not sign in: ${JSON.stringify({ ...first, token: first.token ? "…" : null })}`,
      );
    const cookie = `${SESSION_COOKIE}=${first.token}`;
    const settings = await fetch(`${server.origin}/settings`, { headers: { cookie }, redirect: "manual" });
    await settings.arrayBuffer();
    if (settings.status !== 200)
      throw new Error(`GET /settings with the session cookie answered ${settings.status}, not 200`);

    console.log(`Load: GET ${ARTICLE_PATH}`);
    const url = `${server.origin}${ARTICLE_PATH}`;
    const rounds: { anonymous: LoadResult; signedIn: LoadResult; ratio: number }[] = [];
    for (let turn = 1; turn <= ROUNDS; turn++) {
      console.log(` round ${turn}/${ROUNDS}`);
      const runAnonymous = () => load("anonymous", url, REQUEST_HEADERS);
      const runSignedIn = () => load("signed-in", url, { ...REQUEST_HEADERS, cookie });
      let anonymousRun: LoadResult;
      let signedInRun: LoadResult;
      if (turn % 2 === 1) {
        anonymousRun = await runAnonymous();
        signedInRun = await runSignedIn();
      } else {
        signedInRun = await runSignedIn();
        anonymousRun = await runAnonymous();
      }
      rounds.push({
        anonymous: anonymousRun,
        signedIn: signedInRun,
        ratio: signedInRun.requestsPerSecond / anonymousRun.requestsPerSecond,
      });
    }
    const medianRound = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)];
    const anonymous = medianRound.anonymous;
    const signedInLoad = medianRound.signedIn;

    console.log(`POST /login round trips × ${HASH_SAMPLES} …`);
    const roundTrips = await time(HASH_SAMPLES, async () => signedIn(await postLogin(server.origin)));
    await stopServer(server);

    const ratio = medianRound.ratio;
    const checks = {
      noFailedRequests: rounds.every((entry) => failedRequests(entry.anonymous) + failedRequests(entry.signedIn) === 0),
      everySignInSignedIn: verify.failures === 0 && roundTrips.failures === 0,
      anonymousRenderedAnonymously: anonymous.probe.status === 200 && !anonymous.probe.signedInHeader,
      signedInRenderedSignedIn: signedInLoad.probe.status === 200 && signedInLoad.probe.signedInHeader,
      noPageCache: anonymous.probe.xCache === null && signedInLoad.probe.xCache === null,
    };
    const targets = {
      signedInToAnonymous: {
        target: `≥ ${TARGET_SIGNED_IN_RATIO}`,
        value: round(ratio, 3),
        met: ratio >= TARGET_SIGNED_IN_RATIO,
      },
      verifyPassword: {
        target: `mean ≥ ${TARGET_SIGN_IN_MS.min} ms, p95 ≤ ${TARGET_SIGN_IN_MS.max} ms`,
        met: withinSignInTarget(verify.timing),
      },
      loginRoundTrip: {
        target: `mean ≥ ${TARGET_SIGN_IN_MS.min} ms, p95 ≤ ${TARGET_SIGN_IN_MS.max} ms`,
        met: withinSignInTarget(roundTrips.timing),
      },
    };

    console.log();
    console.log(
      formatTable(
        ["GET article, PAGE_CACHE=off", "req/s", "p50 ms", "p99 ms", "requests", "errors", "non-2xx"],
        [anonymous, signedInLoad].map((r) => [
          r.label,
          Math.round(r.requestsPerSecond),
          r.latencyMs.p50,
          r.latencyMs.p99,
          r.requests,
          r.errors + r.timeouts,
          r.non2xx,
        ]),
      ),
    );
    console.log(
      `signed-in ÷ anonymous per round: ${rounds.map((entry) => entry.ratio.toFixed(3)).join(", ")} (the table shows the median round)`,
    );
    console.log(
      `signed-in ÷ anonymous  ${ratio.toFixed(3)}  ${mark(targets.signedInToAnonymous.met)} target ≥ ${TARGET_SIGNED_IN_RATIO}`,
    );
    console.log();
    console.log(
      formatTable(
        ["per sign-in", "mean ms", "p50 ms", "p95 ms", "min ms", "max ms", "n", ""],
        (
          [
            ["verifyPassword (in-process)", verify.timing, targets.verifyPassword.met],
            ["POST /login round trip", roundTrips.timing, targets.loginRoundTrip.met],
          ] as const
        ).map(([label, t, met]) => [
          label,
          t.meanMs,
          t.p50Ms,
          t.p95Ms,
          t.minMs,
          t.maxMs,
          t.samples,
          `${mark(met)} target ${TARGET_SIGN_IN_MS.min}–${TARGET_SIGN_IN_MS.max}`,
        ]),
      ),
    );
    for (const [name, ok] of Object.entries(checks)) if (!ok) console.error(`✗ check failed: ${name}`);

    const file = await writeResults("auth.json", {
      generatedAt: new Date().toISOString(),
      environment: machine,
      settings: {
        connections: CONNECTIONS,
        pipelining: 1,
        warmupSeconds: WARMUP_SECONDS,
        durationSeconds: DURATION_SECONDS,
        rounds: ROUNDS,
        headers: REQUEST_HEADERS,
        path: ARTICLE_PATH,
        pageCache: "off",
        user: USER.email,
        hashSamples: HASH_SAMPLES,
        hashOptions: HASH_OPTIONS,
      },
      pages: {
        anonymous,
        signedIn: signedInLoad,
        rounds: rounds.map((entry) => ({
          anonymous: entry.anonymous.requestsPerSecond,
          signedIn: entry.signedIn.requestsPerSecond,
          ratio: round(entry.ratio, 3),
        })),
      },
      hashing: {
        verifyPassword: { ...verify.timing, failures: verify.failures },
        loginRoundTrip: { ...roundTrips.timing, failures: roundTrips.failures },
      },
      targets,
      checks,
    });
    console.log(`\nWrote ${file}`);
    // Only failed requests (or sign-ins that did not sign in) fail the run; missed targets are findings, not errors.
    if (!checks.noFailedRequests || !checks.everySignInSignedIn) process.exitCode = 1;
  } finally {
    await Promise.all([...running].map(stopServer));
    await fsp.rm(tempDir, { recursive: true, force: true });
    tempDirs.delete(tempDir);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
