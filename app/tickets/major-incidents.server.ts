import { z } from "zod";
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { purgeCacheTags } from "../lib/page-cache-purge.server";
import { STATUS_TAG } from "../lib/page-cache-tags";
import { Refusal } from "../lib/refusal";
import { afterTasksQueued, enqueueTask, registerTaskHandler, type TaskHandler } from "../lib/task-queue.server";
import { inRetriedTransaction } from "../lib/transactions.server";
import { notify } from "../notifications/notify.server";
import { incidentOfTicket, linkTicket, openIncidentChoices } from "../status/incident-links.server";
import type { IncidentNews } from "../status/incident-news.server";
import { reviewMeeting } from "../status/incident-review.server";
import { listComponents } from "../status/incident-views.server";
import { openIncidentIn, type OpenIncidentInput } from "../status/incident-writes.server";
import { reviewInvitationIcs } from "../status/review-invitation";
import { SUPPORT_TIME_ZONE, SUPPORT_TIME_ZONE_NAME } from "../support/policy";
import { issueReplyAddress } from "./reply-keys.server";
import { nextP1UpdateDueAt } from "./sla";
import { ticketMailThread } from "./ticket-mail.server";
import type { Db, TicketRow, Tx } from "./ticket-reads.server";
import { recordEvent } from "./ticket-timeline.server";

/**
 * Major incidents on tickets: an agent links Priority 1 tickets to a status-page incident (a new one or
 * an open one), and from then on the incident's news reaches each linked ticket. Its updates, its root
 * cause analysis and its review meeting are on the ticket's timeline at once (in the status write's
 * transaction); the customers' notifications, mail and review invitations (.ics) go through the task queue.
 */

export type IncidentChoice = { incidentId: string } | { newIncident: OpenIncidentInput };

export async function linkToIncident(db: Db, ticket: TicketRow, user: Actor, choice: IncidentChoice, now = new Date()) {
  if (!can(user, "incident:link")) throw new Refusal(403, "Only agents link tickets to incidents.");
  if ("newIncident" in choice && !can(user, "status:manage"))
    throw new Refusal(403, "Only staff who run the status page open incidents.");
  if (ticket.priority !== 1) throw new Refusal(409, "Only Priority 1 tickets are linked to a major incident.");
  if (ticket.status === "closed") throw new Refusal(409, "This ticket is closed.");
  const linked = await inRetriedTransaction(async (tx) => {
    const incidentId =
      "incidentId" in choice ? choice.incidentId : (await openIncidentIn(tx, user, choice.newIncident, now)).id;
    const incident = await linkTicket(tx, { ticketId: ticket.id, incidentId, actorId: user.id, at: now });
    await recordEvent(tx, ticket.id, "incident-linked", { toValue: incident.title, actorId: user.id, at: now });
    return incident;
  });
  // A new incident is on the public status page at once.
  if ("newIncident" in choice) purgeCacheTags([STATUS_TAG]);
  return linked;
}

const TIMELINE_KIND: Record<IncidentNews["kind"], string> = {
  update: "incident-update",
  "root-cause": "incident-root-cause",
  review: "incident-review",
};
const NOTE_CHARACTERS = 280;

function shortNote(text: string) {
  return text.length > NOTE_CHARACTERS ? `${text.slice(0, NOTE_CHARACTERS - 1)}…` : text;
}

/**
 * The listener the composition root registers with the status page: each linked ticket gets the news on
 * its timeline. An incident update on an open Priority 1 ticket is also that ticket's update, so it keeps
 * the 4-hour cadence as an agent's public reply would (on time or late against the due time it answers).
 */
export async function carryIncidentNewsToTickets(tx: Tx, news: IncidentNews) {
  const tickets = await tx.ticket.findMany({
    where: { incidentLink: { incidentId: news.incidentId } },
    select: { id: true, priority: true, status: true, firstRespondedAt: true, nextUpdateDueAt: true },
  });
  if (tickets.length === 0) return;
  for (const ticket of tickets) {
    await recordEvent(tx, ticket.id, TIMELINE_KIND[news.kind], {
      toValue: news.kind === "update" ? news.statusLabel : "",
      note: shortNote(news.kind === "update" ? news.text : ""),
      actorId: news.actorId,
      at: news.at,
    });
    const open = ticket.status !== "solved" && ticket.status !== "closed";
    if (news.kind !== "update" || !open || ticket.priority !== 1 || !ticket.firstRespondedAt || !ticket.nextUpdateDueAt)
      continue;
    await tx.ticket.update({
      where: { id: ticket.id },
      data: { nextUpdateDueAt: nextP1UpdateDueAt(news.at), updateOverdueAlertedAt: null },
    });
    await recordEvent(tx, ticket.id, news.at <= ticket.nextUpdateDueAt ? "update-on-time" : "update-late", {
      actorId: news.actorId,
      at: news.at,
    });
  }
  const payload = { ...news, at: news.at.toISOString() };
  await enqueueTask(tx, news.kind === "review" ? REVIEW_INVITATIONS : INCIDENT_NEWS, payload);
}

const INCIDENT_NEWS = "tickets:incident-news";
const REVIEW_INVITATIONS = "tickets:review-invitations";

const newsPayload = z.object({
  incidentId: z.string(),
  incidentTitle: z.string(),
  kind: z.enum(["update", "root-cause", "review"]),
  statusLabel: z.string(),
  text: z.string(),
  rootCause: z.string(),
  actorId: z.string(),
  at: z.coerce.date(),
});

