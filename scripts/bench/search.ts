/**
 * `npm run bench:search`: the embedded SQLite FTS5 engine at 10,000 and 100,000 documents.
 *
 * 1. Corpus. A vocabulary of ~30,000 terms (the real words of content/**\/*.mdx,
 *    topped up with English-like pseudo-words) ranked for a Zipf law; section
 *    documents shaped like contentDocuments() output, bodies of 80–200 words drawn
 *    from that law (s = 1.07), short headings from the same vocabulary. Seeded:
 *    every run indexes and queries the same text. The 10k corpus is the first
 *    10,000 documents of the 100k one.
 * 2. Indexing. engine.replaceAll(docs) on a fresh file versus a raw baseline: a
 *    fresh database holding only the same FTS5 table, prepared INSERTs, one
 *    transaction per 500 documents. Informational: the raw table with the engine's
 *    prefix indexes, and the 'optimize' the engine runs afterwards.
 * 3. Queries. ~200 queries (a third each: spelt correctly, one typo, last word cut
 *    short) timed through engine.search({ query, limit: 10 }) against a bare
 *    `MATCH … ORDER BY rank LIMIT 10` on the engine's own file through a second,
 *    read-only connection. Everything runs once untimed first (the first search
 *    also builds the engine's vocabulary, timed separately); then ROUNDS timed
 *    passes with engine and raw interleaved per query; then a pass with facets.
 * 4. Memory: RSS after building and querying the 100k index.
 *
 * Targets print PASS/FAIL but never change the exit code: these are measurements.
 * Writes bench-results/search.json. BENCH_SEARCH_ROUNDS (timed passes, default 3)
 * and BENCH_SEARCH_QUERIES_PER_KIND (default 70) override the settings; run with
 * `node --expose-gc --import tsx` for GC between phases (optional).
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createEmbeddedEngine } from "../../app/search/embedded.server";
import { planQuery } from "../../app/search/query-plan";
import type { FacetName, SearchDocument } from "../../app/search/types";
import { Vocabulary } from "../../app/search/vocabulary";
import { generateCorpus } from "./search/corpus";
import { buildLexicon } from "./search/lexicon";
import { QUERY_KINDS, generateQueries, type BenchQuery, type QueryKind } from "./search/queries";
import { createRandom } from "./search/random";
import { buildRawIndex, openRawSearcher, type RawIndexTiming } from "./search/raw";
import { summarise, type LatencySummary } from "./search/stats";
import { environment, formatTable, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const SEED = 20_240_601;
const VOCABULARY_SIZE = 30_000;
const SIZES = [10_000, 100_000] as const;
const QUERIES_PER_KIND = numberFromEnv("BENCH_SEARCH_QUERIES_PER_KIND", 70);
const ROUNDS = numberFromEnv("BENCH_SEARCH_ROUNDS", 3);
const LIMIT = 10;
const FACETS: FacetName[] = ["type", "category"];

const TARGETS = {
  indexingRatio: 0.5,
  correctVsRaw: 3,
  typoVsRaw: 6,
  scaling: 2,
} as const;

type KindLatency = {
  queries: number;
  engine: LatencySummary;
  raw: LatencySummary;
  engineWithFacets: LatencySummary;
  /** planQuery() alone, against a Vocabulary built like the engine's: the JavaScript share of a search. */
  planner: LatencySummary;
  /** The bare MATCH query run with the engine's expanded expression instead of the plain words. */
  rawWithEngineExpression: LatencySummary;
  /** Quoted terms in the engine's MATCH expression (alternatives for stems, prefixes, typos, synonyms), mean. */
  meanMatchTerms: number;
  meanEngineHits: number;
  meanRawHits: number;
  engineZeroHitQueries: number;
  /** Typo queries whose correctedQuery is exactly the intended text. */
  typoRestored?: number;
};

type SizeResult = {
  documents: number;
  pages: number;
  indexTerms: number;
  engineFileMB: number;
  indexing: { engine: RawIndexTiming; raw: RawIndexTiming; rawWithPrefixIndexes: RawIndexTiming; ratio: number };
  /** The first search after replaceAll, which builds the vocabulary from fts5vocab. */
  firstSearchMs: number;
  vocabularyBuildMs: number;
  latency: Record<QueryKind, KindLatency>;
};

