import { describe, expect, it } from "vitest";
import { gunzipSync } from "node:zlib";
import { PageCache } from "../../server/page-cache";

const body = (text: string) => Buffer.from(text);

describe("anonymous page cache", () => {
  it("stores pre-compressed bodies with a stable ETag", () => {
    const cache = new PageCache();
    const stored = cache.set("/kb/a", 200, [["content-type", "text/html"]], body("<p>hello</p>"));
    expect(gunzipSync(stored.gzipped).toString()).toBe("<p>hello</p>");
    expect(cache.get("/kb/a")?.etag).toBe(stored.etag);
    expect(new PageCache().set("/x", 200, [], body("<p>hello</p>")).etag).toBe(stored.etag);
    expect(cache.set("/kb/a", 200, [], body("<p>changed</p>")).etag).not.toBe(stored.etag);
  });

  it("drops the least recently used entry when full", () => {
    const cache = new PageCache({ maxEntries: 2 });
    cache.set("/a", 200, [], body("a"));
    cache.set("/b", 200, [], body("b"));
    cache.get("/a");
    cache.set("/c", 200, [], body("c"));
    expect([cache.get("/a"), cache.get("/b"), cache.get("/c")].map((entry) => entry?.body.toString())).toEqual(["a", undefined, "c"]);
  });

  it("respects a byte budget", () => {
    const cache = new PageCache({ maxBytes: 3000 });
    cache.set("/big1", 200, [], Buffer.alloc(1000, 1));
    cache.set("/big2", 200, [], Buffer.alloc(1000, 2));
    expect(cache.size).toBeLessThanOrEqual(2);
    expect(cache.get("/big2")).toBeDefined();
  });

  it("expires entries after their lifetime and empties on clear", () => {
    let now = 0;
    const cache = new PageCache({ ttlMs: 1000, now: () => now });
    cache.set("/a", 200, [], body("a"));
    now = 999;
    expect(cache.get("/a")).toBeDefined();
    now = 2001;
    expect(cache.get("/a")).toBeUndefined();
    cache.set("/b", 200, [], body("b"));
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
