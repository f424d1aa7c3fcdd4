/**
 * `npm run bench:pages`: throughput of an anonymous article page.
 *
 * One after the other, with the same autocannon settings, it loads:
 *   baseline  a node:http hello-world: what this machine can do at all;
 *   cached    the production server (compiled: node build-server/index.mjs) with its page cache;
 *   uncached  the same server with PAGE_CACHE=off, so every request is server-rendered.
 * With wrk, the target (cached ÷ hello-world) is judged over several fresh pairs of processes, and a
 * "same-bytes floor" is added: a bare node:http server sending the cached page's
 * exact response through writeHead, to show what the page's bytes cost on their own.
 * Each server runs in a child process so it never shares an event loop with
 * autocannon, which runs here. It also measures the JavaScript an article page
 * ships (every module it loads, gzip -9) against the budget, the bytes on the
 * wire for a cold article visit (HTML + JS + CSS) without and with compression,
 * and the page cache's purge cost (one tag among 10,000 tagged entries).
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
import http from "node:http";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { PageCache } from "../../server/page-cache";
import {
  appServerCommand,
  freePort,
  groupCpuSeconds,
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
/** Headers node:http writes on every response; the same-bytes floor leaves them to its own node:http. */
const NODE_WRITTEN_HEADERS: ReadonlySet<string> = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);
const CONNECTIONS = numberFromEnv("BENCH_CONNECTIONS", 10);
const DURATION_SECONDS = numberFromEnv("BENCH_DURATION", 8);
const WARMUP_SECONDS = numberFromEnv("BENCH_WARMUP", 2);
/** Headers a browser sends: gzip-capable clients get the page cache's pre-compressed copy. */
const REQUEST_HEADERS = { accept: "text/html,application/xhtml+xml", "accept-encoding": "gzip, deflate, br" };
/**
 * Cache hits keep within 20 % of a hello-world server while going through node:http's public
 * writeHead (decision record 015; 014's 0.9 needed writes to node:http's private fields).
 */
const TARGET_CACHED_RATIO = 0.8;
const JS_BUDGET_KB = 120;
/** A server-rendered article should cost no more than an empty Remix 2 page under Express (about 0.015 here). */
const TARGET_UNCACHED_RATIO = 0.015;
/** Alternating rounds per pair of processes. */
const WRK_ROUNDS = numberFromEnv("BENCH_WRK_ROUNDS", 5);
/** Fresh hello-world + app server pairs the target is judged over (see wrkFreshPairs). */
const WRK_PAIRS = numberFromEnv("BENCH_WRK_PAIRS", 5);
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
    warmup: {
      requests: warmup.requests.total ?? warmup["2xx"] + warmup.non2xx,
      errors: warmup.errors,
      non2xx: warmup.non2xx,
    },
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

async function measureShippedJs(origin: string, pagePath = ARTICLE_PATH): Promise<ShippedJs> {
  const pageUrl = `${origin}${pagePath}`;
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
      if (attrs.get("type") === "module")
        for (const specifier of staticImports(body)) add(specifier, pageUrl, "inline module import");
    }
  }

  // A module's static imports load before it runs, so they ship with the page too.
  const files: ShippedFile[] = [];
  for (let index = 0; index < queue.length; index++) {
    const url = queue[index];
    const code = Buffer.from(await (await fetchOk(url)).arrayBuffer());
    files.push({
      url: new URL(url).pathname,
      via: via.get(url) ?? "static import",
      bytes: code.length,
      gzipBytes: gzipSize(code),
    });
    for (const specifier of staticImports(code.toString("utf8"))) add(specifier, url, "static import");
  }
  files.sort((a, b) => b.gzipBytes - a.gzipBytes);

  const totalGzipBytes = files.reduce((sum, file) => sum + file.gzipBytes, 0);
  const inlineText = inline.join("\n");
  return {
    page: pagePath,
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
// Bytes on the wire for a cold article visit

type Encoding = "identity" | "gzip" | "br";
type WireFile = {
  url: string;
  kind: "html" | "js" | "css";
  bytes: Record<Encoding, number>;
  servedAs: Record<Encoding, string>;
};
type WireBytes = {
  files: WireFile[];
  totals: Record<Encoding, number>;
  /** What this server sent before build-time compression: the cached HTML gzipped, every asset identity. */
  before: number;
  /** What a browser (Accept-Encoding: gzip, deflate, br) gets now. */
  after: number;
};

/** Body bytes as they cross the wire: node:http, unlike fetch, does not decompress. */
function rawBytes(url: string, acceptEncoding: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { accept: "*/*", "accept-encoding": acceptEncoding }, agent: false }, (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () => {
          if ((response.statusCode ?? 0) >= 400) reject(new Error(`GET ${url} answered ${response.statusCode}`));
          else resolve({ bytes, encoding: String(response.headers["content-encoding"] ?? "identity") });
        });
      })
      .on("error", reject);
  });
}

