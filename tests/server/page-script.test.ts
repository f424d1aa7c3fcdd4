import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppServer } from "../../server/app-server";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import { createCategory, createMember, createQuestion } from "../forum/forum-factories";

/**
 * What script a page makes the browser load: its module preloads, the modules Remix's inline bootstrap
 * imports, and every module those import statically (gzip -9, as `npm run bench:pages` counts it).
 * An anonymous reader of a thread loads no reply box, flag dialog or moderator menu, and at most 15 KB
 * more than an article's page.
 */

const MANIFEST = path.resolve(".content-cache/manifest.json");
const ARTICLE = "/kb/how-fast-will-we-respond-to-my-ticket";
let server: ReturnType<typeof createAppServer>;
let base = "";

beforeAll(async () => {
  if (!fs.existsSync(SERVER_BUILD) || !fs.existsSync(MANIFEST))
    throw new Error("Run `npm run build` before the server tests (npm test does).");
  const build = (await import(SERVER_BUILD)) as ServerBuild;
  server = createAppServer({ build, clientDir: CLIENT_DIR, manifestFile: MANIFEST, cache: false });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const IMPORTS = /(?:\bimport\s*(?:[\w*{}\s,$]+from\s*)?|\bfrom\s*)["']([^"']+\.js)["']/g;

async function scriptOf(pagePath: string) {
  const html = await (await fetch(`${base}${pagePath}`)).text();
  const seen = new Set<string>();
  const queue: string[] = [];
  const add = (specifier: string, from: string) => {
    const url = new URL(specifier, from);
    if (url.origin !== base || seen.has(url.href)) return;
    seen.add(url.href);
    queue.push(url.href);
  };
  for (const [, href] of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) add(href, `${base}${pagePath}`);
  for (const [, body] of html.matchAll(/<script type="module"[^>]*>([\s\S]*?)<\/script>/g))
    for (const [, specifier] of body.matchAll(IMPORTS)) add(specifier, `${base}${pagePath}`);
  let gzipBytes = 0;
  for (const url of queue) {
    const code = Buffer.from(await (await fetch(url)).arrayBuffer());
    gzipBytes += gzipSync(code, { level: 9 }).length;
    for (const [, specifier] of code.toString("utf8").matchAll(IMPORTS)) add(specifier, url);
  }
  return { files: queue.map((url) => new URL(url).pathname), gzipKB: gzipBytes / 1024 };
}

describe("script an anonymous reader loads", () => {
  it("on a thread page: no reply box, flag dialog or moderator menu, and at most 15 KB more than an article", async () => {
    const thread = await createQuestion(
      await createMember(),
      (await createCategory()).slug,
      "Where do I see my invoices?",
    );
    const [article, threadPage] = await Promise.all([
      scriptOf(ARTICLE),
      scriptOf(`/community/t/${thread.id}-${thread.slug}`),
    ]);
    expect(threadPage.files.length).toBeGreaterThan(5);
    for (const chunk of ["reply-form", "flag-dialog", "moderator-menu", "composer-"])
      expect(threadPage.files.filter((file) => file.includes(chunk))).toEqual([]);
    expect(threadPage.gzipKB - article.gzipKB).toBeLessThanOrEqual(15);
  });
});
