import { describe, expect, it } from "vitest";
import { rankedQueries, rankQueries } from "~/insights/query-ranking.server";
import { lastDays } from "~/insights/range";
import { rollupSearchAnalytics } from "~/insights/rollup.server";
import { prisma } from "~/lib/db.server";

/**
 * The ranked query lists come from running totals (a range's total is a difference of two rows), so
 * here they are checked against totals summed directly from the searches and clicks written, for
 * ranges that start and end inside, before and after the days with data, and after a re-roll.
 */
const NOW = new Date("2026-04-10T20:00:00Z");
const DAYS = Array.from({ length: 10 }, (_, index) => `2026-04-${String(index + 1).padStart(2, "0")}`);
const QUERIES = [
  "alpha setup",
  "beta export",
  "gamma billing",
  "delta sso",
  "epsilon api",
  "zeta webhook",
  "eta invoice",
  "theta login",
];

type Search = { query: string; day: string; zero: boolean; at: Date };
type Click = { query: string; day: string };

/** A small deterministic generator, so a failure reproduces. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function dataSet(seed: number, days: string[]) {
  const random = generator(seed);
  const searches: Search[] = [];
  const clicks: Click[] = [];
  for (const day of days)
    for (const [index, query] of QUERIES.entries()) {
      // Some queries skip some days, so a range can start or end between two of a query's days.
      if (random() < 0.35) continue;
      const count = 1 + Math.floor(random() * (8 - index));
      for (let n = 0; n < count; n++)
        searches.push({
          query,
          day,
          zero: random() < 0.3,
          at: new Date(
            `${day}T${String(1 + Math.floor(random() * 22)).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}:00.000Z`,
          ),
        });
      // Clicks only for queries searched that day (the rollup counts a query's clicks on its search days).
      if (index % 3 !== 2 && random() < 0.5) clicks.push({ query, day });
    }
  return { searches, clicks };
}

function expected(searches: Search[], clicks: Click[], fromDay: string, toDay: string) {
  const inRange = (day: string) => day >= fromDay && day <= toDay;
  const totals = new Map<
    string,
    { query: string; searches: number; zeroResults: number; clicks: number; lastSeenAt: number }
  >();
  for (const search of searches.filter((entry) => inRange(entry.day))) {
    const entry = totals.get(search.query) ?? {
      query: search.query,
      searches: 0,
      zeroResults: 0,
      clicks: 0,
      lastSeenAt: 0,
    };
    entry.searches += 1;
    if (search.zero) entry.zeroResults += 1;
    entry.lastSeenAt = Math.max(entry.lastSeenAt, search.at.getTime());
    totals.set(search.query, entry);
  }
  for (const click of clicks.filter((entry) => inRange(entry.day))) {
    const entry = totals.get(click.query);
    if (entry) entry.clicks += 1;
  }
  const all = [...totals.values()];
  const byQuery = (a: { query: string }, b: { query: string }) => (a.query < b.query ? -1 : a.query > b.query ? 1 : 0);
  const shape = (kind: string) => (row: (typeof all)[number]) => ({
    kind,
    query: row.query,
    searches: row.searches,
    zeroResults: row.zeroResults,
    clicks: row.clicks,
    lastSeenAt: new Date(row.lastSeenAt),
  });
  return [
    ...[...all].sort((a, b) => b.searches - a.searches || byQuery(a, b)).map(shape("top")),
    ...all
      .filter((row) => row.zeroResults > 0)
      .sort((a, b) => b.zeroResults - a.zeroResults || byQuery(a, b))
      .map(shape("zero")),
    ...all
      .filter((row) => row.clicks === 0 && row.searches > row.zeroResults)
      .sort((a, b) => b.searches - b.zeroResults - (a.searches - a.zeroResults) || byQuery(a, b))
      .map(shape("unclicked")),
  ];
}

async function write(searches: Search[], clicks: Click[]) {
  await prisma.searchQuery.createMany({
    data: searches.map((search) => ({
      query: search.query,
      engine: "embedded",
      resultCount: search.zero ? 0 : 3,
      latencyMs: 2,
      source: "page",
      createdAt: search.at,
    })),
  });
  await prisma.searchClick.createMany({
    data: clicks.map((click) => ({
      query: click.query,
      resultId: "kb/x",
      position: 1,
      createdAt: new Date(`${click.day}T23:30:00.000Z`),
    })),
  });
}

const RANGES: [string, string][] = [
  ["2026-04-01", "2026-04-10"],
  ["2026-04-03", "2026-04-05"],
  ["2026-04-06", "2026-04-06"],
  ["2026-04-02", "2026-04-09"],
  ["2026-03-20", "2026-04-02"],
  ["2026-04-08", "2026-04-30"],
  ["2026-03-01", "2026-03-05"],
];

describe("ranked query lists", () => {
  it("equal totals summed from the searches, for any range, before and after a re-roll", async () => {
    const first = dataSet(7, DAYS);
    await write(first.searches, first.clicks);
    await rollupSearchAnalytics(prisma, NOW);
    for (const [fromDay, toDay] of RANGES)
      expect(await rankQueries(prisma, { fromDay, toDay }), `${fromDay} to ${toDay}`).toEqual(
        expected(first.searches, first.clicks, fromDay, toDay),
      );

    // Late searches for yesterday: the job re-rolls it and today, and today's running totals follow.
    const late = dataSet(11, ["2026-04-09"]);
    await write(late.searches, late.clicks);
    await rollupSearchAnalytics(prisma, NOW);
    const searches = [...first.searches, ...late.searches];
    const clicks = [...first.clicks, ...late.clicks];
    for (const [fromDay, toDay] of RANGES)
      expect(await rankQueries(prisma, { fromDay, toDay }), `${fromDay} to ${toDay}`).toEqual(
        expected(searches, clicks, fromDay, toDay),
      );

    // The preset ranges ending today are stored by the job and read back as ranked.
    const week = lastDays(7, NOW);
    expect(await prisma.searchRanking.count({ where: { fromDay: week.fromDay, toDay: week.toDay } })).toBeGreaterThan(
      0,
    );
    expect(await rankedQueries(prisma, week)).toEqual(expected(searches, clicks, week.fromDay, week.toDay));
  });
});
