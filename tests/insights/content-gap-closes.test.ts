import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// This file's own search index, named before any app module reads SEARCH_DB (so only dynamic imports below).
const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), "tf-content-gaps-"));
const indexFile = path.join(indexDir, "search.db");
process.env.SEARCH_DB = indexFile;

const ANSWERING_ARTICLE = "kb/how-do-i-reset-my-password";
const DAY_MS = 24 * 60 * 60 * 1000;

let closeIndex: () => Promise<void> = async () => {};

beforeAll(async () => {
  const { readManifest } = await import("~/content/build.server");
  const { pgPool } = await import("~/lib/db.server");
  const { createEmbeddedEngine } = await import("~/search/embedded.server");
  const { createPostgresEngine } = await import("~/search/postgres.server");
  const { syncContentIndex } = await import("~/search/indexer.server");
  const manifest = await readManifest(path.resolve(".content-cache"));
  if (!manifest) throw new Error("Run `npm run content:build` first (npm test does).");
  const engine = pgPool ? createPostgresEngine({ pool: pgPool }) : createEmbeddedEngine({ file: indexFile });
  await syncContentIndex({
    engines: [engine],
    manifest,
    cacheDir: path.resolve(".content-cache"),
    popularity: new Map(),
    includeDrafts: false,
  });
  closeIndex = () => engine.close();
});

afterAll(async () => {
  await closeIndex();
  fs.rmSync(indexDir, { recursive: true, force: true });
});

describe("a content-gap group closes once an article answers it", () => {
  it("moves a group to 'answered' when an article updated after its evidence is in the top 3 for its words, and leaves the others open", async () => {
    const { listPages } = await import("~/content/store.server");
    const { contentGapQueue, forgetContentGapQueue } = await import("~/insights/content-gaps.server");
    const { rollupSearchAnalytics } = await import("~/insights/rollup.server");
    const { prisma } = await import("~/lib/db.server");

    const article = (await listPages()).find((page) => page.id === ANSWERING_ARTICLE);
    const updated = article?.updatedAt;
    expect(updated, `${ANSWERING_ARTICLE} is in the content build, with a date`).toBeTruthy();
    // Customers searched in vain the day before the article was written; the queue is read a day after it.
    const articleDay = new Date(`${updated!.slice(0, 10)}T12:00:00Z`);
    const searchedAt = new Date(articleDay.getTime() - DAY_MS);
    const now = new Date(articleDay.getTime() + DAY_MS);
    const searches = [
      ...Array.from({ length: 4 }, () => "reset my password"),
      ...Array.from({ length: 3 }, () => "zorblax widget calibration"),
    ];
    await prisma.searchQuery.createMany({
      data: searches.map((query, index) => ({
        query,
        resultCount: 0,
        engine: "embedded",
        latencyMs: 2,
        source: "page",
        createdAt: new Date(searchedAt.getTime() + index * 60_000),
      })),
    });
    await rollupSearchAnalytics(prisma, now);
    forgetContentGapQueue();

    const queue = await contentGapQueue(now);
    const password = [...queue.open, ...queue.answered].find((group) => group.label.includes("reset my password"));
    const zorblax = [...queue.open, ...queue.answered].find((group) => group.label.includes("zorblax"));
    expect(password, "the password searches form a group").toBeDefined();
    expect(queue.answered).toContain(password);
    // The answering hit may be a section of the article (its URL then carries the heading's anchor).
    expect(password!.answeredBy?.url.split("#")[0]).toBe(`/${ANSWERING_ARTICLE}`);
    // Nothing on the site answers the made-up product: that group stays open for writers.
    expect(queue.open).toContain(zorblax);
    expect(zorblax!.answeredBy).toBeFalsy();
  });
});
