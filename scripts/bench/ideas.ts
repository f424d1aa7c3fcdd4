/**
 * `npx tsx scripts/bench/ideas.ts`: feature requests under load.
 *
 * 1. /ideas for anonymous visitors (served from the page cache) against a node:http hello-world,
 *    measured in turns (B C B C … B) with wrk when installed (autocannon otherwise): the median of
 *    the per-round ratios cached ÷ baseline. Target ≥ 0.5.
 * 2. 50 members voting on one idea at once, through HTTP (the form post the vote button sends),
 *    each with their own session: votes per second, errors (anything but 200), and whether the
 *    idea's count went up by exactly 50. Then the same 50 again: every one must be refused 409 and
 *    the count must not move.
 *
 * Needs the app built into BUILD_DIR (default build/) and the content built. Each run uses its own
 * freshly migrated and seeded SQLite database. Writes bench-results/ideas.json.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
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
import { environment, mark, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const CONNECTIONS = numberFromEnv("BENCH_CONNECTIONS", 10);
const ROUND_SECONDS = numberFromEnv("BENCH_ROUND", 3);
const ROUNDS = numberFromEnv("BENCH_ROUNDS", 5);
const VOTERS = numberFromEnv("BENCH_VOTERS", 50);
const TARGET_RATIO = 0.5;
const HEADERS = { accept: "text/html,application/xhtml+xml", "accept-encoding": "gzip, deflate, br" };

const HELLO_WORLD = `
require("node:http")
  .createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("Hello, world!\\n");
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
`;

/** A GET that retries once: an idle keep-alive connection the server already closed fails the first try. */
async function get(url: string): Promise<Response> {
  try {
    return await fetch(url, { headers: HEADERS });
  } catch {
    return fetch(url, { headers: HEADERS });
  }
}

const useWrk = spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;

