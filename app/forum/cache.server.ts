import { purgeCacheTags, type PurgeMode } from "../lib/page-cache-purge.server";
import { categoryTag, FORUM_LIST_TAG, threadTag } from "./cache-tags";

/** After a write commits: the thread's page, every forum list, and its category's pages show the change to the next visitor. */
export function purgeForumPages(
  change: { threadId?: number; categorySlugs?: readonly string[] },
  mode: PurgeMode = "hard",
) {
  const tags = [FORUM_LIST_TAG, ...(change.categorySlugs ?? []).map(categoryTag)];
  if (change.threadId !== undefined) tags.push(threadTag(change.threadId));
  purgeCacheTags(tags, mode);
}
