import { can, type Actor } from "../auth/permissions";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { recordAudit } from "../audit/audit.server";
import { enqueueNotificationEmail, quoteInline } from "../notifications/email.server";
import { notify } from "../notifications/notify.server";
import { wantsEmail } from "../notifications/preferences.server";
import { purgeForumPages } from "./cache.server";
import { assertNotSuspended } from "./limits.server";
import { inModerationTransaction } from "./moderation-common.server";
import { threadPath } from "./paths";
import { OUTDATED_NOTE_MAX_LENGTH } from "./limits";
import { syncThreadSearchQuietly } from "./search-documents.server";
import { Refusal } from "../lib/refusal";
import { inRetriedTransaction } from "../lib/transactions.server";

/**
 * Q&A hygiene: readers flag an accepted answer as outdated, the asker or staff confirm it
 * (or accept another, which resolves the flags as "replaced"); askers who got replies but accepted
 * nothing are reminded once; moderators close a question as a duplicate of another, which keeps its
 * replies readable, stops new ones and sends search to the original.
 */

type Tx = Prisma.TransactionClient;
const DAY_MS = 24 * 60 * 60 * 1000;

/** How long after the first reply an asker who accepted nothing is reminded. */
export const ANSWER_REMINDER_AFTER_MS = 3 * DAY_MS;
/**
 * Questions whose first reply is older than this are left alone: when the reminder ships, askers of
 * long-settled questions are not all reminded at once, and a reminder weeks late helps nobody.
 */
export const ANSWER_REMINDER_LOOKBACK_MS = 14 * DAY_MS;

async function loadQuestion(threadId: number) {
  const thread = await prisma.forumThread.findUnique({
    where: { id: threadId },
    include: { category: { select: { slug: true, isQuestions: true } } },
  });
  if (!thread || thread.deletedAt || thread.mergedIntoId !== null)
    throw new Refusal(404, "That thread does not exist.");
  return thread;
}

/** A reader says the accepted answer no longer holds (with a note saying why). One open flag per reader per answer. */
export async function flagAnswerOutdated(actor: Actor, threadId: number, note: string, now = new Date()) {
  const trimmed = note.trim();
  if (!trimmed) throw new Refusal(400, "Say what changed: the note helps the asker and staff check the answer.");
  if (trimmed.length > OUTDATED_NOTE_MAX_LENGTH)
    throw new Refusal(400, `Keep the note under ${OUTDATED_NOTE_MAX_LENGTH} characters.`);
  const thread = await loadQuestion(threadId);
  if (thread.hiddenAt) throw new Refusal(404, "That thread does not exist.");
  if (thread.acceptedPostId === null) throw new Refusal(409, "This question has no accepted answer to flag.");
  const postId = thread.acceptedPostId;
  await inModerationTransaction(async (tx) => {
    await assertNotSuspended(actor, now, tx);
    const existing = await tx.forumOutdatedFlag.findUnique({ where: { postId_userId: { postId, userId: actor.id } } });
    if (existing && existing.resolvedAt === null)
      throw new Refusal(
        409,
        "You already flagged this answer as outdated; the asker and staff have been asked to check it.",
      );
    // A reader may flag again after the answer was confirmed: facts change more than once.
    if (existing)
      await tx.forumOutdatedFlag.update({
        where: { id: existing.id },
        data: { note: trimmed, createdAt: now, resolvedAt: null, resolution: null, resolvedById: null },
      });
    else
      await tx.forumOutdatedFlag.create({
        data: { threadId, postId, userId: actor.id, note: trimmed, createdAt: now },
      });
  });
  purgeForumPages({ threadId, categorySlugs: [thread.category.slug] });
  return { url: threadPath(thread) };
}

