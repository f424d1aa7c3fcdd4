import { can, type Actor } from "../auth/permissions";
import { isRole, isStaff } from "../auth/roles";
import { invalidateUserSessions } from "../auth/session.server";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { recordAudit } from "../audit/audit.server";
import { removeDocuments } from "../search/writes.server";
import { purgeForumPages } from "./cache.server";
import { MAX_SUSPENSION_DAYS } from "./moderation-schemas";
import type { ThreadModerationView } from "./moderation-views";
import { postPath, threadPath } from "./paths";
import { renderPostBody } from "./render.server";
import { postDocumentId, syncThreadSearchQuietly, threadDocumentId } from "./search-documents.server";
import { Refusal } from "../lib/refusal";

/**
 * What moderators do to posts, threads and members: the review queue's decisions (approve, hide,
 * delete), suspension, lock, pin, move, merge, and editing any post. Each action is one transaction
 * that also writes its audit row; after it commits the cached pages it changed are purged and the
 * search index follows (hidden and deleted posts leave it at once). A refusal is a Refusal
 * (403 not allowed, 404 gone, 409 the state forbids it), never a 500.
 */

type Tx = Prisma.TransactionClient;
const DAY_MS = 24 * 60 * 60 * 1000;

function isBusy(error: unknown) {
  if (error instanceof Refusal || !(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return (
    code === "P2034" || /SQLITE_BUSY|database is locked|deadlock detected|could not serialize/i.test(error.message)
  );
}

/** One transaction, retried when another writer held the database (SQLite) or won a serialization race (PostgreSQL). */
export async function inModerationTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(work, { timeout: 15_000, maxWait: 15_000 });
    } catch (error) {
      if (attempt >= 6 || !isBusy(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}

function refuseUnless(allowed: boolean, message: string) {
  if (!allowed) throw new Refusal(403, message);
}

/** After a change commits: the pages that show it, and the index. */
async function afterChange(threadIds: number[], categorySlugs: string[]) {
  for (const threadId of new Set(threadIds)) purgeForumPages({ threadId, categorySlugs });
  if (threadIds.length === 0) purgeForumPages({ categorySlugs });
  for (const threadId of new Set(threadIds)) await syncThreadSearchQuietly(threadId);
}

const POST_INCLUDE = {
  thread: {
    select: {
      id: true,
      slug: true,
      title: true,
      acceptedPostId: true,
      deletedAt: true,
      category: { select: { slug: true } },
    },
  },
} as const;

async function loadPost(postId: number) {
  const post = await prisma.forumPost.findUnique({ where: { id: postId }, include: POST_INCLUDE });
  if (!post || post.thread.deletedAt)
    throw new Refusal(404, "That post does not exist (it may have been deleted with its thread).");
  return post;
}

// ---------------------------------------------------------------------------
// Review queue

export type ReviewDecision = "approve" | "hide" | "delete";

const RESOLUTION: Record<ReviewDecision, string> = { approve: "approved", hide: "hidden", delete: "deleted" };

/**
 * A moderator's decision on a post: approve (shown again, flags resolved, and the flags no longer
 * count against its author), hide (kept, shown to moderators only) or delete (soft; deleting the
 * opening post deletes the thread, as spam threads are). Every decision is audited.
 */
export async function moderatePost(
  actor: Actor,
  postId: number,
  decision: ReviewDecision,
  reason = "",
  now = new Date(),
) {
  refuseUnless(
    decision === "approve" ? can(actor, "forum:review") : can(actor, "forum:post:hide"),
    "Only moderators can review posts.",
  );
  const post = await loadPost(postId);
  if (post.deletedAt) throw new Refusal(409, "That post is already deleted.");
  const openFlags = await prisma.forumFlag.count({ where: { postId, resolvedAt: null } });
  if (decision === "approve" && !post.hiddenAt && openFlags === 0)
    throw new Refusal(409, "That post is neither hidden nor flagged: there is nothing to approve.");
  if (decision === "hide" && post.hiddenAt && openFlags === 0) throw new Refusal(409, "That post is already hidden.");
  const deletesThread = decision === "delete" && post.number === 1;

  await inModerationTransaction(async (tx) => {
    const data: Prisma.ForumPostUpdateInput =
      decision === "approve"
        ? { hiddenAt: null, hiddenReason: null, flagCount: 0 }
        : decision === "hide"
          ? { hiddenAt: post.hiddenAt ?? now, hiddenReason: "moderator" }
          : { deletedAt: now, deletedById: actor.id };
    await tx.forumPost.update({ where: { id: postId }, data });
    await tx.forumFlag.updateMany({
      where: { postId, resolvedAt: null },
      data: { resolvedAt: now, resolution: RESOLUTION[decision] },
    });
    if (decision === "delete" && post.thread.acceptedPostId === postId) {
      await tx.forumThread.update({ where: { id: post.threadId }, data: { acceptedPostId: null } });
      await tx.forumOutdatedFlag.updateMany({
        where: { postId, resolvedAt: null },
        data: { resolvedAt: now, resolution: "replaced", resolvedById: actor.id },
      });
    }
    if (deletesThread) await tx.forumThread.update({ where: { id: post.threadId }, data: { deletedAt: now } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: `post.${decision}`,
        subjectType: "post",
        subjectId: postId,
        reason,
        details: {
          threadId: post.threadId,
          number: post.number,
          authorId: post.authorId,
          flagsResolved: openFlags,
          wasHidden: post.hiddenAt !== null,
          ...(deletesThread ? { threadDeleted: true } : {}),
        },
      },
      now,
    );
  });
  await afterChange([post.threadId], [post.thread.category.slug]);
  return { url: deletesThread ? "/community" : postPath(post.thread, post.number), threadDeleted: deletesThread };
}

export type ReviewItem = {
  post: {
    id: number;
    number: number;
    url: string;
    html: string;
    createdAt: string;
    hidden: boolean;
    hiddenReason: string | null;
    flagCount: number;
  };
  thread: { id: number; title: string; url: string };
  author: {
    id: string;
    name: string;
    email: string;
    role: string;
    joinedAt: string;
    suspendedUntil: string | null;
    canBeSuspended: boolean;
  };
  flags: { id: string; reason: string; note: string; at: string; by: string }[];
};

export const REVIEW_QUEUE_SIZE = 100;

const AWAITING_REVIEW = {
  deletedAt: null,
  thread: { deletedAt: null },
  OR: [{ flags: { some: { resolvedAt: null } } }, { hiddenReason: "flagged", hiddenAt: { not: null } }],
} satisfies Prisma.ForumPostWhereInput;

/** How many posts the review queue holds (for the staff home); null for those who may not review. */
export async function countPostsAwaitingReview(actor: Actor): Promise<number | null> {
  if (!can(actor, "forum:review")) return null;
  return prisma.forumPost.count({ where: AWAITING_REVIEW });
}

/**
 * Posts waiting for a moderator: those with a flag nobody has handled yet, or hidden by flags. The most
 * flagged first, then the oldest flag. Hidden posts show their text here: the moderator must read it to decide.
 */
export async function loadReviewQueue(actor: Actor, now = new Date()): Promise<ReviewItem[] | null> {
  if (!can(actor, "forum:review")) return null;
  const posts = await prisma.forumPost.findMany({
    where: AWAITING_REVIEW,
    orderBy: [{ flagCount: "desc" }, { id: "asc" }],
    take: REVIEW_QUEUE_SIZE,
    include: {
      thread: { select: { id: true, slug: true, title: true } },
      author: { select: { id: true, name: true, email: true, role: true, createdAt: true, suspendedUntil: true } },
      flags: { where: { resolvedAt: null }, orderBy: { createdAt: "asc" } },
    },
  });
  const flaggerIds = [...new Set(posts.flatMap((post) => post.flags.map((flag) => flag.userId)))];
  const flaggers = await prisma.user.findMany({ where: { id: { in: flaggerIds } }, select: { id: true, name: true } });
  return posts.map((post) => ({
    post: {
      id: post.id,
      number: post.number,
      url: postPath(post.thread, post.number),
      html: post.bodyHtml,
      createdAt: post.createdAt.toISOString(),
      hidden: post.hiddenAt !== null,
      hiddenReason: post.hiddenReason,
      flagCount: post.flags.length,
    },
    thread: { id: post.thread.id, title: post.thread.title, url: threadPath(post.thread) },
    author: {
      id: post.author.id,
      name: post.author.name,
      email: post.author.email,
      role: post.author.role,
      joinedAt: post.author.createdAt.toISOString(),
      suspendedUntil:
        post.author.suspendedUntil && post.author.suspendedUntil > now
          ? post.author.suspendedUntil.toISOString()
          : null,
      canBeSuspended: !(isRole(post.author.role) && isStaff(post.author.role)),
    },
    flags: post.flags.map((flag) => ({
      id: flag.id,
      reason: flag.reason,
      note: flag.note,
      at: flag.createdAt.toISOString(),
      by: flaggers.find((user) => user.id === flag.userId)?.name ?? "(deleted user)",
    })),
  }));
}

// ---------------------------------------------------------------------------
// Members

/**
 * Suspends a member for `days`: they cannot post, like, flag or vote until then, and every session
 * they have ends now (they sign in again to read, and see why). Staff cannot be suspended: demote first.
 */
export async function suspendUser(actor: Actor, userId: string, days: number, reason: string, now = new Date()) {
  refuseUnless(can(actor, "user:suspend"), "Only moderators can suspend members.");
  if (!Number.isInteger(days) || days < 1 || days > MAX_SUSPENSION_DAYS)
    throw new Refusal(400, `Suspend for 1 to ${MAX_SUSPENSION_DAYS} days.`);
  if (!reason.trim()) throw new Refusal(400, "Say why: the member's record keeps it.");
  const target = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, role: true, suspendedUntil: true },
  });
  if (!target) throw new Refusal(404, "That member does not exist.");
  if (isRole(target.role) && isStaff(target.role))
    throw new Refusal(403, "Staff accounts cannot be suspended; an admin can change their role first.");
  const until = new Date(now.getTime() + days * DAY_MS);
  await inModerationTransaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { suspendedUntil: until } });
    await invalidateUserSessions(tx, userId);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "user.suspend",
        subjectType: "user",
        subjectId: userId,
        reason,
        details: { days, until: until.toISOString(), previousUntil: target.suspendedUntil?.toISOString() ?? null },
      },
      now,
    );
  });
  return { until };
}

