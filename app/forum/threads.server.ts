import type { Actor } from "../auth/permissions";
import { can, canAt } from "../auth/permissions";
import { isRole, isStaff } from "../auth/roles";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { authorBadge } from "./badges";
import { duplicateTarget, outdatedState } from "./qa-hygiene.server";
import {
  categoryPath,
  pageOfPost,
  POSTS_PER_PAGE,
  postPath,
  threadPath,
  THREADS_PER_PAGE,
  type ListQuery,
} from "./paths";
import type { AuthorView, CategoryView, PostView, ThreadList, ThreadListItem, ThreadView } from "./views";

/**
 * Reading the forum: categories, lists and thread pages. Every query leaves out threads that are
 * deleted, hidden or merged into another, and shows a hidden post's text to moderators only.
 */

const LISTED: Prisma.ForumThreadWhereInput = { deletedAt: null, hiddenAt: null, mergedIntoId: null };

function isStaffActor(actor: Actor | null) {
  return !!actor && isRole(actor.role) && isStaff(actor.role);
}

function canModerate(actor: Actor | null) {
  return can(actor, "forum:post:hide");
}

export async function listCategories(): Promise<CategoryView[]> {
  const categories = await prisma.forumCategory.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] });
  const counts = await prisma.forumThread.groupBy({
    by: ["categoryId"],
    where: LISTED,
    _count: { _all: true },
    _sum: { postCount: true },
  });
  const latest = await Promise.all(
    categories.map((category) =>
      prisma.forumThread.findFirst({
        where: { ...LISTED, categoryId: category.id },
        orderBy: { lastPostAt: "desc" },
        select: {
          id: true,
          slug: true,
          title: true,
          lastPostAt: true,
          lastPostNumber: true,
          author: { select: { name: true } },
        },
      }),
    ),
  );
  return categories.map((category, index) => {
    const count = counts.find((entry) => entry.categoryId === category.id);
    const threadCount = count?._count._all ?? 0;
    const thread = latest[index];
    return {
      id: category.id,
      slug: category.slug,
      name: category.name,
      description: category.description,
      url: categoryPath(category.slug),
      staffOnlyThreads: category.staffOnlyThreads,
      isQuestions: category.isQuestions,
      threadCount,
      replyCount: (count?._sum.postCount ?? 0) - threadCount,
      latest: thread
        ? {
            title: thread.title,
            url: threadPath(thread),
            at: thread.lastPostAt.toISOString(),
            authorName: thread.author.name,
          }
        : null,
    };
  });
}

export async function findCategory(slug: string) {
  return prisma.forumCategory.findUnique({ where: { slug } });
}

const PERIOD_DAYS = { week: 7, month: 30 } as const;

export type ListScope = { categoryId?: string; tag?: string };

function listWhere(scope: ListScope, query: ListQuery, now: Date): Prisma.ForumThreadWhereInput {
  const where: Prisma.ForumThreadWhereInput = { ...LISTED };
  if (scope.categoryId) where.categoryId = scope.categoryId;
  if (scope.tag) where.tags = { some: { tag: scope.tag } };
  if (query.sort === "top" && query.period !== "all")
    where.createdAt = { gte: new Date(now.getTime() - PERIOD_DAYS[query.period] * 86_400_000) };
  // "Unanswered" and "unsolved" are about questions; discussions and tips have no answer to wait for.
  // A question closed as a duplicate waits for nothing: its answer is in the original.
  if (query.sort === "unanswered")
    Object.assign(where, { postCount: { lte: 1 }, duplicateOfId: null, category: { isQuestions: true } });
  if (query.solved === "solved") where.acceptedPostId = { not: null };
  if (query.solved === "unsolved")
    Object.assign(where, { acceptedPostId: null, duplicateOfId: null, category: { isQuestions: true } });
  return where;
}

function listOrder(query: ListQuery): Prisma.ForumThreadOrderByWithRelationInput[] {
  if (query.sort === "top") return [{ likeCount: "desc" }, { postCount: "desc" }, { id: "desc" }];
  if (query.sort === "unanswered") return [{ createdAt: "desc" }, { id: "desc" }];
  // Pinned threads (announcements) lead the latest list; the id breaks ties so pages never overlap.
  return [{ pinned: "desc" }, { lastPostAt: "desc" }, { id: "desc" }];
}

