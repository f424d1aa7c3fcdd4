import { createHash } from "node:crypto";
import { brotliCompress, brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { CacheKeys } from "./cache-params";

export type CachedPage = {
  status: number;
  headers: [string, string][];
  body: Buffer;
  gzipped: Buffer;
  brotli: Buffer;
  etag: string;
  tags: readonly string[];
  storedAt: number;
};

export type PageCacheOptions = {
  maxEntries?: number;
  maxBytes?: number;
  ttlMs?: number;
  now?: () => number;
  /** Which pages may be stored and which query parameters key them (server/cache-params.ts); the site's table by default. */
  keys?: CacheKeys;
  /**
   * Recompress each stored page with brotli's best quality on libuv's thread pool and swap the
   * smaller copy in (on by default). Quality 11 is about 10 % smaller than 6 for our pages but takes
   * 50 ms or more, so the first response never waits for it.
   */
  recompress?: boolean;
  /** How long a softly purged page may still be served while one render refreshes it (5 s by default). */
  graceMs?: number;
  /**
   * A softly purged page younger than this is served as it is (1 s by default): under a stream of new
   * replies a hot thread is then rendered at most about once a second, not once per reply.
   */
  refreshAfterMs?: number;
};

const QUICK_BROTLI = 6;
const BEST_BROTLI = 11;
function brotliParams(quality: number, size: number) {
  return { params: { [zlib.BROTLI_PARAM_QUALITY]: quality, [zlib.BROTLI_PARAM_SIZE_HINT]: size } };
}

/** Counted per page: the body plus its two compressed copies. */
function entryBytes(entry: CachedPage) {
  return entry.body.length + entry.gzipped.length + entry.brotli.length;
}

/** A page found for a request: `stale` when a soft purge marked it and a refresh is due. */
export type CacheLookup = { page: CachedPage; stale: boolean };

/**
 * Anonymous page cache: complete, pre-compressed responses keyed by normalized
 * URL, held in insertion order so the oldest entry is dropped first (an LRU: a
 * hit moves its entry to the back). Each entry carries the tags its route
 * declared; `purge(tags)` drops exactly the pages that depend on a change,
 * through a tag → keys index, so its cost follows the pages purged, not the
 * cache size. Cleared whenever the content build changes. Decision record 007.
 *
 * No stampede (decision record 018): concurrent misses for one key wait for a single render
 * (`inFlight` / `startRender`), and a soft purge (a new reply) marks pages stale instead of
 * dropping them, so they are served for up to `graceMs` while one request renders the new copy.
 * A hard purge (a deletion, a hide) and a clear drop pages at once and refuse any render that began
 * before them, so nothing removed is ever served again.
 */
export class PageCache {
  private entries = new Map<string, CachedPage>();
  private byTag = new Map<string, Set<string>>();
  /** The purge generation at which each tag was last purged hard: a render that began earlier is not stored. */
  private purgedAt = new Map<string, number>();
  /** The generation of each tag's last soft purge: a render that began earlier is stored, already stale. */
  private softPurgedAt = new Map<string, number>();
  /** Keys marked stale by a soft purge, and since when. */
  private staleSince = new Map<string, number>();
  /** Stale pages a request has set off to refresh (until its render starts, or the page is replaced or dropped). */
  private refreshClaimed = new Set<string>();
  /** Renders in progress by key; each settles with the stored page, or null when it stored none. */
  private rendering = new Map<string, Promise<CachedPage | null>>();
  private readonly graceMs: number;
  private readonly refreshAfterMs: number;
  private generation = 0;
  private clearedAt = 0;
  private totalBytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly keys: CacheKeys;
  private readonly recompress: boolean;
  /** Pages waiting for their best-quality brotli copy; the head is the one being compressed. */
  private recompressQueue: [string, CachedPage][] = [];

  constructor(options: PageCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 2000;
    this.maxBytes = options.maxBytes ?? 128 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 5 * 60 * 1000;
    this.now = options.now ?? Date.now;
    this.keys = options.keys ?? new CacheKeys();
    this.recompress = options.recompress ?? true;
    this.graceMs = options.graceMs ?? 5000;
    this.refreshAfterMs = options.refreshAfterMs ?? 1000;
  }

  get size() {
    return this.entries.size;
  }

  get bytes() {
    return this.totalBytes;
  }

  /** The key a request is answered from; null when it must bypass the cache (server/cache-params.ts). */
  key(url: string): string | null {
    return this.keys.serveKey(url);
  }

  /** The key a freshly rendered page is stored under; null when it must not be stored. */
  storeKey(url: string): string | null {
    return this.keys.storeKey(url);
  }

  /** Taken when a render starts; `set` refuses the page when one of its tags was purged after this. */
  generationNow() {
    return this.generation;
  }

  get(key: string): CachedPage | undefined {
    return this.lookup(key)?.page;
  }

  /** The page for a key, fresh or (within the grace period after a soft purge) stale; undefined on a miss. */
  lookup(key: string): CacheLookup | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = this.now();
    const staleSince = this.staleSince.get(key);
    if (now - entry.storedAt > this.ttlMs || (staleSince !== undefined && now - staleSince > this.graceMs)) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { page: entry, stale: staleSince !== undefined && now - entry.storedAt >= this.refreshAfterMs };
  }

  /**
   * For a stale page: true for the one request that should refresh it (nobody is rendering it or has
   * set off to); every other request is served the stale copy meanwhile.
   */
  claimRefresh(key: string): boolean {
    if (this.rendering.has(key) || this.refreshClaimed.has(key)) return false;
    this.refreshClaimed.add(key);
    return true;
  }

  /** The render in progress for this key, if any: a request that finds one waits for it instead of rendering. */
  inFlight(key: string): Promise<CachedPage | null> | undefined {
    return this.rendering.get(key);
  }

  /**
   * Registers this request as the one rendering `key`; call the returned function with the stored
   * page (or null when nothing was stored) when done. Calling it again does nothing.
   */
  startRender(key: string): (page: CachedPage | null) => void {
    let settle!: (page: CachedPage | null) => void;
    const promise = new Promise<CachedPage | null>((resolve) => (settle = resolve));
    this.rendering.set(key, promise);
    this.refreshClaimed.delete(key);
    let settled = false;
    return (page) => {
      if (settled) return;
      settled = true;
      if (this.rendering.get(key) === promise) this.rendering.delete(key);
      settle(page);
    };
  }

  /** Whether this exact page is what the cache holds for the key (a purge or a newer render may have replaced it). */
  holds(key: string, entry: CachedPage) {
    return this.entries.get(key) === entry;
  }

  /**
   * Prepares the page (ETag, gzip and brotli copies) and stores it unless it was
   * made stale while rendering (a purge of one of its tags, or a clear, since
   * `renderedSince`). Returns the prepared page either way, for sending.
   */
  set(
    key: string,
    status: number,
    headers: [string, string][],
    body: Buffer,
    options: { tags?: readonly string[]; renderedSince?: number } = {},
  ): CachedPage {
    const tags = options.tags ?? [];
    const entry: CachedPage = {
      status,
      headers,
      body,
      gzipped: gzipSync(body),
      // Quality 6 first: most of brotli's gain at a few milliseconds, paid on the request that renders the page.
      brotli: brotliCompressSync(body, brotliParams(QUICK_BROTLI, body.length)),
      etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`,
      tags,
      storedAt: this.now(),
    };
    const since = options.renderedSince;
    if (since !== undefined && (this.clearedAt > since || tags.some((tag) => (this.purgedAt.get(tag) ?? -1) > since)))
      return entry;
    // Rendered before a soft purge of one of its tags: newer than what was there, but already due for a refresh.
    const softPurgedMeanwhile = since !== undefined && tags.some((tag) => (this.softPurgedAt.get(tag) ?? -1) > since);
    this.delete(key);
    this.entries.set(key, entry);
    if (softPurgedMeanwhile) this.staleSince.set(key, entry.storedAt);
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.totalBytes += entryBytes(entry);
    while (this.entries.size > this.maxEntries || this.totalBytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    if (this.recompress && this.isStored(key, entry)) this.recompressLater(key, entry);
    return entry;
  }

  /**
   * Queues a best-quality brotli copy of the page. One copy is made at a time, so a purge that
   * re-renders a thousand pages occupies one thread of libuv's pool, not all four that file reads
   * also wait on. A page purged, replaced or evicted before its turn is skipped uncompressed.
   */
  private recompressLater(key: string, entry: CachedPage) {
    // A flood of new pages outrunning the compressor keeps its quality-6 copies rather than a backlog.
    if (this.recompressQueue.length >= this.maxEntries) return;
    this.recompressQueue.push([key, entry]);
    if (this.recompressQueue.length === 1) this.recompressNext();
  }

  /**
   * Swaps the smaller copy in as a new entry object in the same place: senders keep per-entry
   * header lists with the Content-Length, so an entry is never changed in place.
   */
  private recompressNext() {
    while (this.recompressQueue.length > 0 && !this.isStored(...this.recompressQueue[0])) this.recompressQueue.shift();
    const next = this.recompressQueue[0];
    if (!next) return;
    const [key, entry] = next;
    brotliCompress(entry.body, brotliParams(BEST_BROTLI, entry.body.length), (error, smaller) => {
      if (!error && this.isStored(key, entry) && smaller.length < entry.brotli.length) {
        const better: CachedPage = { ...entry, brotli: smaller };
        this.totalBytes += entryBytes(better) - entryBytes(entry);
        // Map.set on a present key keeps its place in the LRU order.
        this.entries.set(key, better);
      }
      this.recompressQueue.shift();
      this.recompressNext();
    });
  }

  private isStored(key: string, entry: CachedPage) {
    return this.entries.get(key) === entry;
  }

  /**
   * Hard (the default): drops every page carrying any of the tags. Soft: marks them stale (served for
   * up to graceMs while one request refreshes each). Returns how many pages were dropped or marked.
   */
  purge(tags: readonly string[], mode: "hard" | "soft" = "hard"): number {
    this.generation++;
    const now = this.now();
    let affected = 0;
    for (const tag of tags) {
      (mode === "hard" ? this.purgedAt : this.softPurgedAt).set(tag, this.generation);
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) {
        if (mode === "hard") {
          if (this.delete(key)) affected++;
        } else {
          // Stale since the first soft purge: the grace period is not extended by later ones.
          if (!this.staleSince.has(key)) this.staleSince.set(key, now);
          affected++;
        }
      }
    }
    return affected;
  }

  clear() {
    this.generation++;
    this.clearedAt = this.generation;
    this.entries.clear();
    this.byTag.clear();
    // Every render in flight is refused by clearedAt, so older purge marks are no longer needed.
    this.purgedAt.clear();
    this.softPurgedAt.clear();
    this.staleSince.clear();
    this.refreshClaimed.clear();
    this.totalBytes = 0;
  }

  private delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.totalBytes -= entryBytes(entry);
    this.entries.delete(key);
    this.staleSince.delete(key);
    this.refreshClaimed.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
    return true;
  }
}
