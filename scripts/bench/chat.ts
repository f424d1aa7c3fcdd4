/**
 * Live chat: customer → agent message latency on one instance and across two (PostgreSQL, the
 * NOTIFY bus between them), memory per open chat connection with 500 open, and messages lost or
 * doubled over forced reconnects (Last-Event-ID), against the production build.
 *
 *   npm run bench:chat      (BENCH_CHAT_MESSAGES=40, BENCH_CHAT_CONNECTIONS=500, BENCH_CHAT_RECONNECT_MESSAGES=60)
 *
 * The seeded Enterprise customer chats (Enterprise chat is open around the clock, so the bench does
 * not depend on the hour) with the seeded agent. Raw SSE clients stand in for the browsers. Latency
 * runs from just before the customer's POST to the arrival of that message's `chat` event at the
 * agent's stream. The per-minute message limit is reset between batches in the bench's own database.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { SEED_USERS } from "../../prisma/seed-data";
import { createBenchDatabase, signIn } from "./app-databases";
import { appServerCommand, freePort, startServer, stopServer, waitUntilReady, type Server } from "./processes";
import { environment, formatTable, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const MESSAGES = Math.round(numberFromEnv("BENCH_CHAT_MESSAGES", 40));
const CONNECTIONS = Math.round(numberFromEnv("BENCH_CHAT_CONNECTIONS", 500));
const RECONNECT_MESSAGES = Math.round(numberFromEnv("BENCH_CHAT_RECONNECT_MESSAGES", 60));
const CUSTOMER = SEED_USERS.find((user) => user.email === "erin@initech.example")!;
const AGENT = SEED_USERS.find((user) => user.role === "agent")!;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function post(origin: string, url: string, cookie: string, fields: Record<string, string>) {
  const response = await fetch(`${origin}${url}`, {
    method: "POST",
    headers: { origin, cookie, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(fields),
  });
  const body = (await response.json()) as { ok: boolean; message?: string; conversationId?: string };
  if (!response.ok || !body.ok) throw new Error(`POST ${url} answered ${response.status}: ${body.message ?? ""}`);
  return body;
}

type Reader = { seqs: number[]; close(): void; waitForText(text: string): Promise<number> };

/** A raw SSE client of one chat; records every event number and the arrival time of each text. */
function readChat(origin: string, cookie: string, conversationId: string, after = 0, seqs: number[] = []): Reader {
  const arrived = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  let buffer = "";
  const request = http.get(
    `${origin}/chat/${conversationId}/events`,
    { headers: { cookie, "last-event-id": String(after), accept: "text/event-stream" } },
    (response) => {
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (\d+)$/m.exec(frame);
          const data = /^event: chat\ndata: (.*)$/m.exec(frame);
          if (!id || !data) continue;
          seqs.push(Number(id[1]));
          const text = (JSON.parse(data[1]!) as { html: string }).html.replace(/<[^>]+>/g, "").trim();
          arrived.set(text, at);
          waiters.get(text)?.(at);
        }
      });
      response.on("error", () => undefined);
    },
  );
  request.on("error", () => undefined);
  return {
    seqs,
    close: () => request.destroy(),
    waitForText: (text) =>
      new Promise<number>((resolve) => (arrived.has(text) ? resolve(arrived.get(text)!) : waiters.set(text, resolve))),
  };
}

