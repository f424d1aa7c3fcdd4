/**
 * `npm run bench:search:pg`: the PostgreSQL full-text engine (app/search/postgres.server.ts) at 10,000 and
 * 100,000 documents, on a throw-away database it creates and drops (BENCH_POSTGRES_ADMIN_URL, default
 * postgresql://postgres@127.0.0.1:5432/postgres).
 *
 * Same seeded corpus and queries as `bench:search` (scripts/bench/search/*).
 * - Indexing: engine.replaceAll(docs) against a raw baseline: the same weighted tsvector rows INSERTed in
 *   batches of 500 into a bare table with a GIN index, one transaction. Documents per second, ratio.
 * - Queries (spelt right, one typo, last word cut short): engine.search({ query, limit: 10 }) against a raw
 *   `WHERE words @@ websearch_to_tsquery('simple', $1) ORDER BY ts_rank_cd(…) DESC LIMIT 10` on the raw table,
 *   interleaved per query after one untimed pass. A query's latency is its median over ROUNDS passes;
 *   p50/p95 are over queries. Target: engine p95 ÷ raw p95 at 100k ≤ 3 for spelt-right queries.
 * Targets print PASS/FAIL but never change the exit code. Writes bench-results/search-postgres.json.
 */
import path from "node:path";
import pg from "pg";
import { createPostgresEngine } from "../../app/search/postgres.server";
import { tokenize } from "../../app/search/text";
import type { SearchDocument } from "../../app/search/types";
import { generateCorpus } from "./search/corpus";
import { buildLexicon } from "./search/lexicon";
import { QUERY_KINDS, generateQueries, type QueryKind } from "./search/queries";
import { createRandom } from "./search/random";
import { summarise, type LatencySummary } from "./search/stats";
import { environment, formatTable, mark, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const SEED = 20_240_601;
const VOCABULARY_SIZE = 30_000;
const SIZES = (process.env.BENCH_PG_SIZES ?? "10000,100000").split(",").map(Number);
const QUERIES_PER_KIND = numberFromEnv("BENCH_SEARCH_QUERIES_PER_KIND", 40);
const ROUNDS = numberFromEnv("BENCH_SEARCH_ROUNDS", 3);
const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const TARGET_P95_RATIO = 3;

function databaseUrl(name: string) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const RAW_SCHEMA = `DROP TABLE IF EXISTS raw_docs; CREATE TABLE raw_docs (id TEXT PRIMARY KEY, title TEXT, body TEXT, words TSVECTOR NOT NULL);
CREATE INDEX raw_docs_words ON raw_docs USING GIN (words);`;
const RAW_INSERT = `INSERT INTO raw_docs (id, title, body, words)
SELECT d.id, d.title, d.body, setweight(to_tsvector('simple', d.title), 'A') || setweight(to_tsvector('simple', d.section), 'B')
  || setweight(to_tsvector('simple', d.tags), 'C') || setweight(to_tsvector('simple', d.body), 'D')
FROM json_to_recordset($1::json) AS d(id text, title text, section text, tags text, body text)`;
const RAW_QUERY = `SELECT id FROM raw_docs, websearch_to_tsquery('simple', $1) q WHERE words @@ q ORDER BY ts_rank_cd(words, q) DESC LIMIT 10`;

async function rawIndex(pool: pg.Pool, documents: SearchDocument[]) {
  const client = await pool.connect();
  const started = performance.now();
  try {
    await client.query("BEGIN");
    await client.query(RAW_SCHEMA);
    for (let start = 0; start < documents.length; start += 500) {
      const batch = documents.slice(start, start + 500).map((d) => ({
        id: d.id,
        title: tokenize(d.title).join(" "),
        section: tokenize(d.section).join(" "),
        tags: d.tags.join(" "),
        body: tokenize(d.body).join(" "),
      }));
      await client.query(RAW_INSERT, [JSON.stringify(batch)]);
    }
    await client.query("COMMIT");
  } finally {
    client.release();
  }
  await pool.query("ANALYZE raw_docs");
  return performance.now() - started;
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const name = `tf_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const pool = new pg.Pool({ connectionString: databaseUrl(name), max: 4 });
  // Dropping the database at the end ends any connection still idle in the pool; that is expected.
  pool.on("error", () => undefined);
  const results: Record<string, unknown>[] = [];
  try {
    const lexicon = await buildLexicon(path.join(repoRoot, "content"), VOCABULARY_SIZE, createRandom(SEED));
    const corpus = generateCorpus(lexicon, Math.max(...SIZES), createRandom(SEED + 1));
    const queries = generateQueries(
      corpus.slice(0, Math.min(...SIZES)),
      lexicon,
      createRandom(SEED + 2),
      QUERIES_PER_KIND,
    );
    for (const size of SIZES) {
      const documents = corpus.slice(0, size);
      const engine = createPostgresEngine({ pool });
      await engine.init();
      const rawMs = await rawIndex(pool, documents);
      const engineStarted = performance.now();
      await engine.replaceAll(documents);
      const engineMs = performance.now() - engineStarted;
      await pool.query("ANALYZE search_documents; ANALYZE search_vocabulary");

      for (const query of queries) {
        await engine.search({ query: query.text, limit: 10 });
        await pool.query(RAW_QUERY, [query.text]);
      }
      const byKind: Record<string, { engine: LatencySummary; raw: LatencySummary; ratioP95: number }> = {};
      for (const kind of QUERY_KINDS as readonly QueryKind[]) {
        const engineLatency: number[] = [];
        const rawLatency: number[] = [];
        for (const query of queries.filter((q) => q.kind === kind)) {
          const engineRuns: number[] = [];
          const rawRuns: number[] = [];
          for (let round = 0; round < ROUNDS; round++) {
            let started = performance.now();
            await engine.search({ query: query.text, limit: 10 });
            engineRuns.push(performance.now() - started);
            started = performance.now();
            await pool.query(RAW_QUERY, [query.text]);
            rawRuns.push(performance.now() - started);
          }
          engineLatency.push(median(engineRuns));
          rawLatency.push(median(rawRuns));
        }
        const engineSummary = summarise(engineLatency);
        const rawSummary = summarise(rawLatency);
        byKind[kind] = {
          engine: engineSummary,
          raw: rawSummary,
          ratioP95: round(engineSummary.p95 / rawSummary.p95, 2),
        };
      }
      const result = {
        documents: size,
        indexing: {
          engineDocsPerSecond: round(size / (engineMs / 1000)),
          rawDocsPerSecond: round(size / (rawMs / 1000)),
          engineOverRaw: round(rawMs / engineMs, 2),
        },
        queries: byKind,
      };
      results.push(result);
      console.log(
        `\n${size.toLocaleString()} documents: indexing ${result.indexing.engineDocsPerSecond} docs/s (raw batched INSERT ${result.indexing.rawDocsPerSecond} docs/s, ratio ${result.indexing.engineOverRaw})`,
      );
      console.log(
        formatTable(
          ["queries", "engine p50 ms", "engine p95 ms", "raw p50 ms", "raw p95 ms", "p95 ratio"],
          Object.entries(byKind).map(([kind, v]) => [
            kind,
            round(v.engine.p50, 2),
            round(v.engine.p95, 2),
            round(v.raw.p50, 2),
            round(v.raw.p95, 2),
            v.ratioP95,
          ]),
        ),
      );
    }
    const largest = results.at(-1) as { documents: number; queries: Record<string, { ratioP95: number }> } | undefined;
    const correct = largest?.queries.correct?.ratioP95;
    if (correct !== undefined)
      console.log(
        `\nTarget: spelt-right p95 ÷ raw @@ p95 at ${largest?.documents} ≤ ${TARGET_P95_RATIO}: ${correct} ${mark(correct <= TARGET_P95_RATIO)}`,
      );
    const file = await writeResults("search-postgres.json", {
      environment: environment(),
      rounds: ROUNDS,
      queriesPerKind: QUERIES_PER_KIND,
      results,
    });
    console.log(`Wrote ${file}`);
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
