import { can, type Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { recordAudit } from "../audit/audit.server";
import { afterChange, inModerationTransaction, loadPost, POST_INCLUDE, refuseUnless } from "./moderation-common.server";
import { postPath, threadPath } from "./paths";
import { renderPostBody } from "./render.server";

/** A moderator editing any member's post: the edit page's form and the audited edit. */

/** A moderator's edit of any post, at any age: the previous text goes to the history, the edit to the audit log. */
export async function editPostAsModerator(actor: Actor, postId: number, body: string, reason = "", now = new Date()) {
  refuseUnless(can(actor, "forum:post:edit-any"), "Only moderators can edit other members' posts.");
  const post = await loadPost(postId);
  if (post.deletedAt) throw new Refusal(409, "That post was deleted; it cannot be edited.");
  if (body === post.bodyMarkdown) return { url: postPath(post.thread, post.number), changed: false };
  const bodyHtml = await renderPostBody(body);
  await inModerationTransaction(async (tx) => {
    await tx.forumPostRevision.create({
      data: { postId, editorId: actor.id, bodyMarkdown: post.bodyMarkdown, createdAt: now },
    });
    await tx.forumPost.update({ where: { id: postId }, data: { bodyMarkdown: body, bodyHtml, editedAt: now } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "post.edit",
        subjectType: "post",
        subjectId: postId,
        reason,
        details: { threadId: post.threadId, number: post.number, authorId: post.authorId },
      },
      now,
    );
  });
  await afterChange([post.threadId], [post.thread.category.slug]);
  return { url: postPath(post.thread, post.number), changed: true };
}

/** The post a moderator is about to edit (the edit page's form). */
export async function loadPostForModeratorEdit(actor: Actor, postId: number) {
  if (!can(actor, "forum:post:edit-any")) return null;
  const post = await prisma.forumPost.findUnique({
    where: { id: postId },
    include: { ...POST_INCLUDE, author: { select: { name: true } } },
  });
  if (!post || post.thread.deletedAt || post.deletedAt) return null;
  return {
    id: post.id,
    number: post.number,
    markdown: post.bodyMarkdown,
    authorName: post.author.name,
    url: postPath(post.thread, post.number),
    thread: { title: post.thread.title, url: threadPath(post.thread) },
  };
}
