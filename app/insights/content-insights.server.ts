import { type PrismaClient } from "../generated/prisma/client";
import { listPages } from "../content/store.server";
import { ratio } from "./arithmetic";
import { TOP } from "./query-ranking.server";
import { type DateRange } from "./range";
import { percent, type InsightsTable } from "./tables";
import { at, onDays, timeParam } from "./windows.server";

/** The content section of /admin/insights: views per page, helpful votes, comments, answers shown before a ticket. */

async function pageTitles(): Promise<Map<string, string>> {
  try {
    return new Map((await listPages()).map((page) => [page.id, page.frontmatter.title]));
  } catch {
    return new Map();
  }
}

/**
 * The answers most often offered in flows that ended in a ticket. Read from the range's ticket
 * flows (the outcome and start-time index) to their suggestions (the session and document index):
 * Prisma's relation filter went the other way, over every suggestion ever offered.
 */
async function shownBeforeTickets(db: PrismaClient, range: DateRange) {
  const rows = await db.$queryRaw<{ documentId: string; count: bigint | number }[]>`
    SELECT s."documentId" AS "documentId", COUNT(*) AS "count"
    FROM "DeflectionSession" d JOIN "DeflectionSuggestion" s ON s."sessionId" = d."id"
    WHERE d."outcome" = 'ticket' AND d."startedAt" >= ${timeParam(range.from)} AND d."startedAt" < ${timeParam(range.to)}
    GROUP BY s."documentId" ORDER BY COUNT(*) DESC, s."documentId" ASC LIMIT ${TOP}`;
  return rows.map((row) => ({ documentId: row.documentId, count: Number(row.count) }));
}

export async function contentSection(db: PrismaClient, range: DateRange) {
  const [views, votes, missing, shownBeforeTicket, titles] = await Promise.all([
    db.pageViewDaily.groupBy({
      by: ["path"],
      where: { day: onDays(range) },
      _sum: { views: true },
      orderBy: { _sum: { views: "desc" } },
      take: 30,
    }),
    db.helpfulVote.groupBy({ by: ["pageId", "helpful"], where: { updatedAt: at(range) }, _count: { _all: true } }),
    db.helpfulVote.findMany({
      where: { updatedAt: at(range), comment: { not: null } },
      orderBy: { updatedAt: "desc" },
      take: 50,
      select: { pageId: true, comment: true, helpful: true, updatedAt: true },
    }),
    shownBeforeTickets(db, range),
    pageTitles(),
  ]);
  const title = (id: string) => titles.get(id) ?? id;
  const votesBy = new Map<string, { yes: number; no: number }>();
  for (const row of votes) {
    const entry = votesBy.get(row.pageId) ?? { yes: 0, no: 0 };
    if (row.helpful) entry.yes += row._count._all;
    else entry.no += row._count._all;
    votesBy.set(row.pageId, entry);
  }
  const tables: InsightsTable[] = [
    {
      id: "article-views",
      caption: "Views per article and doc",
      columns: ["Page", "Path", "Views", "Helpful", "Votes", "Helpful ÷ votes"],
      rows: views.map((row) => {
        const vote = votesBy.get(row.path) ?? { yes: 0, no: 0 };
        return [
          title(row.path),
          `/${row.path}`,
          row._sum.views ?? 0,
          vote.yes,
          vote.yes + vote.no,
          percent(ratio(vote.yes, vote.yes + vote.no)),
        ];
      }),
      empty: "No page views counted in this range yet.",
    },
    {
      id: "helpful-votes",
      caption: "Helpful votes per page",
      columns: ["Page", "Helpful", "Not helpful", "Helpful ÷ votes"],
      rows: [...votesBy.entries()]
        .sort((a, b) => b[1].yes + b[1].no - (a[1].yes + a[1].no))
        .slice(0, 30)
        .map(([pageId, vote]) => [title(pageId), vote.yes, vote.no, percent(ratio(vote.yes, vote.yes + vote.no))]),
      empty: "No votes in this range.",
    },
    {
      id: "what-was-missing",
      caption: "“What was missing?” comments",
      columns: ["Page", "Comment", "Helpful", "When (UTC)"],
      rows: missing.map((row) => [
        title(row.pageId),
        row.comment ?? "",
        row.helpful ? "yes" : "no",
        row.updatedAt.toISOString().slice(0, 16).replace("T", " "),
      ]),
      empty: "No comments in this range.",
    },
    {
      id: "shown-before-ticket",
      caption: "Answers most often shown before a ticket was filed anyway",
      columns: ["Answer", "Times shown before a ticket"],
      rows: shownBeforeTicket.map((row) => [title(row.documentId), row.count]),
      empty: "No data yet: no ticket followed suggestions in this range.",
    },
  ];
  return { tables };
}
