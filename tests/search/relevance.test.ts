import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "~/content/build.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { IndexState } from "~/search/index-state.server";
import { syncContentIndex } from "~/search/indexer.server";
import type { SearchEngine } from "~/search/types";
import { RELEVANCE_CASES, runRelevanceSuite } from "./relevance-cases";

const CACHE_DIR = path.resolve(".content-cache");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tf-relevance-"));
let engine: SearchEngine;

beforeAll(async () => {
  const manifest = await readManifest(CACHE_DIR);
  if (!manifest) throw new Error("Run `npm run content:build` first (npm test does).");
  engine = createEmbeddedEngine({ file: path.join(tmp, "search.db") });
  const state = new IndexState(path.join(tmp, "search.db"));
  await syncContentIndex({ engines: [engine], state, manifest, cacheDir: CACHE_DIR, popularity: new Map(), includeDrafts: false });
  state.close();
});
afterAll(async () => {
  await engine?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("search relevance on the real help-center content", () => {
  it(`has at least 30 questions`, () => {
    expect(RELEVANCE_CASES.length).toBeGreaterThanOrEqual(30);
  });

  it("puts the right page in the top 3 for at least 90% of customer questions (embedded engine)", async () => {
    const report = await runRelevanceSuite(engine);
    console.info(`relevance: precision@3 = ${(report.precisionAt3 * 100).toFixed(1)}% over ${RELEVANCE_CASES.length} questions`);
    for (const miss of report.misses) console.info(`  miss: "${miss.query}" → expected ${miss.expect}, got ${miss.got.join(", ") || "nothing"}`);
    expect(report.precisionAt3).toBeGreaterThanOrEqual(0.9);
  });
});
