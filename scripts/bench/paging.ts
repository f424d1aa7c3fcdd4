/**
 * Filing → page, through the production path (part of `npm run bench:escalation`).
 *
 * A seeded SQLite database (its on-call rotation pages the demo agent) behind the production server
 * (`node build-server/index.mjs`, queued tasks in the background as deployed) with ONCALL_WEBHOOK_URL
 * pointing at a local receiver. A signed-in customer files FILINGS Priority 1 tickets one after another
 * by POSTing the new-ticket form, as the browser does. For each filing:
 *   - answeredMs: until the filing's answer (the redirect to the ticket) arrived. The page (the mail in
 *     the outbox and the in-app notification) is written in the filing's transaction, so it is visible
 *     by then; the script checks that both rows are there at that moment;
 *   - pageWrittenMs: until the page mail was written (its outbox row's createdAt, same host clock);
 *   - webhookMs: until the PagerDuty-format trigger event reached the receiver (queued task, background).
 * p50 / p95 / max over the filings. The per-customer ticket allowance is reset before each filing.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { SEED_USERS } from "../../prisma/seed-data";
import { createBenchDatabase, signIn } from "./app-databases";
import { appServerCommand, freePort, startServer, stopServer, waitUntilReady } from "./processes";
import { numberFromEnv, round } from "./shared";

const FILINGS = numberFromEnv("PAGING_FILINGS", 40);
const WEBHOOK_WAIT_MS = 30_000;
const CUSTOMER = SEED_USERS.find((user) => user.email === "pat@globex.example")!;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    maxMs: round(sorted[sorted.length - 1] ?? NaN),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk));
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

/** A stand-in for PagerDuty's Events API: answers 202 and notes when each ticket's trigger arrived. */
async function startWebhookReceiver() {
  const triggers = new Map<string, number>();
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const event = JSON.parse(body) as { dedup_key?: string; event_action?: string };
    if (event.event_action === "trigger" && event.dedup_key && !triggers.has(event.dedup_key))
      triggers.set(event.dedup_key, Date.now());
    response.writeHead(202, { "content-type": "application/json" }).end('{"status":"success"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v2/enqueue`, triggers, close: () => server.close() };
}

function ticketForm(index: number) {
  const form = new FormData();
  const fields: Record<string, string> = {
    subject: `Checkout down (bench ${index})`,
    contactName: CUSTOMER.name,
    contactPhone: "+1 555 0142",
    description: "Every checkout fails with a 503 since a few minutes.",
    businessImpact: "No customer can pay.",
    usersAffected: "Everyone in our account",
    issueStartedAt: "2026-06-01T08:00",
    issueTimeZone: "America/New_York",
    errorMessages: "Payment service unavailable (503)",
    stepsToReproduce: "Add to cart, pay",
    alreadyTried: "Restarted the app",
    priority: "1",
    p1Confirmed: "on",
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

const epochMs = (value: unknown) => (typeof value === "number" ? value : new Date(String(value)).getTime());

export async function measureFilingToPage() {
  const database = await createBenchDatabase("sqlite", "paging");
  const receiver = await startWebhookReceiver();
  const file = database.url.replace(/^file:/, "");
  const db = new Database(file);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATABASE_URL: database.url,
    SEARCH_DB: file.replace(/bench\.db$/, "search.db"),
    ONCALL_WEBHOOK_URL: receiver.url,
  };
  delete env.SMTP_URL; // the page mail stays in the bench database's outbox
  delete env.INBOUND_SMTP_PORT;
  const [command, args] = appServerCommand();
  const server = startServer("app (paging)", port, command, args, env);
  try {
    await waitUntilReady(server);
    const cookie = await signIn(server.origin, CUSTOMER);
    const answered: number[] = [];
    const written: number[] = [];
    const filedAt = new Map<string, number>();
    for (let index = 0; index < FILINGS; index++) {
      // The bench files far more Priority 1 tickets than a customer may: the allowance starts afresh each time.
      db.prepare(`DELETE FROM "RateLimitWindow"`).run();
      const startedEpoch = Date.now();
      const started = performance.now();
      const response = await fetch(`${server.origin}/support/new`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: server.origin, cookie },
        body: ticketForm(index),
      });
      const elapsed = performance.now() - started;
      const number = /\/support\/tickets\/(TF-\d{4}-\d{6})/.exec(response.headers.get("location") ?? "")?.[1];
      if (response.status !== 302 || !number)
        throw new Error(`filing ${index} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      const page = db
        .prepare(`SELECT "createdAt" FROM "OutboxEmail" WHERE subject LIKE ?`)
        .get(`[PAGE] Priority 1 ${number}:%`) as { createdAt: unknown } | undefined;
      const notice = db
        .prepare(`SELECT COUNT(*) AS count FROM "Notification" WHERE url = ? AND title LIKE 'Paged%'`)
        .get(`/admin/tickets/${number}`) as { count: number };
      if (!page || notice.count === 0) throw new Error(`${number}: no page in the outbox or no notification`);
      answered.push(elapsed);
      written.push(epochMs(page.createdAt) - startedEpoch);
      filedAt.set(number, startedEpoch);
      // A customer's pace, not a flood: the background queue gets its turn between filings.
      await sleep(50);
    }
    const deadline = Date.now() + WEBHOOK_WAIT_MS;
    while (receiver.triggers.size < filedAt.size && Date.now() < deadline) await sleep(100);
    const webhook = [...filedAt].flatMap(([number, at]) => {
      const arrived = receiver.triggers.get(number);
      return arrived === undefined ? [] : [arrived - at];
    });
    return {
      filings: FILINGS,
      answered: summary(answered),
      pageWritten: summary(written),
      webhook: { ...summary(webhook), missing: filedAt.size - webhook.length },
    };
  } finally {
    db.close();
    receiver.close();
    await stopServer(server);
    await database.drop();
  }
}
