/**
 * `npm run bench:pages`: throughput of an anonymous article page.
 *
 * One after the other, with the same autocannon settings, it loads:
 *   baseline  a node:http hello-world: what this machine can do at all;
 *   cached    the production server (server/index.ts) with its page cache;
 *   uncached  the same server with PAGE_CACHE=off, so every request is server-rendered.
 * Each server runs in a child process so it never shares an event loop with
 * autocannon, which runs here. It also measures the JavaScript an article page
 * ships (every module it loads, gzip -9) against the budget.
 *
 * Needs `npm run build`. Writes bench-results/pages.json. Exits non-zero when any
 * request failed or was answered with a non-2xx status, or a sanity check failed.
 * BENCH_CONNECTIONS, BENCH_DURATION and BENCH_WARMUP (seconds) override the settings.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { freePort, run, running, startServer, stopServer, tempDirs, waitUntilReady, type Server } from "./processes";
import { environment, formatTable, mark, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const ARTICLE_PATH = "/kb/how-fast-will-we-respond-to-my-ticket";
const CONNECTIONS = numberFromEnv("BENCH_CONNECTIONS", 10);
const DURATION_SECONDS = numberFromEnv("BENCH_DURATION", 8);
const WARMUP_SECONDS = numberFromEnv("BENCH_WARMUP", 2);
/** Headers a browser sends: gzip-capable clients get the page cache's pre-compressed copy. */
const REQUEST_HEADERS = { accept: "text/html,application/xhtml+xml", "accept-encoding": "gzip, deflate, br" };
const TARGET_CACHED_RATIO = 0.5;
const JS_BUDGET_KB = 120;
const KB = 1024;

// ---------------------------------------------------------------------------
// Load

type LoadResult = {
  url: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; mean: number; max: number };
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  throughputMBps: number;
  warmup: { requests: number; errors: number; non2xx: number };
  /** The X-Cache header of a request made right after the warm-up. */
  xCache: string | null;
};

function statusCounts(result: autocannon.Result): Record<string, number> {
  return Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
}

async function load(url: string): Promise<LoadResult> {
  const settings = { url, connections: CONNECTIONS, headers: REQUEST_HEADERS };
  process.stdout.write(`  warm-up ${WARMUP_SECONDS}s … `);
  // The warm-up fills the page cache and lets V8 optimise the hot paths; its figures are not reported.
  const warmup = await autocannon({ ...settings, duration: WARMUP_SECONDS });
  const probe = await fetch(url, { headers: REQUEST_HEADERS });
  await probe.arrayBuffer();
  process.stdout.write(`measuring ${DURATION_SECONDS}s … `);
  const result = await autocannon({ ...settings, duration: DURATION_SECONDS });
  console.log(`${Math.round(result.requests.average)} req/s`);
  return {
    url,
    requestsPerSecond: round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean, max: result.latency.max },
    requests: result.requests.total ?? result["2xx"] + result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: statusCounts(result),
    throughputMBps: round(result.throughput.average / (KB * KB), 2),
    warmup: { requests: warmup.requests.total ?? warmup["2xx"] + warmup.non2xx, errors: warmup.errors, non2xx: warmup.non2xx },
    xCache: probe.headers.get("x-cache"),
  };
}

// ---------------------------------------------------------------------------
// JavaScript shipped to an article page

type Via = "script src" | "modulepreload" | "inline module import" | "static import";
type ShippedFile = { url: string; via: Via; bytes: number; gzipBytes: number };
type ShippedJs = {
  page: string;
  files: ShippedFile[];
  totalBytes: number;
  totalGzipBytes: number;
  totalGzipKB: number;
  budgetKB: number;
  withinBudget: boolean;
  /** Inline <script> bodies: Remix's bootstrap and the loader data, which carries the compiled MDX. Not in the budget. */
  inlineScripts: { count: number; bytes: number; gzipBytes: number };
  /** Modules from another origin: listed, never fetched. */
  external: string[];
};

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    found.set(match[1].toLowerCase(), match[2] ?? match[3] ?? match[4] ?? "");
  }
  return found;
}