async function requestsPerSecond(url: string, seconds: number): Promise<number> {
  if (useWrk) {
    const headers = Object.entries(HEADERS).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
    const output =
      spawnSync("wrk", ["-t1", `-c${CONNECTIONS}`, `-d${seconds}s`, ...headers, url], { encoding: "utf8" }).stdout ??
      "";
    const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
    const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
    if (!rate) throw new Error(`wrk gave no figure for ${url}:\n${output}`);
    if (non2xx) throw new Error(`${url}: ${non2xx[1]} responses were not 2xx/3xx`);
    return Number(rate[1]);
  }
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: HEADERS });
  if (result.errors || result.non2xx) throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx`);
  return result.requests.average;
}

async function main() {
  const buildDir = process.env.BUILD_DIR ?? "build";
  if (!fs.existsSync(path.resolve(repoRoot, buildDir, "server/index.js"))) {
    console.error(`No app build in ${buildDir}/: run \`npm run build\` (or BUILD_DIR=… npx remix vite:build) first.`);
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-ideas-"));
  tempDirs.add(dir);
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  console.log("Creating a bench database (prisma migrate deploy + seed) …");
  await run("npx", ["prisma", "migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
  await run("npx", ["tsx", "prisma/seed.ts"], { ...process.env, DATABASE_URL: databaseUrl });

  const appPort = await freePort();
  const origin = `http://127.0.0.1:${appPort}`;
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(appPort),
    PUBLIC_URL: origin,
    DATABASE_URL: databaseUrl,
    JOBS: "off",
  };
  delete appEnv.PAGE_CACHE;
  const app: Server = startServer("app", appPort, ...appServerCommand(), appEnv);
  await waitUntilReady(app);
  const helloPort = await freePort();
  const hello = startServer("baseline", helloPort, process.execPath, ["-e", HELLO_WORLD], {
    ...process.env,
    PORT: String(helloPort),
  });
  await waitUntilReady(hello).catch(() => undefined);

  // ---- 1. /ideas cached vs hello-world, in turns
  const listUrl = `${origin}/ideas`;
  const probe = await get(listUrl);
  await probe.arrayBuffer();
  console.log(`/ideas first answer: ${probe.status}, X-Cache ${probe.headers.get("x-cache")}`);
  console.log(
    `Throughput with ${useWrk ? "wrk" : "autocannon"}, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_SECONDS}s in turns …`,
  );
  await requestsPerSecond(`${hello.origin}/`, 1);
  await requestsPerSecond(listUrl, 1);
  const baselines = [await requestsPerSecond(`${hello.origin}/`, ROUND_SECONDS)];
  const cached: number[] = [];
  const ratios: number[] = [];
  for (let index = 0; index < ROUNDS; index++) {
    const c = await requestsPerSecond(listUrl, ROUND_SECONDS);
    const b = await requestsPerSecond(`${hello.origin}/`, ROUND_SECONDS);
    ratios.push(c / ((baselines[baselines.length - 1] + b) / 2));
    baselines.push(b);
    cached.push(c);
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  const ratio = median(ratios);
  const xCache = (await get(listUrl)).headers.get("x-cache");
  await stopServer(hello);

  // ---- 2. 50 concurrent voters on one idea
  process.env.DATABASE_URL = databaseUrl;
  const { prisma } = await import("../../app/lib/db.server");
  const { createSession } = await import("../../app/auth/session.server");
  const idea = await prisma.idea.findFirstOrThrow({
    where: { status: "open", mergedIntoId: null, hiddenAt: null },
    orderBy: { id: "asc" },
  });
  const before = idea.voteCount;
  const runId = Date.now().toString(36);
  const cookies: string[] = [];
  for (let index = 0; index < VOTERS; index++) {
    const user = await prisma.user.create({
      data: {
        email: `bench-voter-${runId}-${index}@example.com`,
        name: `Bench voter ${index}`,
        passwordHash: "not-a-password-hash",
        emailVerifiedAt: new Date(),
      },
    });
    const { token } = await createSession(prisma, user.id, "bench");
    cookies.push(`tf_session=${token}`);
  }
  const ideaUrl = `${origin}/ideas/${idea.id}-${idea.slug}`;
  const vote = async (cookie: string) => {
    const response = await fetch(ideaUrl, {
      method: "POST",
      headers: { cookie, origin, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "vote", _fetch: "1" }),
      redirect: "manual",
    });
    await response.arrayBuffer();
    return response.status;
  };
  const started = performance.now();
  const statuses = await Promise.all(cookies.map(vote));
  const seconds = (performance.now() - started) / 1000;
  const after = (await prisma.idea.findUniqueOrThrow({ where: { id: idea.id } })).voteCount;
  const rows = await prisma.ideaVote.count({ where: { ideaId: idea.id } });
  const errors = statuses.filter((status) => status !== 200).length;
  const again = await Promise.all(cookies.map(vote));
  const afterAgain = (await prisma.idea.findUniqueOrThrow({ where: { id: idea.id } })).voteCount;
  const pageCount = Number(/data-testid="vote-count-\d+">(\d+)</.exec(await (await get(ideaUrl)).text())?.[1] ?? NaN);
  await prisma.$disconnect();
  await stopServer(app);

  const voting = {
    voters: VOTERS,
    seconds: round(seconds, 3),
    votesPerSecond: round(VOTERS / seconds),
    errors,
    statuses: Object.fromEntries(
      [...new Set(statuses)].map((status) => [status, statuses.filter((s) => s === status).length]),
    ),
    countBefore: before,
    countAfter: after,
    voteRows: rows,
    exact: after === before + VOTERS && rows === after,
    secondRound: {
      refused409: again.filter((status) => status === 409).length,
      countAfter: afterAgain,
      unchanged: afterAgain === after,
    },
    anonymousPageShows: pageCount,
  };
  const results = {
    environment: environment(),
    client: useWrk ? "wrk" : "autocannon",
    list: {
      url: "/ideas",
      baselineRps: round(median(baselines)),
      cachedRps: round(median(cached)),
      roundRatios: ratios.map((value) => round(value, 3)),
      cachedToBaseline: round(ratio, 3),
      target: TARGET_RATIO,
      xCache,
    },
    voting,
  };
  const file = await writeResults("ideas.json", results);
  console.log("");
  console.log(
    `/ideas cached ${Math.round(median(cached))} req/s ÷ hello-world ${Math.round(median(baselines))} req/s = ${ratio.toFixed(3)} (median of rounds ${ratios.map((value) => value.toFixed(2)).join(", ")})  ${mark(ratio >= TARGET_RATIO)} target ≥ ${TARGET_RATIO}`,
  );
  console.log(
    `${VOTERS} concurrent voters: ${voting.votesPerSecond} votes/s (${voting.seconds}s), ${errors} errors, count ${before} → ${after} (${rows} vote rows)  ${mark(voting.exact && errors === 0)} exact`,
  );
  console.log(
    `the same ${VOTERS} again: ${voting.secondRound.refused409} refused 409, count ${afterAgain}  ${mark(voting.secondRound.unchanged && voting.secondRound.refused409 === VOTERS)}`,
  );
  console.log(`anonymous idea page after the votes shows ${pageCount}  ${mark(pageCount === after)}`);
  console.log(`Results: ${path.relative(repoRoot, file)}`);
  const ok =
    ratio >= TARGET_RATIO && voting.exact && errors === 0 && voting.secondRound.unchanged && pageCount === after;
  process.exitCode = ok ? 0 : 1;
}

main().catch(async (error) => {
  console.error(error);
  for (const server of running) await stopServer(server);
  process.exitCode = 1;
});
