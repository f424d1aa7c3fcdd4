import { CHANNELS, EMAIL_TARGET_UNTIL_PRIORITY, PLAN_NAMES, formatMinutes, type Plan } from "../support/policy";

/**
 * A ticket that arrived by mail has no priority chosen by the customer: until an agent sets one, its
 * first-response target is the plan's email response time from the guide; once set, the priority's
 * target applies. The auto-reply and both ticket pages say so with these words (pure: pages read it).
 */

const MINUTE_MS = 60_000;

export function emailTargetMinutes(plan: Plan): number {
  return CHANNELS.email.responseTime[plan];
}

/** The email target runs around the clock from receipt: the guide gives email response times but no hours. */
export function emailFirstResponseDueAt(receivedAt: Date, plan: Plan, pausedMs = 0): Date {
  return new Date(receivedAt.getTime() + emailTargetMinutes(plan) * MINUTE_MS + pausedMs);
}

export function emailTargetSentence(plan: Plan): string {
  return `This request came by email, so our first-response target is the ${PLAN_NAMES[plan]} plan's email response time: ${formatMinutes(emailTargetMinutes(plan))}. ${EMAIL_TARGET_UNTIL_PRIORITY}`;
}
