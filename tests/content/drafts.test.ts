import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildContent } from "~/content/build.server";
import { article, makeContentTree } from "../factories/content";

const tree = makeContentTree();
const originalEnv = { ...process.env };

beforeAll(async () => {
  tree.write("kb/published.mdx", article({ title: "Published article" }));
  tree.write("kb/unfinished.mdx", article({ title: "Unfinished article", extra: "draft: true\n" }));
  await buildContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir });
  process.env.CONTENT_DIR = tree.contentDir;
  process.env.CONTENT_CACHE_DIR = tree.cacheDir;
});
afterAll(() => {
  process.env = originalEnv;
  tree.cleanup();
});

async function storeFor(nodeEnv: "production" | "development") {
  vi.resetModules();
  process.env.NODE_ENV = nodeEnv;
  // Production requires a public origin (app/lib/env.server.ts); this suite only reads content.
  process.env.PUBLIC_URL ??= "https://help.example.com";
  process.env.APP_SECRET ??= "drafts-test-secret-0123456789abcdef0123456789";
  return import("~/content/store.server");
}

describe("drafts", () => {
  it("are hidden in production: not listed and not found", async () => {
    const store = await storeFor("production");
    expect((await store.listPages("kb")).map((page) => page.id)).toEqual(["kb/published"]);
    expect(await store.findPage("kb/unfinished")).toBeUndefined();
  });

  it("are visible in development", async () => {
    const store = await storeFor("development");
    expect((await store.listPages("kb")).map((page) => page.id).sort()).toEqual(["kb/published", "kb/unfinished"]);
    expect((await store.findPage("kb/unfinished"))?.frontmatter.title).toBe("Unfinished article");
  });
});
