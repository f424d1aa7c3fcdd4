/** The states of an outbox message (OutboxEmail.status); shared by the mailer, the send-mail job and /admin/outbox. */
export const OUTBOX_STATUSES = ["pending", "held", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export function isOutboxStatus(value: string): value is OutboxStatus {
  return (OUTBOX_STATUSES as readonly string[]).includes(value);
}
