import type { Actor } from "../auth/permissions";
import { can, canAt } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { authorBadge } from "./badges";
import { duplicateTarget, outdatedState } from "./qa-hygiene.server";
import { categoryPath, pageOfPost, POSTS_PER_PAGE, postPath, threadPath } from "./paths";
import { canModerate } from "./reading-access";
import { isSuspended } from "./suspensions.server";
import type { AuthorView, PostView, ThreadView } from "./views";

/** One page of a thread as a viewer sees it; a hidden post's text is shown to moderators only. */

export type ThreadLookup =
  { kind: "found"; thread: ThreadView } | { kind: "redirect"; to: string } | { kind: "missing" };

const AUTHOR_SELECT = { id: true, name: true, username: true, role: true, isExpert: true, createdAt: true } as const;

/**
 * One page of a thread for this viewer. The route redirects to `redirect` (a changed slug, a merged
 * thread, a page past the end); `missing` is a 404, also for a hidden thread seen by a non-moderator.
 */
export async function loadThreadPage(
  id: number,
  slug: string,
  requestedPage: number,
  viewer: Actor | null,
  now = new Date(),
): Promise<ThreadLookup> {
  const thread = await prisma.forumThread.findUnique({
    where: { id },
    include: {
      category: true,
      tags: { select: { tag: true }, orderBy: { tag: "asc" } },
      author: { select: { id: true, name: true } },
    },
  });
  const moderator = canModerate(viewer);
  if (!thread || thread.deletedAt || (thread.hiddenAt && !moderator)) return { kind: "missing" };
  if (thread.mergedIntoId !== null) {
    const target = await prisma.forumThread.findUnique({
      where: { id: thread.mergedIntoId },
      select: { id: true, slug: true },
    });
    return target ? { kind: "redirect", to: threadPath(target) } : { kind: "missing" };
  }
  const pageCount = Math.max(1, pageOfPost(thread.lastPostNumber));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  if (slug !== thread.slug || page !== requestedPage) return { kind: "redirect", to: threadPath(thread, page) };

  const first = (page - 1) * POSTS_PER_PAGE + 1;
  const posts = await prisma.forumPost.findMany({
    where: { threadId: id, number: { gte: first, lte: first + POSTS_PER_PAGE - 1 } },
    orderBy: { number: "asc" },
    include: { author: { select: AUTHOR_SELECT } },
  });
  const accepted =
    thread.acceptedPostId !== null && !posts.some((post) => post.id === thread.acceptedPostId)
      ? await prisma.forumPost.findUnique({
          where: { id: thread.acceptedPostId },
          include: { author: { select: AUTHOR_SELECT } },
        })
      : null;
  const shown = accepted ? [...posts, accepted] : posts;
  const authorIds = [...new Set(shown.map((post) => post.authorId))];
  const postCounts = await prisma.forumPost.groupBy({
    by: ["authorId"],
    where: { authorId: { in: authorIds }, deletedAt: null },
    _count: { _all: true },
  });
  const liked = viewer
    ? new Set(
        (
          await prisma.forumLike.findMany({
            where: { userId: viewer.id, postId: { in: shown.map((post) => post.id) } },
            select: { postId: true },
          })
        ).map((like) => like.postId),
      )
    : new Set<number>();
  const suspended = viewer ? await isSuspended(viewer.id, now) : false;

  const duplicateOf = await duplicateTarget(thread.duplicateOfId);
  const closedAsDuplicate = thread.duplicateOfId !== null;
  const canReplyHere =
    !!viewer && !suspended && !thread.locked && !closedAsDuplicate && can(viewer, "forum:post:create");
  const toView = (post: (typeof shown)[number]): PostView => {
    const author: AuthorView = {
      id: post.author.id,
      name: post.author.name,
      username: post.author.username,
      badge: authorBadge(
        { ...post.author, postCount: postCounts.find((entry) => entry.authorId === post.authorId)?._count._all ?? 0 },
        now,
      ),
    };
    const deleted = post.deletedAt !== null;
    const hidden = post.hiddenAt !== null;
    const bodyShown = !deleted && (!hidden || moderator);
    const live = !deleted && !hidden;
    return {
      id: post.id,
      number: post.number,
      url: postPath(thread, post.number),
      author,
      html: bodyShown ? post.bodyHtml : "",
      markdown: bodyShown ? post.bodyMarkdown : "",
      createdAt: post.createdAt.toISOString(),
      editedAt: post.editedAt?.toISOString() ?? null,
      deleted,
      deletedBy: deleted
        ? post.deletedById !== null && post.deletedById !== post.authorId
          ? "moderator"
          : "author"
        : null,
      hidden,
      likeCount: post.likeCount,
      likedByViewer: liked.has(post.id),
      isAccepted: post.id === thread.acceptedPostId,
      can: {
        edit:
          live &&
          !!viewer &&
          !suspended &&
          canAt(now, viewer, "forum:post:edit", { authorId: post.authorId, createdAt: post.createdAt }),
        delete: !deleted && !!viewer && can(viewer, "forum:post:delete-own", { authorId: post.authorId }),
        like: live && !!viewer && !suspended && can(viewer, "forum:post:like", { authorId: post.authorId }),
        accept:
          live &&
          thread.category.isQuestions &&
          post.number > 1 &&
          !!viewer &&
          can(viewer, "forum:answer:accept", { authorId: thread.authorId }),
        quote: live && canReplyHere,
      },
    };
  };
  const acceptedPost = accepted ?? posts.find((post) => post.id === thread.acceptedPostId) ?? null;
  const outdated = acceptedPost ? await outdatedState(thread.id, thread.acceptedPostId, viewer) : null;
  const canConfirmAnswer =
    !!viewer &&
    !suspended &&
    !!outdated &&
    outdated.flagCount > 0 &&
    can(viewer, "forum:answer:accept", { authorId: thread.authorId });
  return {
    kind: "found",
    thread: {
      id: thread.id,
      slug: thread.slug,
      title: thread.title,
      url: threadPath(thread),
      category: {
        slug: thread.category.slug,
        name: thread.category.name,
        url: categoryPath(thread.category.slug),
        isQuestions: thread.category.isQuestions,
      },
      tags: thread.tags.map((entry) => entry.tag),
      author: thread.author,
      pinned: thread.pinned,
      locked: thread.locked,
      postCount: thread.postCount,
      likeCount: thread.likeCount,
      lastPostNumber: thread.lastPostNumber,
      createdAt: thread.createdAt.toISOString(),
      solved: thread.acceptedPostId !== null,
      accepted: acceptedPost ? toView(acceptedPost) : null,
      outdated: outdated && outdated.flagCount > 0 ? { flagCount: outdated.flagCount, notes: outdated.notes } : null,
      duplicateOf: closedAsDuplicate
        ? (duplicateOf ?? {
            id: thread.duplicateOfId ?? 0,
            title: "another thread",
            url: `/community/t/${thread.duplicateOfId}`,
          })
        : null,
      posts: posts.map(toView),
      page,
      pageCount,
      viewer: {
        signedIn: !!viewer,
        canReply: canReplyHere,
        replyRefusal: !viewer
          ? null
          : closedAsDuplicate
            ? "This question was closed as a duplicate: reply in the original thread."
            : thread.locked
              ? "This thread is locked: it takes no new replies."
              : suspended
                ? "Your account is suspended: you cannot post for now."
                : null,
        canFlagOutdated: !!viewer && !suspended && !!acceptedPost && !(outdated?.flaggedByViewer ?? false),
        canConfirmAnswer,
      },
    },
  };
}