/** An anonymous reader's thread page may ship at most this much more script than an article (issue: signed-in speed). */
const THREAD_EXTRA_JS_KB = 15;
type ThreadJs = { page: string; totalGzipKB: number; extraOverArticleKB: number; targetKB: number; met: boolean };

/** The script an anonymous reader's thread page ships, against the article's plus THREAD_EXTRA_JS_KB. */
async function measureThreadJs(origin: string, article: ShippedJs): Promise<ThreadJs> {
  const listing = await (await fetchOk(`${origin}/community`)).text();
  const threadPath = /href="(\/community\/t\/[^"#?]+)"/.exec(listing)?.[1];
  if (!threadPath) throw new Error("no thread linked from /community");
  const thread = await measureShippedJs(origin, threadPath);
  const extra = (thread.totalGzipBytes - article.totalGzipBytes) / KB;
  return {
    page: threadPath,
    totalGzipKB: thread.totalGzipKB,
    extraOverArticleKB: round(extra),
    targetKB: THREAD_EXTRA_JS_KB,
    met: extra <= THREAD_EXTRA_JS_KB,
  };
}

async function measureWireBytes(origin: string, javascript: ShippedJs): Promise<WireBytes> {
  const pageUrl = `${origin}${ARTICLE_PATH}`;
  const html = await (await fetchOk(pageUrl)).text();
  const css = [...html.matchAll(/<link\b([^>]*)>/gi)]
    .map(([, tag]) => attributes(tag))
    .filter((attrs) => (attrs.get("rel") ?? "").split(/\s+/).includes("stylesheet") && attrs.get("href"))
    .map((attrs) => new URL(attrs.get("href") ?? "", pageUrl).pathname);
  const targets: { url: string; kind: WireFile["kind"] }[] = [
    { url: ARTICLE_PATH, kind: "html" },
    ...javascript.files.map((file) => ({ url: file.url, kind: "js" as const })),
    ...[...new Set(css)].map((url) => ({ url, kind: "css" as const })),
  ];
  const headerFor: Record<Encoding, string> = {
    identity: "identity",
    gzip: "gzip",
    br: REQUEST_HEADERS["accept-encoding"],
  };
  const files: WireFile[] = [];
  for (const target of targets) {
    const bytes = {} as Record<Encoding, number>;
    const servedAs = {} as Record<Encoding, string>;
    for (const encoding of ["identity", "gzip", "br"] as const) {
      const result = await rawBytes(`${origin}${target.url}`, headerFor[encoding]);
      bytes[encoding] = result.bytes;
      servedAs[encoding] = result.encoding;
    }
    files.push({ ...target, bytes, servedAs });
  }
  const sum = (pick: (file: WireFile) => number) => files.reduce((total, file) => total + pick(file), 0);
  return {
    files,
    totals: {
      identity: sum((file) => file.bytes.identity),
      gzip: sum((file) => file.bytes.gzip),
      br: sum((file) => file.bytes.br),
    },
    before: sum((file) => (file.kind === "html" ? file.bytes.gzip : file.bytes.identity)),
    after: sum((file) => file.bytes.br),
  };
}

