import { describe, expect, it } from "vitest";
import { PageCache } from "../../server/page-cache";

/**
 * The page cache's no-stampede rules (decision record 018): a soft purge (a new reply) keeps serving
 * the page for a few seconds while one render refreshes it; a hard purge (a deletion, a hide) drops it
 * at once and refuses a render that began before it; concurrent misses share one render.
 */

const html = (text: string) => Buffer.from(`<p>${text}</p>`);
const TAGS = { tags: ["thread:7"] };

function clockedCache(options: { graceMs?: number; refreshAfterMs?: number } = {}) {
  let now = 1_000_000;
  const cache = new PageCache({ now: () => now, recompress: false, ...options });
  return { cache, advance: (ms: number) => (now += ms) };
}

describe("a soft purge", () => {
  it("keeps the page, due for a refresh once it is refreshAfterMs old, and drops it after the grace period", () => {
    const { cache, advance } = clockedCache({ graceMs: 5000, refreshAfterMs: 1000 });
    cache.set("/community/t/7", 200, [], html("two replies"), TAGS);
    advance(200);
    expect(cache.purge(["thread:7"], "soft")).toBe(1);
    // Stored 200 ms ago: still served as it is (a hot thread renders at most about once a second).
    expect(cache.lookup("/community/t/7")).toMatchObject({ stale: false });
    advance(900);
    expect(cache.lookup("/community/t/7")).toMatchObject({ stale: true });
    advance(4000);
    expect(cache.lookup("/community/t/7")?.stale).toBe(true);
    advance(200); // 5.1 s after the purge: too old to serve
    expect(cache.lookup("/community/t/7")).toBeUndefined();
  });

  it("does not extend the grace period with later soft purges", () => {
    const { cache, advance } = clockedCache({ graceMs: 3000, refreshAfterMs: 0 });
    cache.set("/t", 200, [], html("a"), TAGS);
    cache.purge(["thread:7"], "soft");
    for (let step = 0; step < 3; step++) {
      advance(1000);
      cache.purge(["thread:7"], "soft");
    }
    advance(1);
    expect(cache.lookup("/t")).toBeUndefined();
  });

  it("lets a render that began before it be stored, already due for a refresh; a fresh render clears the mark", () => {
    const { cache, advance } = clockedCache({ refreshAfterMs: 0 });
    cache.set("/t", 200, [], html("old"), TAGS);
    const since = cache.generationNow();
    cache.purge(["thread:7"], "soft");
    advance(10);
    cache.set("/t", 200, [], html("newer"), { ...TAGS, renderedSince: since });
    expect(cache.lookup("/t")).toMatchObject({ stale: true });
    expect(cache.lookup("/t")?.page.body.toString()).toBe("<p>newer</p>");
    cache.set("/t", 200, [], html("newest"), { ...TAGS, renderedSince: cache.generationNow() });
    expect(cache.lookup("/t")).toMatchObject({ stale: false });
  });
});

describe("a hard purge", () => {
  it("drops the page at once, even one a soft purge left stale", () => {
    const { cache } = clockedCache();
    cache.set("/t", 200, [], html("with the post"), TAGS);
    cache.purge(["thread:7"], "soft");
    cache.purge(["thread:7"], "hard");
    expect(cache.lookup("/t")).toBeUndefined();
  });

  it("refuses a render that began before it: a hidden post is never stored again", () => {
    const { cache } = clockedCache();
    const since = cache.generationNow();
    cache.purge(["thread:7"], "hard");
    const page = cache.set("/t", 200, [], html("with the hidden post"), { ...TAGS, renderedSince: since });
    expect(cache.holds("/t", page)).toBe(false);
    expect(cache.lookup("/t")).toBeUndefined();
  });
});

describe("concurrent misses", () => {
  it("wait for the one render in progress and get its page", async () => {
    const { cache } = clockedCache();
    expect(cache.inFlight("/t")).toBeUndefined();
    const finished = cache.startRender("/t");
    const waiting = Array.from({ length: 50 }, () => cache.inFlight("/t"));
    const page = cache.set("/t", 200, [], html("rendered once"), TAGS);
    finished(page);
    finished(null); // a second call changes nothing
    for (const shared of await Promise.all(waiting)) expect(shared).toBe(page);
    expect(cache.inFlight("/t")).toBeUndefined();
  });

  it("render on their own when the shared render stored nothing", async () => {
    const { cache } = clockedCache();
    const finished = cache.startRender("/t");
    const waiting = cache.inFlight("/t");
    finished(null);
    expect(await waiting).toBeNull();
    expect(cache.inFlight("/t")).toBeUndefined();
  });
});
