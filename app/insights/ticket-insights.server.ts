import { Prisma, type PrismaClient } from "../generated/prisma/client";
import {
  ESCALATION_LEVELS,
  formatMinutes,
  PLAN_NAMES,
  PLANS,
  PRIORITIES,
  priorityTargetMinutes,
  RESOLUTION_COMMITMENTS,
  type PriorityLevel,
} from "../support/policy";
import { slaCell } from "./arithmetic";
import { daysOf, type DateRange } from "./range";
import { percent, type InsightsTable } from "./tables";
import { at, DAY_MS, timeParam, type StackedBars } from "./windows.server";

/** The tickets section of /admin/insights: volume per priority and plan, first-response SLA, escalations, CSAT. */
/**
 * Tickets per UTC day, counted in the database (no row per ticket reaches the app): one count of the
 * creation-time index per day. Grouping the range's tickets by their day sorted every one of them
 * (~20 ms for 50k tickets); a count only walks the index.
 */
export async function ticketsPerDay(db: PrismaClient, range: DateRange): Promise<Map<string, number>> {
  const days = daysOf(range);
  const counts = days.map((day, index) => {
    const start = new Date(`${day}T00:00:00.000Z`);
    const end = new Date(start.getTime() + DAY_MS);
    return Prisma.sql`(SELECT COUNT(*) FROM "Ticket" WHERE "createdAt" >= ${timeParam(start)} AND "createdAt" < ${timeParam(end)}) AS ${Prisma.raw(`"d${index}"`)}`;
  });
  // One row, a column per day: a range is at most 366 days, within both databases' column limits.
  const [row] = await db.$queryRaw<Record<string, bigint | number>[]>`SELECT ${Prisma.join(counts, ", ")}`;
  return new Map(
    days.flatMap((day, index) => (Number(row[`d${index}`]) > 0 ? [[day, Number(row[`d${index}`])] as const] : [])),
  );
}

/**
 * Tickets per priority × plan with their first-response outcome. One grouped pass over the range
 * read every ticket's row (50k wide rows took ~150 ms and pushed the other queries' pages out of
 * the cache), so each cell is its own range of the (priority, plan, createdAt, …) index, which holds
 * every column the counts need. Cells outside the policy's priorities and plans are never shown;
 * the total comes from the tickets per day, which count every ticket.
 */
async function ticketCells(db: PrismaClient, range: DateRange, now: Date) {
  type Row = {
    priority: number | bigint;
    plan: string;
    volume: number | bigint;
    met: number | bigint | null;
    late: number | bigint | null;
    unanswered: number | bigint | null;
    pending: number | bigint | null;
  };
  const [from, to, asOf] = [timeParam(range.from), timeParam(range.to), timeParam(now)];
  const cells = PRIORITIES.flatMap((entry) =>
    PLANS.map(
      (plan) => Prisma.sql`
        SELECT "priority", "plan", COUNT(*) AS volume,
          SUM(CASE WHEN "firstRespondedAt" <= "firstResponseDueAt" THEN 1 ELSE 0 END) AS met,
          SUM(CASE WHEN "firstRespondedAt" > "firstResponseDueAt" THEN 1 ELSE 0 END) AS late,
          SUM(CASE WHEN "firstRespondedAt" IS NULL AND "firstResponseDueAt" < ${asOf} THEN 1 ELSE 0 END) AS unanswered,
          SUM(CASE WHEN "firstRespondedAt" IS NULL AND "firstResponseDueAt" >= ${asOf} THEN 1 ELSE 0 END) AS pending
        FROM "Ticket" WHERE "priority" = ${entry.level} AND "plan" = ${plan} AND "createdAt" >= ${from} AND "createdAt" < ${to}
        GROUP BY "priority", "plan"`,
    ),
  );
  const rows = await db.$queryRaw<Row[]>`${Prisma.join(cells, " UNION ALL ")}`;
  return rows.map((row) => ({
    priority: Number(row.priority),
    plan: row.plan,
    volume: Number(row.volume),
    met: Number(row.met ?? 0),
    late: Number(row.late ?? 0),
    unanswered: Number(row.unanswered ?? 0),
    pending: Number(row.pending ?? 0),
  }));
}