// ---------------------------------------------------------------------------
// Purge cost: one tag among 10,000 tagged entries

type PurgeCost = {
  entries: number;
  onePageTagMicroseconds: number;
  sharedTagMicroseconds: number;
  sharedTagPages: number;
  clearMicroseconds: number;
};

function measurePurgeCost(entries = 10_000): PurgeCost {
  const body = Buffer.from("<!DOCTYPE html><p>cached page</p>".repeat(4));
  const fill = () => {
    // No background recompression: 10,000 quality-11 jobs on the thread pool would load the machine being timed.
    const cache = new PageCache({ maxEntries: entries * 2, recompress: false });
    // Every page has its own tag; one in ten also shows votes.
    for (let index = 0; index < entries; index++)
      cache.set(`/kb/page-${index}`, 200, [], body, {
        tags: index % 10 === 0 ? [`page:kb/page-${index}`, "votes"] : [`page:kb/page-${index}`],
      });
    return cache;
  };
  const time = (run: () => void) => {
    const started = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - started) / 1000;
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const cache = fill();
  const onePage: number[] = [];
  for (let round = 0; round < 200; round++) {
    const index = (round * 37) % entries;
    onePage.push(time(() => cache.purge([`page:kb/page-${index}`])));
    cache.set(`/kb/page-${index}`, 200, [], body, { tags: [`page:kb/page-${index}`] });
  }
  // The shared tag: purged, then its 1,000 pages stored again, on the same (warm) cache; the first round warms the code.
  const shared: number[] = [];
  let sharedTagPages = 0;
  for (let round = 0; round < 11; round++) {
    const micros = time(() => (sharedTagPages = cache.purge(["votes"])));
    if (round > 0) shared.push(micros);
    for (let index = 0; index < entries; index += 10)
      cache.set(`/kb/page-${index}`, 200, [], body, { tags: [`page:kb/page-${index}`, "votes"] });
  }
  const clears = [time(() => cache.clear())];
  return {
    entries,
    onePageTagMicroseconds: round(median(onePage), 2),
    sharedTagMicroseconds: round(median(shared)),
    sharedTagPages,
    clearMicroseconds: round(median(clears)),
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

/**
 * The floor for this page: a bare node:http server that answers every request with the bytes the
 * cached page was answered with (same status, headers and compressed body), read from RESPONSE_FILE.
 * Floor ÷ hello-world is what sending this page through node:http's writeHead, instead of 14 bytes,
 * costs node and the kernel; cache hits go through the same writeHead (server/cached-response.ts), so
 * cached ÷ floor is what the app's own hit path adds. Diagnostic only: one process each, so it
 * carries the per-process spread that wrkFreshPairs averages out.
 */
const SAME_BYTES = `
const fs = require("node:fs");
const { status, headers, body } = JSON.parse(fs.readFileSync(process.env.RESPONSE_FILE, "utf8"));
const bytes = Buffer.from(body, "base64");
require("node:http")
  .createServer((req, res) => {
    res.writeHead(status, headers);
    res.end(bytes);
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
`;

/** Records the cached page's response as a browser-like client receives it, for the SAME_BYTES server. */
function captureResponse(url: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: REQUEST_HEADERS }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const headers: string[] = [];
          for (let index = 0; index < res.rawHeaders.length; index += 2) {
            if (!NODE_WRITTEN_HEADERS.has(res.rawHeaders[index].toLowerCase()))
              headers.push(res.rawHeaders[index], res.rawHeaders[index + 1]);
          }
          fs.writeFileSync(
            file,
            JSON.stringify({ status: res.statusCode, headers, body: Buffer.concat(chunks).toString("base64") }),
          );
          resolve();
        });
      })
      .on("error", reject);
  });
}

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

async function createBenchDatabase(dir: string): Promise<string> {
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  await run("npx", ["prisma", "migrate", "deploy"], env);
  await run("npx", ["tsx", "prisma/seed.ts"], env);
  return databaseUrl;
}

