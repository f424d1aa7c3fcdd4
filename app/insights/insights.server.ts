import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { databaseProvider, prisma } from "../lib/db.server";
import { listPages } from "../content/store.server";
import { change, deflectionRate, deflectionRates, median, ratio } from "./arithmetic";
import { rankedQueries, TOP } from "./query-ranking.server";
import { daysOf, type DateRange } from "./range";
import { percent, type InsightsTable } from "./tables";
import { ticketSection } from "./ticket-insights.server";
import {
  at,
  HOUR_MS,
  onDays,
  stamp,
  timeParam,
  type Metric,
  type RateSeries,
  type Series,
  type Window,
} from "./windows.server";

export type { Metric, RateSeries, Series, StackedBars } from "./windows.server";

async function pageTitles(): Promise<Map<string, string>> {
  try {
    return new Map((await listPages()).map((page) => [page.id, page.frontmatter.title]));
  } catch {
    return new Map();
  }
}

// ---------------------------------------------------------------------------
// Search (from the rollups the rollup-analytics job keeps: SearchDaily, SearchTerm, SearchDayTotal, SearchClickDaily)

async function searchTotals(db: PrismaClient, window: Window) {
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

async function searchSection(db: PrismaClient, range: DateRange) {
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

// ---------------------------------------------------------------------------
// Content

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

async function contentSection(db: PrismaClient, range: DateRange) {
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

// ---------------------------------------------------------------------------
// Deflection (honest and naive)

/** `knownTickets`: the window's ticket count when the caller has counted it already (the current range's tickets per day). */
async function deflectionCounts(db: PrismaClient, window: Window, knownTickets?: number) {
  const [outcomes, tickets] = await Promise.all([
    db.deflectionSession.groupBy({ by: ["outcome", "held"], where: { startedAt: at(window) }, _count: { _all: true } }),
    knownTickets ?? db.ticket.count({ where: { createdAt: at(window) } }),
  ]);
  const count = (outcome: string, held?: boolean | null) =>
    outcomes
      .filter((row) => row.outcome === outcome && (held === undefined || row.held === held))
      .reduce((sum, row) => sum + row._count._all, 0);
  return {
    confirmed: count("confirmed"),
    held: count("confirmed", true),
    notHeld: count("confirmed", false),
    pending: count("confirmed", null),
    gaveUp: count("gave-up"),
    open: count("open"),
    tickets,
  };
}

/** SQLite keeps a boolean as 0/1 and PostgreSQL as a boolean; raw rows bring either. */
function heldValue(value: boolean | number | bigint | null): boolean | null {
  return value === null ? null : value === true || Number(value) === 1;
}

/** Confirmed answers counted per (answer, channel, held) in the database, one join instead of a row per confirmation. */
async function confirmedAnswers(db: PrismaClient, range: DateRange) {
  type Row = {
    documentId: string;
    type: string;
    title: string;
    held: boolean | number | bigint | null;
    count: bigint | number;
  };
  // SQLite, without statistics, reads each session through its primary key and then its table row;
  // the (id, held) index answers the lookup alone (half the time on 8k confirmations).
  const session =
    databaseProvider() === "postgresql"
      ? Prisma.sql`"DeflectionSession" d`
      : Prisma.sql`"DeflectionSession" d INDEXED BY "DeflectionSession_id_held_idx"`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT s."documentId" AS "documentId", s."type" AS "type", MAX(s."title") AS "title", d."held" AS "held", COUNT(*) AS "count"
    FROM "DeflectionSuggestion" s JOIN ${session} ON d."id" = s."sessionId"
    WHERE s."confirmedAt" >= ${timeParam(range.from)} AND s."confirmedAt" < ${timeParam(range.to)}
    GROUP BY s."documentId", s."type", d."held"`;
  return rows.map((row) => ({
    documentId: row.documentId,
    type: row.type,
    title: row.title,
    held: heldValue(row.held),
    count: Number(row.count),
  }));
}

/** Confirmed contact flows per UTC day of their start and whether they held. */
async function confirmedSessionsPerDay(db: PrismaClient, range: DateRange) {
  type Row = { day: string; held: boolean | number | bigint | null; count: bigint | number };
  const rows =
    databaseProvider() === "postgresql"
      ? await db.$queryRaw<
          Row[]
        >`SELECT to_char("startedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, "held", COUNT(*) AS count FROM "DeflectionSession" WHERE "outcome" = 'confirmed' AND "startedAt" >= ${range.from} AND "startedAt" < ${range.to} GROUP BY 1, 2`
      : await db.$queryRaw<
          Row[]
        >`SELECT substr("startedAt", 1, 10) AS day, "held", COUNT(*) AS count FROM "DeflectionSession" WHERE "outcome" = 'confirmed' AND "startedAt" >= ${stamp(range.from)} AND "startedAt" < ${stamp(range.to)} GROUP BY 1, 2`;
  return rows.map((row) => ({ day: row.day, held: heldValue(row.held), count: Number(row.count) }));
}

async function deflectionSection(db: PrismaClient, range: DateRange, ticketsPerDay: Map<string, number>) {
  const [counts, sessionsPerDay, funnel, confirmedRows] = await Promise.all([
    deflectionCounts(
      db,
      range,
      [...ticketsPerDay.values()].reduce((sum, count) => sum + count, 0),
    ),
    confirmedSessionsPerDay(db, range),
    // One pass over the offers: counting openedAt counts the opened ones.
    db.deflectionSuggestion.aggregate({ where: { offeredAt: at(range) }, _count: { _all: true, openedAt: true } }),
    confirmedAnswers(db, range),
  ]);
  const offered = funnel._count._all;
  const opened = funnel._count.openedAt;
  let confirmedSuggestions = 0;
  const byChannel = new Map<string, { confirmed: number; held: number }>();
  const answers = new Map<string, { title: string; held: number; notHeld: number }>();
  for (const row of confirmedRows) {
    confirmedSuggestions += row.count;
    const channel = byChannel.get(row.type) ?? { confirmed: 0, held: 0 };
    channel.confirmed += row.count;
    if (row.held === true) channel.held += row.count;
    byChannel.set(row.type, channel);
    const answer = answers.get(row.documentId) ?? { title: row.title, held: 0, notHeld: 0 };
    if (row.held === true) answer.held += row.count;
    if (row.held === false) answer.notHeld += row.count;
    answers.set(row.documentId, answer);
  }
  const ranked = (key: "held" | "notHeld") =>
    [...answers.entries()]
      .filter(([, answer]) => answer[key] > 0)
      .sort((a, b) => b[1][key] - a[1][key] || a[0].localeCompare(b[0]))
      .slice(0, TOP);
  const days = daysOf(range);
  const confirmedPerDay = new Map<string, { confirmed: number; held: number; notHeld: number }>();
  for (const row of sessionsPerDay) {
    const entry = confirmedPerDay.get(row.day) ?? { confirmed: 0, held: 0, notHeld: 0 };
    entry.confirmed += row.count;
    if (row.held === true) entry.held += row.count;
    if (row.held === false) entry.notHeld += row.count;
    confirmedPerDay.set(row.day, entry);
  }
  const perDay = days.map((day) => {
    const entry = confirmedPerDay.get(day) ?? { confirmed: 0, held: 0, notHeld: 0 };
    const tickets = ticketsPerDay.get(day) ?? 0;
    const rates = deflectionRates({ ...entry, pending: 0, tickets });
    // A day with confirmations still inside their hold period has no honest rate yet (it would read as 0 %).
    return {
      day,
      tickets,
      ...entry,
      naive: rates.naive,
      honest: entry.confirmed > entry.held + entry.notHeld ? null : rates.honest,
    };
  });
  const rates = deflectionRates(counts);
  const tables: InsightsTable[] = [
    {
      id: "deflection-per-day",
      caption: "Deflection per day",
      columns: ["Day", "Confirmed", "Held 7 days", "Did not hold", "Tickets filed", "Naive rate", "Honest rate"],
      rows: perDay.map((row) => [
        row.day,
        row.confirmed,
        row.held,
        row.notHeld,
        row.tickets,
        percent(row.naive),
        percent(row.honest),
      ]),
    },
    {
      id: "deflection-funnel",
      caption: "Funnel",
      columns: ["Step", "Count"],
      rows: [
        ["Answers offered", offered],
        ["Opened", opened],
        ["Confirmed (“This solved my problem”)", confirmedSuggestions],
        ["Held for the hold period (sessions)", counts.held],
        ["Confirmed but came back (sessions)", counts.notHeld],
        ["Confirmed, not settled yet (sessions)", counts.pending],
        ["Gave up without confirming or filing (sessions)", counts.gaveUp],
        ["Tickets filed", counts.tickets],
      ],
    },
    {
      id: "deflection-by-channel",
      caption: "Deflection by channel of the answer",
      columns: ["Channel", "Confirmed", "Held"],
      rows: ["article", "doc", "thread", "incident"].map((type) => [
        type,
        byChannel.get(type)?.confirmed ?? 0,
        byChannel.get(type)?.held ?? 0,
      ]),
    },
    {
      id: "top-deflecting-answers",
      caption: "Answers that deflect most (confirmed and held)",
      columns: ["Answer", "Id", "Held deflections"],
      rows: ranked("held").map(([documentId, answer]) => [answer.title, documentId, answer.held]),
      empty: "No data yet: no confirmed deflection has held in this range.",
    },
    {
      id: "confirmed-not-holding",
      caption: "Confirmed but did not hold (they look helpful and are not)",
      columns: ["Answer", "Id", "Times"],
      rows: ranked("notHeld").map(([documentId, answer]) => [answer.title, documentId, answer.notHeld]),
      empty: "None in this range.",
    },
  ];
  return {
    counts,
    rates,
    rateSeries: [
      { label: "Naive rate", points: perDay.map((row) => ({ day: row.day, value: row.naive })) },
      { label: "Honest rate", points: perDay.map((row) => ({ day: row.day, value: row.honest })) },
    ] satisfies RateSeries[],
    tables,
    hasData: counts.confirmed + counts.gaveUp + counts.open + offered > 0,
  };
}

// ---------------------------------------------------------------------------
// Community and ideas

async function communitySection(db: PrismaClient, range: DateRange, now: Date) {
  const [threads, votes, statusChanges] = await Promise.all([
    db.forumThread.findMany({
      where: { createdAt: at(range), deletedAt: null, mergedIntoId: null },
      select: { id: true, createdAt: true, acceptedPostId: true },
    }),
    db.ideaVote.findMany({ where: { createdAt: at(range) }, select: { ideaId: true, userId: true } }),
    db.ideaStatusChange.findMany({ where: { createdAt: at(range) }, orderBy: { createdAt: "desc" }, take: 50 }),
  ]);
  const threadIds = threads.map((thread) => thread.id);
  const acceptedIds = threads.flatMap((thread) => (thread.acceptedPostId ? [thread.acceptedPostId] : []));
  const [firstReplies, accepted] = await Promise.all([
    threadIds.length
      ? db.forumPost.findMany({
          where: { threadId: { in: threadIds }, number: 2 },
          select: { threadId: true, createdAt: true },
        })
      : Promise.resolve([]),
    acceptedIds.length
      ? db.forumPost.findMany({ where: { id: { in: acceptedIds } }, select: { threadId: true, createdAt: true } })
      : Promise.resolve([]),
  ]);
  const createdBy = new Map(threads.map((thread) => [thread.id, thread.createdAt.getTime()]));
  const replyBy = new Map(firstReplies.map((post) => [post.threadId, post.createdAt.getTime()]));
  const unansweredAfterDay = threads.filter((thread) => {
    const reply = replyBy.get(thread.id);
    const created = thread.createdAt.getTime();
    return now.getTime() - created >= 24 * HOUR_MS && (reply === undefined || reply - created > 24 * HOUR_MS);
  }).length;
  const toFirstReply = median(
    firstReplies.map(
      (post) => (post.createdAt.getTime() - (createdBy.get(post.threadId) ?? post.createdAt.getTime())) / HOUR_MS,
    ),
  );
  const toAccepted = median(
    accepted.map(
      (post) => (post.createdAt.getTime() - (createdBy.get(post.threadId) ?? post.createdAt.getTime())) / HOUR_MS,
    ),
  );

  const userIds = [...new Set(votes.map((vote) => vote.userId))];
  const users = userIds.length
    ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, accountId: true } })
    : [];
  const accountOf = new Map(users.map((user) => [user.id, user.accountId]));
  const perIdea = new Map<number, { votes: number; accounts: Set<string> }>();
  for (const vote of votes) {
    const entry = perIdea.get(vote.ideaId) ?? { votes: 0, accounts: new Set<string>() };
    entry.votes += 1;
    const account = accountOf.get(vote.userId);
    if (account) entry.accounts.add(account);
    perIdea.set(vote.ideaId, entry);
  }
  const ideaIds = [...new Set([...perIdea.keys(), ...statusChanges.map((change) => change.ideaId)])];
  const ideas = ideaIds.length
    ? await db.idea.findMany({
        where: { id: { in: ideaIds } },
        select: { id: true, title: true, voteCount: true, status: true },
      })
    : [];
  const ideaTitle = new Map(ideas.map((idea) => [idea.id, idea.title]));
  const ranked = [...perIdea.entries()].map(([id, entry]) => ({
    id,
    title: ideaTitle.get(id) ?? `#${id}`,
    votes: entry.votes,
    accounts: entry.accounts.size,
  }));
  const hours = (value: number | null) =>
    value === null ? "–" : value < 48 ? `${value.toFixed(1)} h` : `${(value / 24).toFixed(1)} days`;
  const tables: InsightsTable[] = [
    {
      id: "community-summary",
      caption: "Community",
      columns: ["Measure", "Value"],
      rows: [
        ["New threads", threads.length],
        ["Unanswered after 24 hours", unansweredAfterDay],
        ["Median time to first reply", hours(toFirstReply)],
        ["Median time to the accepted answer", hours(toAccepted)],
      ],
    },
    {
      id: "top-ideas-by-votes",
      caption: "Top ideas by votes in this range",
      columns: ["Idea", "Votes", "Distinct customer accounts"],
      rows: [...ranked]
        .sort((a, b) => b.votes - a.votes)
        .slice(0, TOP)
        .map((row) => [row.title, row.votes, row.accounts]),
      empty: "No votes in this range.",
    },
    {
      id: "top-ideas-by-accounts",
      caption: "Top ideas by distinct customer accounts",
      columns: ["Idea", "Distinct customer accounts", "Votes"],
      rows: [...ranked]
        .sort((a, b) => b.accounts - a.accounts || b.votes - a.votes)
        .slice(0, TOP)
        .map((row) => [row.title, row.accounts, row.votes]),
      empty: "No votes in this range.",
    },
    {
      id: "idea-status-changes",
      caption: "Idea status changes",
      columns: ["Idea", "From", "To", "When (UTC)"],
      rows: statusChanges.map((change) => [
        ideaTitle.get(change.ideaId) ?? `#${change.ideaId}`,
        change.fromStatus,
        change.toStatus,
        change.createdAt.toISOString().slice(0, 16).replace("T", " "),
      ]),
      empty: "No status changes in this range.",
    },
  ];
  return { newThreads: threads.length, tables };
}

// ---------------------------------------------------------------------------

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