function rssKb(server: Server): number {
  const status = fs.readFileSync(`/proc/${server.child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function main() {
  if (!fs.existsSync(path.resolve(repoRoot, process.env.BUILD_DIR ?? "build", "server/index.js"))) {
    console.error("Build the app first: npm run build (or BUILD_DIR=… npx remix vite:build)");
    process.exit(1);
  }
  const machine = environment();
  const database = await createBenchDatabase("postgres", "chat");
  const resetLimits = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`DELETE FROM "RateLimitWindow" WHERE "key" LIKE 'write:chat%'`);
    await client.end();
  };
  const servers: Server[] = [];
  try {
    for (const name of ["A", "B"]) {
      const port = await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        DATABASE_URL: database.url,
        JOBS: "off",
        // 500 streams from one signed-in customer (the memory measure) is past the per-person cap on purpose.
        CHAT_STREAMS_PER_USER: "10000",
      };
      delete env.SMTP_URL;
      servers.push(startServer(`instance ${name}`, port, ...appServerCommand(), env));
    }
    await Promise.all(servers.map((server) => waitUntilReady(server)));
    const [a, b] = servers as [Server, Server];
    const customer = await signIn(a.origin, CUSTOMER);
    const agent = await signIn(a.origin, AGENT);
    await post(a.origin, "/admin/chat/queue", agent, { intent: "availability", status: "online", capacity: "8" });
    const { conversationId } = await post(a.origin, "/chat/start", customer, {
      message: "Bench chat",
      path: "/",
      timeZone: "UTC",
    });
    if (!conversationId) throw new Error("no chat started");
    // No console stream is open, so the agent is not present for assignment: they take the chat themselves.
    await post(a.origin, "/admin/chat/queue", agent, { intent: "take", conversationId });

    // 1. Latency: the customer posts on A; the agent listens on A, then on B.
    const latency = async (agentOrigin: string, label: string) => {
      await resetLimits();
      const reader = readChat(agentOrigin, agent, conversationId);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const times: number[] = [];
      for (let index = 0; index < MESSAGES; index++) {
        if (index > 0 && index % 25 === 0) await resetLimits();
        const text = `${label} ${index} ${Date.now()}`;
        const arrival = reader.waitForText(text);
        const start = performance.now();
        await post(a.origin, `/chat/${conversationId}`, customer, { intent: "message", body: text });
        times.push((await arrival) - start);
      }
      reader.close();
      return { p50: round(percentile(times, 50), 2), p95: round(percentile(times, 95), 2) };
    };
    const oneInstance = await latency(a.origin, "one");
    const acrossTwo = await latency(b.origin, "two");

    // 2. Memory: 500 open chat streams on instance A.
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = rssKb(a);
    const open: Reader[] = [];
    for (let index = 0; index < CONNECTIONS; index++)
      open.push(readChat(a.origin, customer, conversationId, 1_000_000));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = rssKb(a);
    for (const reader of open) reader.close();
    const perConnectionKb = round((after - before) / CONNECTIONS, 1);

    // 3. Forced reconnects: the customer's stream is cut every 7 messages and resumes from the last id,
    //    alternately on A and B, while the agent writes from B.
    const seqs: number[] = [];
    const lastSeen = () => (seqs.length ? Math.max(...seqs) : 0);
    const start =
      (await database.scalar(`SELECT "lastSeq" FROM "ChatConversation" WHERE "id" = '${conversationId}'`)) ?? 0;
    let reader = readChat(a.origin, customer, conversationId, start, seqs);
    let reconnects = 0;
    for (let index = 0; index < RECONNECT_MESSAGES; index++) {
      await post(b.origin, `/chat/${conversationId}`, agent, { intent: "message", body: `reconnect ${index}` });
      if (index % 7 === 6) {
        reader.close();
        reconnects += 1;
        reader = readChat(reconnects % 2 ? b.origin : a.origin, customer, conversationId, lastSeen(), seqs);
      }
    }
    const last = await database.scalar(`SELECT "lastSeq" FROM "ChatConversation" WHERE "id" = '${conversationId}'`);
    const deadline = Date.now() + 10_000;
    while (lastSeen() < last && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    reader.close();
    const expected = last - start;
    const unique = new Set(seqs);
    const lost = expected - [...unique].filter((seq) => seq > start && seq <= last).length;
    const doubled = seqs.length - unique.size;
    const ordered = seqs.every((seq, index) => index === 0 || seq > seqs[index - 1]!);

    const results = {
      machine,
      messages: MESSAGES,
      latencyMs: { oneInstance, acrossTwoInstances: acrossTwo },
      memory: { connections: CONNECTIONS, rssBeforeKb: before, rssAfterKb: after, perConnectionKb },
      reconnects: { events: expected, reconnects, lost, doubled, inOrder: ordered },
    };
    console.log(
      formatTable(
        ["measure", "value"],
        [
          ["customer → agent, one instance, p50 / p95 ms", `${oneInstance.p50} / ${oneInstance.p95}`],
          ["customer (A) → agent (B), p50 / p95 ms", `${acrossTwo.p50} / ${acrossTwo.p95}`],
          [`memory per open chat stream (${CONNECTIONS} open)`, `${perConnectionKb} KB`],
          [
            `over ${reconnects} forced reconnects (${expected} events)`,
            `${lost} lost, ${doubled} doubled, in order: ${ordered}`,
          ],
        ],
      ),
    );
    console.log(`\nWrote ${await writeResults("chat.json", results)}`);
    if (lost > 0 || doubled > 0 || !ordered) process.exitCode = 1;
  } finally {
    for (const server of servers) await stopServer(server);
    await database.drop();
  }
}

await main();
