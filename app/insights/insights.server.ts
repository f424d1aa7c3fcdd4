import { type PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { change, deflectionRate, deflectionRates, ratio } from "./arithmetic";
import { communitySection } from "./community-insights.server";
import { contentSection } from "./content-insights.server";
import { deflectionCounts, deflectionSection } from "./deflection-insights.server";
import { type DateRange } from "./range";
import { searchSection, searchTotals } from "./search-insights.server";
import { percent, type InsightsTable } from "./tables";
import { ticketSection } from "./ticket-insights.server";
import { at, onDays, type Metric } from "./windows.server";

/** /admin/insights as a whole: each section from its own module, the summary metrics against the previous range. */

export type { Metric, RateSeries, Series, StackedBars } from "./windows.server";

async function summary(
  db: PrismaClient,
  range: DateRange,
  current: {
    search: { searches: number; zeroResults: number };
    deflection: { rates: { naive: number | null; honest: number | null } };
    csat: number | null;
    tickets: number;
    newThreads: number;
  },
) {
  const previous = range.previous;
  const searchNow = current.search;
  const [searchBefore, viewsNow, viewsBefore, deflectionBefore, threadsBefore, csatBefore] = await Promise.all([
    searchTotals(db, previous),
    db.pageViewDaily.aggregate({ where: { day: onDays(range) }, _sum: { views: true } }),
    db.pageViewDaily.aggregate({ where: { day: onDays(previous) }, _sum: { views: true } }),
    deflectionCounts(db, previous),
    db.forumThread.count({ where: { createdAt: at(previous), deletedAt: null } }),
    db.ticketSurvey.aggregate({ where: { answeredAt: at(previous), rating: { not: null } }, _avg: { rating: true } }),
  ]);
  const before = deflectionRates(deflectionBefore);
  const numberMetric = (label: string, now: number, then: number): Metric => ({
    label,
    current: now.toLocaleString("en-US"),
    previous: then.toLocaleString("en-US"),
    change: change(now, then),
  });
  const rateMetric = (label: string, now: number | null, then: number | null): Metric => ({
    label,
    current: percent(now),
    previous: percent(then),
    change: now === null || then === null ? null : change(now, then),
  });
  return [
    numberMetric("Searches", searchNow.searches, searchBefore.searches),
    rateMetric(
      "Zero-result rate",
      ratio(searchNow.zeroResults, searchNow.searches),
      ratio(searchBefore.zeroResults, searchBefore.searches),
    ),
    numberMetric("Article and doc views", viewsNow._sum.views ?? 0, viewsBefore._sum.views ?? 0),
    numberMetric("Tickets filed", current.tickets, deflectionBefore.tickets),
    rateMetric("Deflection rate (naive)", current.deflection.rates.naive, before.naive),
    rateMetric("Deflection rate (honest)", current.deflection.rates.honest, before.honest),
    numberMetric("New community threads", current.newThreads, threadsBefore),
    {
      label: "CSAT (of 5)",
      current: current.csat === null ? "–" : current.csat.toFixed(2),
      previous: csatBefore._avg.rating === null ? "–" : csatBefore._avg.rating.toFixed(2),
      change:
        current.csat === null || csatBefore._avg.rating === null ? null : change(current.csat, csatBefore._avg.rating),
    },
  ] satisfies Metric[];
}

/** Everything /admin/insights shows for one range; each section answers "no data yet" rather than failing. */
export async function loadInsights(range: DateRange, now = new Date(), db: PrismaClient = prisma) {
  const [search, content, community, tickets] = await Promise.all([
    searchSection(db, range),
    contentSection(db, range),
    communitySection(db, range, now),
    ticketSection(db, range, now),
  ]);
  const deflection = await deflectionSection(db, range, tickets.perDay);
  const metrics = await summary(db, range, {
    search: search.totals,
    deflection,
    csat: tickets.csat,
    tickets: tickets.total,
    newThreads: community.newThreads,
  });
  return {
    metrics,
    search: { series: search.series, tables: search.tables, hasData: search.hasData },
    content: { tables: content.tables },
    deflection: {
      rates: deflection.rates,
      counts: deflection.counts,
      rateSeries: deflection.rateSeries,
      tables: deflection.tables,
      hasData: deflection.hasData,
    },
    community: { tables: community.tables },
    tickets: {
      total: tickets.total,
      stacked: tickets.stacked,
      csat: tickets.csat,
      answered: tickets.answered,
      tables: tickets.tables,
    },
  };
}

export type Insights = Awaited<ReturnType<typeof loadInsights>>;

export function allTables(insights: Insights): InsightsTable[] {
  return [
    ...insights.search.tables,
    ...insights.content.tables,
    ...insights.deflection.tables,
    ...insights.community.tables,
    ...insights.tickets.tables,
  ];
}

export { deflectionRate };
