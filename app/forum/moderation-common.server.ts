import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import { inRetriedTransaction, type Tx } from "../lib/transactions.server";
import { purgeForumPages } from "./cache.server";
import { syncThreadSearchQuietly } from "./search-documents.server";

/**
 * What every moderator action shares: the retried transaction, the refusal, the after-commit purge
 * and the loading of the post or thread acted on. Each action is one transaction that also writes
 * its audit row; after it commits the cached pages it changed are purged and the search index follows
 * (hidden and deleted posts leave it at once). A refusal is a Refusal (403 not allowed, 404 gone,
 * 409 the state forbids it), never a 500.
 */

export type { Tx } from "../lib/transactions.server";

/** One transaction, retried when another writer held the database (SQLite) or won a serialization race (PostgreSQL). */
export function inModerationTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return inRetriedTransaction(work, { attempts: 6 });
}

export function refuseUnless(allowed: boolean, message: string) {
  if (!allowed) throw new Refusal(403, message);
}

/** After a change commits: the pages that show it, and the index. */
export async function afterChange(threadIds: number[], categorySlugs: string[]) {
  for (const threadId of new Set(threadIds)) purgeForumPages({ threadId, categorySlugs });
  if (threadIds.length === 0) purgeForumPages({ categorySlugs });
  for (const threadId of new Set(threadIds)) await syncThreadSearchQuietly(threadId);
}

export const POST_INCLUDE = {
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

export async function loadPost(postId: number) {
  const post = await prisma.forumPost.findUnique({ where: { id: postId }, include: POST_INCLUDE });
  if (!post || post.thread.deletedAt)
    throw new Refusal(404, "That post does not exist (it may have been deleted with its thread).");
  return post;
}

export async function loadThread(threadId: number) {
  const thread = await prisma.forumThread.findUnique({
    where: { id: threadId },
    include: { category: { select: { id: true, slug: true, name: true } } },
  });
  if (!thread || thread.deletedAt) throw new Refusal(404, "That thread does not exist.");
  if (thread.mergedIntoId !== null)
    throw new Refusal(409, "That thread was merged into another; moderate the thread it was merged into.");
  return thread;
}
