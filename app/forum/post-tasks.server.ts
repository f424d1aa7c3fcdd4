import type { Prisma } from "../generated/prisma/client";
import { enqueueTask, enqueueTasks, registerTaskHandler, type TaskHandler } from "../lib/task-queue.server";
import { onForumPostCreated } from "./activity-notices.server";
import { postPath } from "./paths";
import { inRetriedTransaction } from "../lib/transactions.server";
import { indexNewReply, syncThreadSearch } from "./search-documents.server";

/**
 * What a new post sets going after its response (decision record 018). The post's transaction
 * queues these; the task worker runs them:
 * - "forum:post-created": followers' and mentioned members' notifications and mail, the author's
 *   auto-follow (app/forum/activity-notices.server.ts), in a transaction of their own;
 * - "forum:index-reply": the reply's search document (its cost is one post's, however long the thread);
 * - "forum:index-thread": a whole thread's documents (a new thread), one pending task per thread.
 */

type Tx = Prisma.TransactionClient;

const POST_CREATED = "forum:post-created";
const INDEX_REPLY = "forum:index-reply";
const INDEX_THREAD = "forum:index-thread";

export async function queueNewPostWork(tx: Tx, post: { id: number; threadId: number; number: number }) {
  if (post.number === 1) {
    await enqueueTask(tx, POST_CREATED, { postId: post.id });
    await enqueueTask(tx, INDEX_THREAD, { threadId: post.threadId }, { dedupeKey: `${INDEX_THREAD}:${post.threadId}` });
    return;
  }
  // A reply's two tasks in one statement: one round trip inside the transaction that holds the thread's row.
  await enqueueTasks(tx, [
    { kind: POST_CREATED, payload: { postId: post.id } },
    { kind: INDEX_REPLY, payload: { threadId: post.threadId, number: post.number } },
  ]);
}

function numberField(payload: unknown, name: string): number {
  const value = (payload as Record<string, unknown> | null)?.[name];
  if (typeof value !== "number" || !Number.isInteger(value)) throw new Error(`task payload has no integer "${name}"`);
  return value;
}

const notifyAboutPost: TaskHandler = async (payload) => {
  const postId = numberField(payload, "postId");
  await inRetriedTransaction(async (tx) => {
    const post = await tx.forumPost.findUnique({
      where: { id: postId },
      select: {
        id: true,
        number: true,
        authorId: true,
        bodyMarkdown: true,
        deletedAt: true,
        thread: { select: { id: true, slug: true, title: true, categoryId: true } },
      },
    });
    // Deleted before its notices went out: nobody is told of a post they cannot read.
    if (!post || post.deletedAt) return;
    await onForumPostCreated(tx, {
      threadId: post.thread.id,
      threadTitle: post.thread.title,
      threadUrl: postPath(post.thread, post.number),
      postId: post.id,
      postNumber: post.number,
      authorId: post.authorId,
      bodyMarkdown: post.bodyMarkdown,
      isFirstPost: post.number === 1,
      categoryId: post.thread.categoryId,
    });
  });
};

// Registered where the tasks are queued: whatever can queue them (the posting module imports this one)
// can also run them, in the server, in scripts and in tests alike.
registerTaskHandler(POST_CREATED, notifyAboutPost);
registerTaskHandler(INDEX_REPLY, (payload) =>
  indexNewReply(numberField(payload, "threadId"), numberField(payload, "number")),
);
registerTaskHandler(INDEX_THREAD, (payload) => syncThreadSearch(numberField(payload, "threadId")));
