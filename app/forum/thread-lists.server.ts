import type { Actor } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { categoryPath, postPath, threadPath, THREADS_PER_PAGE, type ListQuery } from "./paths";
import type { CategoryView, ThreadList, ThreadListItem } from "./views";

/**
 * The forum's lists: categories, threads of a category or tag, popular tags. Every list leaves out
 * threads that are deleted, hidden or merged into another.
 */

const LISTED: Prisma.ForumThreadWhereInput = { deletedAt: null, hiddenAt: null, mergedIntoId: null };

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
