import type { PrismaClient } from "../generated/prisma/client";
import { RETENTION } from "../support/policy";

/**
 * The guide keeps chat transcripts for a year (RETENTION, "Chat transcripts"): the retention job
 * deletes ended chats (their events cascade) once that long has passed since they ended.
 */

export function chatRetentionMonths(): number {
  const rule = RETENTION.find((entry) => entry.record === "Chat transcripts");
  if (!rule || rule.keptFor === "indefinitely" || !("months" in rule.keptFor))
    throw new Error("The chat transcripts retention rule must be given in months");
  return rule.keptFor.months;
}

export function chatRetentionCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - chatRetentionMonths());
  return cutoff;
}

function chatsPastRetention(db: PrismaClient, now: Date) {
  return db.chatConversation.findMany({
    where: { status: "ended", endedAt: { lte: chatRetentionCutoff(now) } },
    select: { id: true, endedAt: true, lastSeq: true },
    orderBy: { endedAt: "asc" },
  });
}

export async function chatRetentionDryRun(db: PrismaClient, now: Date): Promise<string[]> {
  return (await chatsPastRetention(db, now)).map(
    (chat) =>
      `would delete chat ${chat.id} (ended ${chat.endedAt?.toISOString().slice(0, 10)}): ${chat.lastSeq} transcript entries`,
  );
}

export async function deleteExpiredChats(db: PrismaClient, now: Date): Promise<number> {
  const due = await chatsPastRetention(db, now);
  let deleted = 0;
  // In batches, so a year's worth on the first run never holds one huge transaction.
  for (let start = 0; start < due.length; start += 200) {
    const ids = due.slice(start, start + 200).map((chat) => chat.id);
    deleted += (await db.chatConversation.deleteMany({ where: { id: { in: ids } } })).count;
  }
  return deleted;
}
