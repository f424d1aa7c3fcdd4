import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { prisma } from "../lib/db.server";
import { appSecret, publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { countWrite } from "../auth/write-limits.server";
import { Refusal } from "../lib/refusal";
import { inRetriedTransaction } from "../lib/transactions.server";

/**
 * Status e-mail subscribers: double opt-in (a confirmation link), one-click unsubscribe (a signed
 * link in every mail). Anyone may ask, without an account, so asking is limited twice
 * (app/auth/write-limits.server.ts): per client address, and per recipient, so that one
 * address gets one confirmation mail per window however often, and from however many clients, it
 * is typed in.
 */

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

function unsubscribeSignature(subscriberId: string) {
  return createHmac("sha256", appSecret).update(`status-unsubscribe:${subscriberId}`).digest("base64url");
}

export function unsubscribeUrl(subscriberId: string) {
  return `${publicOrigin}/status/unsubscribe?token=${subscriberId}.${unsubscribeSignature(subscriberId)}`;
}

function subscriberIdFromUnsubscribeToken(token: string | null): string | null {
  if (!token) return null;
  const [id, signature] = token.split(".");
  if (!id || !signature || id.length > 64) return null;
  const expected = Buffer.from(unsubscribeSignature(id));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

/**
 * Asks for a subscription. The answer is the same whether or not the address is already subscribed
 * (a confirmed address is counted like any other, and simply gets no new mail), so the form never
 * tells who subscribed. Refusals: 400 for an address that is not one, 429 (with the seconds to wait)
 * when this client or this address asked too often.
 */
export async function requestSubscription(emailInput: string, clientAddress: string, now = new Date()) {
  const email = emailInput.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw new Refusal(400, "Enter an email address like name@example.com.");
  // Every attempt from the client counts (refused ones too), before any work: a script spraying addresses runs out.
  const fromClient = await countWrite(prisma, "statusSubscriptionsPerClient", clientAddress, now);
  if (!fromClient.allowed)
    throw new Refusal(429, fromClient.message, { retryAfterSeconds: fromClient.retryAfterSeconds });
  const token = randomBytes(24).toString("base64url");
  await inRetriedTransaction(async (tx) => {
    // Counted in the transaction that writes the mail: of any number of requests at once, one mails.
    const toRecipient = await countWrite(tx, "statusConfirmationsPerRecipient", email, now);
    if (!toRecipient.allowed)
      throw new Refusal(429, toRecipient.message, { retryAfterSeconds: toRecipient.retryAfterSeconds });
    const existing = await tx.statusSubscriber.findUnique({ where: { email } });
    if (existing?.confirmedAt) return; // already subscribed: nothing to confirm again
    const subscriber = existing
      ? await tx.statusSubscriber.update({
          where: { id: existing.id },
          data: { tokenHash: hashToken(token), createdAt: now },
        })
      : await tx.statusSubscriber.create({ data: { email, tokenHash: hashToken(token), createdAt: now } });
    await enqueueMail(tx, {
      to: email,
      subject: "Confirm your TechFlow status updates",
      text: [
        "Someone (hopefully you) asked to get TechFlow status updates by email at this address.",
        "",
        `Confirm: ${publicOrigin}/status/confirm?token=${token}`,
        "",
        "If you did not ask, ignore this email: nothing is sent until you confirm.",
        `Not you? ${unsubscribeUrl(subscriber.id)}`,
      ].join("\n"),
    });
  });
}

export async function confirmSubscription(token: string | null, now = new Date()): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const subscriber = await prisma.statusSubscriber.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!subscriber) return false;
  if (!subscriber.confirmedAt)
    await prisma.statusSubscriber.update({ where: { id: subscriber.id }, data: { confirmedAt: now } });
  return true;
}

/** The subscriber a signed unsubscribe link names (masked address for the page), or null. */
export async function unsubscribeTarget(token: string | null) {
  const id = subscriberIdFromUnsubscribeToken(token);
  if (!id) return null;
  return prisma.statusSubscriber.findUnique({ where: { id }, select: { id: true, email: true } });
}

export async function unsubscribe(token: string | null): Promise<boolean> {
  const id = subscriberIdFromUnsubscribeToken(token);
  if (!id) return false;
  await prisma.statusSubscriber.deleteMany({ where: { id } });
  return true;
}