/** The asker or a moderator says the accepted answer still holds: its open outdated flags close as "confirmed". */
export async function confirmAcceptedAnswer(actor: Actor, threadId: number, now = new Date()) {
  const thread = await loadQuestion(threadId);
  if (!can(actor, "forum:answer:accept", { authorId: thread.authorId }))
    throw new Refusal(403, "Only the member who asked (or staff) can confirm the answer.");
  if (thread.acceptedPostId === null) throw new Refusal(409, "This question has no accepted answer to confirm.");
  const postId = thread.acceptedPostId;
  const resolved = await inModerationTransaction(async (tx) => {
    await assertNotSuspended(actor, now, tx);
    const { count } = await tx.forumOutdatedFlag.updateMany({
      where: { postId, resolvedAt: null },
      data: { resolvedAt: now, resolution: "confirmed", resolvedById: actor.id },
    });
    if (count === 0) throw new Refusal(409, "Nobody has flagged this answer as outdated; there is nothing to confirm.");
    if (actor.id !== thread.authorId)
      await recordAudit(
        tx,
        {
          actorId: actor.id,
          action: "thread.confirm-answer",
          subjectType: "thread",
          subjectId: threadId,
          details: { postId, flagsResolved: count },
        },
        now,
      );
    return count;
  });
  purgeForumPages({ threadId, categorySlugs: [thread.category.slug] });
  return { url: threadPath(thread), resolved };
}

/** Inside acceptAnswer's transaction: a new accepted answer (or none) replaces the flagged one, so its flags close. */
export async function resolveOutdatedFlagsOnReplace(
  tx: Tx,
  threadId: number,
  previousPostId: number | null,
  actorId: string,
  now: Date,
) {
  if (previousPostId === null) return 0;
  const { count } = await tx.forumOutdatedFlag.updateMany({
    where: { threadId, postId: previousPostId, resolvedAt: null },
    data: { resolvedAt: now, resolution: "replaced", resolvedById: actorId },
  });
  return count;
}

export type OutdatedState = {
  flagCount: number;
  notes: { note: string; at: string; by: string }[];
  flaggedByViewer: boolean;
};

/** What the thread page shows about the accepted answer: open flags (notes only for staff) and whether the viewer flagged it. */
export async function outdatedState(
  threadId: number,
  acceptedPostId: number | null,
  viewer: Actor | null,
): Promise<OutdatedState | null> {
  if (acceptedPostId === null) return null;
  const flags = await prisma.forumOutdatedFlag.findMany({
    where: { threadId, postId: acceptedPostId, resolvedAt: null },
    orderBy: { createdAt: "asc" },
  });
  const staff = can(viewer, "forum:review");
  const names =
    staff && flags.length
      ? new Map(
          (
            await prisma.user.findMany({
              where: { id: { in: flags.map((flag) => flag.userId) } },
              select: { id: true, name: true },
            })
          ).map((user) => [user.id, user.name]),
        )
      : new Map<string, string>();
  return {
    flagCount: flags.length,
    notes: staff
      ? flags.map((flag) => ({
          note: flag.note,
          at: flag.createdAt.toISOString(),
          by: names.get(flag.userId) ?? "(deleted user)",
        }))
      : [],
    flaggedByViewer: !!viewer && flags.some((flag) => flag.userId === viewer.id),
  };
}

export type OutdatedReviewItem = {
  thread: { id: number; title: string; url: string; answerUrl: string };
  flags: { note: string; at: string; by: string }[];
};

