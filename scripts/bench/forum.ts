/**
 * `npm run bench:forum`: the community forum's numbers, all measured in one run against the
 * production build on a fresh seeded SQLite database, each as a ratio against a baseline from the same run.
 *
 *   anonymous thread page (page cache) ÷ node:http hello-world, with wrk     target ≥ 0.5
 *   signed-in thread page of a 100-reply thread (a member's view) ÷ signed-in article page  target ≥ 0.5 (and server CPU per page)
 *   8 repliers writing at once to ONE thread ÷ 1 replier                   target ≥ 0.8, 0 errors,
 *                                                                          0 lost replies, post numbers unique
 *
 *   BUILD_DIR=build npm run bench:forum     (BENCH_DURATION=6 seconds per run, BENCH_ROUNDS=3, BENCH_CONNECTIONS=10)
 *
 * The repliers are 8 staff agents (scripts/bench/forum-fixtures.ts: 30-day-old accounts with 3 clean posts
 * each; staff are exempt from the members' write limits), one wrk connection each with its own session, so
 * no code path is bypassed. The signed-in pages are read by an established member. Replies are POSTs of the thread page's form; a 303 is an acknowledged reply.
 * Server-Sent Events latency has its own script: `BUILD_DIR=build npx tsx scripts/bench/live-replies.ts`.
 * Needs wrk (apt-get install wrk). Writes bench-results/forum.json; exits non-zero when a check fails.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createBenchDatabase, parseWrk, signIn, type BenchDatabase } from "./app-databases";
import {
  appServerCommand,
  freePort,
  groupCpuSeconds,
  startServer,
  stopServer,
  tempDirs,
  waitUntilReady,
  type Server,
} from "./processes";
import { SEED_USERS } from "../../prisma/seed-data";
import { environment, formatTable, mark, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const SECONDS = Math.round(numberFromEnv("BENCH_DURATION", 6));
const ROUNDS = Math.round(numberFromEnv("BENCH_ROUNDS", 3));
const CONNECTIONS = Math.round(numberFromEnv("BENCH_CONNECTIONS", 10));
const ARTICLE_PATH = "/kb/how-fast-will-we-respond-to-my-ticket";
const TARGET_CACHED_RATIO = 0.5;
const TARGET_REPLIERS_RATIO = 0.8;
/** A member reading a long thread should cost at most about twice an article page. */
const TARGET_SIGNED_IN_THREAD_RATIO = 0.5;
const REPLIERS = 8;

const HELLO_WORLD = `
require("node:http")
  .createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("Hello, world!\\n");
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
`;

/**
 * Each wrk thread (one connection each) posts as its own member: setup() numbers the threads and each
 * thread's init() takes the session cookie of that number from the arguments. A reply counts as stored
 * only when it is answered 303 to the thread (a 303 to /login would be a lost session, not a reply);
 * done() prints the sums, since wrk's own summary counts every 3xx as a success.
 */
const REPLY_SCRIPT = `
local threads = {}
local index = 0
function setup(thread)
  index = index + 1
  thread:set("id", index)
  table.insert(threads, thread)
end
local marker, target = "", ""
function init(args)
  marker, target = args[1], args[3]
  wrk.headers["Cookie"] = args[3 + id]
  wrk.headers["Origin"] = args[2]
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  math.randomseed(os.time() + id * 7919)
  ok, bad = 0, 0
end
local count = 0
function request()
  count = count + 1
  local body = "intent=reply&body=" .. marker .. "+reply+" .. id .. "+" .. count .. "+" .. math.random(1, 1000000000) .. "%3A+check+the+escalation+settings+first."
  return wrk.format("POST", target, nil, body)
end
local shown = 0
function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  if status == 303 and string.find(location, target, 1, true) == 1 then
    ok = ok + 1
  else
    bad = bad + 1
    if shown < 3 then
      shown = shown + 1
      io.write("answered " .. status .. " " .. location .. ": " .. string.sub(string.gsub(body, "%s+", " "), 1, 300) .. "\\n")
    end
  end
end
function done(summary, latency, requests)
  local okSum, badSum = 0, 0
  for _, thread in ipairs(threads) do
    okSum = okSum + thread:get("ok")
    badSum = badSum + thread:get("bad")
  end
  io.write("replies-ok " .. okSum .. " replies-bad " .. badSum .. "\\n")
end
`;

function wrkAvailable() {
  return spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;
}

