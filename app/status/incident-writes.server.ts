import type { Actor } from "../auth/permissions";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail, type MailWriter } from "../lib/mailer.server";
import { markdownToPlainText, renderMarkdown } from "../lib/markdown";
import { purgeCacheTags } from "../lib/page-cache-purge.server";
import { STATUS_TAG } from "../lib/page-cache-tags";
import { RESOLUTION_COMMITMENTS, SUPPORT_TIME_ZONE, SUPPORT_TIME_ZONE_NAME } from "../support/policy";
import { announceIncidentNews } from "./incident-news.server";
import {
  isClosedStatus,
  isComponentState,
  isMajorIncident,
  ROOT_CAUSE_MIN_CHARACTERS,
  STATUS_LABELS,
  worstState,
  type ComponentState,
  type Impact,
  type IncidentStatus,
  type MaintenanceStatus,
} from "./states";
import { unsubscribeUrl } from "./subscriptions.server";
import { Refusal } from "../lib/refusal";
import { afterTasksQueued } from "../lib/task-queue.server";
import { inRetriedTransaction } from "../lib/transactions.server";

/** A mail cannot know the reader's zone, so it names the site's one zone: "Dec 8, 2026, 2:00 AM". */
const supportZoneFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: SUPPORT_TIME_ZONE,
  dateStyle: "medium",
  timeStyle: "short",
});
const inSupportZone = (at: Date) => supportZoneFormat.format(at);

/** Staff writes to the status page: opening incidents, scheduling maintenance, posting updates and root causes, each mailed to subscribers. */

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
  const incident = await inRetriedTransaction((tx) => openIncidentIn(tx, actor, input, now));
  purgeCacheTags([STATUS_TAG]);
  return incident;
}

/** Opens the incident inside the caller's transaction (a ticket linked to a new incident commits with it); the caller purges STATUS_TAG. */
export async function openIncidentIn(tx: Prisma.TransactionClient, actor: Actor, input: OpenIncidentInput, now: Date) {
  if (input.status === "resolved") throw new Refusal(400, "A new incident cannot start resolved.");
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
  const maintenance = await inRetriedTransaction(async (tx) => {
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
      `From ${inSupportZone(input.scheduledStart)} to ${inSupportZone(input.scheduledEnd)} ${SUPPORT_TIME_ZONE_NAME}`,
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
  input: { status: IncidentStatus | MaintenanceStatus; message: string; rootCause?: string },
  now = new Date(),
) {
  await inRetriedTransaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      include: { _count: { select: { tickets: true } } },
    });
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
    const rootCause = (input.rootCause ?? "").trim();
    if (input.status === "resolved") checkRootCause(incident, rootCause);
    await tx.incident.update({
      where: { id: incident.id },
      data: {
        status: input.status,
        resolvedAt: closes ? now : null,
        nextUpdateDueAt: nextUpdateDue(incident.impact, input.status, now),
        overdueRemindedAt: null,
        ...(rootCause ? { rootCauseHtml: renderMarkdown(rootCause, { highlight: false }) } : {}),
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
      ...(rootCause ? ["", "Root cause analysis:", markdownToPlainText(rootCause)] : []),
    ]);
    if (incident.kind === "incident")
      await announceIncidentNews(tx, {
        incidentId: incident.id,
        incidentTitle: incident.title,
        kind: "update",
        status: input.status,
        statusLabel: STATUS_LABELS[input.status],
        text: markdownToPlainText(input.message),
        rootCause: rootCause ? markdownToPlainText(rootCause) : "",
        actorId: actor.id,
        at: now,
      });
  });
  purgeCacheTags([STATUS_TAG]);
  // Linked tickets' notices and mail were queued in the transaction (decision record 018).
  await afterTasksQueued();
}

/**
 * Resolving a major incident needs its root cause analysis (the guide promises one): written now, or
 * already saved. A short line is not an analysis, so it must say a little more than a few words.
 */
function checkRootCause(
  incident: { kind: string; impact: string; rootCauseHtml: string; _count: { tickets: number } },
  rootCause: string,
) {
  const major = isMajorIncident({ ...incident, linkedTickets: incident._count.tickets });
  if (rootCause && rootCause.length < ROOT_CAUSE_MIN_CHARACTERS)
    throw new Refusal(400, ROOT_CAUSE_TOO_SHORT, { field: "rootCause" });
  if (major && !rootCause && !incident.rootCauseHtml)
    throw new Refusal(400, "Resolving a major incident needs its root cause analysis.", { field: "rootCause" });
}

export const ROOT_CAUSE_TOO_SHORT = `Write what happened, why, and what changes so it does not happen again (at least ${ROOT_CAUSE_MIN_CHARACTERS} characters).`;

export async function setRootCause(actor: Actor, incidentId: string, markdown: string, now = new Date()) {
  const rootCause = markdown.trim();
  await inRetriedTransaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      include: { _count: { select: { tickets: true } } },
    });
    if (!incident || incident.kind !== "incident") throw new Refusal(404, "There is no such incident.");
    if (rootCause && rootCause.length < ROOT_CAUSE_MIN_CHARACTERS)
      throw new Refusal(400, ROOT_CAUSE_TOO_SHORT, { field: "rootCause" });
    const major = isMajorIncident({ ...incident, linkedTickets: incident._count.tickets });
    if (!rootCause && major && incident.status === "resolved")
      throw new Refusal(400, "A resolved major incident keeps its root cause analysis: correct it instead.", {
        field: "rootCause",
      });
    await tx.incident.update({
      where: { id: incident.id },
      data: { rootCauseHtml: rootCause ? renderMarkdown(rootCause, { highlight: false }) : "" },
    });
    if (rootCause)
      await announceIncidentNews(tx, {
        incidentId: incident.id,
        incidentTitle: incident.title,
        kind: "root-cause",
        status: incident.status,
        statusLabel: STATUS_LABELS[incident.status as IncidentStatus] ?? incident.status,
        text: "",
        rootCause: markdownToPlainText(rootCause),
        actorId: actor.id,
        at: now,
      });
  });
  purgeCacheTags([STATUS_TAG]);
  // Linked tickets' notices and mail were queued in the transaction (decision record 018).
  await afterTasksQueued();
}
