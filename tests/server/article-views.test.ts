import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flushPageViews } from "~/insights/page-views.server";
import { prisma } from "~/lib/db.server";
import { createAppServer } from "../../server/app-server";
import { articleViewOf } from "../../server/article-views";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import { PageCache } from "../../server/page-cache";

/** Article and doc views, counted by the app server for first visits and for in-app navigations alike. */

const MANIFEST = path.resolve(".content-cache/manifest.json");
const ARTICLE = "/kb/how-fast-will-we-respond-to-my-ticket";
const DOC = "/docs/portal/submitting-a-ticket";

let server: ReturnType<typeof createAppServer>;
let build: ServerBuild;
let base = "";
const cache = new PageCache({ recompress: false });

beforeAll(async () => {
  if (!fs.existsSync(SERVER_BUILD) || !fs.existsSync(MANIFEST))
    throw new Error("Run `npm run build` before the server tests (npm test does).");
  build = (await import(SERVER_BUILD)) as ServerBuild;
  server = createAppServer({ build, clientDir: CLIENT_DIR, manifestFile: MANIFEST, cache });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Views stored for a page path ("/kb/x") after the pending counts are written. */
async function viewsOf(pagePath: string) {
  await flushPageViews();
  const rows = await prisma.pageViewDaily.findMany({ where: { path: pagePath.slice(1) } });
  return rows.reduce((sum, row) => sum + row.views, 0);
}

/** Views a few requests add to a page; each request is answered in full before counting. */
async function viewsAddedBy(pagePath: string, requests: { url: string; headers?: Record<string, string> }[]) {
  const before = await viewsOf(pagePath);
  for (const request of requests) {
    const response = await fetch(`${base}${request.url}`, { headers: request.headers });
    await response.arrayBuffer();
  }
  return (await viewsOf(pagePath)) - before;
}

describe("article views", () => {
  it("counts the data request of an in-app navigation (/kb/<slug>.data) as one view of /kb/<slug>", async () => {
    expect(await viewsAddedBy(ARTICLE, [{ url: `${ARTICLE}.data` }])).toBe(1);
    expect(await viewsAddedBy(DOC, [{ url: `${DOC}.data` }])).toBe(1);
  });

  it("counts a first visit's page, from the cache or rendered, once each", async () => {
    cache.clear();
    expect(await viewsAddedBy(ARTICLE, [{ url: ARTICLE }, { url: ARTICLE }])).toBe(2);
  });

  it("does not count a prefetch, nor a revalidation that leaves out the article's own loader", async () => {
    const added = await viewsAddedBy(ARTICLE, [
      { url: `${ARTICLE}.data`, headers: { "Sec-Purpose": "prefetch" } },
      { url: `${ARTICLE}.data`, headers: { Purpose: "prefetch" } },
      { url: `${ARTICLE}.data?_routes=root` },
    ]);
    expect(added).toBe(0);
    expect(
      await viewsAddedBy(ARTICLE, [
        { url: `${ARTICLE}.data?${new URLSearchParams({ _routes: "root,routes/kb.$slug" })}` },
      ]),
    ).toBe(1);
  });

  it("does not count a missing article, a category page or another section", async () => {
    expect(
      await viewsAddedBy("/kb/no-such-article", [{ url: "/kb/no-such-article.data" }, { url: "/kb/no-such-article" }]),
    ).toBe(0);
    expect(articleViewOf("/kb/category/tickets.data", {})).toBe("/kb/category/tickets");
    expect(await viewsAddedBy("/kb/category/tickets", [{ url: "/kb/category/tickets.data" }])).toBe(0);
    expect(articleViewOf("/community.data", {})).toBeNull();
  });

  it("names in _routes the article routes this server build really has", () => {
    const routeIds = Object.keys(build.routes);
    expect(routeIds).toContain("routes/kb.$slug");
    expect(routeIds).toContain("routes/docs.$");
    expect(articleViewOf(`${DOC}.data?_routes=root%2Croutes%2Fdocs.%24`, {})).toBe(DOC);
  });
});
