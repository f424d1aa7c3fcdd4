import { createHmac, timingSafeEqual } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { appSecret, publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { notify } from "../notifications/notify.server";
import { ON_CALL_PAGING, formatMinutes } from "../support/policy";
import { whoIsOnCall } from "./schedule.server";
import { queueWebhookDelivery } from "./webhook.server";
import { inRetriedTransaction } from "../lib/transactions.server";

/**
 * Paging the on-call engineers: one page per key (a Priority 1 ticket's number). The primary gets
 * a mail (with a signed acknowledge link), an in-app notification and, when configured, a PagerDuty
 * event; nobody acknowledging within the policy's minutes pages the secondary. Knows no tickets:
 * the caller passes the key, a title and the staff page to open. Decision record 019.
 */

type Db = PrismaClient | Prisma.TransactionClient;
const MINUTE_MS = 60_000;
const TOKEN_VERSION = "p1";

export type PageRequest = { key: string; title: string; url: string };

function signature(pageId: string, userId: string, secret: string) {
  return createHmac("sha256", secret).update(`oncall-ack:${pageId}:${userId}`).digest("base64url");
}

/** The token in the mail's acknowledge link: names the page and the person it was sent to. */
export function ackToken(pageId: string, userId: string, secret = appSecret) {
  return `${TOKEN_VERSION}.${pageId}.${userId}.${signature(pageId, userId, secret)}`;
}

export function verifyAckToken(
  token: string | undefined,
  secret = appSecret,
): { pageId: string; userId: string } | null {
  if (typeof token !== "string" || token.length > 300) return null;
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== TOKEN_VERSION) return null;
  const [, pageId, userId, given] = parts as [string, string, string, string];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(pageId) || !/^[A-Za-z0-9_-]{1,64}$/.test(userId)) return null;
  const expected = Buffer.from(signature(pageId, userId, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { pageId, userId };
}

type PageRow = { id: string; key: string; title: string; url: string };

/** Mail and in-app notice to one engineer; without anyone on call, every agent is told in-app. */
async function alert(tx: Db, page: PageRow, userId: string | null, role: "primary" | "secondary") {
  const title = `Paged (${role} on call): ${page.key} ${page.title}`;
  if (!userId) {
    const agents = await tx.user.findMany({ where: { role: { in: ["agent", "admin"] } }, select: { id: true } });
    for (const agent of agents)
      await notify(tx, { userId: agent.id, kind: "ticket", title: `Nobody is on call: ${title}`, url: page.url });
    return;
  }
  const person = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!person) return;
  await notify(tx, { userId, kind: "ticket", title, url: page.url, groupKey: `oncall-page:${page.key}` });
  await enqueueMail(tx, {
    to: person.email,
    subject: `[PAGE] Priority 1 ${page.key}: ${page.title}`,
    text: [
      `You are the ${role} on call, and ${page.key} is a Priority 1 ticket.`,
      "",
      `Open it: ${publicOrigin}${page.url}`,
      `Acknowledge (stops the paging): ${publicOrigin}/admin/on-call/ack/${ackToken(page.id, userId)}`,
      "",
      role === "primary"
        ? `If nobody acknowledges within ${formatMinutes(ON_CALL_PAGING.secondaryAfterMinutes)}, the secondary is paged.`
        : "The primary did not acknowledge in time.",
    ].join("\n"),
  });
}

/**
 * Pages the primary on call now, inside the caller's transaction (a rolled-back filing pages nobody).
 * A key with an open page is not paged again; a resolved one (the ticket reopened as P1) starts over.
 */
export async function pageOnCall(tx: Db, request: PageRequest, now: Date) {
  const existing = await tx.onCallPage.findUnique({ where: { key: request.key }, select: { resolvedAt: true } });
  if (existing && !existing.resolvedAt) return;
  const onCall = await whoIsOnCall(tx, now);
  const fresh = {
    title: request.title.slice(0, 200),
    url: request.url,
    primaryId: onCall.primaryId,
    secondaryId: onCall.secondaryId,
    pagedAt: now,
    acknowledgedAt: null,
    acknowledgedById: null,
    secondaryPagedAt: null,
    resolvedAt: null,
  };
  const page = await tx.onCallPage.upsert({
    where: { key: request.key },
    create: { key: request.key, ...fresh },
    update: fresh,
  });
  await alert(tx, page, onCall.primaryId, "primary");
  await queueWebhookDelivery(tx, page.key);
}

/** Stops the paging; false when the page was already acknowledged, resolved or never made. */
export async function acknowledgePage(tx: Db, key: string, userId: string, now: Date): Promise<boolean> {
  const updated = await tx.onCallPage.updateMany({
    where: { key, acknowledgedAt: null, resolvedAt: null },
    data: { acknowledgedAt: now, acknowledgedById: userId },
  });
  if (updated.count === 0) return false;
  await queueWebhookDelivery(tx, key);
  return true;
}

/** The incident is over (the ticket was solved or left Priority 1): PagerDuty resolves it too. */
export async function resolvePage(tx: Db, key: string, now: Date) {
  const updated = await tx.onCallPage.updateMany({ where: { key, resolvedAt: null }, data: { resolvedAt: now } });
  if (updated.count) await queueWebhookDelivery(tx, key);
}

export async function findPage(db: Db, key: string) {
  return db.onCallPage.findUnique({ where: { key } });
}

export async function findPageById(db: Db, id: string) {
  return db.onCallPage.findUnique({ where: { id } });
}

/** The scheduled job: pages nobody acknowledged within the policy's minutes go to the secondary on call now. */
export async function pageSecondaries(db: PrismaClient, now: Date): Promise<number> {
  const pagedBefore = new Date(now.getTime() - ON_CALL_PAGING.secondaryAfterMinutes * MINUTE_MS);
  const due = await db.onCallPage.findMany({
    where: { acknowledgedAt: null, resolvedAt: null, secondaryPagedAt: null, pagedAt: { lte: pagedBefore } },
    take: 500,
  });
  let paged = 0;
  for (const page of due) {
    await inRetriedTransaction(
      async (tx) => {
        const onCall = await whoIsOnCall(tx, now);
        // Someone other than the primary who let it ring; the guarded update makes a repeated run a no-op.
        const secondaryId = onCall.secondaryId !== page.primaryId ? onCall.secondaryId : null;
        const updated = await tx.onCallPage.updateMany({
          where: { id: page.id, acknowledgedAt: null, resolvedAt: null, secondaryPagedAt: null },
          data: { secondaryPagedAt: now, secondaryId },
        });
        if (updated.count === 0) return;
        paged += 1;
        await alert(tx, page, secondaryId, "secondary");
      },
      { db },
    );
  }
  return paged;
}

/** The on-call primary now, for alerts that go to whoever holds the pager (a missed P1 update). */
export async function onCallPrimary(db: Db, now: Date): Promise<string | null> {
  return (await whoIsOnCall(db, now)).primaryId;
}
