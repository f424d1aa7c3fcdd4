import { can, type Actor } from "../auth/permissions";
import type { SessionUser } from "../auth/session.server";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { hitRateLimit } from "../lib/rate-limit.server";
import { Refusal } from "../lib/refusal";
import { afterTasksQueued, enqueueTask, registerTaskHandler } from "../lib/task-queue.server";
import { inRetriedTransaction } from "../lib/transactions.server";
import { EMAIL_ADDRESSES, LIVE_TRAINING_PLANS, PLAN_NAMES } from "../support/policy";
import { zonedLocalToInstant } from "../tickets/schemas";
import { liveTrainingIcs } from "./live-invitation";
import type { LiveRequestInput } from "./live-schemas";

/**
 * Live training sessions (Professional and Enterprise, per the policy module): a member of an
 * eligible account asks for one with three preferred times in their zone; staff confirm one of them
 * with a length and a meeting link; every contact of the account gets an invitation (.ics) through
 * the task queue, and a reminder the day before (the `live-training-reminders` job).
 */

type Db = PrismaClient | Prisma.TransactionClient;

const INVITATIONS = "training:live-invitations";
const DAY_MS = 24 * 60 * 60 * 1000;
/** Requests per account per day: enough for a real need, not enough to flood the trainers' queue. */
const REQUESTS_PER_DAY = 5;

export function mayBookLiveTraining(user: SessionUser): boolean {
  return Boolean(
    user.account && LIVE_TRAINING_PLANS.includes(user.account.plan) && can(user, "training:request-live-session"),
  );
}

export function upgradeAdvice(): string {
  return `Live training sessions are included with the ${LIVE_TRAINING_PLANS.map((plan) => PLAN_NAMES[plan]).join(" and ")} plans. To upgrade, write to ${EMAIL_ADDRESSES.sales}.`;
}

export async function requestLiveSession(
  user: SessionUser,
  input: LiveRequestInput,
  now = new Date(),
): Promise<string> {
  const account = user.account;
  if (!account || !mayBookLiveTraining(user)) throw new Refusal(403, upgradeAdvice());
  const fieldErrors: Record<string, string> = {};
  const times = ([1, 2, 3] as const).map((index) => {
    const field = `preferredAt${index}` as const;
    const instant = zonedLocalToInstant(input[field], input.timeZone);
    if (!instant) fieldErrors[field] = "Enter a valid date and time, and choose your time zone.";
    else if (instant.getTime() < now.getTime() + DAY_MS)
      fieldErrors[field] = "Choose a time at least a day from now, so a trainer can prepare.";
    return instant;
  });
  // Every unusable time is named at once, beside its own field.
  const [firstWrong] = Object.entries(fieldErrors);
  if (firstWrong) throw new Refusal(400, firstWrong[1], { field: firstWrong[0], fields: fieldErrors });
  const [first, second, third] = times as [Date, Date, Date];
  const id = await inRetriedTransaction(async (tx) => {
    const limit = await hitRateLimit(
      tx,
      `live-training:${account.id}`,
      { limit: REQUESTS_PER_DAY, windowMs: DAY_MS },
      now,
    );
    if (!limit.allowed)
      throw new Refusal(
        429,
        "Your account has asked for several sessions today. We will answer those first; try again tomorrow.",
        {
          retryAfterSeconds: limit.retryAfterSeconds,
        },
      );
    const created = await tx.liveTrainingRequest.create({
      data: {
        accountId: account.id,
        requestedById: user.id,
        topic: input.topic,
        attendees: input.attendees,
        timeZone: input.timeZone,
        preferredAt1: first,
        preferredAt2: second,
        preferredAt3: third,
        createdAt: now,
      },
    });
    return created.id;
  });
  return id;
}

const requestSelect = {
  id: true,
  topic: true,
  attendees: true,
  timeZone: true,
  preferredAt1: true,
  preferredAt2: true,
  preferredAt3: true,
  status: true,
  confirmedStart: true,
  durationMinutes: true,
  joinUrl: true,
  createdAt: true,
  accountId: true,
} as const;

type RequestRow = Prisma.LiveTrainingRequestGetPayload<{ select: typeof requestSelect }>;

function requestView(row: RequestRow) {
  return {
    id: row.id,
    topic: row.topic,
    attendees: row.attendees,
    timeZone: row.timeZone,
    preferredTimes: [row.preferredAt1, row.preferredAt2, row.preferredAt3].map((time) => time.toISOString()),
    status: row.status === "confirmed" ? ("confirmed" as const) : ("requested" as const),
    confirmedStart: row.confirmedStart?.toISOString() ?? null,
    durationMinutes: row.durationMinutes,
    joinUrl: row.joinUrl,
    createdAt: row.createdAt.toISOString(),
  };
}

export type LiveRequestView = ReturnType<typeof requestView>;

