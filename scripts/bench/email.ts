/**
 * The email channel under load: `npm run bench:email` (MAILS=…, SENDERS=…, DATABASES=sqlite,postgres).
 *
 * For each database (a seeded throw-away SQLite file, and a throw-away PostgreSQL database at
 * BENCH_POSTGRES_ADMIN_URL) the real SMTP receiver listens on 127.0.0.1 and SENDERS parallel
 * Nodemailer clients (default 8) send MAILS mails (default 400) from the seeded customers to support@.
 * Figures: the sender's wait for the 250 (p50/p95), accepted → ticket visible (after the 250, until a
 * query by a fresh connection finds the ticket; p50/p95), mails per second over the whole run, and
 * lost mails (acknowledged but no ticket; must be 0). DNS is answered "no such domain" locally, so
 * mailauth runs its checks without the network. Results go to bench-results/email.json.
 */
import nodemailer from "nodemailer";
import type { DNSResolver } from "mailauth";
import { inboundSettings } from "../../app/email/settings.server";
import { createSmtpReceiver } from "../../app/email/smtp-receiver.server";
import { createPrismaClient } from "../../app/lib/db.server";
import { SEED_ACCOUNTS, SEED_USERS } from "../../prisma/seed-data";
import { createBenchDatabase, type DatabaseKind } from "./app-databases";
import { freePort } from "./processes";
import { environment, formatTable, mark, numberFromEnv, round, writeResults } from "./shared";

const MAILS = numberFromEnv("MAILS", 400);
const SENDERS = numberFromEnv("SENDERS", 8);
const KINDS = (process.env.DATABASES ?? "sqlite,postgres").split(",").filter(Boolean) as DatabaseKind[];

const noDns: DNSResolver = async (domain) => {
  throw Object.assign(new Error(`ENOTFOUND ${domain}`), { code: "ENOTFOUND" });
};

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const customers = SEED_USERS.filter((user) => user.role === "member" && user.accountNumber).map((user) => user.email);

async function benchOne(kind: DatabaseKind) {
  const database = await createBenchDatabase(kind, "email");
  const db = createPrismaClient(database.url);
  const reader = createPrismaClient(database.url);
  const settings = {
    ...inboundSettings({}),
    INBOUND_LIMIT_PER_SENDER: 1_000_000,
    INBOUND_LIMIT_PER_CLIENT: 1_000_000,
  };
  // The app's search index belongs to data/app.db, not to this throw-away database: leave it alone.
  const server = createSmtpReceiver({ db, settings, resolver: noDns, name: "bench.mx", indexSearch: false });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  const waits: number[] = [];
  const visible: number[] = [];
  let acknowledged = 0;
  let refused = 0;
  let next = 0;
  const run = `bench-${kind}-${Date.now()}`;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: 1,
      });
      for (let index = next++; index < MAILS; index = next++) {
        const subject = `${run} mail ${index}`;
        const sentAt = performance.now();
        try {
          await transport.sendMail({
            from: customers[index % customers.length],
            to: "support@techflowsolutions.com",
            subject,
            text: `Bench mail ${index}: the export fails.\n\n> quoted history\n`,
          });
        } catch {
          refused++;
          continue;
        }
        const ackAt = performance.now();
        waits.push(ackAt - sentAt);
        acknowledged++;
        for (;;) {
          const found = await reader.ticket.findFirst({ where: { subject }, select: { id: true } });
          if (found) break;
          if (performance.now() - ackAt > 120_000) throw new Error(`${subject} never became a ticket`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        visible.push(performance.now() - ackAt);
      }
      transport.close();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const tickets = await reader.ticket.count({ where: { subject: { startsWith: run } } });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.$disconnect();
  await reader.$disconnect();
  await database.drop();
  return {
    database: kind,
    mails: MAILS,
    senders: SENDERS,
    acknowledged,
    refused,
    tickets,
    lost: acknowledged - tickets,
    mailsPerSecond: round(acknowledged / seconds),
    ackWaitMs: { p50: round(percentile(waits, 50)), p95: round(percentile(waits, 95)) },
    acceptedToVisibleMs: { p50: round(percentile(visible, 50)), p95: round(percentile(visible, 95)) },
  };
}

const env = environment();
if (customers.length === 0 || SEED_ACCOUNTS.length === 0) throw new Error("No seeded customers to send from");
const results = [];
for (const kind of KINDS) {
  console.log(`${kind}: ${MAILS} mails from ${SENDERS} parallel senders…`);
  results.push(await benchOne(kind));
}
console.log(
  formatTable(
    ["database", "mails/s", "250 wait p50", "p95", "→ visible p50", "p95", "acknowledged", "lost", ""],
    results.map((row) => [
      row.database,
      row.mailsPerSecond,
      `${row.ackWaitMs.p50} ms`,
      `${row.ackWaitMs.p95} ms`,
      `${row.acceptedToVisibleMs.p50} ms`,
      `${row.acceptedToVisibleMs.p95} ms`,
      row.acknowledged,
      row.lost,
      mark(row.lost === 0 && row.refused === 0),
    ]),
  ),
);
console.log(`Results: ${await writeResults("email.json", { environment: env, results })}`);
process.exit(results.every((row) => row.lost === 0 && row.refused === 0) ? 0 : 1);
