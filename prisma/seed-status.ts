/**
 * Idempotent status-page seed: the five components, one resolved major incident with its updates and
 * root cause, one past and one upcoming maintenance window. Rows are found by slug or title, so a
 * second run changes nothing.
 */
import type { PrismaClient } from "../app/generated/prisma/client";
import { renderMarkdown } from "../app/lib/markdown";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const SEED_COMPONENTS = [
  { slug: "web-app", name: "Web app", description: "The TechFlow application in the browser." },
  { slug: "api", name: "API", description: "The REST API and webhooks." },
  { slug: "integrations", name: "Integrations", description: "Connections to third-party tools." },
  { slug: "notifications", name: "Notifications", description: "Email and in-app notifications." },
  { slug: "support-portal", name: "Support portal", description: "This help center, tickets and the community." },
] as const;

const html = (markdown: string) => renderMarkdown(markdown, { highlight: false });

export async function seedStatus(db: PrismaClient, now = new Date()) {
  for (const [position, component] of SEED_COMPONENTS.entries()) {
    await db.statusComponent.upsert({
      where: { slug: component.slug },
      create: { ...component, position },
      update: { name: component.name, description: component.description, position },
    });
  }
  const author = await db.user.findFirst({ where: { role: "admin" }, select: { id: true } });
  const authorId = author?.id ?? "seed";
  const componentId = async (slug: string) => (await db.statusComponent.findUniqueOrThrow({ where: { slug } })).id;
  let created = 0;

  const incidentTitle = "API requests failing in the EU region";
  if (!(await db.incident.findFirst({ where: { title: incidentTitle } }))) {
    const start = new Date(now.getTime() - 12 * DAY_MS - 3 * HOUR_MS);
    const at = (hours: number) => new Date(start.getTime() + hours * HOUR_MS);
    await db.incident.create({
      data: {
        title: incidentTitle,
        kind: "incident",
        impact: "critical",
        status: "resolved",
        startedAt: start,
        resolvedAt: at(2.5),
        createdById: authorId,
        rootCauseHtml: html(
          "**Root cause.** A configuration change to the EU load balancers removed two healthy API nodes from rotation, and the remaining nodes ran out of connections.\n\n**Fix.** The change was rolled back; load-balancer changes now roll out one region at a time with automatic health checks.\n\n**Follow-up.** A post-incident review meeting was held with the affected customers.",
        ),
        components: {
          create: [
            { componentId: await componentId("api"), state: "major-outage" },
            { componentId: await componentId("integrations"), state: "partial-outage" },
          ],
        },
        updates: {
          create: [
            {
              status: "investigating",
              bodyHtml: html("API requests from the EU region return errors. We are investigating."),
              authorId,
              createdAt: at(0),
            },
            {
              status: "identified",
              bodyHtml: html(
                "A load-balancer configuration change removed API nodes from rotation. We are rolling it back.",
              ),
              authorId,
              createdAt: at(0.75),
            },
            {
              status: "monitoring",
              bodyHtml: html("The rollback is complete and error rates are back to normal. We are monitoring."),
              authorId,
              createdAt: at(1.5),
            },
            {
              status: "resolved",
              bodyHtml: html("Resolved: API requests in the EU region have been healthy for an hour."),
              authorId,
              createdAt: at(2.5),
            },
          ],
        },
      },
    });
    created += 1;
  }

  const pastTitle = "Database upgrade";
  if (!(await db.incident.findFirst({ where: { title: pastTitle, kind: "maintenance" } }))) {
    const start = new Date(Math.floor((now.getTime() - 30 * DAY_MS) / DAY_MS) * DAY_MS + 6 * HOUR_MS);
    await db.incident.create({
      data: {
        title: pastTitle,
        kind: "maintenance",
        status: "completed",
        startedAt: start,
        scheduledStart: start,
        scheduledEnd: new Date(start.getTime() + 2 * HOUR_MS),
        resolvedAt: new Date(start.getTime() + 90 * 60_000),
        createdById: authorId,
        components: {
          create: [
            { componentId: await componentId("web-app"), state: "maintenance" },
            { componentId: await componentId("api"), state: "maintenance" },
          ],
        },
        updates: {
          create: [
            {
              status: "scheduled",
              bodyHtml: html(
                "We will upgrade the main database. The web app and API may be read-only for up to two hours.",
              ),
              authorId,
              createdAt: new Date(start.getTime() - 5 * DAY_MS),
            },
            {
              status: "completed",
              bodyHtml: html("The upgrade is complete."),
              authorId,
              createdAt: new Date(start.getTime() + 90 * 60_000),
            },
          ],
        },
      },
    });
    created += 1;
  }

  const upcomingTitle = "Notification service migration";
  if (!(await db.incident.findFirst({ where: { title: upcomingTitle, kind: "maintenance" } }))) {
    const start = new Date(Math.floor((now.getTime() + 9 * DAY_MS) / DAY_MS) * DAY_MS + 7 * HOUR_MS);
    await db.incident.create({
      data: {
        title: upcomingTitle,
        kind: "maintenance",
        status: "scheduled",
        startedAt: start,
        scheduledStart: start,
        scheduledEnd: new Date(start.getTime() + 3 * HOUR_MS),
        createdById: authorId,
        components: { create: [{ componentId: await componentId("notifications"), state: "maintenance" }] },
        updates: {
          create: [
            {
              status: "scheduled",
              bodyHtml: html(
                "We are moving notifications to new servers. Emails may arrive a little late during the window.",
              ),
              authorId,
              createdAt: now,
            },
          ],
        },
      },
    });
    created += 1;
  }
  return { components: SEED_COMPONENTS.length, created };
}
