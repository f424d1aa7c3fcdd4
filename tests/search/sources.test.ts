import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "~/content/build.server";
import { rebuildSearchIndex } from "~/search/content-sync.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { syncContentIndex } from "~/search/indexer.server";
import "~/composition.server";
import { allSourceDocuments, searchSources, type SearchSourceDefinition } from "~/search/sources.server";
import type { SearchEngine } from "~/search/types";
import { indexDocuments, removeDocuments } from "~/search/writes.server";
import { doc } from "./contract";

const CACHE_DIR = path.resolve(".content-cache");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tf-sources-"));
const file = path.join(tmp, "search.db");
let engine: SearchEngine;

const forumThread = doc({
  id: "forum/42",
  type: "thread",
  source: "forum",
  title: "Quixotic webhook retries",
  body: "Our quixotic webhook retries twice.",
});

beforeAll(async () => {
  engine = createEmbeddedEngine({ file });
  await engine.init();
});
afterAll(async () => {
  await engine?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const ids = async (query: string) =>
  (await engine.search({ query, viewer: { kind: "staff" } })).hits.map((hit) => hit.id);

describe("search sources", () => {
  it("registers content and the account pages; a rebuild lists both", async () => {
    expect(searchSources().map((source) => source.name)).toEqual(expect.arrayContaining(["content", "pages"]));
    expect(new Set(searchSources().map((source) => source.name)).size).toBe(searchSources().length);
    const { documents, bySource } = await allSourceDocuments();
    expect(bySource.pages).toBe(4);
    expect(bySource.content).toBeGreaterThan(30);
    expect(documents.map((document) => document.url)).toEqual(
      expect.arrayContaining(["/forgot-password", "/settings", "/signup", "/login", "/kb/how-do-i-use-live-chat"]),
    );
  });

  it("a runtime write is searchable at once, and its removal too", async () => {
    await indexDocuments("forum", [forumThread], [engine]);
    expect(await ids("quixotic webhook")).toEqual(["forum/42"]);
    await removeDocuments("forum", ["forum/42"], [engine]);
    expect(await ids("quixotic webhook")).toEqual([]);
  });

  it("refuses a document reported by a source it does not belong to", async () => {
    await expect(indexDocuments("ideas", [forumThread], [engine])).rejects.toThrow(/source forum/);
  });

  it("a full content sync replaces content only: forum threads survive it", async () => {
    const manifest = await readManifest(CACHE_DIR);
    if (!manifest) throw new Error("Run `npm run content:build` first (npm test does).");
    await indexDocuments("forum", [forumThread], [engine]);
    await syncContentIndex({
      engines: [engine],
      manifest,
      cacheDir: CACHE_DIR,
      popularity: new Map(),
      includeDrafts: false,
      full: true,
    });
    expect(await ids("quixotic webhook")).toEqual(["forum/42"]);
    expect((await ids("escalation")).length).toBeGreaterThan(0);
  });

  it("search:reindex rebuilds every registered source and drops what no source lists any more", async () => {
    await indexDocuments(
      "ideas",
      [doc({ id: "ideas/gone", type: "idea", source: "ideas", title: "Obsolete zorbling idea" })],
      [engine],
    );
    const forum: SearchSourceDefinition = { name: "forum", listDocuments: async () => [forumThread] };
    const report = await rebuildSearchIndex([engine], {
      sources: [...searchSources().filter((source) => source.name !== "forum"), forum],
    });
    expect(report.bySource).toMatchObject({ pages: 4, forum: 1 });
    expect(await ids("quixotic webhook")).toEqual(["forum/42"]);
    expect(await ids("zorbling")).toEqual([]);
    expect(
      (await ids("reset password")).some(
        (id) => id === "pages/forgot-password" || id.startsWith("kb/how-do-i-reset-my-password"),
      ),
    ).toBe(true);
  });
});
