import { randomBytes } from "node:crypto";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { CacheKeys } from "../../server/cache-params";
import { PageCache } from "../../server/page-cache";

const body = (text: string) => Buffer.from(text);

/** A page-sized article: varied enough that brotli's best quality beats its quick one. */
function articleHtml() {
  const words = [
    "ticket",
    "priority",
    "response",
    "customer",
    "account",
    "escalation",
    "webinar",
    "plan",
    "enterprise",
    "portal",
    "billing",
    "status",
  ];
  const paragraphs = Array.from(
    { length: 300 },
    (_, index) =>
      `<p id="p${index}">The ${words[index % 12]} of each ${words[(index * 7) % 12]} is ${(index * 37) % 101} hours for ${words[(index * 5) % 12]} ${index}.</p>`,
  );
  return Buffer.from(`<!DOCTYPE html><html><body><main>${paragraphs.join("\n")}</main></body></html>`);
}

describe("anonymous page cache", () => {
  it("stores gzip and brotli copies with a stable ETag", () => {
    const cache = new PageCache();
    const stored = cache.set("/kb/a", 200, [["content-type", "text/html"]], body("<p>hello</p>"));
    expect(gunzipSync(stored.gzipped).toString()).toBe("<p>hello</p>");
    expect(brotliDecompressSync(stored.brotli).toString()).toBe("<p>hello</p>");
    expect(cache.get("/kb/a")?.etag).toBe(stored.etag);
    expect(new PageCache().set("/x", 200, [], body("<p>hello</p>")).etag).toBe(stored.etag);
    expect(cache.set("/kb/a", 200, [], body("<p>changed</p>")).etag).not.toBe(stored.etag);
  });

  it("swaps in a smaller brotli copy made in the background, same page, same ETag, same place in line", async () => {
    const cache = new PageCache({ maxEntries: 2 });
    const stored = cache.set("/kb/long", 200, [["content-type", "text/html"]], articleHtml());
    cache.set("/kb/other", 200, [], body("<p>other</p>"));
    const bytesBefore = cache.bytes;
    await vi.waitFor(() => expect(cache.bytes).toBeLessThan(bytesBefore), { timeout: 5000 });
    const better = cache.get("/kb/long");
    expect(better?.brotli.length).toBeLessThan(stored.brotli.length);
    expect(brotliDecompressSync(better!.brotli).equals(stored.body)).toBe(true);
    expect(better?.etag).toBe(stored.etag);
    // The answer that was sent keeps its own bytes: entries are replaced, never changed in place.
    expect(brotliDecompressSync(stored.brotli).equals(stored.body)).toBe(true);
    // "/kb/long" was just read, so the next page pushes out "/kb/other", not it.
    cache.set("/kb/third", 200, [], body("<p>third</p>"));
    expect(cache.get("/kb/other")).toBeUndefined();
    expect(cache.get("/kb/long")).toBeDefined();
  });

  it("does not bring back a page purged before its background copy is ready", async () => {
    const cache = new PageCache();
    const quick = new PageCache({ recompress: false });
    cache.set("/kb/long", 200, [], articleHtml(), { tags: ["page:kb/long"] });
    cache.purge(["page:kb/long"]);
    cache.set("/kb/other", 200, [], articleHtml(), { tags: ["page:kb/other"] });
    const otherBytes = quick.set("/kb/other", 200, [], articleHtml()).brotli.length;
    // Once the other page's copy has been swapped, the purged page's (queued first) is done too.
    await vi.waitFor(() => expect(cache.get("/kb/other")?.brotli.length).toBeLessThan(otherBytes), { timeout: 5000 });
    expect(cache.get("/kb/long")).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it("gives a page replaced while its copy waited the copy of its replacement, and counts its bytes once", async () => {
    const cache = new PageCache();
    const first = articleHtml();
    const second = Buffer.concat([articleHtml(), Buffer.from("<p>edited</p>")]);
    cache.set("/kb/long", 200, [], first);
    const replacement = cache.set("/kb/long", 200, [], second);
    await vi.waitFor(() => expect(cache.get("/kb/long")?.brotli.length).toBeLessThan(replacement.brotli.length), {
      timeout: 5000,
    });
    const stored = cache.get("/kb/long")!;
    expect(brotliDecompressSync(stored.brotli).equals(second)).toBe(true);
    // Only the replacement is counted: its body, its gzip copy and the new brotli copy.
    expect(cache.bytes).toBe(second.length + replacement.gzipped.length + stored.brotli.length);
  });

  it("drops the least recently used entry when full", () => {
    const cache = new PageCache({ maxEntries: 2 });
    cache.set("/a", 200, [], body("a"));
    cache.set("/b", 200, [], body("b"));
    cache.get("/a");
    cache.set("/c", 200, [], body("c"));
    expect([cache.get("/a"), cache.get("/b"), cache.get("/c")].map((entry) => entry?.body.toString())).toEqual([
      "a",
      undefined,
      "c",
    ]);
  });

  it("evicts the oldest pages when their bytes (body and both compressed copies) exceed the budget", () => {
    // Random bytes do not compress: each page costs about three times its body.
    const page = () => randomBytes(1000);
    const cache = new PageCache({ maxBytes: 7000 });
    cache.set("/first", 200, [], page());
    cache.set("/second", 200, [], page());
    expect(cache.size).toBe(2);
    cache.set("/third", 200, [], page());
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBeLessThanOrEqual(7000);
    expect(cache.get("/first")).toBeUndefined();
    expect(cache.get("/second")).toBeDefined();
    expect(cache.get("/third")).toBeDefined();
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
    expect(cache.bytes).toBe(0);
  });
});

describe("tags", () => {
  it("purges exactly the pages that carry a purged tag", () => {
    const cache = new PageCache();
    cache.set("/", 200, [], body("home"), { tags: ["votes"] });
    cache.set("/kb/a", 200, [], body("a"), { tags: ["page:kb/a"] });
    cache.set("/kb/b", 200, [], body("b"), { tags: ["page:kb/b", "votes"] });
    cache.set("/docs", 200, [], body("docs"));
    expect(cache.purge(["votes"])).toBe(2);
    expect(["/", "/kb/a", "/kb/b", "/docs"].map((key) => Boolean(cache.get(key)))).toEqual([false, true, false, true]);
    expect(cache.purge(["votes", "page:kb/none"])).toBe(0);
    expect(cache.purge(["page:kb/a"])).toBe(1);
    expect(cache.size).toBe(1);
  });

  it("forgets an evicted or replaced page's tags (a later purge does not touch its successor)", () => {
    const cache = new PageCache({ maxEntries: 1 });
    cache.set("/kb/a", 200, [], body("a"), { tags: ["page:kb/a"] });
    cache.set("/kb/b", 200, [], body("b"), { tags: ["page:kb/b"] });
    expect(cache.purge(["page:kb/a"])).toBe(0);
    cache.set("/kb/b", 200, [], body("b2"), { tags: ["other"] });
    expect(cache.purge(["page:kb/b"])).toBe(0);
    expect(cache.get("/kb/b")?.body.toString()).toBe("b2");
  });

  it("does not store a page whose render began before one of its tags was purged", () => {
    const cache = new PageCache();
    const started = cache.generationNow();
    cache.purge(["votes"]); // a vote lands while the home page is rendering
    cache.set("/", 200, [], body("stale home"), { tags: ["votes"], renderedSince: started });
    expect(cache.get("/")).toBeUndefined();
    cache.set("/kb/a", 200, [], body("a"), { tags: ["page:kb/a"], renderedSince: started });
    expect(cache.get("/kb/a")).toBeDefined();
    const beforeClear = cache.generationNow();
    cache.clear();
    cache.set("/kb/a", 200, [], body("a"), { tags: ["page:kb/a"], renderedSince: beforeClear });
    expect(cache.get("/kb/a")).toBeUndefined();
  });
});

describe("cache keys", () => {
  const keys = new CacheKeys([
    { pattern: "/kb/:slug", params: {} },
    {
      pattern: "/forum",
      params: {
        sort: { kind: "key", values: ["new", "top"], example: "top" },
        page: { kind: "key", pattern: /^[1-9]\d{0,3}$/, example: "2" },
        q: { kind: "bypass" },
      },
    },
  ]);
  const cache = new PageCache({ keys });

  it("answer tracking parameters from the stored page but never store a page under them", () => {
    expect(cache.key("/kb/x")).toBe("/kb/x");
    expect(cache.key("/kb/x?utm_source=a&utm_medium=b")).toBe("/kb/x");
    expect(cache.storeKey("/kb/x?utm_source=a")).toBeNull();
    expect(cache.storeKey("/kb/x")).toBe("/kb/x");
    expect(cache.key("/kb/x?")).toBe("/kb/x");
  });

  it("bypass the cache for a parameter the page does not declare or declares as free text", () => {
    expect(cache.key("/kb/x?random=123")).toBeNull();
    expect(cache.storeKey("/kb/x?random=123")).toBeNull();
    expect(cache.key("/forum?q=billing")).toBeNull();
    expect(cache.storeKey("/forum?q=billing")).toBeNull();
  });

  it("keep declared parameters, sorted, so their order does not matter", () => {
    expect(cache.key("/forum?sort=new&page=2&utm_campaign=z")).toBe("/forum?page=2&sort=new");
    expect(cache.key("/forum?page=2&sort=new")).toBe("/forum?page=2&sort=new");
    expect(cache.storeKey("/forum?page=2&sort=new")).toBe("/forum?page=2&sort=new");
  });

  it("bypass the cache for values the page does not accept, over-long values and repeated parameters", () => {
    expect(cache.key("/forum?sort=sideways")).toBeNull();
    expect(cache.key(`/forum?page=${"9".repeat(500)}`)).toBeNull();
    expect(cache.key("/forum?page=0")).toBeNull();
    expect(cache.key("/forum?sort=new&sort=top")).toBeNull();
  });

  it("never store a page whose path no pattern declares", () => {
    expect(cache.storeKey("/settings")).toBeNull();
    expect(cache.key("/settings?page=2")).toBeNull();
  });

  it("cannot be grown by a flood of random query strings", () => {
    const flooded = new PageCache({ keys });
    for (let index = 0; index < 500; index++) {
      for (const url of [`/kb/x?q${index}=${index}`, `/kb/x?utm_source=${index}`, `/forum?sort=x${index}`]) {
        const key = flooded.storeKey(url);
        if (key && !flooded.get(key)) flooded.set(key, 200, [], body("x"));
      }
    }
    expect(flooded.size).toBe(0);
  });
});
