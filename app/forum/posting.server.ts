import { can, canAt, AUTHOR_EDIT_WINDOW_MS, type Actor } from "../auth/permissions";
import { prisma } from "../lib/db.server";
import { onAnswerAccepted, onPostLiked, publishThreadActivity, type ForumPostEvent } from "./activity-notices.server";
import { purgeForumPages } from "./cache.server";
import {
  authorStandingColumns,
  authorStandingOf,
  bodyHashOf,
  checkMemberLimits,
  checkPostingLimits,
  standingVerdict,
  takeMemberTurn,
  type AuthorStandingRow,
  type PostingVerdict,
} from "./limits.server";
import type { Prisma } from "../generated/prisma/client";
import { recordAudit } from "../audit/audit.server";
import { postPath, slugify, threadPath } from "./paths";
import { resolveOutdatedFlagsOnReplace } from "./qa-hygiene.server";
import { renderPostBody } from "./render.server";
import type { NewThreadInput } from "./schemas";
import { syncThreadSearchQuietly } from "./search-documents.server";
import { isSuspended } from "./suspensions.server";
import { Refusal } from "../lib/refusal";
import { afterTasksQueued } from "../lib/task-queue.server";
import { inRetriedTransaction, isUniqueClash, type Tx } from "../lib/transactions.server";
import { queueNewPostWork } from "./post-tasks.server";

/**
 * Writing to the forum. Each write is one transaction that also keeps the counters (post numbers,
 * post, like and reply counts, last activity) and tells the notification system; after it commits,
 * the cached pages it changed are purged, the search index follows, and live readers hear of it.
 * Refusals are Refusal (a status and a message for the member), never a 500.
 */

/** A unique clash on the post number means another reply took it first: try again. */
function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return inRetriedTransaction(work, { retryAlso: isUniqueClash });
}

async function refuseIfSuspended(tx: Tx, actor: Actor, now: Date) {
  if (await isSuspended(actor.id, now, tx))
    throw new Refusal(403, "Your account is suspended: you cannot post, like or flag for now.");
}

function refuseUnlessAllowed(verdict: PostingVerdict) {
  if (!verdict.allowed) throw new Refusal(verdict.status, verdict.message);
}

function event(
  thread: { id: number; slug: string; title: string },
  post: { id: number; number: number; authorId: string; bodyMarkdown: string },
): ForumPostEvent {
  return {
    threadId: thread.id,
    threadTitle: thread.title,
    threadUrl: postPath(thread, post.number),
    postId: post.id,
    postNumber: post.number,
    authorId: post.authorId,
    bodyMarkdown: post.bodyMarkdown,
  };
}

async function afterWrite(threadId: number, categorySlug: string, postNumber?: number) {
  purgeForumPages({ threadId, categorySlugs: [categorySlug] });
  await syncThreadSearchQuietly(threadId);
  if (postNumber !== undefined) publishThreadActivity(threadId, postNumber);
}

/**
 * After a new post commits: the pages that list it are refreshed softly (served a few seconds stale
 * while one render makes the new copy: a new post removes nothing), live readers hear of it, and the
 * queued work (notifications, indexing) starts after the response. Every list page, each category's
 * among them, carries the forum-list tag, so the thread's tag and that one cover them all.
 */
async function afterNewPost(threadId: number, postNumber: number) {
  purgeForumPages({ threadId }, "soft");
  publishThreadActivity(threadId, postNumber);
  await afterTasksQueued();
}

export async function createThread(actor: Actor, input: NewThreadInput, now = new Date()) {
  if (!can(actor, "forum:thread:create")) throw new Refusal(403, "You cannot start threads.");
  const category = await prisma.forumCategory.findUnique({ where: { slug: input.category } });
  if (!category) throw new Refusal(400, "Choose a category from the list.", { field: "category" });
  if (category.staffOnlyThreads && !can(actor, "forum:announcement:create")) {
    throw new Refusal(403, `Only staff start threads in ${category.name}; you can reply to them.`, {
      field: "category",
    });
  }
  const bodyHtml = await renderPostBody(input.body);
  const thread = await inTransaction(async (tx) => {
    refuseUnlessAllowed(await checkPostingLimits(tx, actor, "thread", input.body, now));
    const created = await tx.forumThread.create({
      data: {
        categoryId: category.id,
        authorId: actor.id,
        title: input.title,
        slug: slugify(input.title),
        postCount: 1,
        lastPostNumber: 1,
        lastPostAt: now,
        createdAt: now,
        tags: { create: input.tags.map((tag) => ({ tag })) },
        posts: {
          create: {
            number: 1,
            authorId: actor.id,
            bodyMarkdown: input.body,
            bodyHash: bodyHashOf(input.body),
            bodyHtml,
            createdAt: now,
          },
        },
      },
      include: { posts: { select: { id: true, number: true } } },
    });
    await queueNewPostWork(tx, { id: created.posts[0].id, threadId: created.id, number: 1 });
    return created;
  });
  await afterNewPost(thread.id, 1);
  return { id: thread.id, slug: thread.slug, url: threadPath(thread) };
}

