import { createHmac, timingSafeEqual } from "node:crypto";
import { appSecret, publicOrigin } from "../lib/env.server";
import { isEmailKind, type EmailKind } from "./kinds";

/**
 * One-click unsubscribe links that work without signing in: the token names the member and the kind
 * of email and carries an HMAC of both under APP_SECRET, so it cannot be forged, altered (another
 * kind, another member) or guessed. It does not expire: an old email's link must still work, and all
 * it can ever do is turn one kind of email off for one member.
 */

const VERSION = "u1";

function signature(userId: string, kind: EmailKind, secret: string) {
  return createHmac("sha256", secret).update(`unsubscribe:${userId}:${kind}`).digest("base64url");
}

export function createUnsubscribeToken(userId: string, kind: EmailKind, secret = appSecret): string {
  return `${VERSION}.${userId}.${kind}.${signature(userId, kind, secret)}`;
}

/** The member and kind a token stands for, or null for anything not signed by us. */
export function verifyUnsubscribeToken(
  token: string | null | undefined,
  secret = appSecret,
): { userId: string; kind: EmailKind } | null {
  if (typeof token !== "string" || token.length > 300) return null;
  const parts = token.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const [, userId, kind, given] = parts;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId) || !isEmailKind(kind)) return null;
  const expected = Buffer.from(signature(userId, kind, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { userId, kind };
}

/** The absolute link printed in every notification email (from PUBLIC_URL, never the request's Host). */
export function unsubscribeUrl(userId: string, kind: EmailKind): string {
  return `${publicOrigin}/unsubscribe?token=${encodeURIComponent(createUnsubscribeToken(userId, kind))}`;
}
