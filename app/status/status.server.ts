import type { Actor } from "../auth/permissions";
import { STAFF_ROLES } from "../auth/roles";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail, type MailWriter } from "../lib/mailer.server";
import { markdownToPlainText, renderMarkdown } from "../lib/markdown";
import { memoizeUntilPurged, purgeCacheTags } from "../lib/page-cache-purge.server";
import { STATUS_TAG } from "../lib/page-cache-tags";
import { formatMinutes, RESOLUTION_COMMITMENTS, SLA_UPTIME } from "../support/policy";
import {
  COMPONENT_STATE_LABELS,
  DOWNTIME_STATES,
  isClosedStatus,
  isComponentState,
  overallState,
  STATUS_LABELS,
  worstState,
  type ComponentState,
  type Impact,
  type IncidentStatus,
  type MaintenanceStatus,
} from "./states";
import { unsubscribeUrl } from "./subscriptions.server";
import { dailyUptime, uptime, type Interval } from "./uptime";
import { Refusal } from "../lib/refusal";

const DAY_MS = 24 * 60 * 60 * 1000;
export const UPTIME_DAYS = 90;
/** Minutes between customer updates on a critical incident: the policy's Priority 1 update interval. */
export const CRITICAL_UPDATE_INTERVAL_MINUTES = RESOLUTION_COMMITMENTS.priority1UpdateEvery;

type Db = PrismaClient | Prisma.TransactionClient;

function nextUpdateDue(impact: string, status: string, now: Date): Date | null {
  if (impact !== "critical" || isClosedStatus(status)) return null;
  return new Date(now.getTime() + CRITICAL_UPDATE_INTERVAL_MINUTES * 60_000);
}

/** Each component's state is the worst state any open incident or running maintenance puts it in. */
async function recomputeComponentStates(db: Db) {
  const [components, links] = await Promise.all([
    db.statusComponent.findMany({ select: { id: true, state: true } }),
    db.incidentComponent.findMany({
      where: { incident: { status: { in: ["investigating", "identified", "monitoring", "in-progress"] } } },
      select: { componentId: true, state: true },
    }),
  ]);
  for (const component of components) {
    const state = worstState(links.filter((link) => link.componentId === component.id).map((link) => link.state));
    if (state !== component.state) await db.statusComponent.update({ where: { id: component.id }, data: { state } });
  }
}

async function mailSubscribers(tx: MailWriter, subject: string, lines: string[]) {
  const subscribers = await tx.statusSubscriber.findMany({
    where: { confirmedAt: { not: null } },
    select: { id: true, email: true },
  });
  for (const subscriber of subscribers) {
    await enqueueMail(tx, {
      to: subscriber.email,
      subject,
      text: [
        ...lines,
        "",
        `Status page: ${publicOrigin}/status`,
        `Unsubscribe (one click): ${unsubscribeUrl(subscriber.id)}`,
      ].join("\n"),
    });
  }
}

// ---------------------------------------------------------------------------
// Staff writes

export type ComponentChoice = { componentId: string; state: ComponentState };

export type OpenIncidentInput = {
  title: string;
  impact: Impact;
  status: IncidentStatus;
  message: string;
  components: ComponentChoice[];
};

async function checkComponents(db: Db, components: ComponentChoice[]) {
  if (components.length === 0) throw new Refusal(400, "Choose at least one affected component.");
  const found = await db.statusComponent.count({ where: { id: { in: components.map((entry) => entry.componentId) } } });
  if (found !== new Set(components.map((entry) => entry.componentId)).size)
    throw new Refusal(400, "One of the chosen components does not exist.");
  for (const entry of components)
    if (!isComponentState(entry.state) || entry.state === "operational")
      throw new Refusal(400, "Choose how each affected component is affected.");
}

export async function openIncident(actor: Actor, input: OpenIncidentInput, now = new Date()) {
  if (input.status === "resolved") throw new Refusal(400, "A new incident cannot start resolved.");
  const incident = await prisma.$transaction(async (tx) => {
    await checkComponents(tx, input.components);
    const created = await tx.incident.create({
      data: {
        title: input.title,
        kind: "incident",
        impact: input.impact,
        status: input.status,
        startedAt: now,
        createdById: actor.id,
        nextUpdateDueAt: nextUpdateDue(input.impact, input.status, now),
        components: {
          create: input.components.map((entry) => ({ componentId: entry.componentId, state: entry.state })),
        },
        updates: {
          create: {
            status: input.status,
            bodyHtml: renderMarkdown(input.message, { highlight: false }),
            authorId: actor.id,
            createdAt: now,
          },
        },
      },
    });
    await recomputeComponentStates(tx);
    await mailSubscribers(tx, `[${STATUS_LABELS[input.status]}] ${input.title}`, [
      `${STATUS_LABELS[input.status]}: ${input.title}`,
      "",
      markdownToPlainText(input.message),
    ]);
    return created;
  });
  purgeCacheTags([STATUS_TAG]);
  return incident;
}

export type MaintenanceInput = {
  title: string;
  message: string;
  scheduledStart: Date;
  scheduledEnd: Date;
  components: ComponentChoice[];
};