export async function liftSuspension(actor: Actor, userId: string, reason = "", now = new Date()) {
  refuseUnless(can(actor, "user:suspend"), "Only moderators can lift a suspension.");
  const target = await prisma.user.findUnique({ where: { id: userId }, select: { suspendedUntil: true } });
  if (!target) throw new Refusal(404, "That member does not exist.");
  if (!target.suspendedUntil || target.suspendedUntil <= now) throw new Refusal(409, "That member is not suspended.");
  await inModerationTransaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { suspendedUntil: null } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "user.unsuspend",
        subjectType: "user",
        subjectId: userId,
        reason,
        details: { previousUntil: target.suspendedUntil?.toISOString() ?? null },
      },
      now,
    );
  });
}

// ---------------------------------------------------------------------------
// Threads

async function loadThread(threadId: number) {
  const thread = await prisma.forumThread.findUnique({
    where: { id: threadId },
    include: { category: { select: { id: true, slug: true, name: true } } },
  });
  if (!thread || thread.deletedAt) throw new Refusal(404, "That thread does not exist.");
  if (thread.mergedIntoId !== null)
    throw new Refusal(409, "That thread was merged into another; moderate the thread it was merged into.");
  return thread;
}

type ThreadFlag = "locked" | "pinned";

async function setThreadFlag(
  actor: Actor,
  threadId: number,
  flag: ThreadFlag,
  value: boolean,
  reason: string,
  now: Date,
) {
  const action = flag === "locked" ? "forum:thread:lock" : "forum:thread:pin";
  refuseUnless(
    can(actor, action),
    `Only moderators can ${flag === "locked" ? "lock or unlock" : "pin or unpin"} threads.`,
  );
  const thread = await loadThread(threadId);
  const verb = flag === "locked" ? (value ? "lock" : "unlock") : value ? "pin" : "unpin";
  if (thread[flag] === value)
    throw new Refusal(409, `That thread is already ${value ? flag : flag === "locked" ? "unlocked" : "unpinned"}.`);
  await inModerationTransaction(async (tx) => {
    await tx.forumThread.update({ where: { id: threadId }, data: { [flag]: value } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: `thread.${verb}`,
        subjectType: "thread",
        subjectId: threadId,
        reason,
        details: { category: thread.category.slug },
      },
      now,
    );
  });
  await afterChange([threadId], [thread.category.slug]);
  return { url: threadPath(thread) };
}

