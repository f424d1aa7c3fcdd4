import { prisma } from "../lib/db.server";
import { publicOrigin } from "../lib/env.server";
import { markdownToPlainText } from "../lib/markdown";
import { memoizeUntilPurged } from "../lib/page-cache-purge.server";
import { STATUS_TAG } from "../lib/page-cache-tags";
import { SLA_UPTIME } from "../support/policy";
import { DOWNTIME_STATES, isClosedStatus, overallState, STATUS_LABELS, type IncidentStatus } from "./states";
import { dailyUptime, uptime, type Interval, type Outage } from "./uptime";
import { incidentInclude, incidentView, listComponents } from "./incident-views.server";

/** The public status views: the /status page with 90-day uptime, /status.json, and the open-incident banner. */

const DAY_MS = 24 * 60 * 60 * 1000;
export const UPTIME_DAYS = 90;

/** Everything /status shows: components with 90-day bars, the banner, open incidents, maintenance and history. */
export async function statusPage(now = new Date()) {
  const since = new Date(now.getTime() - UPTIME_DAYS * DAY_MS);
  const [components, rows] = await Promise.all([
    listComponents(),
    prisma.incident.findMany({
      where: {
        OR: [
          { status: { notIn: ["resolved", "completed"] } },
          { startedAt: { gte: since } },
          { resolvedAt: { gte: since } },
          { scheduledEnd: { gte: since } },
        ],
      },
      include: incidentInclude,
      orderBy: { startedAt: "desc" },
    }),
  ]);
  const incidents = rows.map((row) => incidentView(row, now));
  const intervalsFor = (componentId: string) => {
    const outages: Outage[] = [];
    const maintenance: Interval[] = [];
    for (const row of rows) {
      const link = row.components.find((entry) => entry.componentId === componentId);
      if (!link) continue;
      if (row.kind === "maintenance") {
        if (row.scheduledStart && row.scheduledEnd)
          maintenance.push({
            start: row.scheduledStart.getTime(),
            end: (row.resolvedAt ?? row.scheduledEnd).getTime(),
          });
      } else if ((DOWNTIME_STATES as readonly string[]).includes(link.state)) {
        outages.push({
          start: row.startedAt.getTime(),
          end: (row.resolvedAt ?? now).getTime(),
          severity: link.state === "major-outage" ? "major" : "partial",
        });
      }
    }
    return { outages, maintenance };
  };
  const componentsWithUptime = components.map((component) => {
    const { outages, maintenance } = intervalsFor(component.id);
    return {
      ...component,
      uptime: uptime(since.getTime(), now.getTime(), outages, maintenance).percent,
      days: dailyUptime(now.getTime(), UPTIME_DAYS, outages, maintenance),
    };
  });
  return {
    overall: overallState(components.map((component) => component.state)),
    components: componentsWithUptime,
    slaReference: SLA_UPTIME,
    open: incidents.filter((incident) => incident.kind === "incident" && !isClosedStatus(incident.status)),
    upcomingMaintenance: incidents
      .filter((incident) => incident.kind === "maintenance" && !isClosedStatus(incident.status))
      .sort((a, b) => (a.scheduledStart ?? "").localeCompare(b.scheduledStart ?? "")),
    pastMaintenance: incidents.filter((incident) => incident.kind === "maintenance" && isClosedStatus(incident.status)),
    history: incidents.filter((incident) => incident.kind === "incident" && isClosedStatus(incident.status)),
  };
}

/** `/status.json`: the contract in DESIGN.md (current state of each component). */
export async function statusJson(now = new Date()) {
  const components = await listComponents();
  const open = await prisma.incident.findMany({
    where: { status: { notIn: ["resolved", "completed", "scheduled"] } },
    include: incidentInclude,
    orderBy: { startedAt: "desc" },
  });
  return {
    updatedAt: now.toISOString(),
    status: overallState(components.map((component) => component.state)),
    components: components.map((component) => ({
      id: component.slug,
      name: component.name,
      state: component.state,
      label: component.stateLabel,
    })),
    incidents: open.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      impact: row.impact,
      status: row.status,
      startedAt: row.startedAt.toISOString(),
      components: row.components.map((link) => link.component.slug),
      url: `${publicOrigin}/status#incident-${row.id}`,
    })),
  };
}

export type OpenIncidentSummary = {
  id: string;
  title: string;
  status: string;
  statusLabel: string;
  impact: string;
  startedAt: string;
  components: string[];
  latestUpdate: string;
  url: string;
};

async function loadOpenIncidents(): Promise<OpenIncidentSummary[]> {
  const rows = await prisma.incident.findMany({
    where: {
      OR: [
        { kind: "incident", status: { not: "resolved" } },
        { kind: "maintenance", status: "in-progress" },
      ],
    },
    include: incidentInclude,
    orderBy: { startedAt: "desc" },
    take: 5,
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status as IncidentStatus] ?? row.status,
    impact: row.impact,
    startedAt: row.startedAt.toISOString(),
    components: row.components.map((link) => link.component.name),
    latestUpdate: row.updates[0]
      ? markdownToPlainText(row.updates[0].bodyHtml.replace(/<[^>]+>/g, " ")).slice(0, 300)
      : "",
    url: `/status#incident-${row.id}`,
  }));
}

/**
 * The open incidents (and running maintenance), newest first, for the header banner and for the
 * contact-support flow ("Is this what you are seeing?"). Kept in memory until a status write purges
 * the `status` tag (or 30 seconds pass), so the banner costs no query per page.
 */
export const openIncidentsForSupport = memoizeUntilPurged([STATUS_TAG], 30_000, loadOpenIncidents);