export async function scheduleMaintenance(actor: Actor, input: MaintenanceInput, now = new Date()) {
  if (input.scheduledEnd <= input.scheduledStart) throw new Refusal(400, "The maintenance must end after it starts.");
  const maintenance = await prisma.$transaction(async (tx) => {
    await checkComponents(
      tx,
      input.components.map((entry) => ({ ...entry, state: "maintenance" as const })),
    );
    const created = await tx.incident.create({
      data: {
        title: input.title,
        kind: "maintenance",
        impact: "minor",
        status: "scheduled",
        startedAt: input.scheduledStart,
        scheduledStart: input.scheduledStart,
        scheduledEnd: input.scheduledEnd,
        createdById: actor.id,
        components: {
          create: input.components.map((entry) => ({ componentId: entry.componentId, state: "maintenance" })),
        },
        updates: {
          create: {
            status: "scheduled",
            bodyHtml: renderMarkdown(input.message, { highlight: false }),
            authorId: actor.id,
            createdAt: now,
          },
        },
      },
    });
    await mailSubscribers(tx, `[Scheduled maintenance] ${input.title}`, [
      `Scheduled maintenance: ${input.title}`,
      `From ${input.scheduledStart.toISOString()} to ${input.scheduledEnd.toISOString()} (UTC)`,
      "",
      markdownToPlainText(input.message),
    ]);
    return created;
  });
  purgeCacheTags([STATUS_TAG]);
  return maintenance;
}

/** A new update on an incident (or maintenance): the timeline, the components, the subscribers and the banner all follow. */
export async function postUpdate(
  actor: Actor,
  incidentId: string,
  input: { status: IncidentStatus | MaintenanceStatus; message: string },
  now = new Date(),
) {
  await prisma.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId } });
    if (!incident) throw new Refusal(404, "There is no such incident.");
    const allowed: readonly string[] =
      incident.kind === "maintenance"
        ? ["scheduled", "in-progress", "completed"]
        : ["investigating", "identified", "monitoring", "resolved"];
    if (!allowed.includes(input.status))
      throw new Refusal(
        400,
        `An update on ${incident.kind === "maintenance" ? "maintenance" : "an incident"} is one of: ${allowed.map((status) => STATUS_LABELS[status as IncidentStatus]).join(", ")}.`,
      );
    if (isClosedStatus(incident.status))
      throw new Refusal(409, "This is already closed; open a new incident if the problem is back.");
    const closes = isClosedStatus(input.status);
    await tx.incident.update({
      where: { id: incident.id },
      data: {
        status: input.status,
        resolvedAt: closes ? now : null,
        nextUpdateDueAt: nextUpdateDue(incident.impact, input.status, now),
        overdueRemindedAt: null,
        // Maintenance that starts or ends early or late records when it really did.
        ...(incident.kind === "maintenance" && input.status === "in-progress" ? { startedAt: now } : {}),
      },
    });
    await tx.incidentUpdate.create({
      data: {
        incidentId: incident.id,
        status: input.status,
        bodyHtml: renderMarkdown(input.message, { highlight: false }),
        authorId: actor.id,
        createdAt: now,
      },
    });
    await recomputeComponentStates(tx);
    await mailSubscribers(tx, `[${STATUS_LABELS[input.status]}] ${incident.title}`, [
      `${STATUS_LABELS[input.status]}: ${incident.title}`,
      "",
      markdownToPlainText(input.message),
    ]);
  });
  purgeCacheTags([STATUS_TAG]);
}

export async function setRootCause(actor: Actor, incidentId: string, markdown: string) {
  const incident = await prisma.incident.findUnique({ where: { id: incidentId }, select: { id: true, kind: true } });
  if (!incident || incident.kind !== "incident") throw new Refusal(404, "There is no such incident.");
  await prisma.incident.update({
    where: { id: incident.id },
    data: { rootCauseHtml: markdown.trim() ? renderMarkdown(markdown, { highlight: false }) : "" },
  });
  purgeCacheTags([STATUS_TAG]);
}

/**
 * The job: critical incidents whose next customer update is overdue remind the staff once (until
 * the next update, which sets a new due time and clears the reminder).
 */
export async function remindOverdueIncidentUpdates(db: PrismaClient, now: Date): Promise<number> {
  const overdue = await db.incident.findMany({
    where: { kind: "incident", status: { not: "resolved" }, nextUpdateDueAt: { lte: now }, overdueRemindedAt: null },
    take: 100,
  });
  if (overdue.length === 0) return 0;
  const staff = await db.user.findMany({ where: { role: { in: [...STAFF_ROLES] } }, select: { email: true } });
  let reminded = 0;
  for (const incident of overdue) {
    await db.$transaction(async (tx) => {
      const claimed = await tx.incident.updateMany({
        where: { id: incident.id, overdueRemindedAt: null },
        data: { overdueRemindedAt: now },
      });
      if (claimed.count === 0) return;
      reminded += 1;
      for (const member of staff) {
        await enqueueMail(tx, {
          to: member.email,
          subject: `Status update overdue: ${incident.title}`,
          text: [
            `The critical incident "${incident.title}" promised customers an update every ${formatMinutes(CRITICAL_UPDATE_INTERVAL_MINUTES)}.`,
            `The next update was due at ${incident.nextUpdateDueAt?.toISOString()} (UTC) and none has been posted.`,
            "",
            `Post an update: ${publicOrigin}/admin/status/${incident.id}`,
          ].join("\n"),
        });
      }
    });
  }
  return reminded;
}

// ---------------------------------------------------------------------------
// Reading

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

const incidentInclude = {
  components: { include: { component: { select: { name: true, slug: true } } } },
  updates: { orderBy: { createdAt: "desc" } },
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
  components: { name: string; slug: string; state: string; stateLabel: string }[];
  updates: { id: string; status: string; statusLabel: string; bodyHtml: string; createdAt: string }[];
};

function incidentView(row: IncidentRow, now: Date): IncidentView {
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
    const outages: Interval[] = [];
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
        outages.push({ start: row.startedAt.getTime(), end: (row.resolvedAt ?? now).getTime() });
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

export { SLA_UPTIME };
