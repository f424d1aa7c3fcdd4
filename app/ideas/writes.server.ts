import { can, type Actor } from "../auth/permissions";
import { assertNotSuspended, isNewForumMember } from "../forum/limits.server";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { markdownToPlainText, renderMarkdown } from "../lib/markdown";
import {
  countMemberWrite,
  isExemptFromWriteLimits,
  lockMember,
  NEW_MEMBER_LIMITS,
  newMemberVerdict,
} from "../auth/write-limits.server";
import { purgeIdeaPages } from "./cache.server";
import { onIdeaStatusChanged, onStaffComment } from "./events.server";
import { planMerge, planUnmerge } from "./merge-math";
import {
  acceptsVotes,
  checkTransition,
  IDEA_STATUSES,
  ideaPath,
  ideaSlug,
  isIdeaStatus,
  STATUS_LABELS,
  type IdeaStatus,
  type Importance,
} from "./rules";
import type { NewIdeaInput } from "./schemas";
import { syncIdeaSearchQuietly } from "./search-documents.server";
import { Refusal, isRefusal } from "../lib/refusal";

/**
 * Every change to ideas: each runs in one transaction (rows, counters, follows, notifications and
 * the audit entry together), then purges the cached pages it changed and brings search up to date.
 * Refusals are Refusal with a status and a sentence; routes show them, never a 500.
 */
type Tx = Prisma.TransactionClient;
type IdeaActor = Actor & { name?: string };

function isUniqueViolation(error: unknown) {
  return (
    typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002"
  );
}

async function notSuspended(actor: Actor, tx?: Tx) {
  try {
    await assertNotSuspended(actor, new Date(), tx);
  } catch (error) {
    if (isRefusal(error)) throw new Refusal(403, error.message);
    throw error;
  }
}

function require(actor: Actor, allowed: boolean, message: string) {
  if (!allowed) throw new Refusal(403, message);
  return actor;
}

const VOTABLE_STATUSES = IDEA_STATUSES.filter(acceptsVotes);

async function loadIdea(tx: Tx | typeof prisma, id: number) {
  const idea = await tx.idea.findUnique({ where: { id } });
  if (!idea) throw new Refusal(404, "We couldn’t find that idea. It may have been removed.");
  return idea;
}

async function follow(tx: Tx, ideaId: number, userId: string) {
  // An upsert on the composite key: following twice (two tabs, a vote after a comment) is one row.
  await tx.ideaFollow.upsert({ where: { ideaId_userId: { ideaId, userId } }, create: { ideaId, userId }, update: {} });
}

// ---------------------------------------------------------------------------
// Submitting and voting

/**
 * The limits on submitting ideas (app/auth/write-limits.server.ts), staff exempt: a new member's
 * ideas of the last day, counted under their row lock, then every member's windows, counted last.
 * Runs first in the writing transaction; a refusal rolls the counts back with it.
 */
async function refuseIfOverIdeaLimits(tx: Tx, actor: Actor, now: Date) {
  if (isExemptFromWriteLimits(actor)) return;
  await lockMember(tx, actor.id);
  if (await isNewForumMember(tx, actor.id, now)) {
    const rule = NEW_MEMBER_LIMITS.ideasPerDay;
    const recent = await tx.idea.findMany({
      where: { authorId: actor.id, createdAt: { gt: new Date(now.getTime() - rule.windowMs) } },
      orderBy: { createdAt: "desc" },
      take: rule.max,
      select: { createdAt: true },
    });
    const verdict = newMemberVerdict(
      rule,
      recent.map((row) => row.createdAt),
      now,
      "You can submit another idea",
    );
    if (!verdict.allowed) throw new Refusal(429, verdict.message);
  }
  const verdict = await countMemberWrite(tx, actor, "idea", now);
  if (!verdict.allowed) throw new Refusal(429, verdict.message);
}

export async function createIdea(actor: IdeaActor, input: NewIdeaInput, now = new Date()) {
  require(actor, can(actor, "idea:create"), "Sign in with a member account to submit ideas.");
  await notSuspended(actor);
  const area = await prisma.ideaArea.findUnique({ where: { slug: input.area } });
  if (!area) throw new Refusal(400, "Choose a product area from the list.", { field: "area" });
  const idea = await prisma.$transaction(async (tx) => {
    await refuseIfOverIdeaLimits(tx, actor, now);
    const created = await tx.idea.create({
      data: {
        title: input.title,
        slug: ideaSlug(input.title),
        descriptionMarkdown: input.description,
        descriptionHtml: renderMarkdown(input.description),
        areaId: area.id,
        authorId: actor.id,
        voteCount: 1,
        createdAt: now,
      },
    });
    // The author's own vote, and they follow what they asked for.
    await tx.ideaVote.create({ data: { ideaId: created.id, userId: actor.id } });
    await follow(tx, created.id, actor.id);
    return created;
  });
  purgeIdeaPages([idea.id]);
  await syncIdeaSearchQuietly([idea.id]);
  return { id: idea.id, url: ideaPath(idea) };
}

