import type { Db, Tx } from "./ticket-reads.server";

/**
 * Threading for mail about a ticket: In-Reply-To names the customer's latest mail on the ticket (else the
 * first mail we sent about it) and References the first mail of the conversation and that one, so mail
 * clients show one thread. The Message-IDs come from the inbound store and the outbox.
 */
export async function ticketMailThread(
  db: Db | Tx,
  ticketId: string,
): Promise<{ inReplyTo: string; references: string }> {
  const [firstInbound, lastInbound, firstOutbound] = await Promise.all([
    db.inboundEmail.findFirst({
      where: { ticketId, messageId: { not: "" } },
      orderBy: { receivedAt: "asc" },
      select: { messageId: true },
    }),
    db.inboundEmail.findFirst({
      where: { ticketId, messageId: { not: "" } },
      orderBy: { receivedAt: "desc" },
      select: { messageId: true },
    }),
    db.outboxEmail.findFirst({
      where: { ticketId, messageId: { not: "" } },
      orderBy: { createdAt: "asc" },
      select: { messageId: true },
    }),
  ]);
  const root = firstInbound?.messageId ?? firstOutbound?.messageId ?? "";
  const parent = lastInbound?.messageId ?? root;
  const references = [...new Set([root, parent].filter(Boolean))].join(" ");
  return { inReplyTo: parent, references };
}