const gc = (globalThis as { gc?: () => void }).gc;
function collectGarbage() {
  gc?.();
}

const PASS = (ok: boolean) => (ok ? "PASS" : "FAIL");
const ms = (value: number) => value.toFixed(2);
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

async function removeDatabase(file: string) {
  await Promise.all(["", "-wal", "-shm", "-journal"].map((suffix) => fs.rm(file + suffix, { force: true })));
}

async function fileSizeMB(file: string) {
  let bytes = 0;
  for (const suffix of ["", "-wal"]) bytes += (await fs.stat(file + suffix).catch(() => ({ size: 0 }))).size;
  return mb(bytes);
}

function countMatchTerms(expression: string | null) {
  return expression?.match(/"(?:[^"]|"")*"/g)?.length ?? 0;
}

async function measureSize(size: number, documents: SearchDocument[], queries: BenchQuery[], tempDir: string): Promise<{ result: SizeResult; memory?: NodeJS.MemoryUsage }> {
  const label = `${size / 1000}k`;
  const pages = new Set(documents.map((document) => document.pageId)).size;

  // --- Indexing: raw baselines first, each on its own fresh file, deleted straight after.
  collectGarbage();
  const rawFile = path.join(tempDir, `raw-${size}.sqlite`);
  const raw = buildRawIndex(rawFile, documents);
  await removeDatabase(rawFile);
  console.log(`[${label}] raw FTS5 insert: ${raw.seconds.toFixed(2)} s (${Math.round(raw.docsPerSecond)} docs/s)`);
  collectGarbage();
  const rawWithPrefixIndexes = buildRawIndex(rawFile, documents, { withPrefixIndexes: true });
  await removeDatabase(rawFile);
  console.log(`[${label}] raw FTS5 + prefix='2 3': ${rawWithPrefixIndexes.seconds.toFixed(2)} s, then optimize ${rawWithPrefixIndexes.optimizeSeconds?.toFixed(2)} s`);

  collectGarbage();
  const engineFile = path.join(tempDir, `engine-${size}.sqlite`);
  const engine = createEmbeddedEngine({ file: engineFile });
  let rawSearcher: ReturnType<typeof openRawSearcher> | null = null;
  try {
    const indexStarted = performance.now();
    await engine.replaceAll(documents);
    const engineSeconds = (performance.now() - indexStarted) / 1000;
    const engineIndexing: RawIndexTiming = { seconds: engineSeconds, docsPerSecond: size / engineSeconds };
    const ratio = engineIndexing.docsPerSecond / raw.docsPerSecond;
    console.log(`[${label}] engine.replaceAll: ${engineSeconds.toFixed(2)} s (${Math.round(engineIndexing.docsPerSecond)} docs/s, ${ratio.toFixed(2)}× raw)`);

    rawSearcher = openRawSearcher(engineFile);
    const searcher = rawSearcher;
    const indexTerms = searcher.database.prepare<[], { terms: number }>("SELECT count(*) AS terms FROM docs_vocab").get()?.terms ?? 0;

    // --- The first search pays for building the vocabulary; time it on its own.
    const firstStarted = performance.now();
    await engine.search({ query: queries[0].text, limit: LIMIT });
    const firstSearchMs = performance.now() - firstStarted;

    // --- Warm-up: the whole set once, untimed, on both paths.
    for (const query of queries) {
      await engine.search({ query: query.text, limit: LIMIT });
      await engine.search({ query: query.text, limit: LIMIT, facets: FACETS });
      searcher.search(query.rawMatch);
    }

    // --- Timed passes. Engine and raw alternate per query (and swap order each round)
    // so both see the same cache state and background load.
    collectGarbage();
    const engineTimes = new Map<BenchQuery, number[]>(queries.map((query) => [query, []]));
    const rawTimes = new Map<BenchQuery, number[]>(queries.map((query) => [query, []]));
    const engineHits = new Map<BenchQuery, number>();
    const rawHits = new Map<BenchQuery, number>();
    const corrected = new Map<BenchQuery, string | null>();
    for (let pass = 0; pass < ROUNDS; pass++) {
      for (const query of queries) {
        const runEngine = async () => {
          const started = performance.now();
          const result = await engine.search({ query: query.text, limit: LIMIT });
          engineTimes.get(query)?.push(performance.now() - started);
          engineHits.set(query, result.hits.length);
          corrected.set(query, result.correctedQuery);
        };
        const runRaw = () => {
          const started = performance.now();
          const rows = searcher.search(query.rawMatch);
          rawTimes.get(query)?.push(performance.now() - started);
          rawHits.set(query, rows.length);
        };
        if (pass % 2 === 0) {
          await runEngine();
          runRaw();
        } else {
          runRaw();
          await runEngine();
        }
      }
    }

    // --- The same searches with facet counts (informational).
    collectGarbage();
    const facetTimes = new Map<BenchQuery, number[]>(queries.map((query) => [query, []]));
    for (let pass = 0; pass < ROUNDS; pass++) {
      for (const query of queries) {
        const started = performance.now();
        await engine.search({ query: query.text, limit: LIMIT, facets: FACETS });
        facetTimes.get(query)?.push(performance.now() - started);
      }
    }

    // --- Breakdown: the planner alone, on a Vocabulary built the way the engine builds its own.
    const vocabularyStarted = performance.now();
    const vocabulary = new Vocabulary(searcher.database.prepare<[], { term: string; documents: number }>("SELECT term, doc AS documents FROM docs_vocab").iterate());
    const vocabularyBuildMs = performance.now() - vocabularyStarted;
    // And the baseline's bare MATCH fed the engine's own expression (stem siblings, prefix,
    // typo candidates, synonyms ORed in): what the expansion alone costs FTS5, without the
    // engine's join to `docs`, page collapsing, COUNT, highlighting or facets.
    const plannerTimes = new Map<BenchQuery, number[]>(queries.map((query) => [query, []]));
    const expandedTimes = new Map<BenchQuery, number[]>(queries.map((query) => [query, []]));
    const matchTerms = new Map<BenchQuery, number>();
    for (let pass = 0; pass < ROUNDS; pass++) {
      for (const query of queries) {
        const started = performance.now();
        const plan = planQuery(query.text, vocabulary);
        plannerTimes.get(query)?.push(performance.now() - started);
        matchTerms.set(query, countMatchTerms(plan.all));
        if (!plan.all) continue;
        const matchStarted = performance.now();
        searcher.search(plan.all);
        expandedTimes.get(query)?.push(performance.now() - matchStarted);
      }
    }

    const latency = {} as Record<QueryKind, KindLatency>;
    for (const kind of QUERY_KINDS) {
      const ofKind = queries.filter((query) => query.kind === kind);
      const all = (times: Map<BenchQuery, number[]>) => ofKind.flatMap((query) => times.get(query) ?? []);
      const mean = (values: Map<BenchQuery, number>) => ofKind.reduce((sum, query) => sum + (values.get(query) ?? 0), 0) / ofKind.length;
      latency[kind] = {
        queries: ofKind.length,
        engine: summarise(all(engineTimes)),
        raw: summarise(all(rawTimes)),
        engineWithFacets: summarise(all(facetTimes)),
        planner: summarise(all(plannerTimes)),
        rawWithEngineExpression: summarise(all(expandedTimes)),
        meanMatchTerms: round(mean(matchTerms), 1),
        meanEngineHits: round(mean(engineHits), 1),
        meanRawHits: round(mean(rawHits), 1),
        engineZeroHitQueries: ofKind.filter((query) => engineHits.get(query) === 0).length,
        ...(kind === "typo" ? { typoRestored: ofKind.filter((query) => corrected.get(query) === query.words.join(" ")).length } : {}),
      };
    }

    collectGarbage();
    const memory = size === SIZES[SIZES.length - 1] ? process.memoryUsage() : undefined;
    const result: SizeResult = {
      documents: size,
      pages,
      indexTerms,
      engineFileMB: await fileSizeMB(engineFile),
      indexing: { engine: engineIndexing, raw, rawWithPrefixIndexes, ratio },
      firstSearchMs,
      vocabularyBuildMs,
      latency,
    };
    return { result, memory };
  } finally {
    rawSearcher?.close();
    await engine.close();
    await removeDatabase(engineFile);
  }
}