/**
 * The servers read a private copy of the content cache: a content build in the
 * working tree during the run would otherwise clear the page cache mid-measurement.
 */
async function copyContentCache(dir: string): Promise<string> {
  const source = path.resolve(repoRoot, process.env.CONTENT_CACHE_DIR ?? ".content-cache");
  const copy = path.join(dir, "content-cache");
  await fsp.cp(source, copy, { recursive: true });
  return copy;
}

async function appServer(
  name: string,
  databaseUrl: string,
  pageCache: boolean,
  contentCacheDir: string,
): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    CONTENT_CACHE_DIR: contentCacheDir,
  };
  delete env.PAGE_CACHE;
  if (!pageCache) env.PAGE_CACHE = "off";
  const server = startServer(name, port, ...appServerCommand(), env);
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

type WrkRun = { requestsPerSecond: number; requests: number; cpuSeconds: number | null };

function wrkRun(server: Server, url: string, seconds: number): WrkRun | null {
  const headers = Object.entries(REQUEST_HEADERS).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const cpuBefore = groupCpuSeconds(server);
  const output =
    spawnSync("wrk", ["-t1", `-c${CONNECTIONS}`, `-d${seconds}s`, ...headers, url], { encoding: "utf8" }).stdout ?? "";
  const cpuAfter = groupCpuSeconds(server);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const total = /(\d+) requests in/.exec(output);
  if (!rate || !total) return null;
  return {
    requestsPerSecond: Number(rate[1]),
    requests: Number(total[1]),
    cpuSeconds: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
  };
}

type WrkPairs = {
  baseline: number;
  cached: number;
  cachedToBaseline: number;
  roundRatios: number[];
  roundSeconds: number;
  /** Server CPU per request (all rounds): the load-independent view of the same comparison. */
  cpuMicrosecondsPerRequest: { baseline: number; cached: number; baselineToCached: number } | null;
};

/**
 * Baseline and cached server are both up and measured in turns (B C B C … B),
 * several short rounds: each cached figure is compared with the mean of the
 * baseline runs just before and after it, so other work on the machine weighs
 * on both sides of each ratio alike, and the median ratio is what counts.
 */
