/** The bench's data for /admin/insights: batched raw inserts into a throw-away SQLite database (scripts/bench/insights.ts). */
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { numberFromEnv } from "./shared";

export const SEARCHES = numberFromEnv("BENCH_SEARCHES", 1_000_000);
export const CLICKS = numberFromEnv("BENCH_CLICKS", 100_000);
export const PAGE_VIEWS = numberFromEnv("BENCH_PAGE_VIEWS", 100_000);
export const TICKETS = numberFromEnv("BENCH_TICKETS", 50_000);
export const FLOWS = numberFromEnv("BENCH_FLOWS", 20_000);
const DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

const id = () => `b${randomBytes(12).toString("hex")}`;
/** Prisma's SQLite adapter stores DateTime as this text form; comparisons are textual, so it must match. */
const stamp = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export function grow(file: string, now: number) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const start = now - DAYS * DAY_MS;
  const randomTime = () => start + Math.floor(Math.random() * (now - start));
  const vocabulary = Array.from({ length: 5000 }, (_, index) => `query ${index % 50} topic ${Math.floor(index / 50)}`);
  const pick = () => vocabulary[Math.floor(Math.pow(Math.random(), 3) * vocabulary.length)];

  const insertSearch = db.prepare(
    'INSERT INTO "SearchQuery" (id, query, engine, resultCount, latencyMs, source, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertClick = db.prepare(
    'INSERT INTO "SearchClick" (id, query, resultId, position, createdAt) VALUES (?, ?, ?, ?, ?)',
  );
  const batch = db.transaction((count: number, write: () => void) => {
    for (let index = 0; index < count; index++) write();
  });
  for (let done = 0; done < SEARCHES; done += 50_000)
    batch(Math.min(50_000, SEARCHES - done), () =>
      insertSearch.run(
        id(),
        pick(),
        "embedded",
        Math.random() < 0.1 ? 0 : 1 + Math.floor(Math.random() * 20),
        3,
        "api",
        stamp(randomTime()),
      ),
    );
  batch(CLICKS, () => insertClick.run(id(), pick(), "kb/x", 1 + Math.floor(Math.random() * 10), stamp(randomTime())));

  const paths = (db.prepare('SELECT DISTINCT pageId FROM "HelpfulVote"').all() as { pageId: string }[]).map(
    (row) => row.pageId,
  );
  while (paths.length < 120) paths.push(`kb/bench-page-${paths.length}`);
  const views = new Map<string, number>();
  for (let index = 0; index < PAGE_VIEWS; index++) {
    const key = `${new Date(randomTime()).toISOString().slice(0, 10)} ${paths[Math.floor(Math.random() * paths.length)]}`;
    views.set(key, (views.get(key) ?? 0) + 1);
  }
  const insertView = db.prepare(
    'INSERT INTO "PageViewDaily" (day, path, views) VALUES (?, ?, ?) ON CONFLICT(day, path) DO UPDATE SET views = views + excluded.views',
  );
  db.transaction(() => {
    for (const [key, count] of views) {
      const [day, pagePath] = key.split(" ");
      insertView.run(day, pagePath, count);
    }
  })();

  const accounts = db
    .prepare(
      'SELECT a.id AS accountId, a.plan AS plan, u.id AS userId FROM "CustomerAccount" a JOIN "User" u ON u.accountId = a.id',
    )
    .all() as { accountId: string; plan: string; userId: string }[];
  const targets: Record<string, number[]> = {
    standard: [240, 480, 1440, 2880],
    professional: [60, 120, 480, 1440],
    enterprise: [15, 30, 240, 480],
  };
  const insertTicket = db.prepare(
    'INSERT INTO "Ticket" (id, seq, number, accountId, requesterId, subject, contactName, descriptionMarkdown, descriptionHtml, businessImpact, usersAffected, issueStartedAt, priority, plan, status, firstResponseDueAt, firstRespondedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertEvent = db.prepare(
    'INSERT INTO "TicketEvent" (id, ticketId, kind, fromValue, toValue, createdAt) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertSurvey = db.prepare(
    'INSERT INTO "TicketSurvey" (ticketId, sentAt, rating, answeredAt) VALUES (?, ?, ?, ?)',
  );
  const firstSeq = ((db.prepare('SELECT MAX(seq) AS seq FROM "Ticket"').get() as { seq: number | null }).seq ?? 0) + 1;
  db.transaction(() => {
    for (let index = 0; index < TICKETS; index++) {
      const owner = accounts[index % accounts.length];
      const priority = 1 + Math.floor(Math.random() * 4);
      const created = randomTime();
      const due = created + targets[owner.plan][priority - 1] * 60_000;
      const responded = Math.random() < 0.9 ? created + Math.random() * 2 * (due - created) : null;
      const ticketId = id();
      const seq = firstSeq + index;
      insertTicket.run(
        ticketId,
        seq,
        `TF-BENCH-${seq}`,
        owner.accountId,
        owner.userId,
        "Bench ticket",
        "Bench",
        "x",
        "<p>x</p>",
        "some",
        "1",
        stamp(created),
        priority,
        owner.plan,
        "closed",
        stamp(due),
        responded === null ? null : stamp(responded),
        stamp(created),
        stamp(created),
      );
      if (priority === 1 && Math.random() < 0.3)
        insertEvent.run(id(), ticketId, "escalated", "1", "2", stamp(created + 7_200_000));
      if (Math.random() < 0.2)
        insertSurvey.run(
          ticketId,
          stamp(created + DAY_MS),
          1 + Math.floor(Math.random() * 5),
          stamp(Math.min(now - 1, created + DAY_MS)),
        );
    }
  })();

  const insertSession = db.prepare(
    'INSERT INTO "DeflectionSession" (id, query, startedAt, updatedAt, outcome, held, settledAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertSuggestion = db.prepare(
    'INSERT INTO "DeflectionSuggestion" (id, sessionId, documentId, type, url, title, position, offeredAt, openedAt, confirmedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (let index = 0; index < FLOWS; index++) {
      const started = randomTime();
      const roll = Math.random();
      const outcome = roll < 0.4 ? "confirmed" : roll < 0.7 ? "gave-up" : "ticket";
      const held = outcome === "confirmed" ? (Math.random() < 0.8 ? 1 : 0) : null;
      const sessionId = id();
      insertSession.run(
        sessionId,
        pick(),
        stamp(started),
        stamp(started),
        outcome,
        held,
        held === null ? null : stamp(started + 7 * DAY_MS),
      );
      const first = Math.floor(Math.random() * paths.length);
      for (let position = 1; position <= 3; position++) {
        const page = paths[(first + position) % paths.length];
        insertSuggestion.run(
          id(),
          sessionId,
          page,
          "article",
          `/${page}`,
          page,
          position,
          stamp(started),
          position === 1 ? stamp(started) : null,
          position === 1 && outcome === "confirmed" ? stamp(started) : null,
        );
      }
    }
  })();
  db.close();
}