/** Staff's list (on /admin/review): accepted answers with open outdated flags, the most flagged first. */
export async function loadOutdatedAnswers(actor: Actor): Promise<OutdatedReviewItem[] | null> {
  if (!can(actor, "forum:review")) return null;
  const flags = await prisma.forumOutdatedFlag.findMany({
    where: { resolvedAt: null, thread: { deletedAt: null, mergedIntoId: null } },
    orderBy: { createdAt: "asc" },
    include: { thread: { select: { id: true, slug: true, title: true, acceptedPostId: true } } },
    take: 500,
  });
  const open = flags.filter((flag) => flag.thread.acceptedPostId === flag.postId);
  const names = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: [...new Set(open.map((flag) => flag.userId))] } },
        select: { id: true, name: true },
      })
    ).map((user) => [user.id, user.name]),
  );
  const posts = new Map(
    (
      await prisma.forumPost.findMany({
        where: { id: { in: [...new Set(open.map((flag) => flag.postId))] } },
        select: { id: true, number: true },
      })
    ).map((post) => [post.id, post.number]),
  );
  const byThread = new Map<number, OutdatedReviewItem>();
  for (const flag of open) {
    const item = byThread.get(flag.threadId) ?? {
      thread: {
        id: flag.thread.id,
        title: flag.thread.title,
        url: threadPath(flag.thread),
        answerUrl: `${threadPath(flag.thread)}#post-${posts.get(flag.postId) ?? 1}`,
      },
      flags: [],
    };
    item.flags.push({
      note: flag.note,
      at: flag.createdAt.toISOString(),
      by: names.get(flag.userId) ?? "(deleted user)",
    });
    byThread.set(flag.threadId, item);
  }
  return [...byThread.values()].sort((a, b) => b.flags.length - a.flags.length);
}

// ---------------------------------------------------------------------------
// Duplicates

/**
 * Closes `threadId` as a duplicate of `originalId`: the thread stays readable (replies and all) with a
 * link to the original, takes no new replies, leaves unanswered lists, and its search document points
 * at the original. Audited. A duplicate of a duplicate is refused: close it as a duplicate of the original.
 */
export async function closeAsDuplicate(
  actor: Actor,
  threadId: number,
  originalId: number,
  reason = "",
  now = new Date(),
) {
  if (!can(actor, "forum:thread:merge")) throw new Refusal(403, "Only moderators can close a thread as a duplicate.");
  if (threadId === originalId) throw new Refusal(409, "A thread cannot be a duplicate of itself.");
  const thread = await loadQuestion(threadId);
  if (thread.duplicateOfId !== null)
    throw new Refusal(409, `That thread is already closed as a duplicate of thread ${thread.duplicateOfId}.`);
  const original = await prisma.forumThread.findUnique({
    where: { id: originalId },
    include: { category: { select: { slug: true } } },
  });
  if (!original || original.deletedAt || original.hiddenAt || original.mergedIntoId !== null)
    throw new Refusal(404, "The original thread does not exist.");
  if (original.duplicateOfId !== null)
    throw new Refusal(
      409,
      `Thread ${originalId} is itself a duplicate of thread ${original.duplicateOfId}; point at that one.`,
    );
  await inModerationTransaction(async (tx) => {
    const { count } = await tx.forumThread.updateMany({
      where: { id: threadId, duplicateOfId: null },
      data: { duplicateOfId: originalId, duplicateAt: now },
    });
    if (count === 0) throw new Refusal(409, "That thread was closed a moment ago.");
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "thread.duplicate",
        subjectType: "thread",
        subjectId: threadId,
        reason,
        details: { original: originalId },
      },
      now,
    );
  });
  purgeForumPages({ threadId, categorySlugs: [thread.category.slug, original.category.slug] });
  purgeForumPages({ threadId: originalId, categorySlugs: [original.category.slug] });
  await syncThreadSearchQuietly(threadId);
  return { url: threadPath(thread), original: { id: original.id, url: threadPath(original) } };
}

/** Takes a duplicate closure back (a moderator's mistake): the thread is an ordinary question again. */
export async function reopenDuplicate(actor: Actor, threadId: number, reason = "", now = new Date()) {
  if (!can(actor, "forum:thread:merge"))
    throw new Refusal(403, "Only moderators can reopen a thread closed as a duplicate.");
  const thread = await loadQuestion(threadId);
  if (thread.duplicateOfId === null) throw new Refusal(409, "That thread is not closed as a duplicate.");
  await inModerationTransaction(async (tx) => {
    await tx.forumThread.update({ where: { id: threadId }, data: { duplicateOfId: null, duplicateAt: null } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "thread.reopen-duplicate",
        subjectType: "thread",
        subjectId: threadId,
        reason,
        details: { original: thread.duplicateOfId },
      },
      now,
    );
  });
  purgeForumPages({ threadId, categorySlugs: [thread.category.slug] });
  await syncThreadSearchQuietly(threadId);
  return { url: threadPath(thread) };
}

