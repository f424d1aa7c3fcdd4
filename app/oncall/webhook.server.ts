import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { env, publicOrigin } from "../lib/env.server";
import { enqueueTask, registerTaskHandler } from "../lib/task-queue.server";
import { pagerDutyEvent } from "./pagerduty";

/**
 * Delivering pages to PagerDuty (or anything that speaks its Events API v2) at ONCALL_WEBHOOK_URL.
 * The write that changes a page queues one task per page key in its own transaction; the task sends
 * the event for the page's state when it runs, so a retry after a failure, or a trigger overtaken by
 * the resolve, still leaves PagerDuty where the page is. Failures retry with the queue's backoff and
 * show on /admin/jobs; filing never waits for the webhook. Decision record 019.
 */

type Db = PrismaClient | Prisma.TransactionClient;
export type WebhookTarget = { url: string; routingKey: string };

const TASK_KIND = "oncall-webhook";
const TIMEOUT_MS = 10_000;

let target: WebhookTarget | null = env.ONCALL_WEBHOOK_URL
  ? { url: env.ONCALL_WEBHOOK_URL, routingKey: env.ONCALL_ROUTING_KEY }
  : null;

/** Tests point the webhook at a local receiver (or a dead port), or turn it off. */
export function configureOnCallWebhook(next: WebhookTarget | null) {
  target = next;
}

export async function queueWebhookDelivery(tx: Db, key: string) {
  if (!target) return;
  await enqueueTask(tx, TASK_KIND, { key }, { dedupeKey: `${TASK_KIND}:${key}` });
}

registerTaskHandler(TASK_KIND, async (payload, { db }) => {
  const key = (payload as { key?: unknown }).key;
  if (typeof key !== "string" || !target) return;
  const page = await db.onCallPage.findUnique({ where: { key } });
  if (!page) return;
  const response = await fetch(target.url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(pagerDutyEvent(page, target.routingKey, publicOrigin)),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  // 202 is PagerDuty's answer; any 2xx from another receiver will do. 4xx/5xx/429 go back for a retry.
  if (!response.ok)
    throw new Error(`on-call webhook answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
});