function checkBuilt() {
  if (fs.existsSync(path.resolve(repoRoot, process.env.BUILD_DIR ?? "build", "server/index.js"))) return;
  console.error("Build the app first: npm run build (or BUILD_DIR=… npx remix vite:build)");
  process.exit(1);
}

type WrkResult = NonNullable<ReturnType<typeof parseWrk>>;

function wrk(args: string[]): WrkResult {
  const output = spawnSync("wrk", args, { encoding: "utf8" });
  const parsed = parseWrk(output.stdout ?? "");
  if (!parsed) throw new Error(`wrk failed:\n${output.stdout}\n${output.stderr}`);
  if (output.stderr) throw new Error(`wrk: ${output.stderr}`);
  if (parsed.socketErrors || parsed.badStatus) console.warn(`wrk reported errors:\n${output.stdout}`);
  return parsed;
}

/** Server CPU seconds spent per page, per URL, over the signed-in runs (less sensitive to other load than req/s). */
const cpuPerUrl = new Map<string, { seconds: number; requests: number }>();

function get(url: string, seconds: number, headers: Record<string, string> = {}, server?: Server) {
  const flags = Object.entries({ accept: "text/html", "accept-encoding": "gzip", ...headers }).flatMap(
    ([name, value]) => ["-H", `${name}: ${value}`],
  );
  const cpuBefore = server ? groupCpuSeconds(server) : null;
  const result = wrk(["-t1", `-c${CONNECTIONS}`, `-d${seconds}s`, "--timeout", "10s", ...flags, url]);
  const cpuAfter = server ? groupCpuSeconds(server) : null;
  if (cpuBefore !== null && cpuAfter !== null) {
    const total = cpuPerUrl.get(url) ?? { seconds: 0, requests: 0 };
    cpuPerUrl.set(url, { seconds: total.seconds + cpuAfter - cpuBefore, requests: total.requests + result.requests });
  }
  return result;
}