type NumberedThread = AuthorStandingRow & {
  id: number;
  slug: string;
  title: string;
  lastPostNumber: number;
  locked: boolean;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  mergedIntoId: number | null;
  duplicateOfId: number | null;
};

/**
 * A reply's post number, taken by the UPDATE itself (the row lock on PostgreSQL, the write lock on
 * SQLite), so two replies never get the same one; the thread's state and the author's standing come
 * back from the same statement, and the caller's checks roll the number back. null when the thread
 * does not exist. Plain SQL (the same on both databases) like the reply's other statements: a reply
 * is the write members make most, and as model queries its transaction cost twice the main-thread
 * time (decision record 018). `updatedAt` is set here because only model queries set it themselves.
 */
async function takeReplyNumber(
  tx: Tx,
  threadId: number,
  standing: Prisma.Sql,
  now: Date,
): Promise<NumberedThread | null> {
  const rows = await tx.$queryRaw<NumberedThread[]>`
    UPDATE "ForumThread"
    SET "lastPostNumber" = "lastPostNumber" + 1, "postCount" = "postCount" + 1, "lastPostAt" = ${now}, "updatedAt" = ${now}
    WHERE "id" = ${threadId}
    RETURNING "id", "slug", "title", "lastPostNumber", "locked", "deletedAt", "hiddenAt", "mergedIntoId", "duplicateOfId", ${standing}`;
  return rows[0] ?? null;
}

function refuseIfClosedToReplies(thread: NumberedThread) {
  if (thread.deletedAt || thread.mergedIntoId !== null)
    throw new Refusal(409, "That thread was deleted or merged into another: it takes no new replies.");
  if (thread.hiddenAt)
    throw new Refusal(409, "That thread is hidden while moderators review it: it takes no new replies for now.");
  if (thread.locked) throw new Refusal(403, "This thread is locked: it takes no new replies.");
  if (thread.duplicateOfId !== null)
    throw new Refusal(
      409,
      `This question was closed as a duplicate: reply in the original thread (/community/t/${thread.duplicateOfId}) instead.`,
    );
}