export async function ticketSection(db: PrismaClient, range: DateRange, now: Date) {
  const [cells, escalations, surveys, perDay, cadence] = await Promise.all([
    ticketCells(db, range, now),
    db.ticketEvent.groupBy({
      by: ["toValue"],
      where: { kind: "escalated", createdAt: at(range) },
      _count: { _all: true },
    }),
    db.ticketSurvey.groupBy({
      by: ["rating"],
      where: { answeredAt: at(range), rating: { not: null } },
      _count: { _all: true },
    }),
    ticketsPerDay(db, range),
    // The P1 update cadence, from the timeline: each agent update after the first response is on time or
    // late against the due time it answered; an "update-overdue" alert is a due time that passed unanswered.
    db.ticketEvent.groupBy({
      by: ["kind"],
      where: { kind: { in: ["update-on-time", "update-late", "update-overdue"] }, createdAt: at(range) },
      _count: { _all: true },
    }),
  ]);
  const countsOf = (key: "volume" | "met" | "late" | "unanswered" | "pending") =>
    new Map(cells.map((row) => [`${row.priority}:${row.plan}`, row[key]]));
  const volume = countsOf("volume");
  const met = countsOf("met");
  const late = countsOf("late");
  const unanswered = countsOf("unanswered");
  const pending = countsOf("pending");
  const ratings = new Map(surveys.map((row) => [row.rating ?? 0, row._count._all]));
  const answered = surveys.reduce((sum, row) => sum + row._count._all, 0);
  const csat = answered ? surveys.reduce((sum, row) => sum + (row.rating ?? 0) * row._count._all, 0) / answered : null;
  const total = [...perDay.values()].reduce((sum, value) => sum + value, 0);
  const stacked: StackedBars = {
    categories: PRIORITIES.map((entry) => `P${entry.level} ${entry.name}`),
    keys: PLANS.map((plan) => PLAN_NAMES[plan]),
    values: PRIORITIES.map((entry) => PLANS.map((plan) => volume.get(`${entry.level}:${plan}`) ?? 0)),
  };
  const tables: InsightsTable[] = [
    {
      id: "ticket-volume",
      caption: "Tickets by priority and plan",
      columns: ["Priority", ...PLANS.map((plan) => PLAN_NAMES[plan]), "All plans"],
      rows: PRIORITIES.map((entry) => {
        const counts = PLANS.map((plan) => volume.get(`${entry.level}:${plan}`) ?? 0);
        return [`P${entry.level} ${entry.name}`, ...counts, counts.reduce((a, b) => a + b, 0)];
      }),
    },
    {
      id: "first-response-sla",
      caption: "First-response SLA attainment (priority × plan, against the guide’s targets)",
      columns: ["Priority", "Plan", "Target", "Met", "Breached", "Pending", "Attainment"],
      rows: PRIORITIES.flatMap((entry) =>
        PLANS.map((plan) => {
          const key = `${entry.level}:${plan}`;
          const cell = slaCell(
            met.get(key) ?? 0,
            (late.get(key) ?? 0) + (unanswered.get(key) ?? 0),
            pending.get(key) ?? 0,
          );
          return [
            `P${entry.level} ${entry.name}`,
            PLAN_NAMES[plan],
            formatMinutes(priorityTargetMinutes(plan, entry.level as PriorityLevel)),
            cell.met,
            cell.breached,
            cell.pending,
            percent(cell.attainment),
          ];
        }),
      ),
    },
    {
      id: "escalations",
      caption: "Escalations by level reached",
      columns: ["Level", "Escalations"],
      rows: ESCALATION_LEVELS.filter((level) => level.level > 1).map((level) => [
        `${level.level} ${level.title}`,
        escalations.find((row) => row.toValue === String(level.level))?._count._all ?? 0,
      ]),
    },
    p1CadenceTable(new Map(cadence.map((row) => [row.kind, row._count._all]))),
    {
      id: "csat",
      caption: "Satisfaction (CSAT) answers",
      columns: ["Rating", "Answers"],
      rows: [5, 4, 3, 2, 1].map((rating) => [`${rating} of 5`, ratings.get(rating) ?? 0]),
    },
  ];
  return { total, perDay, stacked, csat, answered, tables };
}

/** Priority 1 update cadence attainment: updates sent by their due time over all updates sent. */
function p1CadenceTable(counts: Map<string, number>): InsightsTable {
  const onTime = counts.get("update-on-time") ?? 0;
  const late = counts.get("update-late") ?? 0;
  return {
    id: "p1-update-cadence",
    caption: `Priority 1 updates every ${formatMinutes(RESOLUTION_COMMITMENTS.priority1UpdateEvery)}: cadence attainment`,
    columns: ["Updates on time", "Updates late", "Missed-update alerts", "Attainment"],
    rows: [[onTime, late, counts.get("update-overdue") ?? 0, percent(onTime + late ? onTime / (onTime + late) : null)]],
  };
}
