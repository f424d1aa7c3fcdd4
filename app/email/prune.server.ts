import type { PrismaClient } from "../generated/prisma/client";

/**
 * Received mail that became nothing (automatic mail, a duplicate, mail staff discarded) is kept this long
 * for staff to look back at, then deleted. An operational choice, not a support rule (the guide says
 * nothing about it). Mail that became a ticket or a reply goes when the ticket does (retention job).
 */
export const UNUSED_MAIL_KEPT_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

export async function pruneUnusedMail(db: PrismaClient, now: Date): Promise<number> {
  const deleted = await db.inboundEmail.deleteMany({
    where: {
      status: { in: ["ignored", "duplicate", "discarded"] },
      receivedAt: { lt: new Date(now.getTime() - UNUSED_MAIL_KEPT_DAYS * DAY_MS) },
    },
  });
  return deleted.count;
}
