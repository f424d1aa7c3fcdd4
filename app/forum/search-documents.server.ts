import { prisma } from "../lib/db.server";
import type { SearchSourceDefinition } from "../search/sources.server";
import type { SearchDocument } from "../search/types";
import { indexDocuments, removeDocuments } from "../search/writes.server";
import { postPath, threadPath } from "./paths";
import { markdownToPlainTextOffThread } from "../lib/markdown-threads.server";
import { postPlainText } from "./render.server";

/**
 * The forum as a search source. A thread is one page document (its title, the question and the
 * accepted answer: the words most likely to answer a search), and each visible reply a section
 * of it that links to its own `#post-<n>`. Search shows each thread once, at its best-matching
 * document. Hidden and deleted posts, and whole threads that are hidden, deleted or merged away,
 * are not documents: a write removes them from the index in the same request.
 */

const THREAD_INCLUDE = {
  category: { select: { slug: true } },
  tags: { select: { tag: true } },
  posts: {
    select: {
      id: true,
      number: true,
      bodyMarkdown: true,
      deletedAt: true,
      hiddenAt: true,
      author: { select: { name: true } },
    },
    orderBy: { number: "asc" as const },
  },
};

type LoadedThread = {
  id: number;
  slug: string;
  title: string;
  acceptedPostId: number | null;
  likeCount: number;
  lastPostAt: Date;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  mergedIntoId: number | null;
  duplicateOfId: number | null;
  category: { slug: string };
  tags: { tag: string }[];
  posts: {
    id: number;
    number: number;
    bodyMarkdown: string;
    deletedAt: Date | null;
    hiddenAt: Date | null;
    author: { name: string };
  }[];
};

export function threadDocumentId(threadId: number) {
  return `forum/t/${threadId}`;
}

export function postDocumentId(threadId: number, number: number) {
  return `${threadDocumentId(threadId)}#post-${number}`;
}

function isThreadVisible(thread: Pick<LoadedThread, "deletedAt" | "hiddenAt" | "mergedIntoId">) {
  return !thread.deletedAt && !thread.hiddenAt && thread.mergedIntoId === null;
}

type Original = { id: number; slug: string; title: string };

/**
 * A question closed as a duplicate is one document of the ORIGINAL's page: its own words (title and
 * question) still match a search, and the hit opens the original. Its replies are not indexed.
 */
function duplicateDocuments(thread: LoadedThread, original: Original): SearchDocument[] {
  const opening = thread.posts.find((post) => post.number === 1);
  return [
    {
      id: threadDocumentId(thread.id),
      pageId: threadDocumentId(original.id),
      type: "thread",
      source: "forum",
      visibility: "public",
      category: thread.category.slug,
      tags: thread.tags.map((entry) => entry.tag),
      updatedAt: thread.lastPostAt.toISOString(),
      url: threadPath(original),
      title: original.title,
      section: `Also asked as “${thread.title}”`,
      body: [thread.title, opening && isPostVisible(opening) ? postPlainText(opening.bodyMarkdown) : ""]
        .filter(Boolean)
        .join("\n\n"),
      popularity: 0,
    },
  ];
}

async function originalOf(thread: Pick<LoadedThread, "duplicateOfId">): Promise<Original | null> {
  if (thread.duplicateOfId === null) return null;
  const original = await prisma.forumThread.findUnique({
    where: { id: thread.duplicateOfId },
    select: { id: true, slug: true, title: true, deletedAt: true, hiddenAt: true, mergedIntoId: true },
  });
  return original && isThreadVisible(original) ? original : null;
}

function isPostVisible(post: { deletedAt: Date | null; hiddenAt: Date | null }) {
  return !post.deletedAt && !post.hiddenAt;
}

type ThreadFields = Omit<LoadedThread, "posts">;
type LoadedPost = LoadedThread["posts"][number];

function documentBase(thread: ThreadFields) {
  return {
    type: "thread" as const,
    source: "forum" as const,
    visibility: "public" as const,
    pageId: threadDocumentId(thread.id),
    category: thread.category.slug,
    tags: thread.tags.map((entry) => entry.tag),
    updatedAt: thread.lastPostAt.toISOString(),
  };
}