async function insertReply(
  tx: Tx,
  reply: {
    threadId: number;
    number: number;
    authorId: string;
    body: string;
    bodyHash: string;
    bodyHtml: string;
    now: Date;
  },
) {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO "ForumPost" ("threadId", "number", "authorId", "bodyMarkdown", "bodyHash", "bodyHtml", "createdAt")
    VALUES (${reply.threadId}, ${reply.number}, ${reply.authorId}, ${reply.body}, ${reply.bodyHash}, ${reply.bodyHtml}, ${reply.now})
    RETURNING "id"`;
  return { id: rows[0].id, number: reply.number };
}

/**
 * A reply: three statements in one transaction for staff (the thread's next number with the author's
 * standing, the post, its queued work), the stored HTML rendered before it starts. A member's
 * transaction first takes their turn on their own row and, after the standing, counts their limits
 * (app/forum/limits.server.ts): the same checks as a new thread's, in the same order.
 */
export async function replyToThread(actor: Actor, threadId: number, body: string, now = new Date()) {
  if (!can(actor, "forum:post:create")) throw new Refusal(403, "You cannot reply.");
  const bodyHash = bodyHashOf(body);
  const bodyHtml = await renderPostBody(body);
  const result = await inTransaction(async (tx) => {
    await takeMemberTurn(tx, actor);
    const thread = await takeReplyNumber(tx, threadId, authorStandingColumns(actor.id, bodyHash, now), now);
    if (!thread) throw new Refusal(404, "That thread does not exist.");
    refuseUnlessAllowed(standingVerdict(authorStandingOf(thread), now));
    refuseIfClosedToReplies(thread);
    refuseUnlessAllowed(await checkMemberLimits(tx, actor, "reply", body, now));
    const post = await insertReply(tx, {
      threadId,
      number: thread.lastPostNumber,
      authorId: actor.id,
      body,
      bodyHash,
      bodyHtml,
      now,
    });
    await queueNewPostWork(tx, { id: post.id, threadId, number: post.number });
    return { thread, post };
  });
  await afterNewPost(threadId, result.post.number);
  return { number: result.post.number, url: postPath(result.thread, result.post.number) };
}

async function loadPost(postId: number) {
  const post = await prisma.forumPost.findUnique({
    where: { id: postId },
    include: {
      thread: {
        select: {
          id: true,
          slug: true,
          title: true,
          authorId: true,
          acceptedPostId: true,
          deletedAt: true,
          hiddenAt: true,
          locked: true,
          category: { select: { slug: true, isQuestions: true } },
        },
      },
    },
  });
  if (!post || post.thread.deletedAt) throw new Refusal(404, "That post does not exist.");
  return post;
}

export async function editPost(actor: Actor, postId: number, body: string, now = new Date()) {
  const post = await loadPost(postId);
  if (post.deletedAt) throw new Refusal(409, "That post was deleted; it cannot be edited.");
  if (!canAt(now, actor, "forum:post:edit", { authorId: post.authorId, createdAt: post.createdAt })) {
    throw new Refusal(
      403,
      actor.id === post.authorId
        ? `You can edit a post for ${AUTHOR_EDIT_WINDOW_MS / 60_000} minutes after posting; that time has passed.`
        : "You can only edit your own posts.",
    );
  }
  if (body === post.bodyMarkdown) return { url: postPath(post.thread, post.number) };
  const bodyHtml = await renderPostBody(body);
  await inTransaction(async (tx) => {
    await refuseIfSuspended(tx, actor, now);
    await tx.forumPostRevision.create({
      data: { postId, editorId: actor.id, bodyMarkdown: post.bodyMarkdown, createdAt: now },
    });
    await tx.forumPost.update({ where: { id: postId }, data: { bodyMarkdown: body, bodyHtml, editedAt: now } });
    // A moderator editing someone else's post is a moderator action: it goes to the audit log.
    if (actor.id !== post.authorId) {
      await recordAudit(
        tx,
        {
          actorId: actor.id,
          action: "post.edit",
          subjectType: "post",
          subjectId: postId,
          details: { threadId: post.threadId, number: post.number, authorId: post.authorId },
        },
        now,
      );
    }
  });
  await afterWrite(post.threadId, post.thread.category.slug);
  return { url: postPath(post.thread, post.number) };
}

/** Soft delete: the post keeps its place ("deleted by author"), replies stay, it leaves the index at once. */
export async function deleteOwnPost(actor: Actor, postId: number, now = new Date()) {
  const post = await loadPost(postId);
  if (!can(actor, "forum:post:delete-own", { authorId: post.authorId }))
    throw new Refusal(403, "You can only delete your own posts.");
  if (post.deletedAt) throw new Refusal(409, "That post is already deleted.");
  await inTransaction(async (tx) => {
    await tx.forumPost.update({ where: { id: postId }, data: { deletedAt: now, deletedById: actor.id } });
    if (post.thread.acceptedPostId === postId) {
      await tx.forumThread.update({ where: { id: post.threadId }, data: { acceptedPostId: null } });
      await resolveOutdatedFlagsOnReplace(tx, post.threadId, postId, actor.id, now);
    }
  });
  await afterWrite(post.threadId, post.thread.category.slug);
  return { url: postPath(post.thread, post.number) };
}

/** Marks a reply as the accepted answer (or, with postId null, takes the mark away); the asker or a moderator. */
export async function acceptAnswer(actor: Actor, threadId: number, postId: number | null, now = new Date()) {
  const thread = await prisma.forumThread.findUnique({
    where: { id: threadId },
    include: { category: { select: { slug: true, isQuestions: true } } },
  });
  if (!thread || thread.deletedAt) throw new Refusal(404, "That thread does not exist.");
  if (!thread.category.isQuestions) throw new Refusal(409, "Only questions have accepted answers.");
  if (!can(actor, "forum:answer:accept", { authorId: thread.authorId })) {
    throw new Refusal(403, "Only the member who asked (or a moderator) can accept an answer.");
  }
  if (postId !== null) {
    const post = await prisma.forumPost.findUnique({ where: { id: postId } });
    if (!post || post.threadId !== threadId) throw new Refusal(404, "That reply is not in this thread.");
    if (post.number === 1) throw new Refusal(409, "The question itself cannot be its answer; accept a reply.");
    if (post.deletedAt || post.hiddenAt)
      throw new Refusal(409, "That reply was deleted or hidden; it cannot be the answer.");
    if (thread.acceptedPostId === postId) throw new Refusal(409, "That reply is already the accepted answer.");
  }
  await inTransaction(async (tx) => {
    await refuseIfSuspended(tx, actor, now);
    const updated = await tx.forumThread.update({ where: { id: threadId }, data: { acceptedPostId: postId } });
    // Another answer (or none) replaces the accepted one: flags that it was outdated are settled.
    await resolveOutdatedFlagsOnReplace(tx, threadId, thread.acceptedPostId, actor.id, now);
    if (postId !== null) {
      const post = await tx.forumPost.findUniqueOrThrow({
        where: { id: postId },
        select: { id: true, number: true, authorId: true, bodyMarkdown: true },
      });
      await onAnswerAccepted(tx, { ...event(updated, post), acceptedById: actor.id });
    }
  });
  await afterWrite(threadId, thread.category.slug);
  return { url: threadPath(thread) };
}

/**
 * Likes one post (liked = true) or takes the like back (false). One like per member per post: the
 * primary key refuses a second, which reads as "already liked" (409); a member cannot like their own post (403).
 */
export async function setLike(actor: Actor, postId: number, liked: boolean, now = new Date()) {
  const post = await loadPost(postId);
  if (!can(actor, "forum:post:like", { authorId: post.authorId }))
    throw new Refusal(403, "You cannot like your own post.");
  if (post.deletedAt || post.hiddenAt) throw new Refusal(409, "That post was deleted or hidden; it cannot be liked.");
  const likeCount = await inTransaction(async (tx) => {
    if (liked) {
      const inserted = await tx.forumLike
        .createMany({ data: [{ postId, userId: actor.id, createdAt: now }] })
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === "P2002") return { count: 0 };
          throw error;
        });
      if (inserted.count === 0) throw new Refusal(409, "You already liked this post.");
      await refuseIfSuspended(tx, actor, now);
    } else {
      const removed = await tx.forumLike.deleteMany({ where: { postId, userId: actor.id } });
      if (removed.count === 0) throw new Refusal(409, "You had not liked this post.");
    }
    const change = liked ? { increment: 1 } : { decrement: 1 };
    const updated = await tx.forumPost.update({
      where: { id: postId },
      data: { likeCount: change },
      select: { id: true, number: true, authorId: true, bodyMarkdown: true, likeCount: true },
    });
    await tx.forumThread.update({ where: { id: post.threadId }, data: { likeCount: change } });
    if (liked) await onPostLiked(tx, { ...event(post.thread, updated), likedById: actor.id });
    return updated.likeCount;
  });
  purgeForumPages({ threadId: post.threadId, categorySlugs: [post.thread.category.slug] });
  return { likeCount, liked, url: postPath(post.thread, post.number) };
}

export async function createCategory(
  actor: Actor,
  input: { name: string; slug: string; description: string; staffOnlyThreads?: boolean; isQuestions?: boolean },
) {
  if (!can(actor, "forum:category:create")) throw new Refusal(403, "Only staff can add categories.");
  if (await prisma.forumCategory.findUnique({ where: { slug: input.slug } }))
    throw new Refusal(409, "A category with that address already exists.", { field: "slug" });
  const last = await prisma.forumCategory.findFirst({ orderBy: { position: "desc" }, select: { position: true } });
  const category = await prisma.forumCategory.create({
    data: {
      name: input.name,
      slug: input.slug,
      description: input.description,
      staffOnlyThreads: input.staffOnlyThreads ?? false,
      isQuestions: input.isQuestions ?? false,
      position: (last?.position ?? 0) + 1,
    },
  });
  purgeForumPages({ categorySlugs: [category.slug] });
  return category;
}
