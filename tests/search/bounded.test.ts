import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countLabel } from "~/components/search/search-results";
import { liveMessageFor } from "~/components/search/instant-search-options";
import { CANDIDATE_CAP } from "~/search/bounded-work";
import { createEmbeddedEngine } from "~/search/embedded.server";
import type { SearchEngine } from "~/search/types";
import { doc } from "./contract";
import { COMMON, boundedCorpus } from "./bounded-corpus";

/**
 * Words on a large share of the index: the embedded engine ranks a bounded candidate set and says when its
 * counts stopped at the cap (decision record 023). Small indexes, like the help center's own, never get here.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tf-search-bounded-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("embedded engine: words on a large share of the index", () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = createEmbeddedEngine({ file: path.join(tmp, "bounded.db") });
    const documents = boundedCorpus();
    await engine.replaceAll(documents);
  });
  afterAll(() => engine.close());

  it("ranks the page about the word first, though it is the last of thousands to hold it", async () => {
    const result = await engine.search({ query: "printer" });
    expect(result.hits[0]?.id).toBe("kb/set-up-a-printer");
    expect(result.hits).toHaveLength(10);
  });

  it("finds it while the word is being typed", async () => {
    const result = await engine.search({ query: "printe" });
    expect(result.hits[0]?.id).toBe("kb/set-up-a-printer");
  });

  it("says the count is a lower bound when it stopped counting, and never claims more than match", async () => {
    const result = await engine.search({ query: "printer", facets: ["type", "category"] });
    expect(result.exhaustiveCounts).toBe(false);
    expect(result.totalHits).toBeGreaterThanOrEqual(CANDIDATE_CAP);
    expect(result.totalHits).toBeLessThanOrEqual(COMMON + 1);
    const types = result.facets.type ?? {};
    expect(types.thread).toBeGreaterThan(0);
    expect(types.thread).toBeLessThanOrEqual(COMMON);
    expect(Object.values(result.facets.category ?? {}).reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(
      result.totalHits,
    );
  });

  it("counts exactly when the words together match fewer sections than the cap", async () => {
    const result = await engine.search({ query: "printer jammed", facets: ["category"] });
    const expected = Math.ceil(COMMON / 40);
    expect(result.exhaustiveCounts).toBe(true);
    expect(result.totalHits).toBe(expected);
    expect(result.facets.category).toEqual({ tickets: expected });
  });

  it("falls back to pages holding the rare word when no page holds them all", async () => {
    const result = await engine.search({ query: "printer zyxwvut" });
    expect(result.hits[0]?.id).toBe("kb/quokka-mode");
  });

  it("keeps restricted documents out of a bounded search", async () => {
    await engine.upsert([
      doc({
        id: "staff/printer-fleet",
        title: "Printer fleet notes",
        body: "Internal printer notes.",
        visibility: "staff",
      }),
    ]);
    const anonymous = await engine.search({ query: "printer" });
    expect(anonymous.hits.map((hit) => hit.id)).not.toContain("staff/printer-fleet");
    const staff = await engine.search({ query: "printer fleet", viewer: { kind: "staff" } });
    expect(staff.hits[0]?.id).toBe("staff/printer-fleet");
  });
});

describe("counts the engine stopped short of", () => {
  it("are shown as at least, never as an exact number", () => {
    expect(countLabel(263, true)).toBe("263");
    expect(countLabel(1263, false)).toBe("1,263+");
  });

  it("are read out as 'or more' in instant search", () => {
    const current = {
      query: "printer",
      engine: "embedded",
      totalHits: 1263,
      exhaustiveCounts: false,
      processingTimeMs: 3,
      correctedQuery: null,
      hits: [],
    };
    const view = { current: { ...current, hits: [{}, {}] }, currentError: null } as unknown as Parameters<
      typeof liveMessageFor
    >[2];
    expect(liveMessageFor(true, "printer", view)).toContain("of 1263 or more");
  });
});