function printResults(results: SizeResult[]) {
  console.log("\nIndexing (documents/s)");
  console.log(
    formatTable(
      ["size", "raw FTS5", "engine", "engine ÷ raw", `target ≥ ${TARGETS.indexingRatio}`, "raw+prefix (info)", "optimize s (info)", "engine file MB"],
      results.map((result) => [
        result.documents.toLocaleString("en"),
        Math.round(result.indexing.raw.docsPerSecond),
        Math.round(result.indexing.engine.docsPerSecond),
        result.indexing.ratio.toFixed(2),
        PASS(result.indexing.ratio >= TARGETS.indexingRatio),
        Math.round(result.indexing.rawWithPrefixIndexes.docsPerSecond),
        (result.indexing.rawWithPrefixIndexes.optimizeSeconds ?? 0).toFixed(2),
        result.engineFileMB,
      ]),
    ),
  );

  console.log(`\nQuery latency (ms; limit ${LIMIT}; ${ROUNDS} timed passes over ${QUERIES_PER_KIND} queries per kind)`);
  const rows: (string | number)[][] = [];
  for (const result of results) {
    for (const kind of QUERY_KINDS) {
      const latency = result.latency[kind];
      rows.push([
        `${result.documents / 1000}k ${kind}`,
        ms(latency.engine.p50),
        ms(latency.engine.p95),
        ms(latency.raw.p50),
        ms(latency.raw.p95),
        (latency.engine.p95 / latency.raw.p95).toFixed(1),
        ms(latency.engineWithFacets.p95),
        ms(latency.planner.p95),
        ms(latency.rawWithEngineExpression.p95),
        latency.meanMatchTerms,
        `${latency.meanEngineHits}/${latency.meanRawHits}`,
      ]);
    }
  }
  console.log(formatTable(["size kind", "engine p50", "engine p95", "raw p50", "raw p95", "p95 ÷ raw", "+facets p95", "planner p95", "raw(engine expr) p95", "MATCH terms", "hits eng/raw"], rows));
  for (const result of results) {
    const typo = result.latency.typo;
    console.log(
      `${result.documents / 1000}k: ${result.indexTerms.toLocaleString("en")} index terms; first search (builds vocabulary) ${ms(result.firstSearchMs)} ms, vocabulary build alone ${ms(result.vocabularyBuildMs)} ms; typo queries restored to the intended words ${typo.typoRestored}/${typo.queries}`,
    );
  }
}

