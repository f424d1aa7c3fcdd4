import { can, type Actor } from "../auth/permissions";
import { isRole, isStaff } from "../auth/roles";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { recordAudit } from "../audit/audit.server";
import { afterChange, inModerationTransaction, loadPost, refuseUnless } from "./moderation-common.server";
import { postPath, threadPath } from "./paths";

/** The moderators' review queue: the posts flagged or hidden by flags, and the decision on each (approve, hide, delete). */

export type ReviewDecision = "approve" | "hide" | "delete";

const RESOLUTION: Record<ReviewDecision, string> = { approve: "approved", hide: "hidden", delete: "deleted" };

/**
 * A moderator's decision on a post: approve (shown again, flags resolved, and the flags no longer
 * count against its author), hide (kept, shown to moderators only) or delete (soft; deleting the
 * opening post deletes the thread, as spam threads are). Every decision is audited.
 */
export async function moderatePost(
  actor: Actor,
  postId: number,
  decision: ReviewDecision,
  reason = "",
  now = new Date(),
) {
  refuseUnless(
    decision === "approve" ? can(actor, "forum:review") : can(actor, "forum:post:hide"),
    "Only moderators can review posts.",
  );
  const post = await loadPost(postId);
  if (post.deletedAt) throw new Refusal(409, "That post is already deleted.");
  const openFlags = await prisma.forumFlag.count({ where: { postId, resolvedAt: null } });
  if (decision === "approve" && !post.hiddenAt && openFlags === 0)
    throw new Refusal(409, "That post is neither hidden nor flagged: there is nothing to approve.");
  if (decision === "hide" && post.hiddenAt && openFlags === 0) throw new Refusal(409, "That post is already hidden.");
  const deletesThread = decision === "delete" && post.number === 1;

  await inModerationTransaction(async (tx) => {
    const data: Prisma.ForumPostUpdateInput =
      decision === "approve"
        ? { hiddenAt: null, hiddenReason: null, flagCount: 0 }
        : decision === "hide"
          ? { hiddenAt: post.hiddenAt ?? now, hiddenReason: "moderator" }
          : { deletedAt: now, deletedById: actor.id };
    await tx.forumPost.update({ where: { id: postId }, data });
    await tx.forumFlag.updateMany({
      where: { postId, resolvedAt: null },
      data: { resolvedAt: now, resolution: RESOLUTION[decision] },
    });
    if (decision === "delete" && post.thread.acceptedPostId === postId) {
      await tx.forumThread.update({ where: { id: post.threadId }, data: { acceptedPostId: null } });
      await tx.forumOutdatedFlag.updateMany({
        where: { postId, resolvedAt: null },
        data: { resolvedAt: now, resolution: "replaced", resolvedById: actor.id },
      });
    }
    if (deletesThread) await tx.forumThread.update({ where: { id: post.threadId }, data: { deletedAt: now } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: `post.${decision}`,
        subjectType: "post",
        subjectId: postId,
        reason,
        details: {
          threadId: post.threadId,
          number: post.number,
          authorId: post.authorId,
          flagsResolved: openFlags,
          wasHidden: post.hiddenAt !== null,
          ...(deletesThread ? { threadDeleted: true } : {}),
        },
      },
      now,
    );
  });
  await afterChange([post.threadId], [post.thread.category.slug]);
  return { url: deletesThread ? "/community" : postPath(post.thread, post.number), threadDeleted: deletesThread };
}

export type ReviewItem = {
  post: {
    id: number;
    number: number;
    url: string;
    html: string;
    createdAt: string;
    hidden: boolean;
    hiddenReason: string | null;
    flagCount: number;
  };
  thread: { id: number; title: string; url: string };
  author: {
    id: string;
    name: string;
    email: string;
    role: string;
    joinedAt: string;
    suspendedUntil: string | null;
    canBeSuspended: boolean;
  };
  flags: { id: string; reason: string; note: string; at: string; by: string }[];
};

export const REVIEW_QUEUE_SIZE = 100;

const AWAITING_REVIEW = {
  deletedAt: null,
  thread: { deletedAt: null },
  OR: [{ flags: { some: { resolvedAt: null } } }, { hiddenReason: "flagged", hiddenAt: { not: null } }],
} satisfies Prisma.ForumPostWhereInput;

/** How many posts the review queue holds (for the staff home); null for those who may not review. */
export async function countPostsAwaitingReview(actor: Actor): Promise<number | null> {
  if (!can(actor, "forum:review")) return null;
  return prisma.forumPost.count({ where: AWAITING_REVIEW });
}

/**
 * Posts waiting for a moderator: those with a flag nobody has handled yet, or hidden by flags. The most
 * flagged first, then the oldest flag. Hidden posts show their text here: the moderator must read it to decide.
 */
export async function loadReviewQueue(actor: Actor, now = new Date()): Promise<ReviewItem[] | null> {
  if (!can(actor, "forum:review")) return null;
  const posts = await prisma.forumPost.findMany({
    where: AWAITING_REVIEW,
    orderBy: [{ flagCount: "desc" }, { id: "asc" }],
    take: REVIEW_QUEUE_SIZE,
    include: {
      thread: { select: { id: true, slug: true, title: true } },
      author: { select: { id: true, name: true, email: true, role: true, createdAt: true, suspendedUntil: true } },
      flags: { where: { resolvedAt: null }, orderBy: { createdAt: "asc" } },
    },
  });
  const flaggerIds = [...new Set(posts.flatMap((post) => post.flags.map((flag) => flag.userId)))];
  const flaggers = await prisma.user.findMany({ where: { id: { in: flaggerIds } }, select: { id: true, name: true } });
  return posts.map((post) => ({
    post: {
      id: post.id,
      number: post.number,
      url: postPath(post.thread, post.number),
      html: post.bodyHtml,
      createdAt: post.createdAt.toISOString(),
      hidden: post.hiddenAt !== null,
      hiddenReason: post.hiddenReason,
      flagCount: post.flags.length,
    },
    thread: { id: post.thread.id, title: post.thread.title, url: threadPath(post.thread) },
    author: {
      id: post.author.id,
      name: post.author.name,
      email: post.author.email,
      role: post.author.role,
      joinedAt: post.author.createdAt.toISOString(),
      suspendedUntil:
        post.author.suspendedUntil && post.author.suspendedUntil > now
          ? post.author.suspendedUntil.toISOString()
          : null,
      canBeSuspended: !(isRole(post.author.role) && isStaff(post.author.role)),
    },
    flags: post.flags.map((flag) => ({
      id: flag.id,
      reason: flag.reason,
      note: flag.note,
      at: flag.createdAt.toISOString(),
      by: flaggers.find((user) => user.id === flag.userId)?.name ?? "(deleted user)",
    })),
  }));
}
