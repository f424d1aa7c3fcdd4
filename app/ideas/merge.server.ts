/** Merging one idea into another (votes, followers and comments move) and undoing it exactly from the audit entry. */
import { can } from "../auth/permissions";
import { inRetriedTransaction } from "../lib/transactions.server";
import { Refusal } from "../lib/refusal";
import { purgeIdeaPages } from "./cache.server";
import { planMerge, planUnmerge } from "./merge-math";
import { ideaPath } from "./rules";
import { queueIdeaIndexing } from "./search-documents.server";
import { afterTasksQueued } from "../lib/task-queue.server";
import { audit, loadIdea, require, type IdeaActor } from "./write-helpers.server";

type MergeDetails = {
  from: number;
  into: number;
  movedVotes: number;
  overlap: { userId: string; importance: string | null; createdAt: string; showName?: boolean }[];
  addedFollowers: string[];
  movedComments: string[];
};

/**
 * Merges `sourceId` into `targetId`: votes move without duplicates (a voter of both keeps one vote),
 * followers and comments move, the source says "Merged into …" and its URL redirects. The audit
 * entry keeps what moved, so the merge can be undone exactly (unmergeIdea).
 */
export async function mergeIdea(actor: IdeaActor, sourceId: number, targetId: number) {
  require(actor, can(actor, "idea:merge"), "Only product managers and moderators can merge ideas.");
  if (sourceId === targetId) throw new Refusal(400, "An idea cannot be merged into itself.", { field: "target" });
  const result = await inRetriedTransaction(async (tx) => {
    const source = await loadIdea(tx, sourceId);
    const target = await tx.idea.findUnique({ where: { id: targetId } });
    if (!target) throw new Refusal(404, `There is no idea #${targetId}.`, { field: "target" });
    if (source.mergedIntoId !== null)
      throw new Refusal(409, `This idea is already merged into idea #${source.mergedIntoId}.`);
    if (target.mergedIntoId !== null) {
      // Following the chain shows whether it leads back here (a cycle) or elsewhere.
      throw new Refusal(
        409,
        target.mergedIntoId === sourceId
          ? `Idea #${targetId} is merged into this one: merging back would make a cycle.`
          : `Idea #${targetId} is itself merged into idea #${target.mergedIntoId}: merge into that one.`,
        { field: "target" },
      );
    }
    if (target.status === "declined")
      throw new Refusal(409, `Idea #${targetId} is declined: reopen it before merging into it.`, { field: "target" });

    const [sourceVotes, targetVotes] = await Promise.all([
      tx.ideaVote.findMany({ where: { ideaId: sourceId } }),
      tx.ideaVote.findMany({ where: { ideaId: targetId } }),
    ]);
    const plan = planMerge(sourceId, sourceVotes, targetVotes);
    const overlapVotes = sourceVotes.filter((vote) => plan.overlap.includes(vote.userId));
    await tx.ideaVote.deleteMany({ where: { ideaId: sourceId } });
    if (plan.move.length) {
      const showNames = new Set(sourceVotes.filter((vote) => vote.showName).map((vote) => vote.userId));
      await tx.ideaVote.createMany({
        data: plan.move.map((vote) => ({
          ideaId: targetId,
          userId: vote.userId,
          importance: vote.importance,
          createdAt: vote.createdAt,
          mergedFromIdeaId: sourceId,
          showName: showNames.has(vote.userId),
        })),
      });
    }

    const [sourceFollowers, targetFollowers] = await Promise.all([
      tx.ideaFollow.findMany({ where: { ideaId: sourceId } }),
      tx.ideaFollow.findMany({ where: { ideaId: targetId } }),
    ]);
    const alreadyFollowing = new Set(targetFollowers.map((row) => row.userId));
    const addedFollowers = sourceFollowers.map((row) => row.userId).filter((userId) => !alreadyFollowing.has(userId));
    if (addedFollowers.length)
      await tx.ideaFollow.createMany({ data: addedFollowers.map((userId) => ({ ideaId: targetId, userId })) });

    const comments = await tx.ideaComment.findMany({
      where: { ideaId: sourceId },
      select: { id: true, internal: true },
    });
    if (comments.length) await tx.ideaComment.updateMany({ where: { ideaId: sourceId }, data: { ideaId: targetId } });
    const publicComments = comments.filter((comment) => !comment.internal).length;

    await tx.idea.update({
      where: { id: sourceId },
      data: { mergedIntoId: targetId, mergedAt: new Date(), voteCount: 0, commentCount: 0 },
    });
    await tx.idea.update({
      where: { id: targetId },
      data: { voteCount: plan.targetCount, commentCount: { increment: publicComments } },
    });

    const details: MergeDetails = {
      from: sourceId,
      into: targetId,
      movedVotes: plan.move.length,
      overlap: overlapVotes.map((vote) => ({
        userId: vote.userId,
        importance: vote.importance,
        createdAt: vote.createdAt.toISOString(),
        showName: vote.showName,
      })),
      addedFollowers,
      movedComments: comments.map((comment) => comment.id),
    };
    await audit(tx, actor.id, "idea.merge", sourceId, details);
    await queueIdeaIndexing(tx, [sourceId, targetId]);
    return { target, movedVotes: plan.move.length, overlap: plan.overlap.length, voteCount: plan.targetCount };
  });
  purgeIdeaPages([sourceId, targetId]);
  await afterTasksQueued();
  return {
    url: ideaPath(result.target),
    movedVotes: result.movedVotes,
    overlap: result.overlap,
    voteCount: result.voteCount,
  };
}

