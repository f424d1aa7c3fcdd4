import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAppServer } from "../../server/app-server";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import { CACHEABLE_PAGES, TRACKING_PARAMS } from "../../server/cache-params";
import { PageCache } from "../../server/page-cache";
import { createCategory, createMember, createQuestion } from "../forum/forum-factories";
import { actor, submitIdea } from "../ideas/factories";

/**
 * The page cache keys each cacheable page by the query parameters that page reads
 * (server/cache-params.ts). These tests go through the real app server and the built routes.
 */

const MANIFEST = path.resolve(".content-cache/manifest.json");
/** Parameters Remix itself reads on every request (route and index selection), never a page's own. */
const REMIX_PARAMS = new Set(["index", "_data", "_routes"]);

let server: ReturnType<typeof createAppServer>;
let build: ServerBuild;
let base = "";
const cache = new PageCache({ recompress: false });
/** One real address per declared pattern; filled in beforeAll from rows this file creates. */
const samples = new Map<string, string>();

beforeAll(async () => {
  if (!fs.existsSync(SERVER_BUILD) || !fs.existsSync(MANIFEST))
    throw new Error("Run `npm run build` before the server tests (npm test does).");
  build = (await import(SERVER_BUILD)) as ServerBuild;
  server = createAppServer({ build, clientDir: CLIENT_DIR, manifestFile: MANIFEST, cache });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const category = await createCategory();
  const thread = await createQuestion(await createMember(), category.slug);
  const idea = await submitIdea(await actor());
  const threadUrl = await firstLink(
    `/community/c/${category.slug}`,
    new RegExp(`/community/t/${thread.id}-[a-z0-9-]+`),
  );
  const ideaUrl = await firstLink("/ideas", new RegExp(`/ideas/${idea.id}-[a-z0-9-]+`));
  const entries: [string, string][] = [
    ["/", "/"],
    ["/kb", "/kb"],
    ["/kb/category/:category", "/kb/category/tickets"],
    ["/kb/:slug", "/kb/how-fast-will-we-respond-to-my-ticket"],
    ["/docs", "/docs"],
    ["/docs/*", "/docs/portal/submitting-a-ticket"],
    ["/webinars", "/webinars"],
    ["/webinars/:slug", "/webinars/getting-the-most-from-the-support-portal"],
    ["/status", "/status"],
    ["/training", "/training"],
    ["/training/:course", "/training/getting-help-fast"],
    ["/training/:course/:lesson", "/training/getting-help-fast/choosing-a-priority"],
    ["/community", "/community"],
    ["/community/c/:slug", `/community/c/${category.slug}`],
    ["/community/tags/:tag", "/community/tags/testing"],
    ["/community/t/*", threadUrl],
    ["/ideas", "/ideas"],
    ["/ideas/roadmap", "/ideas/roadmap"],
    ["/ideas/changelog", "/ideas/changelog"],
    ["/ideas/changelog.atom", "/ideas/changelog.atom"],
    ["/ideas/:idea", ideaUrl],
    ["/robots.txt", "/robots.txt"],
    ["/sitemap.xml", "/sitemap.xml"],
    ["/sitemaps/:name", "/sitemaps/pages-1.xml"],
  ];
  for (const [pattern, url] of entries) samples.set(pattern, url);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function firstLink(page: string, pattern: RegExp) {
  const html = await (await fetch(`${base}${page}`)).text();
  const found = pattern.exec(html)?.[0];
  if (!found) throw new Error(`no link like ${pattern} on ${page}`);
  return found;
}

async function get(url: string) {
  const response = await fetch(`${base}${url}`, { redirect: "manual" });
  return { status: response.status, cache: response.headers.get("x-cache"), body: await response.text() };
}

/** Route files that mark their page cacheable, as Remix paths ("/ideas/:idea", "/community/t/*"). */
function cacheableRoutePaths(): string[] {
  const routes = build.routes as Record<string, { path?: string; parentId?: string; index?: boolean }>;
  const fullPath = (id: string): string => {
    const route = routes[id];
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.keys(routes)
    .filter((id) => {
      const file = ["tsx", "ts"]
        .map((extension) => path.resolve("app", `${id}.${extension}`))
        .find((candidate) => fs.existsSync(candidate));
      if (!file) return false;
      const source = fs.readFileSync(file, "utf8");
      return /\bcacheableHeaders\b|\bPAGE_CACHE_HEADER\b/.test(source);
    })
    .map((id) => `/${fullPath(id)}`);
}

describe("cache keys follow what each page reads", () => {
  it("stores /ideas?status=shipped apart from /ideas: a filtered list is never the unfiltered one", async () => {
    cache.clear();
    const all = await get("/ideas");
    expect(all.cache).toBe("MISS");
    const shipped = await get("/ideas?status=shipped");
    expect(shipped.status).toBe(200);
    expect(shipped.cache).toBe("MISS");
    expect(shipped.body).not.toBe(all.body);
    expect((await get("/ideas?status=shipped")).cache).toBe("HIT");
    const again = await get("/ideas");
    expect(again.cache).toBe("HIT");
    expect(again.body).toBe(all.body);
  });

  it("never stores a search of the ideas list, nor answers one from the cache", async () => {
    cache.clear();
    const searched = await get("/ideas?q=Zanzibar");
    expect(searched.status).toBe(200);
    expect(searched.body).toContain("Zanzibar");
    expect(searched.cache).toBeNull();
    expect(cache.size).toBe(0);
    const plain = await get("/ideas");
    expect(plain.cache).toBe("MISS");
    expect(plain.body).not.toContain("Zanzibar");
    // With /ideas stored, a search still renders its own page.
    const searchedAgain = await get("/ideas?q=Zanzibar");
    expect(searchedAgain.cache).toBeNull();
    expect(searchedAgain.body).toContain("Zanzibar");
  });

  it("declares every route that marks its page cacheable, and nothing else", () => {
    expect(new Set(CACHEABLE_PAGES.map((page) => page.pattern))).toEqual(new Set(cacheableRoutePaths()));
    expect([...samples.keys()].sort()).toEqual(CACHEABLE_PAGES.map((page) => page.pattern).sort());
  });

  it("declares every query parameter each cacheable page reads while rendering", async () => {
    const read = new Set<string>();
    const spies = (["get", "getAll", "has"] as const).map((method) => {
      const original = URLSearchParams.prototype[method] as (this: URLSearchParams, name: string) => unknown;
      return vi.spyOn(URLSearchParams.prototype, method).mockImplementation(function (
        this: URLSearchParams,
        name: string,
      ) {
        read.add(name);
        return original.call(this, name);
      } as never);
    });
    try {
      for (const page of CACHEABLE_PAGES) {
        read.clear();
        cache.clear();
        const response = await get(samples.get(page.pattern)!);
        expect(response.status, page.pattern).toBe(200);
        const undeclared = [...read].filter((name) => !REMIX_PARAMS.has(name) && !(name in page.params));
        expect(undeclared, `${page.pattern} reads parameters server/cache-params.ts does not declare`).toEqual([]);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("walks every declared parameter: a keyed one gets its own entry, a bypassed one is never stored", async () => {
    for (const page of CACHEABLE_PAGES) {
      const sample = samples.get(page.pattern)!;
      for (const [name, rule] of Object.entries(page.params)) {
        const url = `${sample}?${new URLSearchParams({ [name]: rule.kind === "key" ? rule.example : "anything" })}`;
        cache.clear();
        const first = await get(url);
        expect(first.cache, url).not.toBe("HIT");
        if (rule.kind === "bypass") {
          expect(first.cache, url).toBeNull();
          expect(cache.size, url).toBe(0);
        } else if (first.status === 200) {
          expect(first.cache, url).toBe("MISS");
          expect((await get(url)).cache, url).toBe("HIT");
        }
        // Whatever the parameter did, the page without it was not stored by that request.
        expect((await get(sample)).cache, `${sample} after ${url}`).toBe("MISS");
      }
    }
  });

  it("renders every page uncached for a parameter it does not declare or a value it does not accept", async () => {
    for (const page of CACHEABLE_PAGES) {
      const sample = samples.get(page.pattern)!;
      cache.clear();
      await get(sample);
      for (const url of [
        `${sample}?not-a-parameter=1`,
        ...Object.keys(page.params).map((name) => `${sample}?${name}=%00bogus`),
      ]) {
        const response = await get(url);
        expect(response.cache, url).toBeNull();
      }
    }
  });

  it("answers a tracking parameter from the stored page, but never stores a page under it", async () => {
    const [tracking] = TRACKING_PARAMS;
    cache.clear();
    const cold = await get(`/kb/how-fast-will-we-respond-to-my-ticket?${tracking}=newsletter`);
    expect(cold.status).toBe(200);
    expect(cache.size).toBe(0);
    await get("/kb/how-fast-will-we-respond-to-my-ticket");
    expect((await get(`/kb/how-fast-will-we-respond-to-my-ticket?${tracking}=newsletter`)).cache).toBe("HIT");
  });
});
