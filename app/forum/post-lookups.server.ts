import type { Actor } from "../auth/permissions";
import { canAt } from "../auth/permissions";
import { isRole, isStaff } from "../auth/roles";
import { prisma } from "../lib/db.server";
import { postPath, threadPath } from "./paths";
import { canModerate } from "./reading-access";

/** One post as its own pages need it: its edit history, its text to quote, its edit form. */

function isStaffActor(actor: Actor | null) {
  return !!actor && isRole(actor.role) && isStaff(actor.role);
}

export type RevisionView = { at: string; editorName: string; html: string; current: boolean };

/** A post's edit history, newest first: the current text, then each earlier one (rendered the same safe way). */
export async function loadPostHistory(
  postId: number,
  viewer: Actor | null,
  renderHistoric: (markdown: string) => string,
) {
  const post = await prisma.forumPost.findUnique({
    where: { id: postId },
    include: {
      thread: { select: { id: true, slug: true, title: true, deletedAt: true, hiddenAt: true } },
      author: { select: { name: true } },
      revisions: { orderBy: { createdAt: "desc" } },
    },
  });
  const moderator = canModerate(viewer);
  if (
    !post ||
    post.thread.deletedAt ||
    ((post.thread.hiddenAt || post.hiddenAt) && !moderator) ||
    (post.deletedAt && !moderator)
  )
    return null;
  const editorIds = [...new Set(post.revisions.map((revision) => revision.editorId))];
  const editors = await prisma.user.findMany({ where: { id: { in: editorIds } }, select: { id: true, name: true } });
  // Each revision row holds the text *before* an edit by its editor; the current text was written by the last editor.
  const versions: RevisionView[] = [
    {
      at: (post.editedAt ?? post.createdAt).toISOString(),
      editorName: editors.find((user) => user.id === post.revisions[0]?.editorId)?.name ?? post.author.name,
      html: post.bodyHtml,
      current: true,
    },
  ];
  post.revisions.forEach((revision, index) => {
    const previousEdit = post.revisions[index + 1];
    versions.push({
      at: (previousEdit ? previousEdit.createdAt : post.createdAt).toISOString(),
      editorName: previousEdit
        ? (editors.find((user) => user.id === previousEdit.editorId)?.name ?? "")
        : post.author.name,
      html: renderHistoric(revision.bodyMarkdown),
      current: false,
    });
  });
  return {
    post: { id: post.id, number: post.number, url: postPath(post.thread, post.number), authorName: post.author.name },
    thread: { title: post.thread.title, url: threadPath(post.thread) },
    versions,
    isStaffViewer: isStaffActor(viewer),
  };
}

/** The text of post `number` for "Quote" without JavaScript (the reply box comes pre-filled). */
export async function quoteSource(threadId: number, number: number) {
  const post = await prisma.forumPost.findUnique({
    where: { threadId_number: { threadId, number } },
    include: { author: { select: { name: true } }, thread: { select: { id: true, slug: true } } },
  });
  if (!post || post.deletedAt || post.hiddenAt) return null;
  return {
    markdown: post.bodyMarkdown,
    authorName: post.author.name,
    number: post.number,
    url: postPath(post.thread, post.number),
  };
}

/** A post as its edit form needs it, if this member may edit it now; otherwise why not. */
export async function loadPostForEdit(postId: number, viewer: Actor, now = new Date()) {
  const post = await prisma.forumPost.findUnique({
    where: { id: postId },
    include: { thread: { select: { id: true, slug: true, title: true, deletedAt: true } } },
  });
  if (!post || post.thread.deletedAt) return { kind: "missing" as const };
  if (post.deletedAt)
    return { kind: "refused" as const, status: 409, message: "That post was deleted; it cannot be edited." };
  if (!canAt(now, viewer, "forum:post:edit", { authorId: post.authorId, createdAt: post.createdAt })) {
    return {
      kind: "refused" as const,
      status: 403,
      message:
        viewer.id === post.authorId ? "The time to edit this post has passed." : "You can only edit your own posts.",
    };
  }
  return {
    kind: "found" as const,
    post: { id: post.id, number: post.number, markdown: post.bodyMarkdown, url: postPath(post.thread, post.number) },
    thread: { title: post.thread.title, url: threadPath(post.thread) },
  };
}