function cpuMillisecondsPerPage(url: string): number {
  const total = cpuPerUrl.get(url);
  return total && total.requests > 0 ? round((total.seconds * 1000) / total.requests, 2) : Number.NaN;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A and B in turns (A B A B … A): each B is compared with the mean of the A runs around it, and the median ratio counts. */
function alternate(a: () => WrkResult, b: () => WrkResult) {
  a();
  b(); // warm-up of both
  const aRuns = [a()];
  const bRuns: WrkResult[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bRuns.push(b());
    aRuns.push(a());
    ratios.push(
      bRuns[round].requestsPerSecond / ((aRuns[round].requestsPerSecond + aRuns[round + 1].requestsPerSecond) / 2),
    );
  }
  const errors = [...aRuns, ...bRuns].reduce((sum, run) => sum + run.socketErrors + run.badStatus, 0);
  return {
    a: round(median(aRuns.map((run) => run.requestsPerSecond))),
    b: round(median(bRuns.map((run) => run.requestsPerSecond))),
    ratio: round(median(ratios), 3),
    roundRatios: ratios.map((ratio) => round(ratio, 3)),
    errors,
  };
}

/** A fetch that survives the server closing an idle keep-alive connection (the pool's socket from before the wrk run). */
async function fetchAgain(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

function fixtures(database: BenchDatabase) {
  const output = spawnSync("npx", ["tsx", "scripts/bench/forum-fixtures.ts"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: "utf8",
  });
  if (output.status !== 0) throw new Error(`forum fixtures failed:\n${output.stdout}\n${output.stderr}`);
  return JSON.parse(output.stdout.trim().split("\n").at(-1) ?? "") as {
    longThread: string;
    raceThread: { id: number; path: string };
    members: { email: string; password: string }[];
    reader: { email: string; password: string };
  };
}

/** What a signed-in reader downloads for one thread page: its bytes and how many forms and inputs it carries. */
async function pageWeight(url: string, cookie: string) {
  const html = await (await fetch(url, { headers: { accept: "text/html", cookie } })).text();
  return {
    bytes: Buffer.byteLength(html),
    forms: html.match(/<form[\s>]/g)?.length ?? 0,
    inputs: html.match(/<(?:input|textarea|select)[\s>]/g)?.length ?? 0,
  };
}

async function main() {
  checkBuilt();
  if (!wrkAvailable()) {
    console.error("wrk is not installed (apt-get install wrk); this bench needs it.");
    process.exit(1);
  }
  const machine = environment();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-forum-"));
  tempDirs.add(dir);
  const scriptFile = path.join(dir, "reply.lua");
  fs.writeFileSync(scriptFile, REPLY_SCRIPT);

  console.log("Creating a bench database (migrate + seed + forum fixtures) …");
  const database = await createBenchDatabase("sqlite", "forum");
  const servers: Server[] = [];
  try {
    const fixture = fixtures(database);
    const helloPort = await freePort();
    const hello = startServer("baseline", helloPort, process.execPath, ["-e", HELLO_WORLD], {
      ...process.env,
      PORT: String(helloPort),
    });
    servers.push(hello);
    await waitUntilReady(hello).catch(() => undefined);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: database.url,
      SEARCH_DB: path.join(dir, "search.db"),
      JOBS: "off",
    };
    delete env.PAGE_CACHE;
    delete env.SMTP_URL;
    const app = startServer("app", port, ...appServerCommand(), env);
    servers.push(app);
    await waitUntilReady(app);

    const longUrl = `${app.origin}${fixture.longThread}`;
    const probe = await fetch(longUrl, { headers: { accept: "text/html" } });
    const probeHtml = await probe.text();
    if (!probe.ok || !probeHtml.includes('id="post-20"'))
      throw new Error(`the 100-reply thread page answered ${probe.status} without its first page of posts`);
    console.log(`anonymous thread page (cached) vs hello-world, wrk, ${ROUNDS} alternating rounds of ${SECONDS}s …`);
    const anonymous = alternate(
      () => get(`${hello.origin}/`, SECONDS),
      () => get(longUrl, SECONDS),
    );
    const second = await fetchAgain(longUrl, { headers: { accept: "text/html" } });
    await second.arrayBuffer();
    const xCache = second.headers.get("x-cache");

    // A member's view (the reply box, like and flag buttons); a moderator's adds a menu of forms to every post.
    console.log("signed-in thread page (100 replies) vs signed-in article page, as an established member …");
    const reader = fixture.reader;
    const cookie = await signIn(app.origin, reader).catch(() => signIn(app.origin, reader));
    const signedIn = alternate(
      () => get(`${app.origin}${ARTICLE_PATH}`, SECONDS, { cookie }, app),
      () => get(longUrl, SECONDS, { cookie }, app),
    );
    // The same comparison by server CPU per page (warm-up runs included on both sides).
    const signedInCpu = {
      articleMs: cpuMillisecondsPerPage(`${app.origin}${ARTICLE_PATH}`),
      threadMs: cpuMillisecondsPerPage(longUrl),
    };

    const moderatorAccount = SEED_USERS.find((user) => user.role === "moderator");
    if (!moderatorAccount) throw new Error("the seed has no moderator");
    const weight = {
      member: await pageWeight(longUrl, cookie),
      moderator: await pageWeight(longUrl, await signIn(app.origin, moderatorAccount)),
    };

    console.log(`repliers on one thread: 1 member, ${REPLIERS} members, 1 member …`);
    const cookies: string[] = [];
    for (const member of fixture.members)
      cookies.push(await signIn(app.origin, member).catch(() => signIn(app.origin, member)));
    const marker = `benchforum${process.pid}`;
    const replyRun = (writers: number, seconds: number) => {
      const output = spawnSync(
        "wrk",
        [
          `-t${writers}`,
          `-c${writers}`,
          `-d${seconds}s`,
          "--timeout",
          "10s",
          "-s",
          scriptFile,
          app.origin,
          "--",
          marker,
          app.origin,
          fixture.raceThread.path,
          ...cookies.slice(0, writers),
        ],
        { encoding: "utf8" },
      );
      const parsed = parseWrk(output.stdout ?? "");
      const counted = /replies-ok (\d+) replies-bad (\d+)/.exec(output.stdout ?? "");
      if (!parsed || !counted || output.stderr) throw new Error(`wrk failed:\n${output.stdout}\n${output.stderr}`);
      const bad = Number(counted[2]) + parsed.socketErrors;
      if (bad) console.warn(`${writers} replier(s): errors\n${output.stdout}`);
      return { ...parsed, acknowledged: Number(counted[1]), errors: bad };
    };
    const warmUp = replyRun(1, 2);
    const runs = [replyRun(1, SECONDS), replyRun(REPLIERS, SECONDS), replyRun(1, SECONDS)];
    const one = (runs[0].requestsPerSecond + runs[2].requestsPerSecond) / 2;
    const eight = runs[1].requestsPerSecond;
    const all = [warmUp, ...runs];
    const replyErrors = all.reduce((sum, run) => sum + run.errors, 0);
    const acknowledged = all.reduce((sum, run) => sum + run.acknowledged, 0);
    // Let requests still in flight when wrk stopped finish before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const id = fixture.raceThread.id;
    const stored = await database.scalar(
      `SELECT count(*) FROM "ForumPost" WHERE "threadId" = ${id} AND "bodyMarkdown" LIKE '${marker} reply %'`,
    );
    const posts = await database.scalar(`SELECT count(*) FROM "ForumPost" WHERE "threadId" = ${id}`);
    const distinctNumbers = await database.scalar(
      `SELECT count(DISTINCT "number") FROM "ForumPost" WHERE "threadId" = ${id}`,
    );
    const maxNumber = await database.scalar(`SELECT max("number") FROM "ForumPost" WHERE "threadId" = ${id}`);
    const counters = (
      await database.rows<{ postCount: number; lastPostNumber: number }>(
        `SELECT "postCount", "lastPostNumber" FROM "ForumThread" WHERE id = ${id}`,
      )
    )[0];
    const numbersUnique =
      distinctNumbers === posts &&
      maxNumber === posts &&
      counters.postCount === posts &&
      counters.lastPostNumber === posts;
    const lost = Math.max(0, acknowledged - stored);

    const replies = {
      oneReplierPerSecond: round(one),
      eightRepliersPerSecond: round(eight),
      eightOverOne: round(eight / one, 2),
      errors: replyErrors,
      acknowledged,
      stored,
      lost,
      postsInThread: posts,
      numbersUnique,
      counters,
    };
    console.log();
    console.log(
      formatTable(
        ["measure", "req/s", "baseline req/s", "ratio", "target", "met"],
        [
          [
            "anonymous thread page (cached) ÷ hello-world",
            anonymous.b,
            anonymous.a,
            anonymous.ratio,
            `≥ ${TARGET_CACHED_RATIO}`,
            mark(anonymous.ratio >= TARGET_CACHED_RATIO && anonymous.errors === 0),
          ],
          [
            "signed-in thread page (100 replies) ÷ signed-in article",
            signedIn.b,
            signedIn.a,
            signedIn.ratio,
            `≥ ${TARGET_SIGNED_IN_THREAD_RATIO}`,
            mark(signedIn.ratio >= TARGET_SIGNED_IN_THREAD_RATIO && signedIn.errors === 0),
          ],
          [
            `${REPLIERS} repliers ÷ 1 replier, one thread`,
            replies.eightRepliersPerSecond,
            replies.oneReplierPerSecond,
            replies.eightOverOne,
            `≥ ${TARGET_REPLIERS_RATIO}`,
            mark(replies.eightOverOne >= TARGET_REPLIERS_RATIO),
          ],
        ],
      ),
    );
    console.log(
      `\nanonymous page X-Cache after the runs: ${xCache}; round ratios ${anonymous.roundRatios.join(", ")}; signed-in round ratios ${signedIn.roundRatios.join(", ")}`,
    );
    console.log(
      `server CPU per signed-in page: article ${signedInCpu.articleMs} ms, 100-reply thread ${signedInCpu.threadMs} ms; article ÷ thread ${round(signedInCpu.articleMs / signedInCpu.threadMs, 3)}`,
    );
    for (const [viewer, page] of Object.entries(weight))
      console.log(
        `signed-in thread page (100 replies) as a ${viewer}: ${page.bytes} bytes, ${page.forms} forms, ${page.inputs} inputs/textareas/selects`,
      );
    console.log(
      `replies: ${acknowledged} acknowledged, ${stored} stored, ${lost} lost, ${replyErrors} errors; ${posts} posts numbered 1…${maxNumber}, unique and matching the counters: ${mark(numbersUnique)}`,
    );
    const ok = anonymous.errors === 0 && signedIn.errors === 0 && replyErrors === 0 && lost === 0 && numbersUnique;
    console.log(`0 errors, 0 lost replies, unique post numbers: ${mark(ok)}`);
    console.log(
      `Wrote ${await writeResults("forum.json", { machine, secondsPerRun: SECONDS, rounds: ROUNDS, connections: CONNECTIONS, anonymous: { ...anonymous, xCache }, signedIn: { ...signedIn, cpu: signedInCpu }, pageWeight: weight, replies })}`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    for (const server of servers) await stopServer(server);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
