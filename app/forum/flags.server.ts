import { can, type Actor } from "../auth/permissions";
import { isRole, isStaff } from "../auth/roles";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { recordAudit } from "../audit/audit.server";
import { isNewMember } from "../auth/write-limits.server";
import { purgeForumPages } from "./cache.server";
import { assertNotSuspended } from "./limits.server";
import type { FlagReason } from "./moderation-schemas";
import { inModerationTransaction } from "./moderation-common.server";
import { postPath } from "./paths";
import { syncThreadSearchQuietly } from "./search-documents.server";
import { Refusal } from "../lib/refusal";

/**
 * Members flag posts; enough flags from different established members hide a post until a moderator
 * looks at it (app/routes/admin.review.tsx). One flag per member per post: the unique key on
 * (post, member) refuses a second, also when two arrive at once.
 *
 * Every flag goes to the review queue, but only flags from members past the new-member period
 * (app/auth/write-limits.server.ts: a day old and 3 unflagged posts) and from staff count
 * toward hiding: otherwise three accounts made a minute ago could hide anyone's post. Staff posts
 * are never hidden by flags: a moderator decides about them in the queue.
 */

/** Flags from this many different established members hide a post pending review (Discourse's default). */
export const FLAGS_TO_HIDE = 3;

type Tx = Prisma.TransactionClient;

function isStaffRole(role: string) {
  return isRole(role) && isStaff(role);
}

/** How many of the post's open flags come from staff or established members (the flags that can hide it). */
async function trustedOpenFlags(tx: Tx, postId: number, now: Date): Promise<number> {
  const flags = await tx.forumFlag.findMany({ where: { postId, resolvedAt: null }, select: { userId: true } });
  const flaggerIds = flags.map((flag) => flag.userId);
  const [flaggers, cleanPosts] = await Promise.all([
    tx.user.findMany({ where: { id: { in: flaggerIds } }, select: { id: true, role: true, createdAt: true } }),
    tx.forumPost.groupBy({
      by: ["authorId"],
      where: { authorId: { in: flaggerIds }, flagCount: 0, deletedAt: null, hiddenAt: null },
      _count: { _all: true },
    }),
  ]);
  const cleanBy = new Map(cleanPosts.map((row) => [row.authorId, row._count._all]));
  return flaggers.filter(
    (flagger) => isStaffRole(flagger.role) || !isNewMember(flagger, cleanBy.get(flagger.id) ?? 0, now),
  ).length;
}

export type FlagResult = { hidden: boolean; hiddenNow: boolean; url: string };

export async function flagPost(
  actor: Actor,
  postId: number,
  input: { reason: FlagReason; note?: string },
  now = new Date(),
): Promise<FlagResult> {
  const post = await prisma.forumPost.findUnique({
    where: { id: postId },
    include: {
      thread: { select: { id: true, slug: true, deletedAt: true, category: { select: { slug: true } } } },
      author: { select: { role: true } },
    },
  });
  if (!post || post.thread.deletedAt) throw new Refusal(404, "That post does not exist.");
  if (!can(actor, "forum:post:flag", { authorId: post.authorId }))
    throw new Refusal(403, "You cannot flag your own post; edit or delete it instead.");
  if (post.deletedAt) throw new Refusal(409, "That post was deleted; there is nothing left to flag.");
  const note = (input.note ?? "").trim();
  if (input.reason === "other" && !note) throw new Refusal(400, "Tell the moderators what is wrong with this post.");

  const outcome = await inModerationTransaction(async (tx) => {
    // Writing the post's row first queues concurrent flags on this post one after another, so the
    // count below always sees every flag committed before this one.
    const updated = await tx.forumPost.update({
      where: { id: postId },
      data: { flagCount: { increment: 1 } },
      select: { hiddenAt: true },
    });
    await assertNotSuspended(actor, now, tx);
    const inserted = await tx.forumFlag
      .createMany({ data: [{ postId, userId: actor.id, reason: input.reason, note, createdAt: now }] })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === "P2002") return { count: 0 };
        throw error;
      });
    if (inserted.count === 0) throw new Refusal(409, "You already flagged this post; the moderators will look at it.");
    if (updated.hiddenAt || isStaffRole(post.author.role))
      return { hidden: updated.hiddenAt !== null, hiddenNow: false };
    const openFlags = await trustedOpenFlags(tx, postId, now);
    if (openFlags < FLAGS_TO_HIDE) return { hidden: false, hiddenNow: false };
    await tx.forumPost.update({ where: { id: postId }, data: { hiddenAt: now, hiddenReason: "flagged" } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "post.hide-by-flags",
        subjectType: "post",
        subjectId: postId,
        reason: `${openFlags} members flagged it`,
        details: { threadId: post.threadId, number: post.number, authorId: post.authorId },
      },
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
