/**
 * Ticket statuses and who may move a ticket between them. No imports from server code: the portal
 * pages, the agent queue and the docs test read the same list.
 */

export const TICKET_STATUSES = ["new", "open", "waiting-on-customer", "escalated", "solved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  new: "New",
  open: "Open",
  "waiting-on-customer": "Waiting on customer",
  escalated: "Escalated",
  solved: "Solved",
  closed: "Closed",
};

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}

/** A stored status as people read it (a status this version does not know shows as stored). */
export function ticketStatusLabel(status: string): string {
  return isTicketStatus(status) ? TICKET_STATUS_LABELS[status] : status;
}

/** Statuses in which the ticket is still being worked: clocks run, escalation applies. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ["new", "open", "waiting-on-customer", "escalated"];

export function isActive(status: TicketStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/**
 * Moves staff may make. Closed is final (the close job sets it; a customer with the same problem
 * files a new ticket and names the old one among the related tickets).
 */
const STAFF_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ["open", "waiting-on-customer", "escalated", "solved"],
  open: ["waiting-on-customer", "escalated", "solved"],
  "waiting-on-customer": ["open", "escalated", "solved"],
  escalated: ["open", "waiting-on-customer", "solved"],
  solved: ["open"],
  closed: [],
};

export function staffMayMove(from: TicketStatus, to: TicketStatus): boolean {
  return STAFF_TRANSITIONS[from].includes(to);
}

/** A customer may mark any active ticket solved. */
export function customerMayMarkSolved(status: TicketStatus): boolean {
  return isActive(status);
}

/** A customer may reply to any ticket that is not closed. */
export function customerMayReply(status: TicketStatus): boolean {
  return status !== "closed";
}

/** Where a customer's reply takes the ticket: waiting and solved tickets come back to the agents. */
export function statusAfterCustomerReply(status: TicketStatus): TicketStatus {
  if (status === "waiting-on-customer" || status === "solved") return "open";
  return status;
}

/** Where the first public staff reply takes a new ticket. */
export function statusAfterStaffReply(status: TicketStatus): TicketStatus {
  return status === "new" ? "open" : status;
}

export const TICKET_NUMBER_PATTERN = /^TF-\d{4}-\d{6}$/;

export function formatTicketNumber(year: number, seq: number): string {
  return `TF-${year}-${String(seq).padStart(6, "0")}`;
}
