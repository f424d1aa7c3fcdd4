import type { Actor } from "../auth/permissions";
import { listPages } from "../content/store.server";
import { normaliseProblem, sameProblem } from "../deflection/settlement";
import type { PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { runSearch } from "../search/service.server";
import { dayString } from "./range";

/**
 * The content-gap queue for writers: zero-result and no-click searches, "What was
 * missing?" comments, deflections that did not hold and tickets no article answers, grouped by
 * their normalised words, ranked by weighted evidence. A group closes by itself when a new or
 * updated article answers its words (the search returns it in the top 3); staff can dismiss one
 * with a reason (kept in the audit log, so the decision and who made it stay on record).
 */
const WINDOW_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEIGHTS = { zeroResult: 1, noClick: 0.5, comment: 3, notHeld: 3, ticket: 5 } as const;
const DISMISS_ACTION = "content-gap.dismiss";
const SUBJECT_TYPE = "content-gap";
const MAX_GROUPS = 60;
const TICKETS_CHECKED = 200;

export type GapEvidence =
  | { kind: "zero-result"; query: string; count: number; lastSeen: string }
  | { kind: "no-click"; query: string; count: number; lastSeen: string }
  | { kind: "comment"; page: string; text: string; at: string }
  | { kind: "not-held"; query: string; answer: string; at: string }
  | { kind: "ticket"; number: string; subject: string; at: string };

export type GapGroup = {
  key: string;
  label: string;
  score: number;
  lastSeen: string;
  evidence: GapEvidence[];
  answeredBy: { title: string; url: string } | null;
  dismissed: { reason: string; at: string } | null;
};

type Item = { key: string; label: string; weight: number; at: string; evidence: GapEvidence };

function group(items: Item[]): GapGroup[] {
  const groups: GapGroup[] = [];
  for (const item of items) {
    if (!item.key) continue;
    const existing = groups.find((candidate) => candidate.key === item.key || sameProblem(candidate.key, item.key));
    if (existing) {
      existing.score += item.weight;
      existing.evidence.push(item.evidence);
      if (item.at > existing.lastSeen) existing.lastSeen = item.at;
    } else
      groups.push({
        key: item.key,
        label: item.label,
        score: item.weight,
        lastSeen: item.at,
        evidence: [item.evidence],
        answeredBy: null,
        dismissed: null,
      });
  }
  return groups.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
}

async function contentHitInTopThree(query: string) {
  try {
    const result = await runSearch({ query, limit: 3 });
    return result.hits.filter((hit) => hit.type === "article" || hit.type === "doc");
  } catch {
    return [];
  }
}

async function collect(db: PrismaClient, now: Date): Promise<Item[]> {
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY_MS);
  const days = { gte: dayString(since), lte: dayString(now) };
  const [zero, unclicked, comments, notHeld, tickets] = await Promise.all([
    db.searchDaily.groupBy({
      by: ["query"],
      where: { day: days, zeroResults: { gt: 0 } },
      _sum: { zeroResults: true },
      _max: { lastSeenAt: true },
      orderBy: [{ _sum: { zeroResults: "desc" } }, { query: "asc" }],
      take: 200,
    }),
    db.searchDaily.groupBy({
      by: ["query"],
      where: { day: days },
      _sum: { searches: true, zeroResults: true, clicks: true },
      _max: { lastSeenAt: true },
      having: { clicks: { _sum: { equals: 0 } } },
      orderBy: [{ _sum: { searches: "desc" } }, { query: "asc" }],
      take: 200,
    }),
    db.helpfulVote.findMany({
      where: { updatedAt: { gte: since }, helpful: false, comment: { not: null } },
      orderBy: { updatedAt: "desc" },
      take: 200,
      select: { pageId: true, comment: true, updatedAt: true },
    }),
    db.deflectionSession.findMany({
      where: { startedAt: { gte: since }, held: false },
      orderBy: { startedAt: "desc" },
      take: 200,
      select: {
        query: true,
        startedAt: true,
        suggestions: { where: { confirmedAt: { not: null } }, select: { title: true } },
      },
    }),
    db.ticket.findMany({
      where: { createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
      take: TICKETS_CHECKED,
      select: { number: true, subject: true, createdAt: true },
    }),
  ]);
  const items: Item[] = [];
  for (const row of zero) {
    const at = (row._max.lastSeenAt ?? now).toISOString();
    items.push({
      key: normaliseProblem(row.query),
      label: row.query,
      weight: WEIGHTS.zeroResult * (row._sum.zeroResults ?? 0),
      at,
      evidence: { kind: "zero-result", query: row.query, count: row._sum.zeroResults ?? 0, lastSeen: at },
    });
  }
  for (const row of unclicked) {
    const withResults = (row._sum.searches ?? 0) - (row._sum.zeroResults ?? 0);
    if (withResults <= 0) continue;
    const at = (row._max.lastSeenAt ?? now).toISOString();
    items.push({
      key: normaliseProblem(row.query),
      label: row.query,
      weight: WEIGHTS.noClick * withResults,
      at,
      evidence: { kind: "no-click", query: row.query, count: withResults, lastSeen: at },
    });
  }
  for (const row of comments) {
    const text = (row.comment ?? "").slice(0, 500);
    items.push({
      key: normaliseProblem(text),
      label: text.slice(0, 80),
      weight: WEIGHTS.comment,
      at: row.updatedAt.toISOString(),
      evidence: { kind: "comment", page: row.pageId, text, at: row.updatedAt.toISOString() },
    });
  }
  for (const row of notHeld) {
    items.push({
      key: row.query,
      label: row.query,
      weight: WEIGHTS.notHeld,
      at: row.startedAt.toISOString(),
      evidence: {
        kind: "not-held",
        query: row.query,
        answer: row.suggestions[0]?.title ?? "",
        at: row.startedAt.toISOString(),
      },
    });
  }
  for (const ticket of tickets) {
    if ((await contentHitInTopThree(ticket.subject)).length > 0) continue;
    items.push({
      key: normaliseProblem(ticket.subject),
      label: ticket.subject,
      weight: WEIGHTS.ticket,
      at: ticket.createdAt.toISOString(),
      evidence: { kind: "ticket", number: ticket.number, subject: ticket.subject, at: ticket.createdAt.toISOString() },
    });
  }
  return items;
}

/**
 * Computing the groups costs up to ~260 searches (tickets no article answers, then a top-3 check per
 * group), so each app instance keeps the computed groups for a few minutes. Evidence is days old
 * anyway; dismissals are read fresh on every call, so a dismissal shows at once.
 */
const QUEUE_TTL_MS = 5 * 60 * 1000;
type CachedGroups = { db: PrismaClient; computedAt: number; groups: GapGroup[] };
let cachedGroups: CachedGroups | null = null;

async function computeGroups(db: PrismaClient, now: Date): Promise<GapGroup[]> {
  const groups = group(await collect(db, now)).slice(0, MAX_GROUPS);
  const pages = await listPages().catch(() => []);
  const updatedAt = new Map(pages.map((page) => [page.id, page.updatedAt]));
  for (const entry of groups) {
    // Closed when an article or doc in the top 3 for the group's words was updated after the evidence.
    for (const hit of await contentHitInTopThree(entry.label)) {
      // Hits are often sections ("kb/x#heading"); the page's own date decides.
      const changed = updatedAt.get(hit.id.split("#")[0]);
      // Pages carry a day, not a time: only a later day proves the page changed after the last complaint.
      if (changed && changed.slice(0, 10) > entry.lastSeen.slice(0, 10)) {
        entry.answeredBy = { title: hit.title, url: hit.url };
        break;
      }
    }
  }
  return groups;
}

async function rankedGroups(db: PrismaClient, now: Date): Promise<GapGroup[]> {
  const clock = Date.now();
  if (cachedGroups && cachedGroups.db === db && clock - cachedGroups.computedAt < QUEUE_TTL_MS)
    return cachedGroups.groups;
  const groups = await computeGroups(db, now);
  cachedGroups = { db, computedAt: clock, groups };
  return groups;
}

/** Forgets the computed queue (tests, and after data the queue reads changes in bulk). */
export function forgetContentGapQueue() {
  cachedGroups = null;
}

/** The ranked queue: open groups first; groups answered since, and dismissed ones, listed apart. */
export async function contentGapQueue(now = new Date(), db: PrismaClient = prisma) {
  const groups = (await rankedGroups(db, now)).map((entry) => ({ ...entry, dismissed: null as GapGroup["dismissed"] }));
  const dismissals = await db.auditLog.findMany({
    where: { subjectType: SUBJECT_TYPE, action: DISMISS_ACTION, subjectId: { in: groups.map((entry) => entry.key) } },
    orderBy: { createdAt: "desc" },
  });
  for (const entry of groups) {
    const dismissal = dismissals.find((row) => row.subjectId === entry.key);
    if (dismissal) entry.dismissed = { reason: dismissal.reason, at: dismissal.createdAt.toISOString() };
  }
  return {
    open: groups.filter((entry) => !entry.dismissed && !entry.answeredBy),
    answered: groups.filter((entry) => !entry.dismissed && entry.answeredBy),
    dismissed: groups.filter((entry) => entry.dismissed),
  };
}

export async function dismissGap(actor: Actor, key: string, reason: string) {
  await prisma.auditLog.create({
    data: {
      actorId: actor.id,
      action: DISMISS_ACTION,
      subjectType: SUBJECT_TYPE,
      subjectId: key.slice(0, 300),
      reason: reason.slice(0, 500),
    },
  });
}

function slugify(text: string) {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "new-article"
  );
}

