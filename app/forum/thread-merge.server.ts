import { can, type Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { recordAudit } from "../audit/audit.server";
import { removeDocuments } from "../search/writes.server";
import { purgeForumPages } from "./cache.server";
import { inModerationTransaction, loadThread, refuseUnless, type Tx } from "./moderation-common.server";
import { threadPath } from "./paths";
import { postDocumentId, syncThreadSearchQuietly, threadDocumentId } from "./search-documents.server";

/** Merging one thread into another: its posts, readers' follows, read markers and tags move to the target. */

/**
 * What readers attached to the source thread goes with its posts (inside the merge's transaction):
 * - tags the target lacks are added to it;
 * - follows and mutes move; where a member had both, the target's choice stands;
 * - read markers move, renumbered: a member who had read the source up to post n has now read the
 *   moved posts up to n's new number, but only if they had also read the whole target (otherwise the
 *   target's own unread posts would be skipped); a member who never opened the target starts at its top.
 * Nothing is left on the source, which only redirects from now on.
 */
async function moveThreadBelongings(
  tx: Tx,
  sourceId: number,
  targetId: number,
  targetLastNumber: number,
  renumbered: { from: number; to: number }[],
) {
  const targetTags = new Set(
    (await tx.forumThreadTag.findMany({ where: { threadId: targetId }, select: { tag: true } })).map((row) => row.tag),
  );
  const sourceTags = (await tx.forumThreadTag.findMany({ where: { threadId: sourceId }, select: { tag: true } })).map(
    (row) => row.tag,
  );
  const newTags = sourceTags.filter((tag) => !targetTags.has(tag));
  if (newTags.length) await tx.forumThreadTag.createMany({ data: newTags.map((tag) => ({ threadId: targetId, tag })) });
  await tx.forumThreadTag.deleteMany({ where: { threadId: sourceId } });

  const targetFollowers = new Set(
    (await tx.forumSubscription.findMany({ where: { threadId: targetId }, select: { userId: true } })).map(
      (row) => row.userId,
    ),
  );
  const sourceFollows = await tx.forumSubscription.findMany({
    where: { threadId: sourceId },
    select: { id: true, userId: true },
  });
  for (const follow of sourceFollows) {
    if (targetFollowers.has(follow.userId)) await tx.forumSubscription.delete({ where: { id: follow.id } });
    else await tx.forumSubscription.update({ where: { id: follow.id }, data: { threadId: targetId } });
  }

  const newNumber = (readUpTo: number) =>
    renumbered.filter((post) => post.from <= readUpTo).reduce((highest, post) => Math.max(highest, post.to), 0);
  const targetMarkers = new Map(
    (await tx.forumReadMarker.findMany({ where: { threadId: targetId } })).map((row) => [
      row.userId,
      row.lastReadNumber,
    ]),
  );
  const sourceMarkers = await tx.forumReadMarker.findMany({ where: { threadId: sourceId } });
  for (const marker of sourceMarkers) {
    const readTarget = targetMarkers.get(marker.userId);
    if (readTarget === undefined) {
      await tx.forumReadMarker.create({ data: { userId: marker.userId, threadId: targetId, lastReadNumber: 0 } });
    } else if (readTarget >= targetLastNumber) {
      const moved = newNumber(marker.lastReadNumber);
      if (moved > readTarget)
        await tx.forumReadMarker.update({
          where: { userId_threadId: { userId: marker.userId, threadId: targetId } },
          data: { lastReadNumber: moved },
        });
    }
  }
  await tx.forumReadMarker.deleteMany({ where: { threadId: sourceId } });
  // Outdated flags follow the posts they are about.
  await tx.forumOutdatedFlag.updateMany({ where: { threadId: sourceId }, data: { threadId: targetId } });
}

/**
 * Merges `sourceId` into `targetId`: the source's posts move to the target, numbered after its last
 * post in their old order; the counts follow; the source keeps its id and URL and redirects to the
 * target. One transaction, which starts by writing the target's row so that a reply racing the
 * merge waits for it (and then takes a number after the moved posts).
 */
export async function mergeThread(actor: Actor, sourceId: number, targetId: number, reason = "", now = new Date()) {
  refuseUnless(can(actor, "forum:thread:merge"), "Only moderators can merge threads.");
  if (sourceId === targetId) throw new Refusal(409, "A thread cannot be merged into itself.");
  const source = await loadThread(sourceId);
  const target = await prisma.forumThread.findUnique({
    where: { id: targetId },
    include: { category: { select: { slug: true } } },
  });
  if (!target || target.deletedAt) throw new Refusal(404, "The thread to merge into does not exist.");
  if (target.mergedIntoId !== null)
    throw new Refusal(
      409,
      `Thread ${targetId} was itself merged into thread ${target.mergedIntoId}; merge into that one.`,
    );

  const moved = await inModerationTransaction(async (tx) => {
    const locked = await tx.forumThread.update({
      where: { id: targetId },
      data: { updatedAt: now },
      select: { lastPostNumber: true, acceptedPostId: true, lastPostAt: true },
    });
    const posts = await tx.forumPost.findMany({
      where: { threadId: sourceId },
      orderBy: { number: "asc" },
      select: { id: true, number: true },
    });
    const current = await tx.forumThread.findUniqueOrThrow({
      where: { id: sourceId },
      select: { mergedIntoId: true, likeCount: true, acceptedPostId: true, lastPostAt: true },
    });
    if (current.mergedIntoId !== null) throw new Refusal(409, "That thread was merged a moment ago.");
    const renumbered = posts.map((post, index) => ({
      id: post.id,
      from: post.number,
      to: locked.lastPostNumber + index + 1,
    }));
    for (const post of renumbered)
      await tx.forumPost.update({ where: { id: post.id }, data: { threadId: targetId, number: post.to } });
    await moveThreadBelongings(tx, sourceId, targetId, locked.lastPostNumber, renumbered);
    // The accepted answer is a unique column: it leaves the source first, and goes to the target only if the target has none.
    const movesAnswer = current.acceptedPostId !== null && locked.acceptedPostId === null;
    await tx.forumThread.update({
      where: { id: sourceId },
      data: { mergedIntoId: targetId, postCount: 0, likeCount: 0, acceptedPostId: null, lastPostNumber: 0 },
    });
    await tx.forumThread.update({
      where: { id: targetId },
      data: {
        postCount: { increment: posts.length },
        likeCount: { increment: current.likeCount },
        lastPostNumber: locked.lastPostNumber + posts.length,
        lastPostAt: current.lastPostAt > locked.lastPostAt ? current.lastPostAt : locked.lastPostAt,
        ...(movesAnswer ? { acceptedPostId: current.acceptedPostId } : {}),
      },
    });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "thread.merge",
        subjectType: "thread",
        subjectId: sourceId,
        reason,
        details: {
          into: targetId,
          movedPosts: posts.length,
          numbers: Object.fromEntries(renumbered.map((post) => [post.from, post.to])),
        },
      },
      now,
    );
    return renumbered;
  });
  purgeForumPages({ threadId: sourceId, categorySlugs: [source.category.slug, target.category.slug] });
  purgeForumPages({ threadId: targetId, categorySlugs: [target.category.slug] });
  // The source's documents carry its old numbers: they go now, and the target's are written fresh.
  try {
    await removeDocuments("forum", [
      threadDocumentId(sourceId),
      ...moved.map((post) => postDocumentId(sourceId, post.from)),
    ]);
  } catch (error) {
    console.error(`search: could not remove merged thread ${sourceId}`, error);
  }
  await syncThreadSearchQuietly(targetId);
  return { url: threadPath(target), movedPosts: moved.length };
}
