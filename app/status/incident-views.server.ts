import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import {
  COMPONENT_STATE_LABELS,
  isClosedStatus,
  isComponentState,
  isMajorIncident,
  STATUS_LABELS,
  type ComponentState,
  type IncidentStatus,
} from "./states";

/** Components and incidents as the pages show them: the row-to-view shapes, one incident, the feed and the staff list. */

type Db = PrismaClient | Prisma.TransactionClient;

export type ComponentView = {
  id: string;
  slug: string;
  name: string;
  description: string;
  state: ComponentState;
  stateLabel: string;
};

function componentView(row: {
  id: string;
  slug: string;
  name: string;
  description: string;
  state: string;
}): ComponentView {
  const state = isComponentState(row.state) ? row.state : "operational";
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    state,
    stateLabel: COMPONENT_STATE_LABELS[state],
  };
}

export async function listComponents(db: Db = prisma) {
  return (await db.statusComponent.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] })).map(componentView);
}

export const incidentInclude = {
  components: { include: { component: { select: { name: true, slug: true } } } },
  updates: { orderBy: { createdAt: "desc" } },
  _count: { select: { tickets: true } },
} satisfies Prisma.IncidentInclude;

type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;

export type IncidentView = {
  id: string;
  title: string;
  kind: "incident" | "maintenance";
  impact: string;
  status: string;
  statusLabel: string;
  startedAt: string;
  resolvedAt: string | null;
  scheduledStart: string | null;
  scheduledEnd: string | null;
  nextUpdateDueAt: string | null;
  overdue: boolean;
  rootCauseHtml: string;
  /** With Priority 1 tickets linked, or major or critical impact, it is a major incident (a root cause analysis is due). */
  major: boolean;
  components: { name: string; slug: string; state: string; stateLabel: string }[];
  updates: { id: string; status: string; statusLabel: string; bodyHtml: string; createdAt: string }[];
};

export function incidentView(row: IncidentRow, now: Date): IncidentView {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind === "maintenance" ? "maintenance" : "incident",
    impact: row.impact,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status as IncidentStatus] ?? row.status,
    startedAt: row.startedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    scheduledStart: row.scheduledStart?.toISOString() ?? null,
    scheduledEnd: row.scheduledEnd?.toISOString() ?? null,
    nextUpdateDueAt: row.nextUpdateDueAt?.toISOString() ?? null,
    overdue: !!row.nextUpdateDueAt && row.nextUpdateDueAt <= now && !isClosedStatus(row.status),
    rootCauseHtml: row.rootCauseHtml,
    major: isMajorIncident({ ...row, linkedTickets: row._count.tickets }),
    components: row.components.map((link) => ({
      name: link.component.name,
      slug: link.component.slug,
      state: link.state,
      stateLabel: isComponentState(link.state) ? COMPONENT_STATE_LABELS[link.state] : link.state,
    })),
    updates: row.updates.map((update) => ({
      id: update.id,
      status: update.status,
      statusLabel: STATUS_LABELS[update.status as IncidentStatus] ?? update.status,
      bodyHtml: update.bodyHtml,
      createdAt: update.createdAt.toISOString(),
    })),
  };
}

export async function getIncident(id: string, now = new Date()) {
  const row = await prisma.incident.findUnique({ where: { id }, include: incidentInclude });
  return row ? incidentView(row, now) : null;
}

/** Atom feed entries: incidents and maintenance, newest change first. */
export async function feedEntries(limit = 50) {
  const rows = await prisma.incident.findMany({
    include: incidentInclude,
    orderBy: { updatedAt: "desc" },
    take: limit,
  });
  return rows.map((row) => incidentView(row, new Date()));
}

export async function staffIncidentList(now = new Date()) {
  const rows = await prisma.incident.findMany({ include: incidentInclude, orderBy: { startedAt: "desc" }, take: 100 });
  return rows.map((row) => incidentView(row, now));
}