type Target = { name: string; value: number; target: string; pass: boolean | null };

function evaluateTargets(results: SizeResult[]): Target[] {
  const small = results[0];
  const large = results[results.length - 1];
  const sizeLabel = `${large.documents / 1000}k`;
  const targets: Target[] = results.map((result) => ({
    name: `indexing engine ÷ raw docs/s @ ${result.documents / 1000}k`,
    value: result.indexing.ratio,
    target: `≥ ${TARGETS.indexingRatio}`,
    pass: result.indexing.ratio >= TARGETS.indexingRatio,
  }));
  const vsRaw = (kind: QueryKind) => large.latency[kind].engine.p95 / large.latency[kind].raw.p95;
  targets.push({ name: `correct: engine p95 ÷ raw p95 @ ${sizeLabel}`, value: vsRaw("correct"), target: `≤ ${TARGETS.correctVsRaw}`, pass: vsRaw("correct") <= TARGETS.correctVsRaw });
  targets.push({ name: `typo: engine p95 ÷ raw p95 @ ${sizeLabel}`, value: vsRaw("typo"), target: `≤ ${TARGETS.typoVsRaw}`, pass: vsRaw("typo") <= TARGETS.typoVsRaw });
  targets.push({ name: `prefix: engine p95 ÷ raw p95 @ ${sizeLabel}`, value: vsRaw("prefix"), target: "(reported)", pass: null });
  for (const kind of QUERY_KINDS) {
    const scaling = large.latency[kind].engine.p95 / small.latency[kind].engine.p95;
    targets.push({ name: `${kind}: engine p95 ${sizeLabel} ÷ ${small.documents / 1000}k`, value: scaling, target: `≤ ${TARGETS.scaling}`, pass: scaling <= TARGETS.scaling });
  }
  return targets;
}

