import { afterEach, describe, expect, it, vi } from "vitest";
import { parseCookieHeader, isAnonymousCookieHeader, sessionTokenFromCookieHeader } from "~/lib/cookies";
import {
  applyRemotePurge,
  memoizeUntilPurged,
  onPurge,
  purgeCacheTags,
  setPurgeBroadcaster,
} from "~/lib/page-cache-purge.server";
import { cacheTagHeaders, pageTag, parseCacheTags, PAGE_TAGS_HEADER } from "~/lib/page-cache-tags";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
  setPurgeBroadcaster(null);
});

describe("purge registry", () => {
  it("lives on globalThis, so a second copy of the module (the Remix build's) reaches the same handlers", async () => {
    const purged: string[][] = [];
    cleanups.push(onPurge((tags) => purged.push([...tags])));
    // A fresh module instance, as the server build bundles its own copy.
    vi.resetModules();
    const copy = await import("~/lib/page-cache-purge.server");
    expect(copy.purgeCacheTags).not.toBe(purgeCacheTags);
    copy.purgeCacheTags(["votes"]);
    expect(purged).toEqual([["votes"]]);
  });

  it("forwards purges to the broadcaster, and a remote purge is applied here without echo", () => {
    const local: string[][] = [];
    const broadcast: string[][] = [];
    cleanups.push(onPurge((tags) => local.push([...tags])));
    setPurgeBroadcaster((tags) => broadcast.push([...tags]));
    purgeCacheTags(["page:kb/a", "page:kb/a", "not a tag"]);
    applyRemotePurge(["votes"]);
    expect(local).toEqual([["page:kb/a"], ["votes"]]);
    expect(broadcast).toEqual([["page:kb/a"]]);
  });

  it("keeps purging other handlers when one throws", () => {
    const seen: string[] = [];
    cleanups.push(
      onPurge(() => {
        throw new Error("broken handler");
      }),
    );
    cleanups.push(onPurge((tags) => seen.push(...tags)));
    const original = console.error;
    console.error = () => {};
    try {
      purgeCacheTags(["votes"]);
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(["votes"]);
  });

  it("memoizes a value until one of its tags is purged", async () => {
    let computed = 0;
    const popular = memoizeUntilPurged(["votes-memo-test"], 60_000, async () => ++computed);
    expect(await popular()).toBe(1);
    expect(await popular()).toBe(1);
    purgeCacheTags(["page:kb/unrelated"]);
    expect(await popular()).toBe(1);
    purgeCacheTags(["votes-memo-test"]);
    expect(await popular()).toBe(2);
  });
});

describe("tag headers", () => {
  it("round-trip through the response header and drop invalid tags", () => {
    const headers = cacheTagHeaders([pageTag("kb/a"), "votes", "bad tag"]);
    expect(headers).toEqual({ [PAGE_TAGS_HEADER]: "page:kb/a votes" });
    expect(parseCacheTags(headers[PAGE_TAGS_HEADER])).toEqual(["page:kb/a", "votes"]);
    expect(parseCacheTags(null)).toEqual([]);
  });
});

describe("the one cookie parser", () => {
  it("never throws on a malformed value", () => {
    expect(parseCookieHeader("tf_session=%zz").get("tf_session")).toBe("%zz");
    expect(parseCookieHeader("a=1; a=2; b=x%20y").get("a")).toBe("1");
    expect(parseCookieHeader("a=1; b=x%20y").get("b")).toBe("x y");
  });

  it("never reads a session where the cache's anonymous test saw none", () => {
    const headers = [
      "\u00e9x=1; tf_session=abc.def",
      "tf_session=abc.def",
      " tf_session=abc.def",
      "x=1;tf_session=abc",
      "__Host-tf_session=abc",
    ];
    for (const header of headers) {
      const signsIn =
        sessionTokenFromCookieHeader(header, false) !== null || sessionTokenFromCookieHeader(header, true) !== null;
      expect(signsIn && isAnonymousCookieHeader(header), header).toBe(false);
      expect(isAnonymousCookieHeader(header), header).toBe(false);
    }
    expect(isAnonymousCookieHeader("tf_visitor=abcdefghijklmnop")).toBe(true);
    expect(isAnonymousCookieHeader(undefined)).toBe(true);
  });

  it("reads only the __Host- cookie over HTTPS", () => {
    expect(sessionTokenFromCookieHeader("tf_session=a", true)).toBeNull();
    expect(sessionTokenFromCookieHeader("__Host-tf_session=b", true)).toBe("b");
  });
});
