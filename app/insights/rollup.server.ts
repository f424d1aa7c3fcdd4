import type { PrismaClient } from "../generated/prisma/client";
import { env } from "../lib/env.server";
import { storePresetRankings } from "./query-ranking.server";
import { dayString } from "./range";
import { inRetriedTransaction } from "../lib/transactions.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Insights read searches from SearchDaily; the job re-rolls the last days so late rows land. */
const REROLL_DAYS = 2;

/** A search answered by another engine than the configured one (Meilisearch down, the local engine answered). */
function isFallback(engine: string) {
  return !!env.MEILI_URL && engine !== "meilisearch";
}

/**
 * Rebuilds one UTC day of the search rollups from SearchQuery and SearchClick, in one transaction:
 * the day's SearchDaily rows with their running totals, its SearchDayTotal row, its clicks per
 * position and the SearchTerm days of its queries.
 *
 * A day's running totals continue the query's latest earlier row, so they are right when days are
 * rolled in order up to the last rolled day; rollupSearchAnalytics always rolls through today.
 */
export async function rollupSearchDay(db: PrismaClient, day: string): Promise<number> {
  const from = new Date(`${day}T00:00:00.000Z`);
  const to = new Date(from.getTime() + DAY_MS);
  const window = { gte: from, lt: to };
  const [all, zero, byEngine, clicks, positions] = await Promise.all([
    db.searchQuery.groupBy({
      by: ["query"],
      where: { createdAt: window },
      _count: { _all: true },
      _max: { createdAt: true },
    }),
    db.searchQuery.groupBy({ by: ["query"], where: { createdAt: window, resultCount: 0 }, _count: { _all: true } }),
    env.MEILI_URL
      ? db.searchQuery.groupBy({ by: ["query", "engine"], where: { createdAt: window }, _count: { _all: true } })
      : Promise.resolve([]),
    db.searchClick.groupBy({ by: ["query"], where: { createdAt: window }, _count: { _all: true } }),
    db.searchClick.groupBy({ by: ["position"], where: { createdAt: window }, _count: { _all: true } }),
  ]);
  const zeroBy = new Map(zero.map((row) => [row.query, row._count._all]));
  const clicksBy = new Map(clicks.map((row) => [row.query, row._count._all]));
  const fallbacksBy = new Map<string, number>();
  for (const row of byEngine)
    if (isFallback(row.engine)) fallbacksBy.set(row.query, (fallbacksBy.get(row.query) ?? 0) + row._count._all);
  const rows = all.map((row) => ({
    day,
    query: row.query,
    searches: row._count._all,
    zeroResults: zeroBy.get(row.query) ?? 0,
    clicks: clicksBy.get(row.query) ?? 0,
    fallbacks: fallbacksBy.get(row.query) ?? 0,
    lastSeenAt: row._max.createdAt ?? from,
  }));
  const total = rows.reduce(
    (sum, row) => ({
      searches: sum.searches + row.searches,
      zeroResults: sum.zeroResults + row.zeroResults,
      clicks: sum.clicks + row.clicks,
      fallbacks: sum.fallbacks + row.fallbacks,
    }),
    { searches: 0, zeroResults: 0, clicks: 0, fallbacks: 0 },
  );
  await inRetriedTransaction(
    async (tx) => {
      await tx.searchDaily.deleteMany({ where: { day } });
      for (let index = 0; index < rows.length; index += 1000)
        await tx.searchDaily.createMany({ data: rows.slice(index, index + 1000) });
      // Each running total is this day's count plus the query's latest earlier running total (one index seek each).
      await tx.$executeRaw`
      UPDATE "SearchDaily" SET
        "runSearches" = "searches" + COALESCE((SELECT p."runSearches" FROM "SearchDaily" p WHERE p."query" = "SearchDaily"."query" AND p."day" < ${day} ORDER BY p."day" DESC LIMIT 1), 0),
        "runZeroResults" = "zeroResults" + COALESCE((SELECT p."runZeroResults" FROM "SearchDaily" p WHERE p."query" = "SearchDaily"."query" AND p."day" < ${day} ORDER BY p."day" DESC LIMIT 1), 0),
        "runClicks" = "clicks" + COALESCE((SELECT p."runClicks" FROM "SearchDaily" p WHERE p."query" = "SearchDaily"."query" AND p."day" < ${day} ORDER BY p."day" DESC LIMIT 1), 0)
      WHERE "day" = ${day}`;
      // Days only widen: a re-rolled day that lost a query (never, short of deleted data) leaves a wider span, which readers check.
      await tx.$executeRaw`
      INSERT INTO "SearchTerm" ("query", "firstDay", "lastDay") SELECT "query", "day", "day" FROM "SearchDaily" WHERE "day" = ${day}
      ON CONFLICT ("query") DO UPDATE SET
        "firstDay" = CASE WHEN excluded."firstDay" < "SearchTerm"."firstDay" THEN excluded."firstDay" ELSE "SearchTerm"."firstDay" END,
        "lastDay" = CASE WHEN excluded."lastDay" > "SearchTerm"."lastDay" THEN excluded."lastDay" ELSE "SearchTerm"."lastDay" END
      WHERE excluded."firstDay" < "SearchTerm"."firstDay" OR excluded."lastDay" > "SearchTerm"."lastDay"`;
      await tx.searchDayTotal.deleteMany({ where: { day } });
      // No row for a day without searches, as SearchDaily has none: "no data yet" stays true for it.
      if (rows.length > 0) await tx.searchDayTotal.create({ data: { day, ...total } });
      await tx.searchClickDaily.deleteMany({ where: { day } });
      await tx.searchClickDaily.createMany({
        data: positions.map((row) => ({ day, position: row.position, clicks: row._count._all })),
      });
    },
    { db },
  );
  return rows.length;
}

/**
 * The rollup-analytics job: the last two days every run, and on a first run (or after a gap) every
 * day since the last rolled day, so the table catches up by itself.
 */
export async function rollupSearchAnalytics(db: PrismaClient, now: Date): Promise<number> {
  const today = dayString(now);
  const latest = await db.searchDaily.findFirst({ orderBy: { day: "desc" }, select: { day: true } });
  let start: string;
  if (latest) start = latest.day < today ? latest.day : dayString(now.getTime() - (REROLL_DAYS - 1) * DAY_MS);
  else {
    const oldest = await db.searchQuery.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } });
    if (!oldest) return 0;
    start = dayString(oldest.createdAt);
  }
  const earliestReroll = dayString(now.getTime() - (REROLL_DAYS - 1) * DAY_MS);
  if (start > earliestReroll) start = earliestReroll;
  let written = 0;
  for (let day = start; day <= today; day = dayString(new Date(`${day}T00:00:00.000Z`).getTime() + DAY_MS))
    written += await rollupSearchDay(db, day);
  await storePresetRankings(db, now);
  return written;
}