async function main() {
  const machine = environment();
  const started = performance.now();
  const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), "tf-bench-search-"));
  try {
    // Separate seeded streams, so changing one part (say, the query mix) leaves the corpus as it was.
    const lexicon = await buildLexicon(path.join(repoRoot, "content"), VOCABULARY_SIZE, createRandom(SEED));
    const generationStarted = performance.now();
    const corpus = generateCorpus(lexicon, SIZES[SIZES.length - 1], createRandom(SEED + 1));
    const generationSeconds = (performance.now() - generationStarted) / 1000;
    // Queries come from the smallest corpus, which every larger one contains.
    const queries = generateQueries(corpus.slice(0, SIZES[0]), lexicon, createRandom(SEED + 2), QUERIES_PER_KIND);
    const bodyWords = corpus.reduce((sum, document) => sum + document.body.split(" ").length, 0) / corpus.length;
    console.log(
      `Vocabulary: ${lexicon.terms.length.toLocaleString("en")} terms (${lexicon.realWords} real words from content/, ${lexicon.realWordsRankedFirst} of them ranked first); corpus of ${corpus.length.toLocaleString("en")} documents generated in ${generationSeconds.toFixed(1)} s, ${Math.round(bodyWords)} body words on average; ${queries.length} queries`,
    );
    console.log(`Examples: ${QUERY_KINDS.map((kind) => `${kind} "${queries.find((query) => query.kind === kind)?.text}"`).join(", ")}`);
    if (!gc) console.log("(global.gc is not exposed: no garbage collection between phases)");

    const results: SizeResult[] = [];
    let memory: NodeJS.MemoryUsage | undefined;
    for (const size of SIZES) {
      const measured = await measureSize(size, corpus.slice(0, size), queries, tempDir);
      results.push(measured.result);
      memory = measured.memory ?? memory;
    }

    printResults(results);
    const targets = evaluateTargets(results);
    console.log("\nTargets");
    console.log(formatTable(["measure", "value", "target", "result"], targets.map((target) => [target.name, target.value.toFixed(2), target.target, target.pass === null ? "—" : PASS(target.pass)])));
    const largest = results[results.length - 1];
    console.log(
      `\nFacets (${FACETS.join(", ")}), informational: engine p95 @ ${largest.documents / 1000}k ${QUERY_KINDS.map((kind) => `${kind} ${ms(largest.latency[kind].engineWithFacets.p95)} ms`).join(", ")}`,
    );
    if (memory) console.log(`Memory after building and querying the ${largest.documents / 1000}k index: RSS ${mb(memory.rss)} MB (JS heap ${mb(memory.heapUsed)} MB, of which the corpus itself is a good part)`);
    const totalSeconds = (performance.now() - started) / 1000;
    console.log(`Total run: ${totalSeconds.toFixed(0)} s`);

    const file = await writeResults("search.json", {
      benchmark: "search",
      date: new Date().toISOString(),
      machine,
      settings: { seed: SEED, vocabularySize: VOCABULARY_SIZE, zipfExponent: 1.07, sizes: SIZES, queriesPerKind: QUERIES_PER_KIND, rounds: ROUNDS, limit: LIMIT, facets: FACETS, gcExposed: Boolean(gc) },
      lexicon: { terms: lexicon.terms.length, realWords: lexicon.realWords, realWordsRankedFirst: lexicon.realWordsRankedFirst, tags: lexicon.tags.length },
      corpus: { documents: corpus.length, meanBodyWords: round(bodyWords, 1), generationSeconds: round(generationSeconds, 2) },
      queries: queries.map((query) => ({ kind: query.kind, text: query.text, words: query.words, classes: query.classes, rawMatch: query.rawMatch, ...(query.typo ? { typo: query.typo } : {}) })),
      results,
      targets,
      memoryAfterLargestMB: memory ? { rss: mb(memory.rss), heapUsed: mb(memory.heapUsed), external: mb(memory.external), arrayBuffers: mb(memory.arrayBuffers) } : null,
      totalSeconds: round(totalSeconds, 1),
    });
    console.log(`Wrote ${file}`);
  } finally {
    await fs.rm(tempDir, { recursive: true, force: true });
  }
}

await main();
