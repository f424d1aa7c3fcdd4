/**
 * What a page in the anonymous page cache depends on. A route marks its page
 * cacheable with PAGE_CACHE_HEADER and names its tags in PAGE_TAGS_HEADER; the
 * app server reads both, stores the page under those tags and strips the two
 * headers before anything is sent. A write then purges the tags it changed
 * (app/lib/page-cache-purge.server.ts). Decision record 007.
 *
 * No imports: server/app-server.ts loads this outside the Remix build.
 */
export const PAGE_CACHE_HEADER = "X-Page-Cache";
export const PAGE_TAGS_HEADER = "X-Page-Tags";

/** Pages that show helpful-vote results (the home page's "Popular articles"). */
export const VOTES_TAG = "votes";

/** Every HTML page: the site header shows the open-incident banner (app/status). The server adds it to each stored page. */
export const STATUS_TAG = "status";

/** One content page, by its id ("kb/how-do-i-contact-support"). */
export function pageTag(pageId: string) {
  return `page:${pageId}`;
}

/** Tags are single tokens (no spaces or commas) so the header stays one space-separated list. */
const TAG = /^[A-Za-z0-9:/._-]{1,200}$/;

export function isValidTag(tag: string) {
  return TAG.test(tag);
}

/** Loader headers that declare the page's tags: `data(value, { headers: cacheTagHeaders([pageTag(id)]) })`. */
export function cacheTagHeaders(tags: readonly string[]): Record<string, string> {
  const valid = tags.filter(isValidTag);
  return valid.length ? { [PAGE_TAGS_HEADER]: valid.join(" ") } : {};
}

export function parseCacheTags(header: string | null | undefined): string[] {
  if (!header) return [];
  return [...new Set(header.split(/[\s,]+/).filter(isValidTag))];
}
