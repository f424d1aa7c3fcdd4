import { purgeCacheTags } from "../lib/page-cache-purge.server";
import { ideaTag, IDEAS_LIST_TAG } from "./rules";

/** After a write commits: the changed ideas' pages and every ideas list (index, roadmap, changelog, feed). */
export function purgeIdeaPages(ids: readonly number[]) {
  purgeCacheTags([IDEAS_LIST_TAG, ...ids.map(ideaTag)]);
}
