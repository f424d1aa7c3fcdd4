import { EMAIL_ADDRESSES, EMAIL_REPLY_LOCAL_PART, type EmailTopic } from "../support/policy";

/** Which of our addresses a recipient is: a topic's address (its queue), a reply address, or neither. */

const TOPIC_BY_ADDRESS = new Map<string, EmailTopic>(
  (Object.entries(EMAIL_ADDRESSES) as [EmailTopic, string][]).map(([topic, address]) => [address, topic]),
);
export const SUPPORT_DOMAIN = EMAIL_ADDRESSES.general.split("@")[1]!;

export function normalizeAddress(address: string): string {
  return address.trim().replace(/^<|>$/g, "").toLowerCase();
}

export function topicOf(address: string): EmailTopic | null {
  return TOPIC_BY_ADDRESS.get(normalizeAddress(address)) ?? null;
}

export function isReplyAddress(address: string): boolean {
  const normalized = normalizeAddress(address);
  return normalized.startsWith(`${EMAIL_REPLY_LOCAL_PART}+`) && normalized.endsWith(`@${SUPPORT_DOMAIN}`);
}

export function isServedAddress(address: string): boolean {
  return topicOf(address) !== null || isReplyAddress(address);
}

/** The addresses this site serves, for the refusal that names them. */
export function servedAddressList(): string {
  return Object.values(EMAIL_ADDRESSES).join(", ");
}