export type VoteOutcome = { voted: boolean; voteCount: number; url: string };

/**
 * One vote per user per idea, held by the primary key: a second vote (another tab, a double click,
 * two requests at once) fails on the key inside the transaction, which rolls back with the count,
 * and is answered 409 "already voted". Voting follows the idea.
 */
export async function castVote(
  actor: Actor,
  ideaId: number,
  importance: Importance | null = null,
): Promise<VoteOutcome> {
  require(actor, can(actor, "idea:vote"), "Sign in to vote.");
  await notSuspended(actor);
  // Checked first for a clear message; checked again under the row lock below, in case a merge or a decline lands meanwhile.
  const idea = await loadIdea(prisma, ideaId);
  refuseClosed(idea);
  const url = ideaPath(idea);
  try {
    const voteCount = await prisma.$transaction(
      async (tx) => {
        await tx.ideaVote.create({ data: { ideaId, userId: actor.id, importance } });
        const counted = await tx.idea.updateMany({
          where: { id: ideaId, mergedIntoId: null, hiddenAt: null, status: { in: [...VOTABLE_STATUSES] } },
          data: { voteCount: { increment: 1 } },
        });
        if (counted.count === 0) refuseClosed(await loadIdea(tx, ideaId));
        await follow(tx, ideaId, actor.id);
        return (await tx.idea.findUniqueOrThrow({ where: { id: ideaId }, select: { voteCount: true } })).voteCount;
      },
      // Many voters on one idea queue on its row lock: each waits its turn instead of failing.
      { maxWait: 15_000, timeout: 15_000 },
    );
    purgeIdeaPages([ideaId]);
    return { voted: true, voteCount, url };
  } catch (error) {
    if (isUniqueViolation(error)) throw new Refusal(409, "You have already voted for this idea.");
    throw error;
  }
}

function refuseClosed(idea: { status: string; mergedIntoId: number | null; hiddenAt: Date | null }) {
  if (idea.mergedIntoId !== null)
    throw new Refusal(409, `This idea was merged into idea #${idea.mergedIntoId}: vote there instead.`);
  if (idea.hiddenAt) throw new Refusal(404, "We couldn’t find that idea. It may have been removed.");
  const status = isIdeaStatus(idea.status) ? idea.status : "open";
  if (!acceptsVotes(status))
    throw new Refusal(
      409,
      status === "declined"
        ? "This idea was declined, so it no longer takes votes."
        : "This idea has shipped, so it no longer takes votes.",
    );
}

/** Takes the vote back; the follow stays (unfollow is its own button). Removing a vote one does not have is refused 409. */
export async function removeVote(actor: Actor, ideaId: number): Promise<VoteOutcome> {
  require(actor, can(actor, "idea:vote"), "Sign in to vote.");
  await notSuspended(actor);
  let url = "";
  const voteCount = await prisma.$transaction(async (tx) => {
    const idea = await loadIdea(tx, ideaId);
    url = ideaPath(idea);
    if (idea.mergedIntoId !== null)
      throw new Refusal(409, `This idea was merged into idea #${idea.mergedIntoId}: your vote moved there.`);
    if (idea.status === "shipped")
      throw new Refusal(409, "This idea has shipped; its votes are kept as the record of who asked.");
    const removed = await tx.ideaVote.deleteMany({ where: { ideaId, userId: actor.id } });
    if (removed.count === 0) throw new Refusal(409, "You have not voted for this idea.");
    const updated = await tx.idea.update({
      where: { id: ideaId },
      data: { voteCount: { decrement: 1 } },
      select: { voteCount: true },
    });
    return updated.voteCount;
  });
  purgeIdeaPages([ideaId]);
  return { voted: false, voteCount, url };
}

/** "How important is this to you?" on one's own vote; staff see the breakdown. */
export async function setImportance(actor: Actor, ideaId: number, importance: Importance | null) {
  const changed = await prisma.ideaVote.updateMany({ where: { ideaId, userId: actor.id }, data: { importance } });
  if (changed.count === 0) throw new Refusal(409, "Vote for the idea first, then say how important it is to you.");
}