const linkedTicketSelect = { id: true, number: true, subject: true, requesterId: true, accountId: true } as const;

/** The customer of each linked ticket: told in-app and by mail (threaded with the ticket's mail; replying reaches the ticket). */
const tellCustomers: TaskHandler = async (payload) => {
  const news = newsPayload.parse(payload);
  await inRetriedTransaction(async (tx) => {
    const tickets = await tx.ticket.findMany({
      where: { incidentLink: { incidentId: news.incidentId } },
      select: linkedTicketSelect,
    });
    for (const ticket of tickets) {
      const requester = await tx.user.findUnique({ where: { id: ticket.requesterId }, select: { email: true } });
      const headline =
        news.kind === "update" ? `Incident update (${news.statusLabel})` : "Root cause analysis published";
      await notify(tx, {
        userId: ticket.requesterId,
        kind: "ticket",
        title: `${headline} on ${ticket.number}: ${news.incidentTitle}`,
        url: `/support/tickets/${ticket.number}#incident`,
        actorId: news.actorId,
      });
      if (!requester) continue;
      await enqueueMail(tx, {
        to: requester.email,
        subject: `[${ticket.number}] ${headline}: ${news.incidentTitle}`,
        text: [
          `Your ticket ${ticket.number} is part of the incident "${news.incidentTitle}".`,
          "",
          ...(news.text ? [`${news.statusLabel}: ${news.text}`, ""] : []),
          ...(news.rootCause ? ["Root cause analysis:", news.rootCause, ""] : []),
          `Follow it on your ticket: ${publicOrigin}/support/tickets/${ticket.number}`,
          `Status page: ${publicOrigin}/status`,
        ].join("\n"),
        replyTo: await issueReplyAddress(tx, ticket.id, ticket.requesterId),
        ...(await ticketMailThread(tx, ticket.id)),
        ticketId: ticket.id,
      });
    }
  });
};

const meetingFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: SUPPORT_TIME_ZONE,
  dateStyle: "full",
  timeStyle: "short",
});

/**
 * The review invitation, to the customer contacts of the linked tickets' accounts: each ticket's
 * requester and each account owner, once per address. The mail cannot know the reader's zone, so its
 * text names the support zone; the attached invitation is in UTC and every calendar shows it in its
 * own zone, as the ticket page does.
 */
const inviteToReview: TaskHandler = async (payload, { now }) => {
  const news = newsPayload.parse(payload);
  const meeting = await reviewMeeting(news.incidentId);
  if (!meeting) return;
  await inRetriedTransaction(async (tx) => {
    const tickets = await tx.ticket.findMany({
      where: { incidentLink: { incidentId: news.incidentId } },
      select: linkedTicketSelect,
      orderBy: { seq: "asc" },
    });
    const contacts = await tx.user.findMany({
      where: {
        OR: [
          { id: { in: tickets.map((ticket) => ticket.requesterId) } },
          { accountId: { in: tickets.map((ticket) => ticket.accountId) }, accountRole: "owner" },
        ],
      },
      select: { id: true, email: true, name: true, accountId: true },
      orderBy: { email: "asc" },
    });
    for (const contact of contacts) {
      // The contact's own ticket when they filed one, else their account's first linked ticket.
      const ticket =
        tickets.find((entry) => entry.requesterId === contact.id) ??
        tickets.find((entry) => entry.accountId === contact.accountId);
      if (!ticket) continue;
      const url = `${publicOrigin}/support/tickets/${ticket.number}#incident`;
      await enqueueMail(tx, {
        to: contact.email,
        subject: `Invitation: post-incident review of "${meeting.incidentTitle}"`,
        text: [
          `You are invited to the post-incident review of "${meeting.incidentTitle}" (ticket ${ticket.number}).`,
          "",
          `When: ${meetingFormat.format(meeting.startsAt)} ${SUPPORT_TIME_ZONE_NAME}, ${meeting.minutes} minutes. The attached invitation shows it in your calendar's own time zone, and so does your ticket page.`,
          ...(meeting.location ? [`Where: ${meeting.location}`] : []),
          "",
          `We walk through the root cause analysis, which you can read now: ${url}`,
        ].join("\n"),
        calendar: reviewInvitationIcs({
          ...meeting,
          attendee: { email: contact.email, name: contact.name },
          url,
          now,
        }),
        ticketId: ticket.id,
      });
      await notify(tx, {
        userId: contact.id,
        kind: "ticket",
        title: `Post-incident review scheduled: ${meeting.incidentTitle}`,
        url: `/support/tickets/${ticket.number}#incident`,
        actorId: news.actorId,
      });
    }
  });
};

registerTaskHandler(INCIDENT_NEWS, tellCustomers);
registerTaskHandler(REVIEW_INVITATIONS, inviteToReview);

/** What the routes call, bound to the app's database. */
export const majorIncidents = {
  /** The incident a ticket is part of, as both ticket pages show it. */
  ofTicket: (ticket: { id: string }) => incidentOfTicket(prisma, ticket.id),
  /** What the agent's link form offers: open incidents to attach to, and components for a new one. */
  linkChoices: async () => ({
    incidents: await openIncidentChoices(prisma),
    components: (await listComponents(prisma)).map((component) => ({ id: component.id, name: component.name })),
  }),
  link: async (ticket: TicketRow, user: Actor, choice: IncidentChoice) => {
    const linked = await linkToIncident(prisma, ticket, user, choice);
    await afterTasksQueued();
    return linked;
  },
};
