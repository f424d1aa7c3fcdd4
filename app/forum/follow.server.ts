import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import type { FollowState } from "../notifications/kinds";

/**
 * Following and muting (ForumSubscription rows; no row means "none").
 * - Following a thread: in-app notifications for its replies (and email for replies to a thread you
 *   started, if that email is on). Starting or replying to a thread follows it (autoFollow).
 * - Muting a thread: nothing from it at all, mentions included, and replying does not unmute it.
 * - Following a category: its new threads in the daily digest email; it does not follow each thread.
 */

type Db = PrismaClient | Prisma.TransactionClient;

export type FollowTarget = { threadId: number } | { categoryId: string };

/**
 * Follows the thread unless the member already chose something for it (a mute stays a mute). One
 * statement that does nothing when a row exists: two of a member's replies notified at once (two task
 * workers, or tasks run inline) would otherwise both find no row and the second insert would clash.
 * Plain SQL because Prisma's upsert reads then inserts here; the same on SQLite and PostgreSQL.
 */
export async function autoFollow(tx: Db, userId: string, threadId: number): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "ForumSubscription" ("id", "userId", "threadId", "state", "createdAt")
    VALUES (${randomUUID()}, ${userId}, ${threadId}, ${"following"}, ${new Date()})
    ON CONFLICT ("userId", "threadId") DO NOTHING`;
}

async function targetExists(target: FollowTarget, db: Db) {
  if ("threadId" in target) {
    const thread = await db.forumThread.findUnique({
      where: { id: target.threadId },
      select: { deletedAt: true, hiddenAt: true },
    });
    return !!thread && !thread.deletedAt && !thread.hiddenAt;
  }
  return !!(await db.forumCategory.findUnique({ where: { id: target.categoryId }, select: { id: true } }));
}

/**
 * Sets the member's state for a thread or category and answers it; "none" removes it. Categories can be
 * followed, not muted (Refusal 400); a thread or category that is gone is a Refusal 404.
 */
export async function setFollowState(
  userId: string,
  target: FollowTarget,
  state: FollowState,
  db: Db = prisma,
): Promise<FollowState> {
  if ("categoryId" in target && state === "muted")
    throw new Refusal(400, "Categories can be followed or not; mute a thread instead.");
  if (!(await targetExists(target, db)))
    throw new Refusal(404, "That thread or category does not exist (or was removed).");
  const where =
    "threadId" in target
      ? { userId_threadId: { userId, threadId: target.threadId } }
      : { userId_categoryId: { userId, categoryId: target.categoryId } };
  if (state === "none") {
    await db.forumSubscription.deleteMany({ where: { userId, ...target } });
  } else {
    await db.forumSubscription.upsert({ where, create: { userId, ...target, state }, update: { state } });
  }
  return state;
}

export async function followState(userId: string, target: FollowTarget, db: Db = prisma): Promise<FollowState> {
  const row = await db.forumSubscription.findFirst({ where: { userId, ...target }, select: { state: true } });
  return row?.state === "following" || row?.state === "muted" ? row.state : "none";
}

/** Who follows the thread and who muted it (a member is in at most one of the two). */
export async function threadAudience(
  tx: Db,
  threadId: number,
): Promise<{ following: Set<string>; muted: Set<string> }> {
  const rows = await tx.forumSubscription.findMany({ where: { threadId }, select: { userId: true, state: true } });
  return {
    following: new Set(rows.filter((row) => row.state === "following").map((row) => row.userId)),
    muted: new Set(rows.filter((row) => row.state === "muted").map((row) => row.userId)),
  };
}

/** The categories a member follows (for the settings page and the category buttons). */
export async function followedCategoryIds(userId: string, db: Db = prisma): Promise<string[]> {
  const rows = await db.forumSubscription.findMany({
    where: { userId, categoryId: { not: null }, state: "following" },
    select: { categoryId: true },
  });
  return rows.map((row) => row.categoryId).filter((id): id is string => id !== null);
}
