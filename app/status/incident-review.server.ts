import type { Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { afterTasksQueued } from "../lib/task-queue.server";
import { inRetriedTransaction } from "../lib/transactions.server";
import { announceIncidentNews } from "./incident-news.server";
import { STATUS_LABELS } from "./states";

/**
 * The post-incident review meeting the guide promises: offered once a major incident is resolved,
 * staff pick the time, and the customers of the linked tickets are invited (the tickets domain hears
 * the "review" news and mails the invitations). Rescheduling sends the invitation again, replacing
 * the earlier one in calendars.
 */

export type ReviewInput = { startsAt: Date; minutes: number; location: string };

export async function scheduleReview(actor: Actor, incidentId: string, input: ReviewInput, now = new Date()) {
  if (input.startsAt.getTime() <= now.getTime())
    throw new Refusal(400, "Pick a time in the future.", { field: "startsAt" });
  await inRetriedTransaction(async (tx) => {
    const incident = await tx.incident.findUnique({
      where: { id: incidentId },
      select: { id: true, title: true, kind: true, status: true, rootCauseHtml: true, reviewSequence: true },
    });
    if (!incident || incident.kind !== "incident") throw new Refusal(404, "There is no such incident.");
    if (incident.status !== "resolved")
      throw new Refusal(409, "The review meeting is offered once the incident is resolved.");
    if (!incident.rootCauseHtml)
      throw new Refusal(409, "Write the root cause analysis first: the review walks through it.");
    await tx.incident.update({
      where: { id: incident.id },
      data: {
        reviewStartsAt: input.startsAt,
        reviewMinutes: input.minutes,
        reviewLocation: input.location,
        reviewSequence: { increment: 1 },
      },
    });
    await announceIncidentNews(tx, {
      incidentId: incident.id,
      incidentTitle: incident.title,
      kind: "review",
      status: incident.status,
      statusLabel: STATUS_LABELS.resolved,
      text: "",
      rootCause: "",
      actorId: actor.id,
      at: now,
    });
  });
  // The invitations were queued in the transaction; they go out after it (decision record 018).
  await afterTasksQueued();
}

/** What an invitation needs of the meeting (read by the task that mails them, after the commit). */
export async function reviewMeeting(incidentId: string) {
  const incident = await prisma.incident.findUnique({
    where: { id: incidentId },
    select: {
      id: true,
      title: true,
      reviewStartsAt: true,
      reviewMinutes: true,
      reviewLocation: true,
      reviewSequence: true,
    },
  });
  if (!incident?.reviewStartsAt) return null;
  return {
    incidentId: incident.id,
    incidentTitle: incident.title,
    startsAt: incident.reviewStartsAt,
    minutes: incident.reviewMinutes,
    location: incident.reviewLocation,
    sequence: incident.reviewSequence,
  };
}
