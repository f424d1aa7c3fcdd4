import { STAFF_ROLES } from "../auth/roles";
import type { PrismaClient } from "../generated/prisma/client";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { formatMinutes } from "../support/policy";
import { CRITICAL_UPDATE_INTERVAL_MINUTES } from "./incident-writes.server";
import { inRetriedTransaction } from "../lib/transactions.server";

/** The reminder job that tells staff when a critical incident's promised customer update is overdue. */

/**
 * The job: critical incidents whose next customer update is overdue remind the staff once (until
 * the next update, which sets a new due time and clears the reminder).
 */
export async function remindOverdueIncidentUpdates(db: PrismaClient, now: Date): Promise<number> {
  const overdue = await db.incident.findMany({
    where: { kind: "incident", status: { not: "resolved" }, nextUpdateDueAt: { lte: now }, overdueRemindedAt: null },
    take: 100,
  });
  if (overdue.length === 0) return 0;
  const staff = await db.user.findMany({ where: { role: { in: [...STAFF_ROLES] } }, select: { email: true } });
  let reminded = 0;
  for (const incident of overdue) {
    await inRetriedTransaction(
      async (tx) => {
        const claimed = await tx.incident.updateMany({
          where: { id: incident.id, overdueRemindedAt: null },
          data: { overdueRemindedAt: now },
        });
        if (claimed.count === 0) return;
        reminded += 1;
        for (const member of staff) {
          await enqueueMail(tx, {
            to: member.email,
            subject: `Status update overdue: ${incident.title}`,
            text: [
              `The critical incident "${incident.title}" promised customers an update every ${formatMinutes(CRITICAL_UPDATE_INTERVAL_MINUTES)}.`,
              `The next update was due at ${incident.nextUpdateDueAt?.toISOString()} (UTC) and none has been posted.`,
              "",
              `Post an update: ${publicOrigin}/admin/status/${incident.id}`,
            ].join("\n"),
          });
        }
      },
      { db },
    );
  }
  return reminded;
}
