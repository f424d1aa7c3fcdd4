/**
 * `npx tsx scripts/bench/insights.ts`: /admin/insights (last 90 days) on the seed data, then on a
 * throw-away database grown to 1,000,000 searches (+100,000 clicks), 100,000 page views and 50,000
 * tickets (with events and surveys) plus 20,000 contact flows, written with batched raw inserts.
 * Reports the server time of the page (p50/p95 of sequential requests on localhost, signed in as
 * staff) and the big ÷ seed ratio, plus how long the rollup-analytics job took to roll the searches up.
 *
 * Needs the app built into BUILD_DIR (default build/) and the content built. Writes bench-results/insights.json.
 */
import fs from "node:fs";
import path from "node:path";
import { createBenchDatabase, signIn } from "./app-databases";
import { CLICKS, FLOWS, grow, PAGE_VIEWS, SEARCHES, TICKETS } from "./insights-data";
import { appServerCommand, freePort, run, startServer, stopServer, waitUntilReady } from "./processes";
import { environment, formatTable, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const REQUESTS = numberFromEnv("BENCH_REQUESTS", 30);

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timePage(url: string, cookie: string) {
  const times: number[] = [];
  for (let index = 0; index < REQUESTS + 2; index++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie, accept: "text/html" } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    if (index >= 2) times.push(performance.now() - started); // two warm-up requests
  }
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}

async function main() {
  const buildDir = process.env.BUILD_DIR ?? "build";
  if (!fs.existsSync(path.resolve(repoRoot, buildDir, "server/index.js"))) {
    console.error(`No app build in ${buildDir}/: run \`npm run build\` (or BUILD_DIR=… npx remix vite:build) first.`);
    process.exit(1);
  }
  console.log("Creating a bench database (prisma migrate deploy + seed) …");
  const database = await createBenchDatabase("sqlite", "insights");
  const file = database.url.replace(/^file:/, "");
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: database.url };
  await run("npx", ["tsx", "scripts/jobs-run.ts", "rollup-analytics"], env);

  const measure = async (label: string) => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const app = startServer(`app-${label}`, port, ...appServerCommand(), {
      ...env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: origin,
      JOBS: "off",
    });
    await waitUntilReady(app);
    try {
      const cookie = await signIn(origin);
      return await timePage(`${origin}/admin/insights?range=90`, cookie);
    } finally {
      await stopServer(app);
    }
  };

  console.log(`Measuring /admin/insights?range=90 on the seed data (${REQUESTS} requests) …`);
  const seed = await measure("seed");

  console.log(
    `Growing the database: ${SEARCHES.toLocaleString("en-US")} searches, ${CLICKS.toLocaleString("en-US")} clicks, ${PAGE_VIEWS.toLocaleString("en-US")} page views, ${TICKETS.toLocaleString("en-US")} tickets, ${FLOWS.toLocaleString("en-US")} contact flows …`,
  );
  let started = performance.now();
  grow(file, Date.now());
  const growSeconds = round((performance.now() - started) / 1000);
  started = performance.now();
  await run("npx", ["tsx", "scripts/jobs-run.ts", "rollup-analytics"], env);
  const rollupSeconds = round((performance.now() - started) / 1000);
  const searchDailyRows = await database.scalar('SELECT COUNT(*) FROM "SearchDaily"');

  console.log(`Measuring /admin/insights?range=90 on the grown data (${REQUESTS} requests) …`);
  const big = await measure("big");
  await database.drop();

  const result = {
    environment: environment(),
    volumes: {
      searches: SEARCHES,
      clicks: CLICKS,
      pageViews: PAGE_VIEWS,
      tickets: TICKETS,
      contactFlows: FLOWS,
      searchDailyRows,
    },
    growSeconds,
    rollupSeconds,
    seedMs: seed,
    bigMs: big,
    ratioP50: round(big.p50 / seed.p50, 2),
    ratioP95: round(big.p95 / seed.p95, 2),
  };
  console.log(
    formatTable(
      ["data", "p50 ms", "p95 ms"],
      [
        ["seed", seed.p50, seed.p95],
        ["1M searches, 100k views, 50k tickets", big.p50, big.p95],
        ["ratio big ÷ seed", result.ratioP50, result.ratioP95],
      ],
    ),
  );
  console.log(
    `Rollup of the grown searches into ${searchDailyRows} SearchDaily rows: ${rollupSeconds} s (data written in ${growSeconds} s).`,
  );
  console.log(`Written to ${await writeResults("insights.json", result)}`);
}

await main();
process.exit(0);
