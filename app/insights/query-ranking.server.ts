import type { PrismaClient } from "../generated/prisma/client";
import { lastDays, PRESETS } from "./range";
import { inRetriedTransaction } from "../lib/transactions.server";

/** How many queries each list on /admin/insights shows. */
export const TOP = 20;

const KINDS = ["top", "zero", "unclicked"] as const;
type Kind = (typeof KINDS)[number];
type Days = { fromDay: string; toDay: string };
type RankedQuery = {
  kind: Kind;
  query: string;
  searches: number;
  zeroResults: number;
  clicks: number;
  lastSeenAt: Date;
};
type QueryRankRow = {
  kind: string;
  query: string;
  searches: bigint | number;
  zeroResults: bigint | number;
  clicks: bigint | number;
  lastSeenAt: Date | string;
};

function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}

/**
 * The top, zero-result and never-clicked query lists for any range of days, ranked in the database;
 * only 3 × TOP rows reach the app. Summing the range's (day, query) rows per query read ~300k rows
 * for a busy 90 days (a third of a second on 1M searches), so each query's range totals come from
 * its running totals instead: its row at its last day in the range minus its last row before the
 * range, a few index seeks per query seen in the range (SearchTerm says which). The row at its last
 * day in the range holds that day's lastSeenAt, the latest of the range.
 */
export async function rankQueries(db: PrismaClient, range: Days): Promise<RankedQuery[]> {
  const rows = await db.$queryRaw<QueryRankRow[]>`
    WITH candidates AS MATERIALIZED (
      SELECT t."query",
        (SELECT e."day" FROM "SearchDaily" e WHERE e."query" = t."query" AND e."day" <= ${range.toDay} ORDER BY e."day" DESC LIMIT 1) AS "endDay",
        (SELECT b."day" FROM "SearchDaily" b WHERE b."query" = t."query" AND b."day" < ${range.fromDay} ORDER BY b."day" DESC LIMIT 1) AS "beforeDay"
      FROM "SearchTerm" t WHERE t."lastDay" >= ${range.fromDay} AND t."firstDay" <= ${range.toDay}
    ),
    totals AS MATERIALIZED (
      SELECT c."query", e."runSearches" - COALESCE(b."runSearches", 0) AS searches, e."runZeroResults" - COALESCE(b."runZeroResults", 0) AS "zeroResults",
        e."runClicks" - COALESCE(b."runClicks", 0) AS clicks, e."lastSeenAt" AS "lastSeenAt"
      FROM candidates c
      JOIN "SearchDaily" e ON e."query" = c."query" AND e."day" = c."endDay"
      LEFT JOIN "SearchDaily" b ON b."query" = c."query" AND b."day" = c."beforeDay"
      -- A query seen before and after the range but not in it has its last row before the range.
      WHERE c."endDay" >= ${range.fromDay}
    )
    SELECT * FROM (SELECT 'top' AS kind, totals.* FROM totals ORDER BY searches DESC, "query" ASC LIMIT ${TOP}) AS top_queries
    UNION ALL
    SELECT * FROM (SELECT 'zero' AS kind, totals.* FROM totals WHERE "zeroResults" > 0 ORDER BY "zeroResults" DESC, "query" ASC LIMIT ${TOP}) AS zero_queries
    UNION ALL
    SELECT * FROM (SELECT 'unclicked' AS kind, totals.* FROM totals WHERE clicks = 0 AND searches > "zeroResults" ORDER BY searches - "zeroResults" DESC, "query" ASC LIMIT ${TOP}) AS unclicked_queries`;
  return rows.flatMap((row) =>
    isKind(row.kind)
      ? [
          {
            kind: row.kind,
            query: row.query,
            searches: Number(row.searches),
            zeroResults: Number(row.zeroResults),
            clicks: Number(row.clicks),
            lastSeenAt: new Date(row.lastSeenAt),
          },
        ]
      : [],
  );
}

/**
 * The lists for a range: stored ones when the job ranked exactly this range (the preset ranges
 * ending on the day of its last run), else ranked now. Even the running totals cost a random index
 * read per query seen in the range (~50 ms for 5,000 queries over 90 days on a cold cache), and
 * the preset links are how the page is opened.
 */
export async function rankedQueries(db: PrismaClient, range: Days): Promise<RankedQuery[]> {
  const stored = await db.searchRanking.findMany({
    where: { fromDay: range.fromDay, toDay: range.toDay },
    orderBy: { rank: "asc" },
  });
  // No rows: never ranked (or nothing to rank, which ranks fast): rank now.
  if (stored.length === 0) return rankQueries(db, range);
  return KINDS.flatMap((kind) =>
    stored
      .filter((row) => row.kind === kind)
      .map((row) => ({
        kind,
        query: row.query,
        searches: row.searches,
        zeroResults: row.zeroResults,
        clicks: row.clicks,
        lastSeenAt: row.lastSeenAt,
      })),
  );
}

/**
 * Ranks the preset ranges ending today and replaces every stored ranking with them, in one
 * transaction. Run by the rollup job right after it rolls the days up, so a stored ranking is
 * always from the SearchDaily rows the page would read (and yesterday's presets, whose last day
 * the job may just have re-rolled, are gone).
 */
export async function storePresetRankings(db: PrismaClient, now: Date): Promise<number> {
  const ranked = await Promise.all(
    PRESETS.map(async (preset) => {
      const range = lastDays(preset, now);
      const lists = await rankQueries(db, range);
      const rank = new Map<Kind, number>();
      return lists.map((row) => {
        const position = (rank.get(row.kind) ?? 0) + 1;
        rank.set(row.kind, position);
        return { fromDay: range.fromDay, toDay: range.toDay, rank: position, ...row };
      });
    }),
  );
  const rows = ranked.flat();
  await inRetriedTransaction(
    async (tx) => {
      await tx.searchRanking.deleteMany({});
      await tx.searchRanking.createMany({ data: rows });
    },
    { db },
  );
  return rows.length;
}
