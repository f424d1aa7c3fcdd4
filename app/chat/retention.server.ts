import type { PrismaClient } from "../generated/prisma/client";
import { RETENTION } from "../support/policy";
import { chatFileHashes, deleteUnusedChatFiles } from "./attachments.server";

/**
 * The guide keeps chat transcripts for a year (RETENTION, "Chat transcripts"): the retention job
 * deletes ended chats (their events and file rows cascade) once that long has passed since they ended,
 * and then the stored files no remaining chat points to.
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
  const due = await chatsPastRetention(db, now);
  const files = await db.chatAttachment.groupBy({
    by: ["conversationId"],
    where: { conversationId: { in: due.map((chat) => chat.id) } },
    _count: { _all: true },
  });
  const fileCount = new Map(files.map((row) => [row.conversationId, row._count._all]));
  return due.map(
    (chat) =>
      `would delete chat ${chat.id} (ended ${chat.endedAt?.toISOString().slice(0, 10)}): ${chat.lastSeq} transcript entries, ${fileCount.get(chat.id) ?? 0} files`,
  );
}

export async function deleteExpiredChats(db: PrismaClient, now: Date): Promise<number> {
  const due = await chatsPastRetention(db, now);
  let deleted = 0;
  // In batches, so a year's worth on the first run never holds one huge transaction.
  for (let start = 0; start < due.length; start += 200) {
    const ids = due.slice(start, start + 200).map((chat) => chat.id);
    const hashes = await chatFileHashes(db, { conversationId: { in: ids } });
    deleted += (await db.chatConversation.deleteMany({ where: { id: { in: ids } } })).count;
    await deleteUnusedChatFiles(db, hashes);
  }
  return deleted;
}