/** Voters are private by default; this shows (or hides again) the voter's name on the idea's public page. */
export async function setNameShown(actor: Actor, ideaId: number, showName: boolean) {
  const changed = await prisma.ideaVote.updateMany({ where: { ideaId, userId: actor.id }, data: { showName } });
  if (changed.count === 0) throw new Refusal(409, "Vote for the idea first; then you can choose to show your name.");
  purgeIdeaPages([ideaId]);
}

/** "Vote for this instead": the member chose an existing idea over filing a duplicate. */
export async function voteInsteadOfDuplicate(actor: Actor, ideaId: number, typedTitle: string): Promise<VoteOutcome> {
  let outcome: VoteOutcome;
  try {
    outcome = await castVote(actor, ideaId);
  } catch (error) {
    // Already voted for it: still the right idea, and still a duplicate avoided.
    if (!(error instanceof Refusal && error.status === 409 && error.message.startsWith("You have already voted")))
      throw error;
    const idea = await prisma.idea.findUniqueOrThrow({
      where: { id: ideaId },
      select: { id: true, slug: true, voteCount: true },
    });
    outcome = { voted: true, voteCount: idea.voteCount, url: ideaPath(idea) };
  }
  await prisma.ideaDuplicateAvoided.create({
    data: { ideaId, userId: actor.id, typedTitle: typedTitle.trim().slice(0, 200) },
  });
  return outcome;
}

export async function setFollowing(actor: Actor, ideaId: number, following: boolean) {
  const idea = await prisma.idea.findUnique({ where: { id: ideaId }, select: { id: true, slug: true } });
  if (!idea) throw new Refusal(404, "We couldn’t find that idea.");
  if (following)
    await prisma.ideaFollow.upsert({
      where: { ideaId_userId: { ideaId, userId: actor.id } },
      create: { ideaId, userId: actor.id },
      update: {},
    });
  else await prisma.ideaFollow.deleteMany({ where: { ideaId, userId: actor.id } });
  return { url: ideaPath(idea), following };
}

// ---------------------------------------------------------------------------
// Comments

export async function addComment(
  actor: IdeaActor,
  ideaId: number,
  input: { body: string; parentId?: string; internal: boolean },
) {
  require(actor, can(actor, "idea:comment"), "Sign in to comment.");
  if (input.internal) require(actor, can(actor, "idea:internal-note"), "Only staff can write internal notes.");
  await notSuspended(actor);
  const staff = can(actor, "idea:internal-note");
  const result = await prisma.$transaction(async (tx) => {
    const idea = await loadIdea(tx, ideaId);
    if (idea.hiddenAt && !staff) throw new Refusal(404, "We couldn’t find that idea. It may have been removed.");
    if (idea.mergedIntoId !== null)
      throw new Refusal(409, `This idea was merged into idea #${idea.mergedIntoId}: comment there instead.`);
    let parentId: string | null = null;
    if (input.parentId) {
      const parent = await tx.ideaComment.findFirst({ where: { id: input.parentId, ideaId } });
      if (!parent) throw new Refusal(400, "The comment you replied to is gone.");
      // One level of threading: a reply to a reply joins its parent's thread.
      parentId = parent.parentId ?? parent.id;
      if (parent.internal && !input.internal) throw new Refusal(400, "Replies to internal notes are internal too.");
    }
    const comment = await tx.ideaComment.create({
      data: {
        ideaId,
        parentId,
        authorId: actor.id,
        bodyMarkdown: input.body,
        bodyHtml: renderMarkdown(input.body),
        internal: input.internal,
      },
    });
    if (!input.internal) {
      await tx.idea.update({ where: { id: ideaId }, data: { commentCount: { increment: 1 } } });
      await follow(tx, ideaId, actor.id);
      if (staff) {
        const plain = markdownToPlainText(input.body);
        await onStaffComment(tx, {
          idea,
          actorId: actor.id,
          actorName: actor.name ?? "TechFlow",
          excerpt: `"${plain.length > 300 ? `${plain.slice(0, 299)}…` : plain}"`,
        });
      }
    }
    return { comment, idea };
  });
  purgeIdeaPages([ideaId]);
  return { id: result.comment.id, url: `${ideaPath(result.idea)}#comment-${result.comment.id}` };
}

// ---------------------------------------------------------------------------
// Staff

async function audit(tx: Tx, actorId: string, action: string, ideaId: number, details: object, reason = "") {
  await tx.auditLog.create({
    data: { actorId, action, subjectType: "idea", subjectId: String(ideaId), reason, details: JSON.stringify(details) },
  });
}

