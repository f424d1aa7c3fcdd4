/**
 * Live replies: how long from a reply being posted until a reader with the thread open receives it
 * over Server-Sent Events (GET /community/t/<id>/events), against the production build on a fresh
 * seeded SQLite database.
 *
 *   BUILD_DIR=build npx tsx scripts/bench/live-replies.ts     (BENCH_REPLIES=40 by default)
 *
 * A staff member (exempt from new-member limits) posts each reply through the thread page's form
 * (POST, as a browser without JavaScript would); a raw SSE client stands in for the browser (the
 * browser then renders "1 new reply, show" on the next frame). Latency is measured from just before
 * the POST to the arrival of the `post` event carrying that reply's number; the POST's own round
 * trip is reported beside it, so the part that is live delivery shows.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { SEED_USERS } from "../../prisma/seed-data";
import { appServerCommand, freePort, run, startServer, stopServer, waitUntilReady, type Server } from "./processes";
import { environment, formatTable, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const REPLIES = Math.round(numberFromEnv("BENCH_REPLIES", 40));
const STAFF = SEED_USERS.find((user) => user.role === "admin")!;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function signIn(origin: string): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: STAFF.email, password: STAFF.password }),
  });
  const token = response.headers
    .getSetCookie()
    .map((cookie) => /^tf_session=([^;]+)/.exec(cookie)?.[1])
    .find(Boolean);
  if (!token) throw new Error(`POST /login as ${STAFF.email} answered ${response.status} without a session`);
  return `tf_session=${token}`;
}

function openThread(file: string): { id: number; slug: string } {
  const db = new Database(file, { readonly: true });
  try {
    const row = db
      .prepare(
        "SELECT id, slug FROM ForumThread WHERE locked = 0 AND deletedAt IS NULL AND hiddenAt IS NULL AND mergedIntoId IS NULL ORDER BY id LIMIT 1",
      )
      .get() as { id: number; slug: string } | undefined;
    if (!row) throw new Error("the seed has no open thread");
    return row;
  } finally {
    db.close();
  }
}

/** A reader of the thread: resolves `waitFor(n)` when the event for post n arrives. */
function listen(origin: string, threadId: number) {
  const arrived = new Map<number, number>();
  const waiters = new Map<number, (at: number) => void>();
  let buffer = "";
  const request = http.get(`${origin}/community/t/${threadId}/events`, (response) => {
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      const at = performance.now();
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const match = /event: post\ndata: \{"postNumber":(\d+)\}/.exec(event);
        if (!match) continue;
        const number = Number(match[1]);
        arrived.set(number, at);
        waiters.get(number)?.(at);
      }
    });
  });
  return {
    waitFor: (number: number) =>
      new Promise<number>((resolve) =>
        arrived.has(number) ? resolve(arrived.get(number)!) : waiters.set(number, resolve),
      ),
    close: () => request.destroy(),
  };
}

async function main() {
  if (!fs.existsSync(path.resolve(repoRoot, process.env.BUILD_DIR ?? "build", "server/index.js"))) {
    console.error("Build the app first: npm run build (or BUILD_DIR=… npx remix vite:build)");
    process.exit(1);
  }
  const machine = environment();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-live-"));
  const file = path.join(dir, "bench.db");
  const databaseUrl = `file:${file}`;
  let server: Server | null = null;
  try {
    await run("npx", ["prisma", "migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
    await run("npx", ["tsx", "prisma/seed.ts"], { ...process.env, DATABASE_URL: databaseUrl });
    const port = await freePort();
    const serverEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SEARCH_DB: path.join(dir, "search.db"),
      JOBS: "off",
    };
    // The replies are indexed into the bench's own search file, never the developer's data/search.db.
    // Mail (reply notifications) stays in the bench database's outbox.
    delete serverEnv.SMTP_URL;
    server = startServer("app", port, ...appServerCommand(), serverEnv);
    await waitUntilReady(server);
    const origin = server.origin;
    const cookie = await signIn(origin);
    const thread = openThread(file);
    const reader = listen(origin, thread.id);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const delivery: number[] = [];
    const roundTrip: number[] = [];
    let number = (
      new Database(file, { readonly: true })
        .prepare("SELECT lastPostNumber FROM ForumThread WHERE id = ?")
        .get(thread.id) as { lastPostNumber: number }
    ).lastPostNumber;
    for (let index = 0; index < REPLIES; index++) {
      number += 1;
      const arrival = reader.waitFor(number);
      const start = performance.now();
      const response = await fetch(`${origin}/community/t/${thread.id}-${thread.slug}`, {
        method: "POST",
        redirect: "manual",
        headers: { origin, cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          intent: "reply",
          body: `Bench reply ${index + 1}: the live update should reach readers quickly. ${Date.now()}`,
        }),
      });
      await response.arrayBuffer();
      const answered = performance.now();
      if (response.status !== 303 && response.status !== 302)
        throw new Error(`reply ${index + 1} answered ${response.status}`);
      const at = await arrival;
      roundTrip.push(answered - start);
      delivery.push(at - start);
    }
    reader.close();

    const results = {
      machine,
      replies: REPLIES,
      postToReaderMs: {
        p50: round(percentile(delivery, 50), 2),
        p95: round(percentile(delivery, 95), 2),
        max: round(Math.max(...delivery), 2),
      },
      postRoundTripMs: { p50: round(percentile(roundTrip, 50), 2), p95: round(percentile(roundTrip, 95), 2) },
    };
    console.log(
      formatTable(
        ["measure", "p50 ms", "p95 ms"],
        [
          ["reply posted → SSE event at the reader", results.postToReaderMs.p50, results.postToReaderMs.p95],
          ["reply POST round trip (for comparison)", results.postRoundTripMs.p50, results.postRoundTripMs.p95],
        ],
      ),
    );
    console.log(`\nWrote ${await writeResults("live-replies.json", results)}`);
  } finally {
    if (server) await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
