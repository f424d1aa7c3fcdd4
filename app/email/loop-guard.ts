import { isServedAddress, normalizeAddress } from "./addresses";

/**
 * Mail that no person wrote gets neither a ticket nor an auto-reply (RFC 3834 section 2): answering a
 * robot starts a mail loop, answering a forged bounce is backscatter. The reason is kept on the stored
 * mail for staff.
 */

export type LoopFacts = {
  /** Header values, lower-cased names; absent headers are undefined. */
  headers: Map<string, unknown>;
  fromAddress: string;
  envelopeFrom: string;
  /** MAIL_FROM and other addresses this site sends from. */
  ownAddresses: readonly string[];
};

const ROBOT_LOCAL_PARTS = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)(\+.*)?$/i;

function headerText(headers: Map<string, unknown>, name: string): string {
  const value = headers.get(name);
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object" && "value" in value) return String((value as { value: unknown }).value);
  return String(value);
}

export function automaticMailReason(facts: LoopFacts): string | null {
  const autoSubmitted = headerText(facts.headers, "auto-submitted").trim().toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith("no"))
    return `Automatic mail (Auto-Submitted: ${autoSubmitted.slice(0, 40)}): no ticket, no auto-reply.`;
  const precedence = headerText(facts.headers, "precedence").trim().toLowerCase();
  if (["bulk", "list", "junk"].includes(precedence))
    return `Bulk or list mail (Precedence: ${precedence}): no ticket, no auto-reply.`;
  if (facts.headers.has("x-autoreply") || facts.headers.has("x-autorespond"))
    return "An autoresponder's mail (X-Autoreply): no ticket, no auto-reply.";
  if (facts.envelopeFrom === "<>") return "A delivery report (empty envelope sender): no ticket, no auto-reply.";
  for (const address of [facts.fromAddress, facts.envelopeFrom]) {
    const local = normalizeAddress(address).split("@")[0] ?? "";
    if (local && ROBOT_LOCAL_PARTS.test(local)) return `Sent by a mail robot (${address}): no ticket, no auto-reply.`;
  }
  const own = facts.ownAddresses.map(normalizeAddress);
  const from = normalizeAddress(facts.fromAddress);
  if (from && (isServedAddress(from) || own.includes(from)))
    return `Sent from one of our own addresses (${from}): no ticket, no auto-reply (a loop).`;
  return null;
}