/**
 * Static import specifiers in an ES module (`import "./a.js"`, `import x from "/b.js"`,
 * `export * from "./c.js"`). Dynamic `import("…")` is left out: it loads on demand, not
 * with the page. Only path-like .js specifiers count, so text that merely looks like an
 * import inside a string can't add a bare package name.
 */
function staticImports(code: string): string[] {
  const specifiers: string[] = [];
  for (const match of code.matchAll(/(?:\bimport|\bfrom)\s*["']([^"'\s]+)["']/g)) {
    if (/^(?:\.{0,2}\/|https?:)/.test(match[1]) && /\.m?js(?:\?.*)?$/.test(match[1])) specifiers.push(match[1]);
  }
  return specifiers;
}

const gzipSize = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response;
}

async function measureShippedJs(origin: string): Promise<ShippedJs> {
  const pageUrl = `${origin}${ARTICLE_PATH}`;
  const html = await (await fetchOk(pageUrl)).text();
  const via = new Map<string, Via>();
  const external: string[] = [];
  const queue: string[] = [];
  const add = (specifier: string, base: string, how: Via) => {
    const url = new URL(specifier, base);
    if (url.origin !== origin) {
      if (!external.includes(url.href)) external.push(url.href);
    } else if (!via.has(url.href)) {
      via.set(url.href, how);
      queue.push(url.href);
    }
  };

  // <head> first: the preloads name the modules the inline bootstrap goes on to import.
  for (const [, tag] of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = attributes(tag);
    const href = attrs.get("href");
    if (href && (attrs.get("rel") ?? "").split(/\s+/).includes("modulepreload")) add(href, pageUrl, "modulepreload");
  }

  const inline: string[] = [];
  for (const [, tag, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = attributes(tag);
    const src = attrs.get("src");
    if (src) add(src, pageUrl, "script src");
    else {
      inline.push(body);
      // Remix's inline module imports the matched route modules and defines its manifest.
      if (attrs.get("type") === "module") for (const specifier of staticImports(body)) add(specifier, pageUrl, "inline module import");
    }
  }

  // A module's static imports load before it runs, so they ship with the page too.
  const files: ShippedFile[] = [];
  for (let index = 0; index < queue.length; index++) {
    const url = queue[index];
    const code = Buffer.from(await (await fetchOk(url)).arrayBuffer());
    files.push({ url: new URL(url).pathname, via: via.get(url) ?? "static import", bytes: code.length, gzipBytes: gzipSize(code) });
    for (const specifier of staticImports(code.toString("utf8"))) add(specifier, url, "static import");
  }
  files.sort((a, b) => b.gzipBytes - a.gzipBytes);

  const totalGzipBytes = files.reduce((sum, file) => sum + file.gzipBytes, 0);
  const inlineText = inline.join("\n");
  return {
    page: ARTICLE_PATH,
    files,
    totalBytes: files.reduce((sum, file) => sum + file.bytes, 0),
    totalGzipBytes,
    totalGzipKB: round(totalGzipBytes / KB),
    budgetKB: JS_BUDGET_KB,
    withinBudget: totalGzipBytes <= JS_BUDGET_KB * KB,
    inlineScripts: { count: inline.length, bytes: Buffer.byteLength(inlineText), gzipBytes: gzipSize(inlineText) },
    external,
  };
}

// ---------------------------------------------------------------------------
// The run

const HELLO_WORLD = `
require("node:http")
  .createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("Hello, world!\\n");
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
`;

function checkBuilt() {
  const contentCacheDir = path.resolve(repoRoot, process.env.CONTENT_CACHE_DIR ?? ".content-cache");
  const missing = [path.resolve(repoRoot, process.env.BUILD_DIR ?? "build", "server/index.js"), path.join(contentCacheDir, "manifest.json")].filter((file) => !fs.existsSync(file));
  if (missing.length === 0) return;
  console.error(`Missing ${missing.map((file) => path.relative(repoRoot, file)).join(" and ")}.`);
  console.error("Build the app first:  npm run build   (compiles the content, then the Remix app)");
  process.exit(1);
}

async function createBenchDatabase(dir: string): Promise<string> {
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  await run("npx", ["prisma", "migrate", "deploy"], env);
  await run("npx", ["tsx", "prisma/seed.ts"], env);
  return databaseUrl;
}

async function appServer(name: string, databaseUrl: string, pageCache: boolean): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), DATABASE_URL: databaseUrl };
  delete env.PAGE_CACHE;
  if (!pageCache) env.PAGE_CACHE = "off";
  const server = startServer(name, port, "npx", ["tsx", "server/index.ts"], env);
  const health = JSON.parse(await waitUntilReady(server)) as { db?: string; content?: string };
  if (health.db !== "ok" || !health.content || health.content === "missing" || health.content === "empty") {
    throw new Error(`${name} is up but unhealthy: ${JSON.stringify(health)}`);
  }
  return server;
}