/** Undoes the latest merge of `sourceId`: its votes, followers and comments go back exactly, from what the audit entry recorded. */
export async function unmergeIdea(actor: IdeaActor, sourceId: number) {
  require(actor, can(actor, "idea:merge"), "Only product managers and moderators can undo a merge.");
  const result = await inRetriedTransaction(async (tx) => {
    const source = await loadIdea(tx, sourceId);
    if (source.mergedIntoId === null) throw new Refusal(409, "This idea is not merged.");
    const targetId = source.mergedIntoId;
    const entry = await tx.auditLog.findFirst({
      where: { action: "idea.merge", subjectType: "idea", subjectId: String(sourceId) },
      orderBy: { createdAt: "desc" },
    });
    if (!entry) throw new Refusal(409, "There is no record of this merge, so it cannot be undone.");
    const details = JSON.parse(entry.details) as MergeDetails;
    const targetVotes = await tx.ideaVote.findMany({ where: { ideaId: targetId } });
    const plan = planUnmerge(
      sourceId,
      targetVotes,
      details.overlap.map((vote) => vote.userId),
    );
    const moved = targetVotes.filter((vote) => plan.moveBack.includes(vote.userId));
    await tx.ideaVote.deleteMany({ where: { ideaId: targetId, mergedFromIdeaId: sourceId } });
    const restored = [
      ...moved.map((vote) => ({
        ideaId: sourceId,
        userId: vote.userId,
        importance: vote.importance,
        createdAt: vote.createdAt,
        showName: vote.showName,
      })),
      ...details.overlap
        .filter((vote) => plan.restore.includes(vote.userId))
        .map((vote) => ({
          ideaId: sourceId,
          userId: vote.userId,
          importance: vote.importance,
          createdAt: new Date(vote.createdAt),
          showName: vote.showName ?? false,
        })),
    ];
    if (restored.length) await tx.ideaVote.createMany({ data: restored });

    if (details.addedFollowers.length)
      await tx.ideaFollow.deleteMany({ where: { ideaId: targetId, userId: { in: details.addedFollowers } } });
    const sourceFollowers = new Set(details.addedFollowers);
    for (const vote of restored) sourceFollowers.add(vote.userId);
    const existing = new Set(
      (await tx.ideaFollow.findMany({ where: { ideaId: sourceId }, select: { userId: true } })).map(
        (row) => row.userId,
      ),
    );
    const missing = [...sourceFollowers].filter((userId) => !existing.has(userId));
    if (missing.length)
      await tx.ideaFollow.createMany({ data: missing.map((userId) => ({ ideaId: sourceId, userId })) });

    const comments = details.movedComments.length
      ? await tx.ideaComment.findMany({
          where: { id: { in: details.movedComments }, ideaId: targetId },
          select: { id: true, internal: true },
        })
      : [];
    if (comments.length)
      await tx.ideaComment.updateMany({
        where: { id: { in: comments.map((comment) => comment.id) } },
        data: { ideaId: sourceId },
      });
    const publicComments = comments.filter((comment) => !comment.internal).length;

    await tx.idea.update({
      where: { id: sourceId },
      data: { mergedIntoId: null, mergedAt: null, voteCount: restored.length, commentCount: publicComments },
    });
    await tx.idea.update({
      where: { id: targetId },
      data: { voteCount: plan.targetCount, commentCount: { decrement: publicComments } },
    });
    await audit(tx, actor.id, "idea.unmerge", sourceId, { from: sourceId, into: targetId, votesBack: restored.length });
    await queueIdeaIndexing(tx, [sourceId, targetId]);
    return { source, targetId, sourceCount: restored.length, targetCount: plan.targetCount };
  });
  purgeIdeaPages([sourceId, result.targetId]);
  await afterTasksQueued();
  return { url: ideaPath(result.source), sourceCount: result.sourceCount, targetCount: result.targetCount };
}
