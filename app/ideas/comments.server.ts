/** Commenting on an idea: public comments and replies, and staff internal notes. */
import { can } from "../auth/permissions";
import { inRetriedTransaction } from "../lib/transactions.server";
import { markdownToPlainText, renderMarkdown } from "../lib/markdown";
import { Refusal } from "../lib/refusal";
import { purgeIdeaPages } from "./cache.server";
import { onStaffComment } from "./events.server";
import { ideaPath } from "./rules";
import { follow, loadIdea, notSuspended, require, type IdeaActor } from "./write-helpers.server";

export async function addComment(
  actor: IdeaActor,
  ideaId: number,
  input: { body: string; parentId?: string; internal: boolean },
) {
  require(actor, can(actor, "idea:comment"), "Sign in to comment.");
  if (input.internal) require(actor, can(actor, "idea:internal-note"), "Only staff can write internal notes.");
  await notSuspended(actor);
  const staff = can(actor, "idea:internal-note");
  const result = await inRetriedTransaction(async (tx) => {
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