/**
 * A cross-check with wrk (C, from Debian's packages) when it is installed: on
 * two cores autocannon's own response parsing can be the bottleneck, so a
 * cheaper client shows how much of the gap is the server's.
 */
function wrkAvailable(): boolean {
  return spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;
}

function wrkRequestsPerSecond(url: string): number | null {
  const headers = Object.entries(REQUEST_HEADERS).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const args = (seconds: number) => ["-t1", `-c${CONNECTIONS}`, `-d${seconds}s`, ...headers, url];
  spawnSync("wrk", args(WARMUP_SECONDS), { stdio: "ignore" });
  const output = spawnSync("wrk", args(DURATION_SECONDS), { encoding: "utf8" }).stdout ?? "";
  const match = /Requests\/sec:\s+([\d.]+)/.exec(output);
  return match ? Number(match[1]) : null;
}

async function main() {
  checkBuilt();
  const machine = environment();
  console.log(`Page benchmark: ${CONNECTIONS} connections, ${WARMUP_SECONDS}s warm-up + ${DURATION_SECONDS}s per server, GET ${ARTICLE_PATH}`);
  const tempDir = await fsp.mkdtemp(path.join(os.tmpdir(), "tf-bench-pages-"));
  tempDirs.add(tempDir);
  try {
    console.log("Creating a bench database (prisma migrate deploy + seed) …");
    const databaseUrl = await createBenchDatabase(tempDir);

    console.log("baseline: node:http hello-world");
    const helloPort = await freePort();
    const hello = startServer("baseline", helloPort, process.execPath, ["-e", HELLO_WORLD], { ...process.env, PORT: String(helloPort) });
    await waitUntilReady(hello);
    const baseline = await load(`${hello.origin}/`);
    const useWrk = wrkAvailable();
    const wrkBaseline = useWrk ? wrkRequestsPerSecond(`${hello.origin}/`) : null;
    await stopServer(hello);

    console.log("cached: app server with the page cache");
    const cachedServer = await appServer("cached", databaseUrl, true);
    const javascript = await measureShippedJs(cachedServer.origin);
    const cached = await load(`${cachedServer.origin}${ARTICLE_PATH}`);
    const wrkCached = useWrk ? wrkRequestsPerSecond(`${cachedServer.origin}${ARTICLE_PATH}`) : null;
    await stopServer(cachedServer);

    console.log("uncached: app server with PAGE_CACHE=off (server-rendered on every request)");
    const uncachedServer = await appServer("uncached", databaseUrl, false);
    const uncached = await load(`${uncachedServer.origin}${ARTICLE_PATH}`);
    await stopServer(uncachedServer);

    const cachedRatio = cached.requestsPerSecond / baseline.requestsPerSecond;
    const uncachedRatio = uncached.requestsPerSecond / baseline.requestsPerSecond;
    const checks = {
      allResponses2xx: [baseline, cached, uncached].every((r) => r.errors + r.non2xx + r.warmup.errors + r.warmup.non2xx === 0),
      cachedServedFromCache: cached.xCache === "HIT",
      uncachedBypassedCache: uncached.xCache === null,
    };

    console.log();
    console.log(
      formatTable(
        ["server", "req/s", "p50 ms", "p99 ms", "requests", "errors", "non-2xx", "X-Cache"],
        (
          [
            ["baseline (node:http hello-world)", baseline],
            ["cached (page cache)", cached],
            ["uncached (SSR, PAGE_CACHE=off)", uncached],
          ] as const
        ).map(([label, r]) => [label, Math.round(r.requestsPerSecond), r.latencyMs.p50, r.latencyMs.p99, r.requests, r.errors, r.non2xx, r.xCache ?? "-"]),
      ),
    );
    console.log();
    console.log(`cached ÷ baseline    ${cachedRatio.toFixed(3)}  ${mark(cachedRatio >= TARGET_CACHED_RATIO)} target ≥ ${TARGET_CACHED_RATIO}`);
    console.log(`uncached ÷ baseline  ${uncachedRatio.toFixed(3)}`);
    console.log(`cached ÷ uncached    ${(cached.requestsPerSecond / uncached.requestsPerSecond).toFixed(1)}×`);
    const wrkRatio = wrkBaseline && wrkCached ? wrkCached / wrkBaseline : null;
    console.log(
      wrkRatio === null
        ? "wrk cross-check: not run (apt-get install wrk to add it)"
        : `wrk cross-check: cached ${Math.round(wrkCached ?? 0)} ÷ baseline ${Math.round(wrkBaseline ?? 0)} req/s = ${wrkRatio.toFixed(3)}  ${mark(wrkRatio >= TARGET_CACHED_RATIO)} target ≥ ${TARGET_CACHED_RATIO}`,
    );
    console.log();
    console.log(
      `JavaScript shipped to ${ARTICLE_PATH}: ${javascript.totalGzipKB} KB gzip -9 (${round(javascript.totalBytes / KB)} KB raw) in ${javascript.files.length} files  ${mark(javascript.withinBudget)} budget ≤ ${JS_BUDGET_KB} KB`,
    );
    console.log(formatTable(["file", "raw KB", "gzip KB", "found via"], javascript.files.map((file) => [file.url, round(file.bytes / KB), round(file.gzipBytes / KB), file.via])));
    console.log(
      `plus ${javascript.inlineScripts.count} inline scripts: ${round(javascript.inlineScripts.gzipBytes / KB)} KB gzip (bootstrap and loader data with the compiled MDX; not in the budget)`,
    );
    if (javascript.external.length) console.log(`external modules (not fetched): ${javascript.external.join(", ")}`);
    for (const [name, ok] of Object.entries(checks)) if (!ok) console.error(`✗ check failed: ${name}`);

    const file = await writeResults("pages.json", {
      generatedAt: new Date().toISOString(),
      environment: machine,
      settings: { connections: CONNECTIONS, pipelining: 1, warmupSeconds: WARMUP_SECONDS, durationSeconds: DURATION_SECONDS, headers: REQUEST_HEADERS, path: ARTICLE_PATH },
      results: { baseline, cached, uncached },
      ratios: {
        cachedToBaseline: round(cachedRatio, 3),
        uncachedToBaseline: round(uncachedRatio, 3),
        cachedToUncached: round(cached.requestsPerSecond / uncached.requestsPerSecond, 2),
        target: { cachedToBaseline: TARGET_CACHED_RATIO, met: cachedRatio >= TARGET_CACHED_RATIO },
      },
      wrkCrossCheck: wrkBaseline && wrkCached ? { baseline: wrkBaseline, cached: wrkCached, cachedToBaseline: round(wrkCached / wrkBaseline, 3) } : null,
      signedInBypass: { measuredBy: "npm run bench:auth (signed-in ÷ anonymous uncached)" },
      javascript,
      checks,
    });
    console.log(`\nWrote ${file}`);
    if (!Object.values(checks).every(Boolean)) process.exitCode = 1;
  } finally {
    await Promise.all([...running].map(stopServer));
    await fsp.rm(tempDir, { recursive: true, force: true });
    tempDirs.delete(tempDir);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  // The exit handler ends any server still running.
  process.exit(1);
});
