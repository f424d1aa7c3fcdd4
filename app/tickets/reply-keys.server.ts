import { createHash, createHmac } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { appSecret } from "../lib/env.server";
import { EMAIL_ADDRESSES, EMAIL_REPLY_LOCAL_PART } from "../support/policy";
import type { Db, Tx } from "./ticket-reads.server";

/**
 * Reply addresses: mail about a ticket goes to one recipient with Reply-To `reply+KEY@…`, and whoever
 * answers it reaches that ticket as that recipient. The key is an HMAC of ticket and recipient under
 * APP_SECRET (130 bits: unguessable, and the same for every mail to the same person about the same
 * ticket); only its SHA-256 is stored, so a copy of the database cannot post into tickets.
 */

const KEY_BYTES = 16;

export const SUPPORT_MAIL_DOMAIN = EMAIL_ADDRESSES.general.split("@")[1]!;

export function replyKeyFor(ticketId: string, userId: string): string {
  const mac = createHmac("sha256", appSecret).update(`reply-key:${ticketId}:${userId}`).digest();
  return encodeBase32LowerCaseNoPadding(mac.subarray(0, KEY_BYTES));
}

export function hashReplyKey(key: string): string {
  return createHash("sha256").update(key.toLowerCase()).digest("hex");
}

export function replyAddress(key: string): string {
  return `${EMAIL_REPLY_LOCAL_PART}+${key}@${SUPPORT_MAIL_DOMAIN}`;
}

/** The key in `reply+KEY@<support domain>`, or null for any other address. */
export function replyKeyIn(address: string): string | null {
  const match = /^([^+@\s]+)\+([a-z0-9]{10,64})@(.+)$/i.exec(address.trim());
  if (!match || match[1]!.toLowerCase() !== EMAIL_REPLY_LOCAL_PART) return null;
  if (match[3]!.toLowerCase() !== SUPPORT_MAIL_DOMAIN) return null;
  return match[2]!.toLowerCase();
}

/** The reply address for this recipient and ticket; its hash is recorded (once) in the same transaction as the mail. */
export async function issueReplyAddress(tx: Tx, ticketId: string, userId: string): Promise<string> {
  const key = replyKeyFor(ticketId, userId);
  const keyHash = hashReplyKey(key);
  await tx.emailReplyKey.upsert({ where: { keyHash }, create: { keyHash, ticketId, userId }, update: {} });
  return replyAddress(key);
}

export async function findReplyKey(db: Db | Tx, key: string) {
  return db.emailReplyKey.findUnique({ where: { keyHash: hashReplyKey(key) } });
}
