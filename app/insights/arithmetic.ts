/**
 * The numbers insights shows, as pure functions over plain rows (unit-tested on hand-made data).
 */

/** Deflection rate = deflected ÷ (deflected + tickets filed); null when there is nothing to divide. */
export function deflectionRate(deflected: number, tickets: number): number | null {
  const total = deflected + tickets;
  return total === 0 ? null : deflected / total;
}

export type DeflectionCounts = { confirmed: number; held: number; notHeld: number; pending: number; tickets: number };

/**
 * The naive rate counts every "This solved my problem"; the honest rate counts only confirmations
 * that held for the hold period, and a confirmation that did not hold as a failure. Confirmations
 * not yet settled are left out of the honest rate (they are neither yet).
 */
export function deflectionRates(counts: DeflectionCounts) {
  return {
    naive: deflectionRate(counts.confirmed, counts.tickets),
    honest:
      counts.held + counts.notHeld + counts.tickets === 0
        ? null
        : counts.held / (counts.held + counts.notHeld + counts.tickets),
  };
}

export type SlaTicket = {
  priority: number;
  plan: string;
  createdAt: Date;
  firstResponseDueAt: Date;
  firstRespondedAt: Date | null;
};
export type SlaCell = { met: number; breached: number; pending: number; attainment: number | null };

/**
 * First-response attainment: met when the first staff response came by the due time (the due
 * time is the policy target counted in the plan's covered hours); breached when it came later or
 * has not come and the due time has passed; pending otherwise (not counted in the rate).
 */
export function slaOutcome(ticket: SlaTicket, now: Date): "met" | "breached" | "pending" {
  if (ticket.firstRespondedAt) return ticket.firstRespondedAt <= ticket.firstResponseDueAt ? "met" : "breached";
  return now > ticket.firstResponseDueAt ? "breached" : "pending";
}

/** A priority × plan cell from its counts: pending tickets are not counted in the rate. */
export function slaCell(met: number, breached: number, pending: number): SlaCell {
  return { met, breached, pending, attainment: met + breached === 0 ? null : met / (met + breached) };
}

export function slaAttainment(tickets: readonly SlaTicket[], now: Date): Map<string, SlaCell> {
  const cells = new Map<string, SlaCell>();
  for (const ticket of tickets) {
    const key = `${ticket.priority}:${ticket.plan}`;
    const cell = cells.get(key) ?? { met: 0, breached: 0, pending: 0, attainment: null };
    cell[slaOutcome(ticket, now)] += 1;
    cells.set(key, cell);
  }
  for (const [key, cell] of cells) cells.set(key, slaCell(cell.met, cell.breached, cell.pending));
  return cells;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Change against the previous period, as a fraction (null when the previous period had none). */
export function change(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous;
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
