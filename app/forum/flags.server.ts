import { can, type Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { recordAudit } from "../moderation/audit.server";
import { purgeForumPages } from "./cache.server";
import { ForumRefusal } from "./errors";
import { assertNotSuspended } from "./limits.server";
import type { FlagReason } from "./moderation-schemas";
import { inModerationTransaction } from "./moderation.server";
import { postPath } from "./paths";
import { syncThreadSearchQuietly } from "./search-documents.server";

/**
 * Members flag posts; enough flags from different members hide a post until a moderator looks at it
 * (app/routes/admin.review.tsx). One flag per member per post: the unique key on (post, member)
 * refuses a second, also when two arrive at once.
 */

/** Flags from this many different members hide a post pending review (Discourse's default). */
export const FLAGS_TO_HIDE = 3;

export type FlagResult = { hidden: boolean; hiddenNow: boolean; url: string };

export async function flagPost(actor: Actor, postId: number, input: { reason: FlagReason; note?: string }, now = new Date()): Promise<FlagResult> {
  const post = await prisma.forumPost.findUnique({
    where: { id: postId },
    include: { thread: { select: { id: true, slug: true, deletedAt: true, category: { select: { slug: true } } } } },
  });
  if (!post || post.thread.deletedAt) throw new ForumRefusal(404, "That post does not exist.");
  if (!can(actor, "forum:post:flag", { authorId: post.authorId })) throw new ForumRefusal(403, "You cannot flag your own post; edit or delete it instead.");
  if (post.deletedAt) throw new ForumRefusal(409, "That post was deleted; there is nothing left to flag.");
  const note = (input.note ?? "").trim();
  if (input.reason === "other" && !note) throw new ForumRefusal(400, "Tell the moderators what is wrong with this post.");

  const outcome = await inModerationTransaction(async (tx) => {
    // Writing the post's row first queues concurrent flags on this post one after another, so the
    // count below always sees every flag committed before this one.
    const updated = await tx.forumPost.update({ where: { id: postId }, data: { flagCount: { increment: 1 } }, select: { hiddenAt: true } });
    await assertNotSuspended(actor, now, tx);
    const inserted = await tx.forumFlag.createMany({ data: [{ postId, userId: actor.id, reason: input.reason, note, createdAt: now }] }).catch((error: unknown) => {
      if ((error as { code?: string }).code === "P2002") return { count: 0 };
      throw error;
    });
    if (inserted.count === 0) throw new ForumRefusal(409, "You already flagged this post; the moderators will look at it.");
    const openFlags = await tx.forumFlag.count({ where: { postId, resolvedAt: null } });
    if (updated.hiddenAt || openFlags < FLAGS_TO_HIDE) return { hidden: updated.hiddenAt !== null, hiddenNow: false };
    await tx.forumPost.update({ where: { id: postId }, data: { hiddenAt: now, hiddenReason: "flagged" } });
    await recordAudit(
      tx,
      { actorId: actor.id, action: "post.hide-by-flags", subjectType: "post", subjectId: postId, reason: `${openFlags} members flagged it`, details: { threadId: post.threadId, number: post.number, authorId: post.authorId } },
      now,
    );
    return { hidden: true, hiddenNow: true };
  });
  if (outcome.hiddenNow) {
    purgeForumPages({ threadId: post.threadId, categorySlugs: [post.thread.category.slug] });
    await syncThreadSearchQuietly(post.threadId);
  }
  return { ...outcome, url: postPath(post.thread, post.number) };
}
