import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { databaseProvider } from "../lib/db.server";
import { deflectionRates } from "./arithmetic";
import { TOP } from "./query-ranking.server";
import { daysOf, type DateRange } from "./range";
import { percent, type InsightsTable } from "./tables";
import { at, stamp, timeParam, type RateSeries, type Window } from "./windows.server";

/** The deflection section of /admin/insights (honest and naive rates, funnel, channels, answers that deflect). */

/** `knownTickets`: the window's ticket count when the caller has counted it already (the current range's tickets per day). */
export async function deflectionCounts(db: PrismaClient, window: Window, knownTickets?: number) {
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

export async function deflectionSection(db: PrismaClient, range: DateRange, ticketsPerDay: Map<string, number>) {
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