/** The account's requests, newest first (the customer's page). */
export async function liveRequestsOfAccount(user: SessionUser, db: PrismaClient = prisma) {
  if (!user.account) return [];
  const rows = await db.liveTrainingRequest.findMany({
    where: { accountId: user.account.id },
    select: requestSelect,
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  return rows.map(requestView);
}

/** Every request waiting for a time first, then the confirmed ones still to come (the staff page). */
export async function liveRequestsForStaff(actor: Actor, db: PrismaClient = prisma, now = new Date()) {
  if (!can(actor, "training:manage-live-sessions"))
    throw new Refusal(403, "Only staff can see live training requests.");
  const rows = await db.liveTrainingRequest.findMany({
    where: { OR: [{ status: "requested" }, { status: "confirmed", confirmedStart: { gte: now } }] },
    select: requestSelect,
    orderBy: [{ status: "desc" }, { createdAt: "asc" }],
    take: 100,
  });
  const accounts = await db.customerAccount.findMany({
    where: { id: { in: [...new Set(rows.map((row) => row.accountId))] } },
    select: { id: true, name: true, accountNumber: true, plan: true },
  });
  const byId = new Map(accounts.map((account) => [account.id, account]));
  return rows.map((row) => ({ ...requestView(row), account: byId.get(row.accountId) ?? null }));
}

export async function confirmLiveSession(
  actor: Actor,
  input: { requestId: string; choice: "1" | "2" | "3"; durationMinutes: number; joinUrl: string },
  now = new Date(),
) {
  if (!can(actor, "training:manage-live-sessions"))
    throw new Refusal(403, "Only staff can confirm live training sessions.");
  await inRetriedTransaction(async (tx) => {
    const request = await tx.liveTrainingRequest.findUnique({ where: { id: input.requestId } });
    if (!request) throw new Refusal(404, "There is no such request.");
    if (request.status === "confirmed") throw new Refusal(409, "This session is already confirmed.");
    const start = [request.preferredAt1, request.preferredAt2, request.preferredAt3][Number(input.choice) - 1];
    if (start.getTime() <= now.getTime())
      throw new Refusal(409, "That preferred time has passed; ask the customer for new times.");
    const updated = await tx.liveTrainingRequest.updateMany({
      where: { id: request.id, status: "requested" },
      data: {
        status: "confirmed",
        confirmedStart: start,
        durationMinutes: input.durationMinutes,
        joinUrl: input.joinUrl,
        confirmedById: actor.id,
        confirmedAt: now,
      },
    });
    if (updated.count === 0) throw new Refusal(409, "This session is already confirmed.");
    await enqueueTask(tx, INVITATIONS, { requestId: request.id }, { dedupeKey: `${INVITATIONS}:${request.id}` });
  });
  await afterTasksQueued();
}

/** Everyone of the account who should be there: its members (the requester, owners and colleagues). */
async function contactsOf(db: Db, accountId: string) {
  return db.user.findMany({ where: { accountId }, select: { email: true, name: true }, orderBy: { email: "asc" } });
}

const sessionTime = (timeZone: string) =>
  new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  });

function whenLine(start: Date, minutes: number, timeZone: string) {
  return `When: ${sessionTime(timeZone).format(start)} (${timeZone}), ${minutes} minutes. The attached invitation shows it in your calendar's own time zone.`;
}

async function sendInvitations(db: Db, requestId: string, now: Date) {
  const request = await db.liveTrainingRequest.findUnique({ where: { id: requestId } });
  if (!request || request.status !== "confirmed" || !request.confirmedStart) return;
  const pageUrl = `${publicOrigin}/training/live`;
  for (const contact of await contactsOf(db, request.accountId)) {
    await enqueueMail(db, {
      to: contact.email,
      subject: "Invitation: TechFlow live training session",
      text: [
        "Your live training session with a TechFlow trainer is confirmed.",
        "",
        whenLine(request.confirmedStart, request.durationMinutes, request.timeZone),
        `Join: ${request.joinUrl}`,
        `Topic: ${request.topic}`,
        "",
        `We will send a reminder the day before. Details: ${pageUrl}`,
      ].join("\n"),
      calendar: liveTrainingIcs({
        requestId: request.id,
        topic: request.topic,
        startsAt: request.confirmedStart,
        minutes: request.durationMinutes,
        joinUrl: request.joinUrl,
        attendee: contact,
        pageUrl,
        now,
      }),
    });
  }
}

registerTaskHandler(INVITATIONS, async (payload, { now }) => {
  const requestId = (payload as { requestId?: unknown } | null)?.requestId;
  if (typeof requestId !== "string") throw new Error('task payload has no "requestId"');
  await inRetriedTransaction((tx) => sendInvitations(tx, requestId, now));
});

/**
 * The `live-training-reminders` job: a reminder to every contact of each confirmed session starting
 * within the next day, once per session (reminderSentAt is set in the same transaction as the mail).
 */
export async function remindLiveSessions(db: PrismaClient, now: Date): Promise<number> {
  const due = await db.liveTrainingRequest.findMany({
    where: {
      status: "confirmed",
      reminderSentAt: null,
      confirmedStart: { gt: now, lte: new Date(now.getTime() + DAY_MS) },
    },
    select: { id: true },
  });
  let sent = 0;
  for (const { id } of due) {
    sent += await inRetriedTransaction(async (tx) => {
      const claimed = await tx.liveTrainingRequest.updateMany({
        where: { id, reminderSentAt: null },
        data: { reminderSentAt: now },
      });
      if (claimed.count === 0) return 0;
      const request = await tx.liveTrainingRequest.findUniqueOrThrow({ where: { id } });
      const contacts = await contactsOf(tx, request.accountId);
      for (const contact of contacts)
        await enqueueMail(tx, {
          to: contact.email,
          subject: "Reminder: TechFlow live training session tomorrow",
          text: [
            "A reminder of your live training session with a TechFlow trainer.",
            "",
            whenLine(request.confirmedStart ?? now, request.durationMinutes, request.timeZone),
            `Join: ${request.joinUrl}`,
            `Topic: ${request.topic}`,
          ].join("\n"),
        });
      return contacts.length;
    });
  }
  return sent;
}
