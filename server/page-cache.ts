import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

export type CachedPage = {
  status: number;
  headers: [string, string][];
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  storedAt: number;
};

export type PageCacheOptions = { maxEntries?: number; maxBytes?: number; ttlMs?: number; now?: () => number };

/**
 * Anonymous page cache: complete, pre-compressed responses keyed by URL, held
 * in insertion order so the oldest entry is dropped first (an LRU: a hit moves
 * its entry to the back). Cleared whenever the content build changes.
 */
export class PageCache {
  private entries = new Map<string, CachedPage>();
  private bytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: PageCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 2000;
    this.maxBytes = options.maxBytes ?? 128 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 5 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  get size() {
    return this.entries.size;
  }

  get(key: string): CachedPage | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt > this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, status: number, headers: [string, string][], body: Buffer): CachedPage {
    this.delete(key);
    const entry: CachedPage = {
      status,
      headers,
      body,
      gzipped: gzipSync(body),
      etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`,
      storedAt: this.now(),
    };
    this.entries.set(key, entry);
    this.bytes += entry.body.length + entry.gzipped.length;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return entry;
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }

  private delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.body.length + entry.gzipped.length;
    this.entries.delete(key);
  }
}
