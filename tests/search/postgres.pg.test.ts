import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "~/content/build.server";
import { accountPageDocuments } from "~/search/account-pages";
import { syncContentIndex } from "~/search/indexer.server";
import { createPostgresEngine } from "~/search/postgres.server";
import type { SearchEngine } from "~/search/types";
import { CANDIDATE_CAP } from "~/search/bounded-work";
import { COMMON, boundedCorpus } from "./bounded-corpus";
import { defineSearchEngineContract, doc } from "./contract";
import { runRelevanceSuite } from "./relevance-cases";

// Runs on PostgreSQL only (npm run test:integration:pg): DATABASE_URL is this worker's throw-away database.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
afterAll(() => pool.end());

/** Each engine gets its own schema, so the contract, feature and relevance indexes never see each other. */
async function engineInSchema(schema: string) {
  // Extensions live in public, where the app's own search_path finds them too.
  await pool.query(
    `CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public; DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`,
  );
  const scoped = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    options: `-c search_path=${schema},public`,
  });
  const engine = createPostgresEngine({ pool: scoped });
  return Object.assign(engine, { close: () => scoped.end() });
}

defineSearchEngineContract("PostgreSQL full-text", () => engineInSchema("contract"));

describe("PostgreSQL engine: language features", () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await engineInSchema("features");
    await engine.replaceAll([
      doc({
        id: "kb/escalation",
        title: "How does escalation work?",
        body: "Our escalation process moves your ticket to senior engineers.",
      }),
      doc({
        id: "kb/priorities",
        title: "Choosing a priority",
        body: "Priority 1 is critical: a complete outage. Use it only when the system is down.",
      }),
      doc({ id: "kb/phone", title: "Phone support", body: "Call our main line during business hours." }),
      doc({ id: "kb/uptime", title: "Uptime guarantees", body: "Each plan guarantees a monthly availability." }),
      doc({ id: "kb/cafe", title: "Café rules", body: "Résumé of the naïve coöperation policy." }),
      doc({ id: "kb/numbers", title: "Ticket 12345", body: "Reference number 12345 and version 2026." }),
      doc({ id: "kb/staff", title: "Escalation runbook", body: "Internal escalation steps.", visibility: "staff" }),
    ]);
  });
  afterAll(() => engine.close());

  const ids = async (query: string) => (await engine.search({ query })).hits.map((hit) => hit.id);

  it("stems English words and matches the word being typed as a prefix", async () => {
    expect(await ids("escalating")).toContain("kb/escalation");
    expect(await ids("escal")).toContain("kb/escalation");
    expect(await ids("how does esc")).toContain("kb/escalation");
  });

  it("tolerates typos by word length (pg_trgm candidates) and says what it searched", async () => {
    const result = await engine.search({ query: "escalaton proces" });
    expect(result.hits.map((hit) => hit.id)).toContain("kb/escalation");
    expect(result.correctedQuery).toBe("escalation proces");
    expect(await ids("priorty")).toContain("kb/priorities");
    expect(await ids("phnoe")).toContain("kb/phone");
    expect(await ids("phxnx")).toEqual([]);
    expect(await ids("cll")).toEqual([]);
    expect(await ids("12346")).toEqual([]);
  });

  it("applies synonyms, ignores accents, and falls back to any word", async () => {
    expect(await ids("p1")).toContain("kb/priorities");
    expect(await ids("sla")).toContain("kb/uptime");
    expect(await ids("telephone")).toContain("kb/phone");
    expect(await ids("cafe resume naive")).toEqual(["kb/cafe"]);
    expect(await ids("escalation unicorns")).toContain("kb/escalation");
  });

  it("shows staff-only documents to staff only", async () => {
    expect(await ids("runbook")).toEqual([]);
    const staff = await engine.search({ query: "runbook", viewer: { kind: "staff" } });
    expect(staff.hits.map((hit) => hit.id)).toEqual(["kb/staff"]);
  });

  it("is one index for every instance: a write through one engine is found through another", async () => {
    const other = createPostgresEngine({
      pool: new pg.Pool({ connectionString: process.env.DATABASE_URL, options: "-c search_path=features,public" }),
    });
    await engine.upsert([doc({ id: "kb/shared", title: "Shared across instances", body: "zeppelin" })]);
    expect((await other.search({ query: "zeppelin" })).hits.map((hit) => hit.id)).toEqual(["kb/shared"]);
  });
});

describe("PostgreSQL engine: relevance on the real help-center content", () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    const manifest = await readManifest(path.resolve(".content-cache"));
    if (!manifest) throw new Error("Run `npm run content:build` first (npm test does).");
    engine = await engineInSchema("relevance");
    await syncContentIndex({
      engines: [engine],
      manifest,
      cacheDir: path.resolve(".content-cache"),
      popularity: new Map(),
      includeDrafts: false,
    });
    await engine.replaceSource("pages", accountPageDocuments());
  });
  afterAll(() => engine?.close());

  it("puts the right page in the top 3 for at least 95% of customer questions (the embedded engine's threshold)", async () => {
    const report = await runRelevanceSuite(engine);
    console.info(`relevance (postgres): precision@3 = ${(report.precisionAt3 * 100).toFixed(1)}%`);
    for (const miss of report.misses)
      console.info(`  miss: "${miss.query}" → expected ${miss.expect}, got ${miss.got.join(", ") || "nothing"}`);
    expect(report.precisionAt3).toBeGreaterThanOrEqual(0.95);
  });
});

describe("PostgreSQL engine: words on a large share of the index", () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = await engineInSchema("bounded");
    await engine.replaceAll(boundedCorpus());
  }, 120_000);
  afterAll(() => engine?.close());

  it("says the count is a lower bound when it stopped counting, and never claims more than match", async () => {
    const result = await engine.search({ query: "printer", facets: ["type"] });
    expect(result.exhaustiveCounts).toBe(false);
    expect(result.totalHits).toBeGreaterThanOrEqual(CANDIDATE_CAP);
    expect(result.totalHits).toBeLessThanOrEqual(COMMON + 1);
    expect(result.facets.type?.thread ?? 0).toBeLessThanOrEqual(COMMON);
  });

  it("counts exactly when the words together match fewer sections than the cap", async () => {
    const result = await engine.search({ query: "printer jammed", facets: ["category"] });
    expect(result.exhaustiveCounts).toBe(true);
    expect(result.totalHits).toBe(Math.ceil(COMMON / 40));
    expect(result.facets.category).toEqual({ tickets: Math.ceil(COMMON / 40) });
  });

  it("falls back to pages holding the rare word when no page holds them all", async () => {
    const result = await engine.search({ query: "printer zyxwvut" });
    expect(result.hits[0]?.id).toBe("kb/quokka-mode");
  });
});
