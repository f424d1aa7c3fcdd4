import { formatTicketNumber } from "./statuses";
import type { Tx } from "./ticket-reads.server";

/**
 * The next ticket's sequence and number (TF-2026-000123), read inside the filing transaction. Two
 * tickets filed at the same instant (the web form, mail, another instance) take the same one; the
 * unique index refuses the second, whose retried transaction then takes the one after.
 */
export async function nextTicketNumber(tx: Tx, now: Date): Promise<{ seq: number; number: string }> {
  const last = await tx.ticket.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  const seq = (last?.seq ?? 0) + 1;
  return { seq, number: formatTicketNumber(now.getUTCFullYear(), seq) };
}
