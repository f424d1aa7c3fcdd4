import { createHmac, timingSafeEqual } from "node:crypto";
import { appSecret } from "../lib/env.server";
import type { Db } from "./ticket-reads.server";

/** Satisfaction survey: a signed link that works without signing in; one answer per ticket. */

export function surveySignature(ticketId: string, secret = appSecret): string {
  return createHmac("sha256", secret).update(`ticket-survey:${ticketId}`).digest("base64url").slice(0, 32);
}

export function surveyPath(ticketId: string): string {
  return `/support/survey/${ticketId}/${surveySignature(ticketId)}`;
}

export function verifySurveySignature(ticketId: string, signature: string, secret = appSecret): boolean {
  const expected = Buffer.from(surveySignature(ticketId, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Records the answer once: a second answer is refused (false). */
export async function answerSurvey(
  db: Db,
  ticketId: string,
  rating: number,
  comment: string,
  now = new Date(),
): Promise<boolean> {
  const updated = await db.ticketSurvey.updateMany({
    where: { ticketId, answeredAt: null },
    data: { rating, comment, answeredAt: now },
  });
  return updated.count === 1;
}
