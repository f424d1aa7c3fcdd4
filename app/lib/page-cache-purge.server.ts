import { isValidTag } from "./page-cache-tags";

/**
 * The one way to drop cached pages after a write: `purgeCacheTags(["votes"])`.
 *
 * The Remix server build (build/server/index.js) and server/*.ts are separate
 * module graphs in one process, so a module-level variable here would exist
 * twice. The handlers therefore live in a process-global registry under a
 * `Symbol.for` key: server/app-server.ts registers its page cache with
 * `onPurge`, and routes in the build call `purgeCacheTags`.
 *
 * Other app instances: a profile that runs several (PostgreSQL) installs one
 * broadcaster with `setPurgeBroadcaster` (for example `NOTIFY page_cache_purge`),
 * and its listener hands what arrives to `applyRemotePurge`, which purges this
 * instance only, so a purge is never echoed back. Decision record 007.
 */
/**
 * "hard" (the default): the pages are gone at once; every change that removes or hides something
 * (a deletion, a moderation hide, a permission change) purges hard. "soft": the pages may be served
 * stale for a few seconds while one render refreshes them (server/page-cache.ts), for additions
 * such as a new reply, where a page a moment old is still true.
 */
export type PurgeMode = "hard" | "soft";
type PurgeHandler = (tags: readonly string[], mode: PurgeMode) => void;
type PurgeRegistry = { handlers: Set<PurgeHandler>; broadcaster: PurgeHandler | null };

const REGISTRY_KEY = Symbol.for("techflow.page-cache.purge");

function registry(): PurgeRegistry {
  const global = globalThis as typeof globalThis & { [REGISTRY_KEY]?: PurgeRegistry };
  global[REGISTRY_KEY] ??= { handlers: new Set(), broadcaster: null };
  return global[REGISTRY_KEY];
}

function cleanTags(tags: readonly string[]) {
  return [...new Set(tags)].filter(isValidTag);
}

function purgeHere(tags: readonly string[], mode: PurgeMode) {
  for (const handler of registry().handlers) {
    try {
      handler(tags, mode);
    } catch (error) {
      // A failing handler must not undo the write that asked for the purge.
      console.error("page cache purge failed", error);
    }
  }
}

/** Drops every cached page carrying any of the tags, here and (through the broadcaster) on other instances. */
export function purgeCacheTags(tags: readonly string[], mode: PurgeMode = "hard") {
  const clean = cleanTags(tags);
  if (clean.length === 0) return;
  purgeHere(clean, mode);
  const { broadcaster } = registry();
  if (broadcaster) {
    try {
      broadcaster(clean, mode);
    } catch (error) {
      console.error("page cache purge broadcast failed", error);
    }
  }
}

/** For the instance-to-instance listener: purge this instance only, never re-broadcast. */
export function applyRemotePurge(tags: readonly string[], mode: PurgeMode = "hard") {
  const clean = cleanTags(tags);
  if (clean.length) purgeHere(clean, mode);
}

/** Registers a local cache (or memo) to be purged; returns the function that removes it again. */
export function onPurge(handler: PurgeHandler): () => void {
  const { handlers } = registry();
  handlers.add(handler);
  return () => handlers.delete(handler);
}

/** Installs (or, with null, removes) the one hook that forwards purges to other instances. */
export function setPurgeBroadcaster(broadcaster: PurgeHandler | null) {
  registry().broadcaster = broadcaster;
}

/**
 * A value computed once and kept until one of its tags is purged or it is older
 * than maxAgeMs: the 404 page's "Popular articles" use it so a 404 costs no query.
 */
export function memoizeUntilPurged<T>(
  tags: readonly string[],
  maxAgeMs: number,
  compute: () => Promise<T>,
): () => Promise<T> {
  let cached: { value: Promise<T>; at: number } | null = null;
  const watched = new Set(tags);
  onPurge((purged) => {
    if (purged.some((tag) => watched.has(tag))) cached = null;
  });
  return () => {
    if (!cached || Date.now() - cached.at > maxAgeMs) {
      const entry = { value: compute(), at: Date.now() };
      // A failed computation is not kept: the next call tries again.
      entry.value.catch(() => {
        if (cached === entry) cached = null;
      });
      cached = entry;
    }
    return cached.value;
  };
}
