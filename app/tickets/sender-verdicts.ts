/** The email channel's sender check, as agents read it (pure: the ticket pages and the unmatched-mail queue show it). */

export type SenderVerdict = "pass" | "fail" | "none";

export const SENDER_VERDICT_LABELS: Record<SenderVerdict, string> = {
  pass: "Sender verified (DMARC pass)",
  fail: "Sender check failed: the From address may be forged",
  none: "Sender not verified",
};

export function senderVerdictLabel(value: string): string {
  return value in SENDER_VERDICT_LABELS ? SENDER_VERDICT_LABELS[value as SenderVerdict] : "";
}
