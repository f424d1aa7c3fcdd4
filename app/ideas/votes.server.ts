/** Voting on ideas (one vote per member, importance, showing one's name, "vote instead") and following them. */
import { can, type Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { inRetriedTransaction } from "../lib/transactions.server";
import { Refusal } from "../lib/refusal";
import { purgeIdeaPages } from "./cache.server";
import { acceptsVotes, IDEA_STATUSES, ideaPath, isIdeaStatus, type Importance } from "./rules";
import { follow, isUniqueViolation, loadIdea, notSuspended, require } from "./write-helpers.server";

const VOTABLE_STATUSES = IDEA_STATUSES.filter(acceptsVotes);

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
    // Many voters on one idea queue on its row lock: each waits its turn (inRetriedTransaction waits up to 15 s).
    const voteCount = await inRetriedTransaction(async (tx) => {
      await tx.ideaVote.create({ data: { ideaId, userId: actor.id, importance } });
      const counted = await tx.idea.updateMany({
        where: { id: ideaId, mergedIntoId: null, hiddenAt: null, status: { in: [...VOTABLE_STATUSES] } },
        data: { voteCount: { increment: 1 } },
      });
      if (counted.count === 0) refuseClosed(await loadIdea(tx, ideaId));
      await follow(tx, ideaId, actor.id);
      return (await tx.idea.findUniqueOrThrow({ where: { id: ideaId }, select: { voteCount: true } })).voteCount;
    });
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
  const voteCount = await inRetriedTransaction(async (tx) => {
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
