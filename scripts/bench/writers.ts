/**
 * `npm run bench:writers`: concurrent writers. Throughput of a realistic write (a forum reply posted through
 * the thread page's form by a signed-in staff member: validation, posting limits, the post, the thread's
 * counters, followers' notifications and the search index, in one transaction) with 8 writers ÷ 1 writer,
 * on SQLite and on PostgreSQL, against the production build on a fresh seeded database each.
 *
 *   BUILD_DIR=build npm run bench:writers     (BENCH_WRITERS_SECONDS=8, BENCH_WRITERS_DATABASES=sqlite,postgres)
 *
 * Load comes from wrk (a Lua script makes every reply's text unique, as the duplicate-post rule wants);
 * 1 writer and 8 writers run in turns (1, 8, 1) and the ratio is 8 ÷ the mean of the two 1-writer runs.
 * After each database: errors (socket errors and 4xx/5xx answers) must be 0, and the replies counted in the
 * database must be at least the replies acknowledged (303): a lost write is one answered but not stored.
 * A few more rows than acknowledged are expected: wrk stops with requests in flight, which the server finishes.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createBenchDatabase, parseWrk, signIn, type DatabaseKind } from "./app-databases";
import {
  appServerCommand,
  freePort,
  startServer,
  stopServer,
  tempDirs,
  waitUntilReady,
  type Server,
} from "./processes";
import { environment, formatTable, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const SECONDS = Math.round(numberFromEnv("BENCH_WRITERS_SECONDS", 8));
const DATABASES = (process.env.BENCH_WRITERS_DATABASES ?? "sqlite,postgres").split(",") as DatabaseKind[];

const WRK_SCRIPT = `
local count = 0
local paths = {}
local marker = ""
local run = ""
function init(args)
  marker = args[1]
  run = args[2]
  wrk.headers["Cookie"] = args[3]
  wrk.headers["Origin"] = args[4]
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  for i = 5, #args do paths[#paths + 1] = args[i] end
end
function request()
  count = count + 1
  -- Unique in the run and across runs: the same author posting the same text again is refused (409).
  local body = "intent=reply&body=" .. marker .. "+reply+" .. run .. "-" .. count .. "%3A+restart+the+sync+agent+and+check+the+status+page+first."
  return wrk.format("POST", paths[(count % #paths) + 1], nil, body)
end
local shown = 0
function response(status, headers, body)
  if (status >= 400 or os.getenv("BENCH_WRK_DEBUG")) and shown < 3 then
    shown = shown + 1
    io.write("answered " .. status .. " " .. tostring(headers["Location"]) .. ": " .. string.sub(string.gsub(body, "%s+", " "), 1, 300) .. "\\n")
  end
end
`;

function checkBuilt() {
  if (fs.existsSync(path.resolve(repoRoot, process.env.BUILD_DIR ?? "build", "server/index.js"))) return;
  console.error("Build the app first: npm run build (or BUILD_DIR=… npx remix vite:build)");
  process.exit(1);
}

function wrkAvailable() {
  return spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;
}

async function measure(kind: DatabaseKind, scriptFile: string) {
  const database = await createBenchDatabase(kind, "writers");
  let server: Server | null = null;
  try {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: database.url,
      JOBS: "off",
    };
    // Reply notifications stay in the bench database's outbox.
    delete env.SMTP_URL;
    server = startServer(`app (${kind})`, port, ...appServerCommand(), env);
    await waitUntilReady(server);
    const cookie = await signIn(server.origin);
    const threads = await database.rows<{ id: number; slug: string }>(
      `SELECT id, slug FROM "ForumThread" WHERE NOT locked AND "deletedAt" IS NULL AND "hiddenAt" IS NULL AND "mergedIntoId" IS NULL ORDER BY id LIMIT 8`,
    );
    if (threads.length === 0) throw new Error("the seed has no open thread");
    const paths = threads.map((thread) => `/community/t/${thread.id}-${thread.slug}`);
    const marker = `bench${process.pid}${kind}`;
    let runs = 0;
    const wrk = (connections: number, seconds: number) => {
      runs += 1;
      const output = spawnSync(
        "wrk",
        [
          "-t1",
          `-c${connections}`,
          `-d${seconds}s`,
          "--timeout",
          "10s",
          "-s",
          scriptFile,
          server!.origin,
          "--",
          marker,
          String(runs),
          cookie,
          server!.origin,
          ...paths,
        ],
        { encoding: "utf8" },
      );
      const parsed = parseWrk(output.stdout ?? "");
      // wrk falls back to plain GETs when the script does not load, so a script error must stop the run.
      if (output.stderr) throw new Error(`wrk: ${output.stderr}`);
      if (!parsed) throw new Error(`wrk failed:\n${output.stdout}\n${output.stderr}`);
      if (parsed.socketErrors || parsed.badStatus || process.env.BENCH_WRK_DEBUG)
        console.warn(`${kind}, ${connections} writer(s): errors\n${output.stdout}`);
      return parsed;
    };
    const warmUp = wrk(1, 2); // compiled routes, pool connections, search index tables
    const measured = [wrk(1, SECONDS), wrk(8, SECONDS), wrk(1, SECONDS)];
    const one = (measured[0].requestsPerSecond + measured[2].requestsPerSecond) / 2;
    const eight = measured[1].requestsPerSecond;
    // Every run counts, the warm-up too: its replies are in the database.
    const all = [warmUp, ...measured];
    const errors = all.reduce((sum, run) => sum + run.socketErrors + run.badStatus, 0);
    const acknowledged = all.reduce((sum, run) => sum + run.requests - run.badStatus, 0);
    const stored = await database.scalar(
      `SELECT count(*) FROM "ForumPost" WHERE "bodyMarkdown" LIKE '${marker} reply %'`,
    );
    return {
      database: kind,
      oneWriterPerSecond: round(one),
      eightWritersPerSecond: round(eight),
      eightOverOne: round(eight / one, 2),
      errors,
      acknowledged,
      stored,
      lostWrites: Math.max(0, acknowledged - stored),
    };
  } finally {
    if (server) await stopServer(server);
    await database.drop();
  }
}

async function main() {
  checkBuilt();
  if (!wrkAvailable()) {
    console.error("wrk is not installed (apt-get install wrk); this bench needs it.");
    process.exit(1);
  }
  const machine = environment();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-writers-"));
  tempDirs.add(dir);
  const scriptFile = path.join(dir, "reply.lua");
  fs.writeFileSync(scriptFile, WRK_SCRIPT);
  const results = [];
  for (const kind of DATABASES) results.push(await measure(kind, scriptFile));
  console.log(
    formatTable(
      ["database", "1 writer /s", "8 writers /s", "8 ÷ 1", "errors", "acknowledged", "stored", "lost"],
      results.map((r) => [
        r.database,
        r.oneWriterPerSecond,
        r.eightWritersPerSecond,
        r.eightOverOne,
        r.errors,
        r.acknowledged,
        r.stored,
        r.lostWrites,
      ]),
    ),
  );
  const ok = results.every((r) => r.errors === 0 && r.lostWrites === 0);
  console.log(`\n0 errors and 0 lost writes on every database: ${ok ? "✓" : "✗"}`);
  console.log(`Wrote ${await writeResults("writers.json", { machine, secondsPerRun: SECONDS, results })}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