/** A locked thread takes no new replies (posting refuses with 403); it stays readable. */
export function setThreadLocked(actor: Actor, threadId: number, locked: boolean, reason = "", now = new Date()) {
  return setThreadFlag(actor, threadId, "locked", locked, reason, now);
}

/** A pinned thread leads its category's list (and the latest list). */
export function setThreadPinned(actor: Actor, threadId: number, pinned: boolean, reason = "", now = new Date()) {
  return setThreadFlag(actor, threadId, "pinned", pinned, reason, now);
}

export async function moveThread(actor: Actor, threadId: number, categorySlug: string, reason = "", now = new Date()) {
  refuseUnless(can(actor, "forum:thread:move"), "Only moderators can move threads.");
  const thread = await loadThread(threadId);
  const target = await prisma.forumCategory.findUnique({ where: { slug: categorySlug } });
  if (!target) throw new Refusal(404, "That category does not exist.");
  if (target.id === thread.categoryId) throw new Refusal(409, `That thread is already in ${target.name}.`);
  await inModerationTransaction(async (tx) => {
    await tx.forumThread.update({ where: { id: threadId }, data: { categoryId: target.id } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "thread.move",
        subjectType: "thread",
        subjectId: threadId,
        reason,
        details: { from: thread.category.slug, to: target.slug },
      },
      now,
    );
  });
  await afterChange([threadId], [thread.category.slug, target.slug]);
  return { url: threadPath(thread) };
}

