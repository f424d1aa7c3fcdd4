import type { Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { canModerate } from "./reading-access";

/** How far each signed-in member has read each thread (the unread counts in lists). */

/** Remembers how far a signed-in member has read (never moves back), for the unread counts in lists. */
export async function markThreadRead(userId: string, threadId: number, upToNumber: number) {
  const existing = await prisma.forumReadMarker.findUnique({ where: { userId_threadId: { userId, threadId } } });
  if (existing && existing.lastReadNumber >= upToNumber) return;
  await prisma.forumReadMarker.upsert({
    where: { userId_threadId: { userId, threadId } },
    create: { userId, threadId, lastReadNumber: upToNumber },
    update: { lastReadNumber: upToNumber },
  });
}

/**
 * How far a signed-in reader has read, as the thread page reports it once it is shown (a POST: loading
 * a page writes nothing). Only a thread they can open counts, and never past its last post.
 */
export async function recordThreadRead(viewer: Actor, threadId: number, upToNumber: number): Promise<boolean> {
  const thread = await prisma.forumThread.findUnique({
    where: { id: threadId },
    select: { lastPostNumber: true, deletedAt: true, hiddenAt: true, mergedIntoId: true },
  });
  if (!thread || thread.deletedAt || thread.mergedIntoId !== null || (thread.hiddenAt && !canModerate(viewer)))
    return false;
  await markThreadRead(viewer.id, threadId, Math.min(upToNumber, thread.lastPostNumber));
  return true;
}
