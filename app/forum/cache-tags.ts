/**
 * The page-cache tags of forum pages (decision record 007). A thread page carries its thread's tag;
 * every list (the forum index, categories, tags) carries FORUM_LIST_TAG and its own. A write purges
 * the thread, the lists and the category it changed (app/forum/cache.server.ts).
 */
export const FORUM_LIST_TAG = "list:forum";

export function threadTag(threadId: number) {
  return `thread:${threadId}`;
}

export function categoryTag(slug: string) {
  return `category:${slug}`;
}