/**
 * What readers attached to the source thread goes with its posts (inside the merge's transaction):
 * - tags the target lacks are added to it;
 * - follows and mutes move; where a member had both, the target's choice stands;
 * - read markers move, renumbered: a member who had read the source up to post n has now read the
 *   moved posts up to n's new number, but only if they had also read the whole target (otherwise the
 *   target's own unread posts would be skipped); a member who never opened the target starts at its top.
 * Nothing is left on the source, which only redirects from now on.
 */
async function moveThreadBelongings(
  tx: Tx,
  sourceId: number,
  targetId: number,
  targetLastNumber: number,
  renumbered: { from: number; to: number }[],
) {
  const targetTags = new Set(
    (await tx.forumThreadTag.findMany({ where: { threadId: targetId }, select: { tag: true } })).map((row) => row.tag),
  );
  const sourceTags = (await tx.forumThreadTag.findMany({ where: { threadId: sourceId }, select: { tag: true } })).map(
    (row) => row.tag,
  );
  const newTags = sourceTags.filter((tag) => !targetTags.has(tag));
  if (newTags.length) await tx.forumThreadTag.createMany({ data: newTags.map((tag) => ({ threadId: targetId, tag })) });
  await tx.forumThreadTag.deleteMany({ where: { threadId: sourceId } });

  const targetFollowers = new Set(
    (await tx.forumSubscription.findMany({ where: { threadId: targetId }, select: { userId: true } })).map(
      (row) => row.userId,
    ),
  );
  const sourceFollows = await tx.forumSubscription.findMany({
    where: { threadId: sourceId },
    select: { id: true, userId: true },
  });
  for (const follow of sourceFollows) {
    if (targetFollowers.has(follow.userId)) await tx.forumSubscription.delete({ where: { id: follow.id } });
    else await tx.forumSubscription.update({ where: { id: follow.id }, data: { threadId: targetId } });
  }

  const newNumber = (readUpTo: number) =>
    renumbered.filter((post) => post.from <= readUpTo).reduce((highest, post) => Math.max(highest, post.to), 0);
  const targetMarkers = new Map(
    (await tx.forumReadMarker.findMany({ where: { threadId: targetId } })).map((row) => [
      row.userId,
      row.lastReadNumber,
    ]),
  );
  const sourceMarkers = await tx.forumReadMarker.findMany({ where: { threadId: sourceId } });
  for (const marker of sourceMarkers) {
    const readTarget = targetMarkers.get(marker.userId);
    if (readTarget === undefined) {
      await tx.forumReadMarker.create({ data: { userId: marker.userId, threadId: targetId, lastReadNumber: 0 } });
    } else if (readTarget >= targetLastNumber) {
      const moved = newNumber(marker.lastReadNumber);
      if (moved > readTarget)
        await tx.forumReadMarker.update({
          where: { userId_threadId: { userId: marker.userId, threadId: targetId } },
          data: { lastReadNumber: moved },
        });
    }
  }
  await tx.forumReadMarker.deleteMany({ where: { threadId: sourceId } });
  // Outdated flags follow the posts they are about.
  await tx.forumOutdatedFlag.updateMany({ where: { threadId: sourceId }, data: { threadId: targetId } });
}