/** A reply's own document: a section of its thread's page that links to `#post-<n>`. */
function replyDocument(thread: ThreadFields, post: LoadedPost, plainText: string): SearchDocument {
  return {
    ...documentBase(thread),
    id: postDocumentId(thread.id, post.number),
    url: postPath(thread, post.number),
    title: thread.title,
    section: `${post.id === thread.acceptedPostId ? "Accepted answer" : "Reply"} by ${post.author.name}`,
    body: plainText,
    popularity: 0,
  };
}

export function threadDocuments(thread: LoadedThread, original: Original | null = null): SearchDocument[] {
  if (!isThreadVisible(thread)) return [];
  if (thread.duplicateOfId !== null) return original ? duplicateDocuments(thread, original) : [];
  const base = documentBase(thread);
  const pageId = base.pageId;
  const opening = thread.posts.find((post) => post.number === 1);
  const accepted = thread.posts.find((post) => post.id === thread.acceptedPostId && isPostVisible(post));
  const pageBody = [
    opening && isPostVisible(opening) ? postPlainText(opening.bodyMarkdown) : "",
    accepted ? postPlainText(accepted.bodyMarkdown) : "",
  ]
    .filter(Boolean)
    .join("\n\n");
  // Likes and a solved answer say readers found the thread useful: a small boost, like helpful votes on an article.
  const popularity = Math.min(1, thread.likeCount / 20 + (accepted ? 0.3 : 0));
  const documents: SearchDocument[] = [
    { ...base, id: pageId, url: threadPath(thread), title: thread.title, section: "", body: pageBody, popularity },
  ];
  for (const post of thread.posts) {
    if (post.number === 1 || !isPostVisible(post)) continue;
    documents.push(replyDocument(thread, post, postPlainText(post.bodyMarkdown)));
  }
  return documents;
}

/**
 * Indexes one new reply, after its response went out (a queued task): the cost is that post's, not the
 * thread's, however long the thread has grown. Its plain text is made off the main thread. A reply the
 * full sync would not index (hidden, deleted, in a hidden or duplicate thread, or the opening post) is
 * left to the full sync, which the changes that cause those run.
 */
export async function indexNewReply(threadId: number, number: number) {
  const { posts: postSelect, ...include } = THREAD_INCLUDE;
  const thread = await prisma.forumThread.findUnique({
    where: { id: threadId },
    include: { ...include, posts: { ...postSelect, where: { number } } },
  });
  const post = thread?.posts[0];
  if (!thread || !post || number === 1 || !isThreadVisible(thread) || thread.duplicateOfId !== null) return;
  if (!isPostVisible(post)) return;
  await indexDocuments("forum", [replyDocument(thread, post, await markdownToPlainTextOffThread(post.bodyMarkdown))]);
}

/** Brings one thread's documents in the index up to date: writes what is visible, removes what is not. */
export async function syncThreadSearch(threadId: number) {
  const thread = await prisma.forumThread.findUnique({ where: { id: threadId }, include: THREAD_INCLUDE });
  if (!thread) return;
  const documents = threadDocuments(thread, await originalOf(thread));
  const kept = new Set(documents.map((document) => document.id));
  const every = [threadDocumentId(thread.id), ...thread.posts.map((post) => postDocumentId(thread.id, post.number))];
  await removeDocuments(
    "forum",
    every.filter((id) => !kept.has(id)),
  );
  await indexDocuments("forum", documents);
}

/**
 * The index follows the database; a failure to reach the search engine must not turn a saved
 * reply into an error page (`npm run search:reindex` repairs the index).
 */
export async function syncThreadSearchQuietly(threadId: number) {
  try {
    await syncThreadSearch(threadId);
  } catch (error) {
    console.error(`search: could not index forum thread ${threadId}`, error);
  }
}

const BATCH = 200;

export const forumSearchSource: SearchSourceDefinition = {
  name: "forum",
  async listDocuments() {
    const documents: SearchDocument[] = [];
    let cursor = 0;
    for (;;) {
      const threads = await prisma.forumThread.findMany({
        where: { id: { gt: cursor }, deletedAt: null, hiddenAt: null, mergedIntoId: null },
        include: THREAD_INCLUDE,
        orderBy: { id: "asc" },
        take: BATCH,
      });
      for (const thread of threads) documents.push(...threadDocuments(thread, await originalOf(thread)));
      if (threads.length < BATCH) return documents;
      cursor = threads[threads.length - 1].id;
    }
  },
};