export async function changeStatus(
  actor: IdeaActor,
  ideaId: number,
  to: IdeaStatus,
  comment: string,
  now = new Date(),
) {
  require(actor, can(actor, "idea:set-status"), "Only product managers and moderators can change an idea’s status.");
  const idea = await prisma.$transaction(async (tx) => {
    const current = await loadIdea(tx, ideaId);
    if (current.mergedIntoId !== null)
      throw new Refusal(409, "A merged idea has no status of its own: change the idea it was merged into.");
    const from = isIdeaStatus(current.status) ? current.status : "open";
    const verdict = checkTransition(from, to, comment);
    if (!verdict.ok) throw new Refusal(409, verdict.message, { field: "status" });
    // The status is part of the WHERE: two staff changing the same idea at once cannot both move it from the same status.
    const moved = await tx.idea.updateMany({
      where: { id: ideaId, status: from },
      data: { status: to, statusNote: comment, statusChangedAt: now, ...(to === "shipped" ? { shippedAt: now } : {}) },
    });
    if (moved.count === 0)
      throw new Refusal(409, "Someone changed this idea’s status a moment ago: reload and try again.");
    await tx.ideaStatusChange.create({
      data: { ideaId, fromStatus: from, toStatus: to, comment, actorId: actor.id, createdAt: now },
    });
    await audit(tx, actor.id, "idea.status", ideaId, { from, to }, comment);
    await onIdeaStatusChanged(tx, { idea: current, from, to, comment, actorId: actor.id });
    return current;
  });
  purgeIdeaPages([ideaId]);
  await syncIdeaSearchQuietly([ideaId]);
  return { url: ideaPath(idea), status: to, label: STATUS_LABELS[to] };
}

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
  const result = await prisma.$transaction(async (tx) => {
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
    return { target, movedVotes: plan.move.length, overlap: plan.overlap.length, voteCount: plan.targetCount };
  });
  purgeIdeaPages([sourceId, targetId]);
  await syncIdeaSearchQuietly([sourceId, targetId]);
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
  const result = await prisma.$transaction(async (tx) => {
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
    return { source, targetId, sourceCount: restored.length, targetCount: plan.targetCount };
  });
  purgeIdeaPages([sourceId, result.targetId]);
  await syncIdeaSearchQuietly([sourceId, result.targetId]);
  return { url: ideaPath(result.source), sourceCount: result.sourceCount, targetCount: result.targetCount };
}

export async function editIdea(actor: IdeaActor, ideaId: number, input: NewIdeaInput) {
  require(actor, can(actor, "idea:moderate"), "Only staff can edit ideas.");
  const area = await prisma.ideaArea.findUnique({ where: { slug: input.area } });
  if (!area) throw new Refusal(400, "Choose a product area from the list.", { field: "area" });
  const idea = await prisma.$transaction(async (tx) => {
    const before = await loadIdea(tx, ideaId);
    const updated = await tx.idea.update({
      where: { id: ideaId },
      data: {
        title: input.title,
        slug: ideaSlug(input.title),
        descriptionMarkdown: input.description,
        descriptionHtml: renderMarkdown(input.description),
        areaId: area.id,
      },
    });
    await audit(tx, actor.id, "idea.edit", ideaId, { title: [before.title, updated.title] });
    return updated;
  });
  purgeIdeaPages([ideaId]);
  await syncIdeaSearchQuietly([ideaId]);
  return { url: ideaPath(idea) };
}

export async function setHidden(actor: IdeaActor, ideaId: number, hidden: boolean, reason = "") {
  require(actor, can(actor, "idea:moderate"), "Only staff can hide ideas.");
  const idea = await prisma.$transaction(async (tx) => {
    const current = await loadIdea(tx, ideaId);
    await tx.idea.update({ where: { id: ideaId }, data: { hiddenAt: hidden ? new Date() : null } });
    await audit(tx, actor.id, hidden ? "idea.hide" : "idea.unhide", ideaId, {}, reason);
    return current;
  });
  purgeIdeaPages([ideaId]);
  await syncIdeaSearchQuietly([ideaId]);
  return { url: ideaPath(idea) };
}

export async function setPinned(actor: IdeaActor, ideaId: number, pinned: boolean) {
  require(actor, can(actor, "idea:moderate"), "Only staff can pin ideas.");
  const idea = await prisma.$transaction(async (tx) => {
    const current = await loadIdea(tx, ideaId);
    await tx.idea.update({ where: { id: ideaId }, data: { pinned } });
    await audit(tx, actor.id, pinned ? "idea.pin" : "idea.unpin", ideaId, {});
    return current;
  });
  purgeIdeaPages([ideaId]);
  return { url: ideaPath(idea) };
}
