/** Submitting a new idea: the member's limits, the idea row, the author's own vote and follow. */
import { can, type Actor } from "../auth/permissions";
import { isNewForumMember } from "../forum/limits.server";
import { prisma } from "../lib/db.server";
import { inRetriedTransaction } from "../lib/transactions.server";
import { renderMarkdown } from "../lib/markdown";
import {
  countMemberWrite,
  isExemptFromWriteLimits,
  lockMember,
  NEW_MEMBER_LIMITS,
  newMemberVerdict,
} from "../auth/write-limits.server";
import { Refusal } from "../lib/refusal";
import { purgeIdeaPages } from "./cache.server";
import { ideaPath, ideaSlug } from "./rules";
import type { NewIdeaInput } from "./schemas";
import { queueIdeaIndexing } from "./search-documents.server";
import { afterTasksQueued } from "../lib/task-queue.server";
import { follow, notSuspended, require, type IdeaActor, type Tx } from "./write-helpers.server";

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
  const idea = await inRetriedTransaction(async (tx) => {
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
    await queueIdeaIndexing(tx, [created.id]);
    return created;
  });
  purgeIdeaPages([idea.id]);
  await afterTasksQueued();
  return { id: idea.id, url: ideaPath(idea) };
}