function wrkAlternating(
  hello: Server,
  baselineUrl: string,
  cachedServer: Server,
  cachedUrl: string,
  rounds = WRK_ROUNDS,
): WrkPairs | null {
  const roundSeconds = Math.max(2, Math.round(DURATION_SECONDS / 3));
  wrkRun(hello, baselineUrl, WARMUP_SECONDS);
  wrkRun(cachedServer, cachedUrl, WARMUP_SECONDS);
  const baselineRuns: WrkRun[] = [];
  const cachedRuns: WrkRun[] = [];
  const ratios: number[] = [];
  const first = wrkRun(hello, baselineUrl, roundSeconds);
  if (!first) return null;
  baselineRuns.push(first);
  for (let round = 0; round < rounds; round++) {
    const c = wrkRun(cachedServer, cachedUrl, roundSeconds);
    const b = wrkRun(hello, baselineUrl, roundSeconds);
    if (!b || !c) return null;
    ratios.push(
      c.requestsPerSecond / ((baselineRuns[baselineRuns.length - 1].requestsPerSecond + b.requestsPerSecond) / 2),
    );
    baselineRuns.push(b);
    cachedRuns.push(c);
  }
  const cpuPerRequest = (runs: WrkRun[]) => {
    if (runs.some((run) => run.cpuSeconds === null)) return null;
    return (
      (runs.reduce((sum, run) => sum + (run.cpuSeconds ?? 0), 0) * 1e6) /
      runs.reduce((sum, run) => sum + run.requests, 0)
    );
  };
  const cpuBaseline = cpuPerRequest(baselineRuns);
  const cpuCached = cpuPerRequest(cachedRuns);
  return {
    baseline: round(median(baselineRuns.map((run) => run.requestsPerSecond))),
    cached: round(median(cachedRuns.map((run) => run.requestsPerSecond))),
    cachedToBaseline: round(median(ratios), 4),
    roundRatios: ratios.map((ratio) => round(ratio, 4)),
    roundSeconds,
    cpuMicrosecondsPerRequest:
      cpuBaseline && cpuCached
        ? {
            baseline: round(cpuBaseline),
            cached: round(cpuCached),
            baselineToCached: round(cpuBaseline / cpuCached, 3),
          }
        : null,
  };
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

async function startHello(name: string): Promise<Server> {
  const port = await freePort();
  const hello = startServer(name, port, process.execPath, ["-e", HELLO_WORLD], { ...process.env, PORT: String(port) });
  await waitUntilReady(hello);
  return hello;
}

/** Stores the page, gives the background brotli copy time to land, and checks it is served from the cache. */
async function warmCachedPage(url: string) {
  await (await fetch(url, { headers: REQUEST_HEADERS })).arrayBuffer();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const hit = await fetch(url, { headers: REQUEST_HEADERS });
  await hit.arrayBuffer();
  if (hit.headers.get("x-cache") !== "HIT")
    throw new Error(`${url} is not served from the page cache (X-Cache: ${hit.headers.get("x-cache")})`);
}

type WrkTrials = {
  pairs: number;
  roundsPerPair: number;
  /** Median over the pairs of each pair's median round ratio: what the target is judged on. */
  cachedToBaseline: number;
  pairRatios: number[];
  baseline: number;
  cached: number;
  cpuMicrosecondsPerRequest: { baseline: number; cached: number; baselineToCached: number } | null;
  perPair: WrkPairs[];
};

/**
 * Cached ÷ hello-world over several fresh pairs of processes. On these machines one node process can
 * run 15–25 % faster or slower than another started from the same code, and stays so for its whole
 * life (five hello-world processes side by side: 50k to 62k req/s, each steady across ten rounds).
 * With one pair, the ratio says mostly which process drew the luckier start, so each pair is a fresh
 * hello-world and a fresh app server, measured in alternating rounds, and the median pair counts.
 */
async function wrkFreshPairs(databaseUrl: string, contentCacheDir: string): Promise<WrkTrials | null> {
  const perPair: WrkPairs[] = [];
  for (let index = 1; index <= WRK_PAIRS; index++) {
    const hello = await startHello(`baseline ${index}`);
    const cachedServer = await appServer(`cached ${index}`, databaseUrl, true, contentCacheDir);
    try {
      const cachedUrl = `${cachedServer.origin}${ARTICLE_PATH}`;
      await warmCachedPage(cachedUrl);
      const pair = wrkAlternating(hello, `${hello.origin}/`, cachedServer, cachedUrl);
      if (!pair) return null;
      perPair.push(pair);
      console.log(
        `  pair ${index}: cached ÷ hello-world ${pair.cachedToBaseline.toFixed(3)}  (rounds: ${pair.roundRatios.join(", ")})`,
      );
    } finally {
      await stopServer(cachedServer);
      await stopServer(hello);
    }
  }
  const pairRatios = perPair.map((pair) => pair.cachedToBaseline);
  const cpu = perPair.flatMap((pair) => (pair.cpuMicrosecondsPerRequest ? [pair.cpuMicrosecondsPerRequest] : []));
  const cpuKnown = cpu.length === perPair.length;
  const cpuBaseline = cpuKnown ? median(cpu.map((value) => value.baseline)) : null;
  const cpuCached = cpuKnown ? median(cpu.map((value) => value.cached)) : null;
  return {
    pairs: WRK_PAIRS,
    roundsPerPair: WRK_ROUNDS,
    cachedToBaseline: median(pairRatios),
    pairRatios,
    baseline: round(median(perPair.map((pair) => pair.baseline))),
    cached: round(median(perPair.map((pair) => pair.cached))),
    cpuMicrosecondsPerRequest:
      cpuBaseline && cpuCached
        ? { baseline: cpuBaseline, cached: cpuCached, baselineToCached: round(cpuBaseline / cpuCached, 3) }
        : null,
    perPair,
  };
}

async function main() {
  checkBuilt();
  const machine = environment();
  console.log(
    `Page benchmark: ${CONNECTIONS} connections, ${WARMUP_SECONDS}s warm-up + ${DURATION_SECONDS}s per server, GET ${ARTICLE_PATH}`,
  );
  const tempDir = await fsp.mkdtemp(path.join(os.tmpdir(), "tf-bench-pages-"));
  tempDirs.add(tempDir);
  try {
    console.log("Creating a bench database (prisma migrate deploy + seed) …");
    const databaseUrl = await createBenchDatabase(tempDir);
    const contentCacheDir = await copyContentCache(tempDir);

    console.log("baseline: node:http hello-world");
    const hello = await startHello("baseline");
    const baseline = await load(`${hello.origin}/`);

    console.log("cached: app server with the page cache");
    const cachedServer = await appServer("cached", databaseUrl, true, contentCacheDir);
    const javascript = await measureShippedJs(cachedServer.origin);
    const threadJavascript = await measureThreadJs(cachedServer.origin, javascript);
    const wire = await measureWireBytes(cachedServer.origin, javascript);
    const cached = await load(`${cachedServer.origin}${ARTICLE_PATH}`);
    const useWrk = wrkAvailable();
    let floor: { floorToBaseline: WrkPairs; cachedToFloor: WrkPairs } | null = null;
    if (useWrk) {
      console.log(
        `wrk (diagnostic, one process each): the same-bytes floor against hello-world, then the cached page against the floor, ${WRK_ROUNDS} rounds each …`,
      );
      const responseFile = path.join(tempDir, "cached-response.json");
      await captureResponse(`${cachedServer.origin}${ARTICLE_PATH}`, responseFile);
      const floorPort = await freePort();
      const floorServer = startServer("same-bytes", floorPort, process.execPath, ["-e", SAME_BYTES], {
        ...process.env,
        PORT: String(floorPort),
        RESPONSE_FILE: responseFile,
      });
      await waitUntilReady(floorServer);
      const floorToBaseline = wrkAlternating(hello, `${hello.origin}/`, floorServer, `${floorServer.origin}/`);
      const cachedToFloor = wrkAlternating(
        floorServer,
        `${floorServer.origin}/`,
        cachedServer,
        `${cachedServer.origin}${ARTICLE_PATH}`,
      );
      await stopServer(floorServer);
      if (floorToBaseline && cachedToFloor) floor = { floorToBaseline, cachedToFloor };
    }
    const afterWrk = await fetch(`${cachedServer.origin}${ARTICLE_PATH}`, { headers: REQUEST_HEADERS });
    await afterWrk.arrayBuffer();
    const cachedStillHit = afterWrk.headers.get("x-cache") === "HIT";
    await stopServer(cachedServer);
    await stopServer(hello);

    if (useWrk)
      console.log(
        `wrk: cached ÷ hello-world over ${WRK_PAIRS} fresh pairs of processes, ${WRK_ROUNDS} alternating rounds each …`,
      );
    const wrk = useWrk ? await wrkFreshPairs(databaseUrl, contentCacheDir) : null;

    console.log("uncached: app server with PAGE_CACHE=off (server-rendered on every request)");
    const uncachedServer = await appServer("uncached", databaseUrl, false, contentCacheDir);
    const uncached = await load(`${uncachedServer.origin}${ARTICLE_PATH}`);
    // The server-render target is judged by wrk too: uncached and hello-world in alternating rounds.
    let uncachedWrk: WrkPairs | null = null;
    if (useWrk) {
      const hello = await startHello("hello-world (uncached pair)");
      uncachedWrk = wrkAlternating(
        hello,
        `${hello.origin}/`,
        uncachedServer,
        `${uncachedServer.origin}${ARTICLE_PATH}`,
      );
      await stopServer(hello);
    }
    await stopServer(uncachedServer);

    console.log("purge cost: one tag among 10,000 tagged entries (in this process)");
    const purge = measurePurgeCost();

    const cachedRatio = cached.requestsPerSecond / baseline.requestsPerSecond;
    const uncachedRatio = uncached.requestsPerSecond / baseline.requestsPerSecond;
    const checks = {
      allResponses2xx: [baseline, cached, uncached].every(
        (r) => r.errors + r.non2xx + r.warmup.errors + r.warmup.non2xx === 0,
      ),
      cachedServedFromCache: cached.xCache === "HIT" && cachedStillHit,
      // scripts/compress-assets.ts leaves files under 1 KB alone: a compressed copy would save less than its headers.
      assetsCompressed: wire.files.every(
        (file) => file.kind === "html" || file.bytes.identity < KB || file.servedAs.br === "br",
      ),
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
        ).map(([label, r]) => [
          label,
          Math.round(r.requestsPerSecond),
          r.latencyMs.p50,
          r.latencyMs.p99,
          r.requests,
          r.errors,
          r.non2xx,
          r.xCache ?? "-",
        ]),
      ),
    );
    console.log();
    console.log(
      `cached ÷ baseline    ${cachedRatio.toFixed(3)}${wrkAvailable() ? "  (autocannon; the target is judged by wrk below)" : `  ${mark(cachedRatio >= TARGET_CACHED_RATIO)} target ≥ ${TARGET_CACHED_RATIO}`}`,
    );
    console.log(`uncached ÷ baseline  ${uncachedRatio.toFixed(3)}  (autocannon)`);
    if (uncachedWrk)
      console.log(
        `wrk, uncached ÷ hello-world (median of ${WRK_ROUNDS} alternating rounds): ${Math.round(uncachedWrk.cached)} ÷ ${Math.round(uncachedWrk.baseline)} req/s = ${uncachedWrk.cachedToBaseline.toFixed(4)}  ${mark(uncachedWrk.cachedToBaseline >= TARGET_UNCACHED_RATIO)} target ≥ ${TARGET_UNCACHED_RATIO}  (rounds: ${uncachedWrk.roundRatios.join(", ")}; server CPU per request ${uncachedWrk.cpuMicrosecondsPerRequest?.cached ?? "?"} µs vs ${uncachedWrk.cpuMicrosecondsPerRequest?.baseline ?? "?"} µs)`,
      );
    console.log(`cached ÷ uncached    ${(cached.requestsPerSecond / uncached.requestsPerSecond).toFixed(1)}×`);
    const wrkRatio = wrk ? wrk.cachedToBaseline : null;
    console.log(
      wrkRatio === null
        ? "wrk cross-check: not run (apt-get install wrk to add it)"
        : `wrk (median of ${WRK_PAIRS} fresh process pairs, ${WRK_ROUNDS} alternating rounds each): cached ${Math.round(wrk?.cached ?? 0)} ÷ baseline ${Math.round(wrk?.baseline ?? 0)} req/s; ratio ${wrkRatio.toFixed(3)}  ${mark(wrkRatio >= TARGET_CACHED_RATIO)} target ≥ ${TARGET_CACHED_RATIO}  (pairs: ${wrk?.pairRatios.join(", ")})`,
    );
    if (floor) {
      console.log(
        `same-bytes floor (bare node:http sending the cached response's exact status, headers and body): floor ÷ baseline ${floor.floorToBaseline.cachedToBaseline.toFixed(3)}; cached ÷ floor ${floor.cachedToFloor.cachedToBaseline.toFixed(3)}  (rounds: ${floor.floorToBaseline.roundRatios.join(", ")} | ${floor.cachedToFloor.roundRatios.join(", ")})`,
      );
    }
    if (wrk?.cpuMicrosecondsPerRequest) {
      const cpu = wrk.cpuMicrosecondsPerRequest;
      console.log(
        `server CPU per request under wrk: baseline ${cpu.baseline} µs, cached ${cpu.cached} µs (baseline ÷ cached ${cpu.baselineToCached}; less sensitive to other load than req/s)`,
      );
    }
    console.log();
    console.log(
      `JavaScript shipped to ${ARTICLE_PATH}: ${javascript.totalGzipKB} KB gzip -9 (${round(javascript.totalBytes / KB)} KB raw) in ${javascript.files.length} files  ${mark(javascript.withinBudget)} budget ≤ ${JS_BUDGET_KB} KB`,
    );
    console.log(
      formatTable(
        ["file", "raw KB", "gzip KB", "found via"],
        javascript.files.map((file) => [file.url, round(file.bytes / KB), round(file.gzipBytes / KB), file.via]),
      ),
    );
    console.log(
      `plus ${javascript.inlineScripts.count} inline scripts: ${round(javascript.inlineScripts.gzipBytes / KB)} KB gzip (bootstrap and loader data with the compiled MDX; not in the budget)`,
    );
    if (javascript.external.length) console.log(`external modules (not fetched): ${javascript.external.join(", ")}`);
    console.log(
      `JavaScript shipped to an anonymous thread page (${threadJavascript.page}): ${threadJavascript.totalGzipKB} KB gzip -9, ${threadJavascript.extraOverArticleKB} KB more than the article  ${mark(threadJavascript.met)} target ≤ +${threadJavascript.targetKB} KB`,
    );
    console.log();
    const kbOf = (bytes: number) => round(bytes / KB);
    console.log(
      `Bytes on the wire for a cold visit to ${ARTICLE_PATH} (HTML + JS + CSS, ${wire.files.length} responses):`,
    );
    console.log(
      formatTable(
        ["", "identity KB", "gzip KB", "negotiated (br) KB"],
        [
          ...(["html", "js", "css"] as const).map((kind): (string | number)[] => {
            const files = wire.files.filter((file) => file.kind === kind);
            const total = (encoding: Encoding) => kbOf(files.reduce((sum, file) => sum + file.bytes[encoding], 0));
            return [kind, total("identity"), total("gzip"), total("br")];
          }),
          ["total", kbOf(wire.totals.identity), kbOf(wire.totals.gzip), kbOf(wire.totals.br)],
        ],
      ),
    );
    console.log(
      `before (HTML gzip, assets uncompressed): ${kbOf(wire.before)} KB → after (negotiated): ${kbOf(wire.after)} KB  (${round((1 - wire.after / wire.before) * 100)} % less)`,
    );
    console.log();
    console.log(
      `purge cost among ${purge.entries} tagged entries: one page tag ${purge.onePageTagMicroseconds} µs; "votes" (${purge.sharedTagPages} pages) ${purge.sharedTagMicroseconds} µs; clear all ${purge.clearMicroseconds} µs`,
    );
    for (const [name, ok] of Object.entries(checks)) if (!ok) console.error(`✗ check failed: ${name}`);

    const file = await writeResults("pages.json", {
      generatedAt: new Date().toISOString(),
      environment: machine,
      settings: {
        connections: CONNECTIONS,
        pipelining: 1,
        warmupSeconds: WARMUP_SECONDS,
        durationSeconds: DURATION_SECONDS,
        headers: REQUEST_HEADERS,
        path: ARTICLE_PATH,
      },
      results: { baseline, cached, uncached },
      ratios: {
        cachedToBaseline: round(cachedRatio, 3),
        uncachedToBaseline: round(uncachedRatio, 3),
        cachedToUncached: round(cached.requestsPerSecond / uncached.requestsPerSecond, 2),
        // wrk when installed: autocannon's own parsing of a page-sized body caps it well below the server on two cores.
        target: {
          cachedToBaseline: TARGET_CACHED_RATIO,
          measuredBy: wrkRatio === null ? "autocannon" : "wrk",
          met: (wrkRatio ?? cachedRatio) >= TARGET_CACHED_RATIO,
        },
      },
      wrkFreshPairs: wrk,
      uncachedWrk,
      // What sending this page's bytes costs at all: the share of the gap to hello-world no cache can close.
      sameBytesFloor: floor,
      signedInBypass: { measuredBy: "npm run bench:auth (signed-in ÷ anonymous uncached)" },
      javascript,
      threadJavascript,
      wire,
      purge,
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
