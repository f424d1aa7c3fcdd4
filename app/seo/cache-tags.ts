import { FORUM_LIST_TAG } from "../forum/cache-tags";
import { IDEAS_LIST_TAG } from "../ideas/rules";
import { STATUS_TAG } from "../lib/page-cache-tags";

/**
 * The sitemaps list threads, ideas and the status page's last change, so they carry the tags every
 * forum list, idea list and status page carries: a new, hidden or deleted thread or idea purges them
 * exactly when it purges those lists. Content changes clear the whole page cache (a new build).
 */
export const SITEMAP_CACHE_TAGS = [FORUM_LIST_TAG, IDEAS_LIST_TAG, STATUS_TAG] as const;