/**
 * Merges `sourceId` into `targetId`: the source's posts move to the target, numbered after its last
 * post in their old order; the counts follow; the source keeps its id and URL and redirects to the
 * target. One transaction, which starts by writing the target's row so that a reply racing the
 * merge waits for it (and then takes a number after the moved posts).
 */
export async function mergeThread(actor: Actor, sourceId: number, targetId: number, reason = "", now = new Date()) {
  refuseUnless(can(actor, "forum:thread:merge"), "Only moderators can merge threads.");
  if (sourceId === targetId) throw new Refusal(409, "A thread cannot be merged into itself.");
  const source = await loadThread(sourceId);
  const target = await prisma.forumThread.findUnique({
    where: { id: targetId },
    include: { category: { select: { slug: true } } },
  });
  if (!target || target.deletedAt) throw new Refusal(404, "The thread to merge into does not exist.");
  if (target.mergedIntoId !== null)
    throw new Refusal(
      409,
      `Thread ${targetId} was itself merged into thread ${target.mergedIntoId}; merge into that one.`,
    );

  const moved = await inModerationTransaction(async (tx) => {
    const locked = await tx.forumThread.update({
      where: { id: targetId },
      data: { updatedAt: now },
      select: { lastPostNumber: true, acceptedPostId: true, lastPostAt: true },
    });
    const posts = await tx.forumPost.findMany({
      where: { threadId: sourceId },
      orderBy: { number: "asc" },
      select: { id: true, number: true },
    });
    const current = await tx.forumThread.findUniqueOrThrow({
      where: { id: sourceId },
      select: { mergedIntoId: true, likeCount: true, acceptedPostId: true, lastPostAt: true },
    });
    if (current.mergedIntoId !== null) throw new Refusal(409, "That thread was merged a moment ago.");
    const renumbered = posts.map((post, index) => ({
      id: post.id,
      from: post.number,
      to: locked.lastPostNumber + index + 1,
    }));
    for (const post of renumbered)
      await tx.forumPost.update({ where: { id: post.id }, data: { threadId: targetId, number: post.to } });
    await moveThreadBelongings(tx, sourceId, targetId, locked.lastPostNumber, renumbered);
    // The accepted answer is a unique column: it leaves the source first, and goes to the target only if the target has none.
    const movesAnswer = current.acceptedPostId !== null && locked.acceptedPostId === null;
    await tx.forumThread.update({
      where: { id: sourceId },
      data: { mergedIntoId: targetId, postCount: 0, likeCount: 0, acceptedPostId: null, lastPostNumber: 0 },
    });
    await tx.forumThread.update({
      where: { id: targetId },
      data: {
        postCount: { increment: posts.length },
        likeCount: { increment: current.likeCount },
        lastPostNumber: locked.lastPostNumber + posts.length,
        lastPostAt: current.lastPostAt > locked.lastPostAt ? current.lastPostAt : locked.lastPostAt,
        ...(movesAnswer ? { acceptedPostId: current.acceptedPostId } : {}),
      },
    });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "thread.merge",
        subjectType: "thread",
        subjectId: sourceId,
        reason,
        details: {
          into: targetId,
          movedPosts: posts.length,
          numbers: Object.fromEntries(renumbered.map((post) => [post.from, post.to])),
        },
      },
      now,
    );
    return renumbered;
  });
  purgeForumPages({ threadId: sourceId, categorySlugs: [source.category.slug, target.category.slug] });
  purgeForumPages({ threadId: targetId, categorySlugs: [target.category.slug] });
  // The source's documents carry its old numbers: they go now, and the target's are written fresh.
  try {
    await removeDocuments("forum", [
      threadDocumentId(sourceId),
      ...moved.map((post) => postDocumentId(sourceId, post.from)),
    ]);
  } catch (error) {
    console.error(`search: could not remove merged thread ${sourceId}`, error);
  }
  await syncThreadSearchQuietly(targetId);
  return { url: threadPath(target), movedPosts: moved.length };
}

// ---------------------------------------------------------------------------
// Posts

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

// ---------------------------------------------------------------------------
// What the thread page needs to show the flag and moderator controls

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
