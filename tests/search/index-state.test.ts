import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { indexContentBuild } from "~/search/content-sync.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { createMeilisearchEngine } from "~/search/meilisearch.server";
import type { SearchEngine } from "~/search/types";
import { startFakeMeilisearch, type FakeMeilisearch } from "./meili/fake-meilisearch";

/**
 * Each index keeps the record of which content it holds, so a content build fills a new index by itself:
 * a fresh search.db or a new Meilisearch index beside one that is current. (PostgreSQL:
 * index-state.pg.test.ts.) The escalation article is the page a customer asking about escalation needs.
 */
const ESCALATION_ARTICLE = "/kb/how-does-escalation-work";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tf-index-state-"));
const opened: SearchEngine[] = [];
let fake: FakeMeilisearch | null = null;

function embeddedAt(name: string) {
  const engine = createEmbeddedEngine({ file: path.join(tmp, name, "search.db") });
  opened.push(engine);
  return engine;
}

async function pagesFound(engine: SearchEngine, query: string) {
  return (await engine.search({ query, filters: { type: ["article"] }, limit: 50 })).hits.map(
    (hit) => hit.url.split("#")[0],
  );
}

afterEach(async () => {
  while (opened.length) await opened.pop()?.close();
  await fake?.close();
  fake = null;
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("the content build fills a new index by itself", () => {
  it("a fresh search.db gets all content although another index on this machine is current", async () => {
    const first = embeddedAt("first");
    expect((await indexContentBuild([first], { full: false })).full).toBe(true);
    expect(await pagesFound(first, "escalation")).toContain(ESCALATION_ARTICLE);
    // The same build again changes nothing in the index that holds it.
    expect(await indexContentBuild([first], { full: false })).toMatchObject({
      full: false,
      upsertedPages: 0,
      deletedPages: 0,
    });

    const fresh = embeddedAt("fresh");
    const report = await indexContentBuild([fresh], { full: false });
    expect(report.full).toBe(true);
    expect(report.upsertedPages).toBeGreaterThan(30);
    expect(await pagesFound(fresh, "escalation")).toContain(ESCALATION_ARTICLE);
    // Other sources come with it: the account pages are found in the new file too.
    expect((await fresh.search({ query: "reset password" })).hits.map((hit) => hit.url)).toContain("/forgot-password");
  });

  it("a new Meilisearch index is filled while the local index beside it stays incremental", async () => {
    const local = embeddedAt("beside-meili");
    await indexContentBuild([local], { full: false });
    fake = await startFakeMeilisearch();
    fake.storeDocuments = true;
    const meili = createMeilisearchEngine({ url: fake.url, taskPollIntervalMs: 1 });
    opened.push(meili);

    const report = await indexContentBuild([local, meili], { full: false });
    expect(report.engines.map(({ engine, full }) => [engine, full])).toEqual([
      ["embedded", false],
      ["meilisearch", true],
    ]);
    expect(report.engines[0].upsertedPages).toBe(0);
    expect(await pagesFound(meili, "escalation")).toContain(ESCALATION_ARTICLE);
    // The record went into the Meilisearch index: the next build finds nothing to do there either.
    expect(
      (await indexContentBuild([local, meili], { full: false })).engines.map(({ full, upsertedPages }) => [
        full,
        upsertedPages,
      ]),
    ).toEqual([
      [false, 0],
      [false, 0],
    ]);
  });

  it("an index emptied by a rebuild of another kind reports no content, so the next build refills it", async () => {
    const engine = embeddedAt("emptied");
    await indexContentBuild([engine], { full: false });
    expect((await engine.indexedContentPages()).size).toBeGreaterThan(30);
    await engine.replaceAll([]);
    expect((await engine.indexedContentPages()).size).toBe(0);
    expect((await indexContentBuild([engine], { full: false })).full).toBe(true);
    expect(await pagesFound(engine, "escalation")).toContain(ESCALATION_ARTICLE);
  });
});
