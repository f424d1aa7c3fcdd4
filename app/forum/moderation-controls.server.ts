import { can, type Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { POST_INCLUDE } from "./moderation-common.server";
import type { ThreadModerationView } from "./moderation-views";
import { postPath, threadPath } from "./paths";

/** What the thread page and the no-JavaScript post pages need to show the flag and moderator controls. */

/**
 * One post as the no-JavaScript flag and moderator pages show it (/community/posts/<id>/flag and
 * /moderate): null when the viewer may not act on it there, so the route answers 404 rather than a form that
 * could only be refused.
 */
export async function loadPostForPostControls(viewer: Actor, postId: number, controls: "flag" | "moderate") {
  const post = await prisma.forumPost.findUnique({
    where: { id: postId },
    include: { ...POST_INCLUDE, author: { select: { id: true, name: true } } },
  });
  if (!post || post.thread.deletedAt || post.deletedAt) return null;
  const view = await threadModerationView(viewer, [post.id]);
  const alreadyFlagged = view.flaggedPostIds.includes(post.id);
  if (controls === "flag" && (!view.canFlag || post.authorId === viewer.id || (post.hiddenAt && !alreadyFlagged)))
    return null;
  if (controls === "moderate" && !view.moderator) return null;
  return {
    id: post.id,
    number: post.number,
    hidden: !!post.hiddenAt,
    deleted: false,
    url: postPath(post.thread, post.number),
    author: { id: post.author.id, name: post.author.name },
    thread: { title: post.thread.title, url: threadPath(post.thread) },
    alreadyFlagged,
    canSuspend: !!view.moderator?.canSuspend,
    isSelf: post.authorId === viewer.id,
  };
}

export async function threadModerationView(
  viewer: Actor | null,
  postIds: number[],
  now = new Date(),
): Promise<ThreadModerationView> {
  if (!viewer) return { canFlag: false, viewerId: null, flaggedPostIds: [], moderator: null };
  const user = await prisma.user.findUnique({ where: { id: viewer.id }, select: { suspendedUntil: true } });
  const suspended = !!user?.suspendedUntil && user.suspendedUntil > now;
  const flagged = await prisma.forumFlag.findMany({
    where: { userId: viewer.id, postId: { in: postIds } },
    select: { postId: true },
  });
  const isModerator = can(viewer, "forum:thread:lock");
  const categories = isModerator
    ? await prisma.forumCategory.findMany({
        orderBy: [{ position: "asc" }, { name: "asc" }],
        select: { slug: true, name: true },
      })
    : [];
  return {
    canFlag: !suspended,
    viewerId: viewer.id,
    flaggedPostIds: flagged.map((flag) => flag.postId),
    moderator: isModerator
      ? { categories, canReview: can(viewer, "forum:review"), canSuspend: can(viewer, "user:suspend") }
      : null,
  };
}