/** The original a duplicate points to, for the thread page's banner. */
export async function duplicateTarget(duplicateOfId: number | null) {
  if (duplicateOfId === null) return null;
  const original = await prisma.forumThread.findUnique({
    where: { id: duplicateOfId },
    select: { id: true, slug: true, title: true, deletedAt: true },
  });
  return original && !original.deletedAt ? { id: original.id, title: original.title, url: threadPath(original) } : null;
}

// ---------------------------------------------------------------------------
// The answer reminder (job "forum-answer-reminders")

/**
 * Reminds each asker whose question got a reply from someone else at least 3 days ago (and at most
 * the look-back ago) but has no accepted answer: once per question, in-app and, if they keep that
 * email on, by email. The claim (answerReminderAt set where it was null) and the notification are one
 * transaction, so a rerun, or a second instance, reminds nobody twice. Answers how many were reminded.
 */
export async function remindAskersToAccept(db: PrismaClient, now: Date): Promise<number> {
  const dueBefore = new Date(now.getTime() - ANSWER_REMINDER_AFTER_MS);
  const notBefore = new Date(now.getTime() - ANSWER_REMINDER_LOOKBACK_MS);
  const candidates = await db.forumThread.findMany({
    where: {
      acceptedPostId: null,
      answerReminderAt: null,
      deletedAt: null,
      hiddenAt: null,
      mergedIntoId: null,
      duplicateOfId: null,
      locked: false,
      category: { isQuestions: true },
      posts: {
        some: { number: { gt: 1 }, deletedAt: null, hiddenAt: null, createdAt: { lte: dueBefore, gte: notBefore } },
      },
    },
    select: {
      id: true,
      slug: true,
      title: true,
      authorId: true,
      author: { select: { id: true, email: true, name: true } },
    },
    take: 500,
  });
  let reminded = 0;
  for (const thread of candidates) {
    // The asker's own replies ("any ideas?") are not answers to accept.
    const firstAnswer = await db.forumPost.findFirst({
      where: {
        threadId: thread.id,
        number: { gt: 1 },
        deletedAt: null,
        hiddenAt: null,
        authorId: { not: thread.authorId },
      },
      orderBy: { number: "asc" },
      select: { createdAt: true },
    });
    if (!firstAnswer || firstAnswer.createdAt > dueBefore || firstAnswer.createdAt < notBefore) continue;
    const url = threadPath(thread);
    const done = await inRetriedTransaction(
      async (tx) => {
        const claim = await tx.forumThread.updateMany({
          where: { id: thread.id, answerReminderAt: null, acceptedPostId: null },
          data: { answerReminderAt: now },
        });
        if (claim.count === 0) return false;
        const title = `Did a reply answer "${thread.title.length > 80 ? `${thread.title.slice(0, 79)}…` : thread.title}"? Accept it so others find it.`;
        await notify(tx, { userId: thread.authorId, kind: "answer-reminder", title, url });
        if (await wantsEmail(tx, thread.authorId, "answer-reminder")) {
          await enqueueNotificationEmail(tx, {
            to: thread.author,
            kind: "answer-reminder",
            subject: `Your question has replies: did one answer it?`,
            paragraphs: [
              `Your question ${quoteInline(thread.title)} in the TechFlow community has replies, and none is marked as the answer yet.`,
              "If one of them solved it, open the thread and choose “Accept as answer”: the thread shows as solved and the next customer with the same question finds the answer first.",
            ],
            path: url,
          });
        }
        return true;
      },
      { db },
    );
    if (done) reminded++;
  }
  return reminded;
}