function yamlString(text: string) {
  return JSON.stringify(text.replace(/\s+/g, " ").trim());
}

/**
 * An MDX draft for a group: frontmatter (draft: true), the customers' words as the question and the
 * evidence as counts and links for the writer. No customer data: comments and ticket subjects are
 * summarised by count, never copied (they may name people or companies); ticket numbers are staff links.
 */
export function draftArticle(entry: GapGroup, today = new Date()) {
  const question = entry.label.length > 3 ? entry.label : entry.key;
  const title = question.endsWith("?") ? question : `${question.charAt(0).toUpperCase()}${question.slice(1)}?`;
  const queries = entry.evidence.filter(
    (item): item is Extract<GapEvidence, { query: string; count: number }> =>
      item.kind === "zero-result" || item.kind === "no-click",
  );
  const comments = entry.evidence.filter((item) => item.kind === "comment").length;
  const notHeld = entry.evidence.filter((item) => item.kind === "not-held").length;
  const tickets = entry.evidence.filter(
    (item): item is Extract<GapEvidence, { kind: "ticket" }> => item.kind === "ticket",
  );
  const lines = [
    "---",
    `title: ${yamlString(title.slice(0, 120))}`,
    `summary: ${yamlString(`Answers "${question}" (drafted from the content-gap queue; rewrite this summary).`.slice(0, 300))}`,
    "category: getting-help",
    `tags: [${entry.key.split(" ").slice(0, 4).map(slugify).join(", ")}]`,
    "draft: true",
    `updated: ${today.toISOString().slice(0, 10)}`,
    "---",
    "",
    "{/* Evidence from the content-gap queue (remove before publishing):",
    ...queries.map(
      (item) =>
        `  - searched ${item.count} times (${item.kind === "zero-result" ? "no results" : "results never clicked"}): ${item.query}`,
    ),
    ...(comments ? [`  - ${comments} "What was missing?" comments`] : []),
    ...(notHeld ? [`  - ${notHeld} confirmed answers that did not hold`] : []),
    ...tickets.map((item) => `  - ticket ${item.number} (/support/tickets/${item.number})`),
    "*/}",
    "",
    `Customers ask: "${question}"`,
    "",
    "## Answer",
    "",
    "Write the answer here.",
    "",
  ];
  return { fileName: `${slugify(question)}.mdx`, text: lines.join("\n") };
}

export async function findGap(key: string, now = new Date()) {
  const queue = await contentGapQueue(now);
  return [...queue.open, ...queue.answered, ...queue.dismissed].find((entry) => entry.key === key) ?? null;
}
