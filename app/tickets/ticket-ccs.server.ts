import type { Tx } from "./ticket-reads.server";

/**
 * Colleagues a customer copies on their mail about a ticket. Only verified members of the ticket's own
 * customer account are added (a Cc to anyone else adds no one: tickets stay within their account);
 * agents' public replies are then mailed to them too, each with their own reply address.
 */

const MAX_CCS_PER_MAIL = 20;

export async function addTicketCcs(
  tx: Tx,
  ticket: { id: string; accountId: string; requesterId: string },
  addresses: readonly string[],
): Promise<number> {
  const emails = [...new Set(addresses.map((address) => address.trim().toLowerCase()).filter(Boolean))].slice(
    0,
    MAX_CCS_PER_MAIL,
  );
  if (emails.length === 0) return 0;
  const colleagues = await tx.user.findMany({
    where: {
      email: { in: emails },
      accountId: ticket.accountId,
      role: "member",
      emailVerifiedAt: { not: null },
      id: { not: ticket.requesterId },
    },
    select: { id: true },
  });
  for (const colleague of colleagues) {
    await tx.ticketCc.upsert({
      where: { ticketId_userId: { ticketId: ticket.id, userId: colleague.id } },
      create: { ticketId: ticket.id, userId: colleague.id },
      update: {},
    });
  }
  return colleagues.length;
}

/** The copied colleagues still on the ticket's account (someone who left the account gets no more mail). */
export async function ticketCcRecipients(tx: Tx, ticket: { id: string; accountId: string }) {
  const rows = await tx.ticketCc.findMany({ where: { ticketId: ticket.id }, select: { userId: true } });
  if (rows.length === 0) return [];
  return tx.user.findMany({
    where: { id: { in: rows.map((row) => row.userId) }, accountId: ticket.accountId },
    select: { id: true, email: true },
  });
}