export async function listThreads(
  scope: ListScope,
  query: ListQuery,
  viewer: Actor | null,
  now = new Date(),
): Promise<ThreadList> {
  const where = listWhere(scope, query, now);
  const total = await prisma.forumThread.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / THREADS_PER_PAGE));
  const page = Math.min(query.page, pageCount);
  const rows = await prisma.forumThread.findMany({
    where,
    orderBy: listOrder(query),
    skip: (page - 1) * THREADS_PER_PAGE,
    take: THREADS_PER_PAGE,
    include: {
      category: { select: { slug: true, name: true, isQuestions: true } },
      tags: { select: { tag: true }, orderBy: { tag: "asc" } },
      author: { select: { name: true, username: true } },
    },
  });
  const markers = viewer
    ? await prisma.forumReadMarker.findMany({
        where: { userId: viewer.id, threadId: { in: rows.map((row) => row.id) } },
      })
    : [];
  const threads: ThreadListItem[] = rows.map((row) => {
    const marker = markers.find((entry) => entry.threadId === row.id);
    const unread = viewer ? (marker ? Math.max(0, row.lastPostNumber - marker.lastReadNumber) : null) : null;
    return {
      id: row.id,
      title: row.title,
      url: threadPath(row),
      category: { slug: row.category.slug, name: row.category.name, url: categoryPath(row.category.slug) },
      tags: row.tags.map((entry) => entry.tag),
      author: row.author,
      replyCount: Math.max(0, row.postCount - 1),
      likeCount: row.likeCount,
      createdAt: row.createdAt.toISOString(),
      lastPostAt: row.lastPostAt.toISOString(),
      pinned: row.pinned,
      locked: row.locked,
      isQuestion: row.category.isQuestions,
      solved: row.acceptedPostId !== null,
      unread,
      unreadUrl: marker && unread ? postPath(row, marker.lastReadNumber + 1) : null,
    };
  });
  return { threads, total, page, pageCount };
}

export async function popularTags(limit = 12): Promise<{ tag: string; count: number }[]> {
  const rows = await prisma.forumThreadTag.groupBy({
    by: ["tag"],
    where: { thread: LISTED },
    _count: { tag: true },
    orderBy: { _count: { tag: "desc" } },
    take: limit,
  });
  return rows.map((row) => ({ tag: row.tag, count: row._count.tag }));
}

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

export async function isSuspended(
  userId: string,
  now = new Date(),
  db: Prisma.TransactionClient = prisma,
): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { suspendedUntil: true } });
  return !!user?.suspendedUntil && user.suspendedUntil > now;
}

/** Remembers how far a signed-in member has read (never moves back), for the unread counts in lists. */
export async function markThreadRead(userId: string, threadId: number, upToNumber: number) {
  const existing = await prisma.forumReadMarker.findUnique({ where: { userId_threadId: { userId, threadId } } });
  if (existing && existing.lastReadNumber >= upToNumber) return;
  await prisma.forumReadMarker.upsert({
    where: { userId_threadId: { userId, threadId } },
    create: { userId, threadId, lastReadNumber: upToNumber },
    update: { lastReadNumber: upToNumber },
  });
}

/**
 * How far a signed-in reader has read, as the thread page reports it once it is shown (a POST: loading
 * a page writes nothing). Only a thread they can open counts, and never past its last post.
 */
export async function recordThreadRead(viewer: Actor, threadId: number, upToNumber: number): Promise<boolean> {
  const thread = await prisma.forumThread.findUnique({
    where: { id: threadId },
    select: { lastPostNumber: true, deletedAt: true, hiddenAt: true, mergedIntoId: true },
  });
  if (!thread || thread.deletedAt || thread.mergedIntoId !== null || (thread.hiddenAt && !canModerate(viewer)))
    return false;
  await markThreadRead(viewer.id, threadId, Math.min(upToNumber, thread.lastPostNumber));
  return true;
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
