import { type PrismaClient } from "../generated/prisma/client";
import { ratio } from "./arithmetic";
import { rankedQueries } from "./query-ranking.server";
import { daysOf, type DateRange } from "./range";
import { percent, type InsightsTable } from "./tables";
import { onDays, type Series, type Window } from "./windows.server";

/** The search section of /admin/insights, read from the rollups the rollup-analytics job keeps (SearchDayTotal …). */

export async function searchTotals(db: PrismaClient, window: Window) {
  const sums = await db.searchDayTotal.aggregate({
    where: { day: onDays(window) },
    _sum: { searches: true, zeroResults: true, clicks: true, fallbacks: true },
  });
  return {
    searches: sums._sum.searches ?? 0,
    zeroResults: sums._sum.zeroResults ?? 0,
    clicks: sums._sum.clicks ?? 0,
    fallbacks: sums._sum.fallbacks ?? 0,
  };
}

/** The lists as the page shows them (ranked by ./query-ranking.server). */
async function queryLists(db: PrismaClient, range: DateRange) {
  const queries = await rankedQueries(db, range);
  return {
    top: queries.filter((row) => row.kind === "top"),
    zero: queries.filter((row) => row.kind === "zero"),
    neverClicked: queries
      .filter((row) => row.kind === "unclicked")
      .map((row) => ({ query: row.query, withResults: row.searches - row.zeroResults })),
  };
}

export async function searchSection(db: PrismaClient, range: DateRange) {
  const where = { day: onDays(range) };
  const [dayTotals, { top, zero, neverClicked }, positions] = await Promise.all([
    db.searchDayTotal.findMany({ where }),
    queryLists(db, range),
    db.searchClickDaily.groupBy({
      by: ["position"],
      where: { ...where, position: { lte: 10 } },
      _sum: { clicks: true },
    }),
  ]);
  const byDay = new Map(dayTotals.map((row) => [row.day, row]));
  const days = daysOf(range);
  const searches = days.map((day) => ({ day, value: byDay.get(day)?.searches ?? 0 }));
  const zeroPerDay = days.map((day) => ({ day, value: byDay.get(day)?.zeroResults ?? 0 }));
  const totals = dayTotals.reduce(
    (sum, row) => ({
      searches: sum.searches + row.searches,
      zeroResults: sum.zeroResults + row.zeroResults,
      clicks: sum.clicks + row.clicks,
      fallbacks: sum.fallbacks + row.fallbacks,
    }),
    { searches: 0, zeroResults: 0, clicks: 0, fallbacks: 0 },
  );
  const withResults = totals.searches - totals.zeroResults;
  const clicksAt = new Map(positions.map((row) => [row.position, row._sum.clicks ?? 0]));
  const tables: InsightsTable[] = [
    {
      id: "searches-per-day",
      caption: "Searches per day",
      columns: ["Day", "Searches", "Zero results", "Clicks", "Engine fallbacks"],
      rows: days.map((day) => [
        day,
        byDay.get(day)?.searches ?? 0,
        byDay.get(day)?.zeroResults ?? 0,
        byDay.get(day)?.clicks ?? 0,
        byDay.get(day)?.fallbacks ?? 0,
      ]),
    },
    {
      id: "top-queries",
      caption: "Top queries",
      columns: ["Query", "Searches", "Zero results", "Clicks"],
      rows: top.map((row) => [row.query, row.searches, row.zeroResults, row.clicks]),
      empty: "No searches in this range yet.",
    },
    {
      id: "zero-result-queries",
      caption: "Zero-result queries (content gaps)",
      columns: ["Query", "Times with no result", "Last seen (UTC)"],
      rows: zero.map((row) => [
        row.query,
        row.zeroResults,
        row.lastSeenAt.toISOString().slice(0, 16).replace("T", " "),
      ]),
      empty: "No zero-result searches in this range.",
    },
    {
      id: "never-clicked-queries",
      caption: "Queries with results that were never clicked",
      columns: ["Query", "Searches with results"],
      rows: neverClicked.map((row) => [row.query, row.withResults]),
      empty: "Every query with results got a click.",
    },
    {
      id: "click-through-by-position",
      caption: "Click-through by result position",
      columns: ["Position", "Clicks", "Click-through (of searches with results)"],
      rows: Array.from({ length: 10 }, (_, index) => index + 1).map((position) => [
        position,
        clicksAt.get(position) ?? 0,
        percent(ratio(clicksAt.get(position) ?? 0, withResults)),
      ]),
    },
  ];
  return {
    series: [
      { label: "Searches", points: searches },
      { label: "Zero results", points: zeroPerDay },
    ] satisfies Series[],
    tables,
    totals,
    hasData: dayTotals.length > 0,
  };
}
