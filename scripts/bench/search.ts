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
 *    transaction per 500 documents. Raw and engine runs alternate (3 rounds at
 *    10k, 2 at 100k) and the fastest of each counts. Informational: the raw table
 *    with the engine's prefix indexes, and the 'optimize' the engine runs afterwards.
 * 3. Queries. 210 queries (70 each: spelt correctly, one typo, last word cut
 *    short) timed through engine.search({ query, limit: 10 }) against a bare
 *    `MATCH … ORDER BY rank LIMIT 10` on the engine's own file through a second,
 *    read-only connection. Everything runs once untimed first (the first search
 *    also builds the engine's vocabulary, timed separately); then ROUNDS timed
 *    passes with engine and raw interleaved per query; then passes with facets.
 *    A query's latency is its median over the passes; p50/p95 are over queries.
 *    Breakdown (informational): planQuery() alone, and the bare MATCH fed the
 *    engine's expanded expression.
 * 4. Memory: RSS after building and querying the 100k index.
 *
 * Targets print PASS/FAIL but never change the exit code: these are measurements.
 * Writes bench-results/search.json. BENCH_SEARCH_ROUNDS (timed passes, default 5)
 * and BENCH_SEARCH_QUERIES_PER_KIND (default 70) override the settings; run with
 * `npx tsx --expose-gc scripts/bench/search.ts` for GC between phases (optional).
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createEmbeddedEngine } from "../../app/search/embedded.server";
import { planQuery } from "../../app/search/query-plan";
import { searchSynonyms } from "../../app/search/synonyms.server";
import type { FacetName, SearchDocument } from "../../app/search/types";
import { Vocabulary } from "../../app/search/vocabulary";
import { DEFAULT_CORPUS_OPTIONS, generateCorpus } from "./search/corpus";
import { buildLexicon } from "./search/lexicon";
import { QUERY_KINDS, generateQueries, type BenchQuery, type QueryKind } from "./search/queries";
import { createRandom } from "./search/random";
import { buildRawIndex, openRawSearcher, type IndexTiming } from "./search/raw";
import { quantile, summarise, type LatencySummary } from "./search/stats";
import { environment, formatTable, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const SEED = 20_240_601;
const VOCABULARY_SIZE = 30_000;
const SIZES = [10_000, 100_000] as const;
const QUERIES_PER_KIND = numberFromEnv("BENCH_SEARCH_QUERIES_PER_KIND", 70);
const ROUNDS = numberFromEnv("BENCH_SEARCH_ROUNDS", 5);
/** Timed passes with facets requested (informational, and the slowest searches of all). */
const FACET_ROUNDS = Math.min(ROUNDS, 3);
/** Indexing runs per size (raw and engine alternating); the fastest of each counts. */
const INDEX_REPEATS_SMALL = 3;
const INDEX_REPEATS_LARGE = 2;
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
  /** The engine's database file, and its WAL (replaceAll writes the whole index in one transaction, so the WAL holds about as much until a checkpoint). */
  engineFileMB: number;
  engineWalMB: number;
  indexing: {
    engine: IndexTiming;
    raw: IndexTiming;
    rawWithPrefixIndexes: IndexTiming;
    ratio: number;
    engineRuns: IndexTiming[];
    rawRuns: IndexTiming[];
  };
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
  return mb((await fs.stat(file).catch(() => ({ size: 0 }))).size);
}

function countMatchTerms(expression: string | null) {
  return expression?.match(/"(?:[^"]|"")*"/g)?.length ?? 0;
}

/** Indexes `documents` with engine.replaceAll into a fresh file and returns the open engine with its timing. */
async function indexWithEngine(file: string, documents: SearchDocument[]) {
  await removeDatabase(file);
  const engine = createEmbeddedEngine({ file });
  const started = performance.now();
  await engine.replaceAll(documents);
  const seconds = (performance.now() - started) / 1000;
  return { engine, timing: { seconds, docsPerSecond: documents.length / seconds } satisfies IndexTiming };
}

const fastest = (timings: IndexTiming[]) =>
  timings.reduce((best, timing) => (timing.seconds < best.seconds ? timing : best));

/** Each query's median over the timed passes: one slow pass (a GC, a neighbour's burst) does not make a query slow. */
function perQueryMedians(queries: readonly BenchQuery[], times: Map<BenchQuery, number[]>): number[] {
  return queries.map((query) =>
    quantile(
      [...(times.get(query) ?? [])].sort((a, b) => a - b),
      0.5,
    ),
  );
}

async function measureSize(
  size: number,
  documents: SearchDocument[],
  queries: BenchQuery[],
  tempDir: string,
): Promise<{ result: SizeResult; memory?: NodeJS.MemoryUsage }> {
  const label = `${size / 1000}k`;
  const pages = new Set(documents.map((document) => document.pageId)).size;
  const rawFile = path.join(tempDir, `raw-${size}.sqlite`);
  const engineFile = path.join(tempDir, `engine-${size}.sqlite`);

  // --- Indexing. Raw and engine alternate, each on a fresh file, and the fastest run of
  // each counts: on a shared machine the slower runs measure the neighbours, not the code.
  const repeats = size <= 10_000 ? INDEX_REPEATS_SMALL : INDEX_REPEATS_LARGE;
  const rawRuns: IndexTiming[] = [];
  const engineRuns: IndexTiming[] = [];
  let indexed: Awaited<ReturnType<typeof indexWithEngine>> | null = null;
  for (let repeat = 0; repeat < repeats; repeat++) {
    collectGarbage();
    rawRuns.push(buildRawIndex(rawFile, documents));
    await removeDatabase(rawFile);
    if (indexed) await indexed.engine.close();
    collectGarbage();
    indexed = await indexWithEngine(engineFile, documents);
    engineRuns.push(indexed.timing);
    const [raw, engine] = [rawRuns[repeat], engineRuns[repeat]];
    console.log(
      `[${label}] indexing run ${repeat + 1}/${repeats}: raw FTS5 ${raw.seconds.toFixed(2)} s (${Math.round(raw.docsPerSecond)} docs/s), engine.replaceAll ${engine.seconds.toFixed(2)} s (${Math.round(engine.docsPerSecond)} docs/s)`,
    );
  }
  if (!indexed) throw new Error("no indexing run");
  const engine = indexed.engine;
  // Informational: the raw table with the engine's prefix indexes, then the engine's final 'optimize'.
  collectGarbage();
  const rawWithPrefixIndexes = buildRawIndex(rawFile, documents, { withPrefixIndexes: true });
  await removeDatabase(rawFile);
  console.log(
    `[${label}] raw FTS5 + prefix='2 3': ${rawWithPrefixIndexes.seconds.toFixed(2)} s, then optimize ${rawWithPrefixIndexes.optimizeSeconds?.toFixed(2)} s`,
  );
  const raw = fastest(rawRuns);
  const engineIndexing = fastest(engineRuns);
  const ratio = engineIndexing.docsPerSecond / raw.docsPerSecond;

  let rawSearcher: ReturnType<typeof openRawSearcher> | null = null;
  try {
    rawSearcher = openRawSearcher(engineFile);
    const searcher = rawSearcher;
    const indexTerms =
      searcher.database.prepare<[], { terms: number }>("SELECT count(*) AS terms FROM docs_vocab").get()?.terms ?? 0;

    // --- The first search pays for building the vocabulary; time it on its own.
    const firstStarted = performance.now();
    await engine.search({ query: queries[0].text, limit: LIMIT });
    const firstSearchMs = performance.now() - firstStarted;

    // --- Warm-up: the whole set once, untimed, on every path.
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
    for (let pass = 0; pass < FACET_ROUNDS; pass++) {
      for (const query of queries) {
        const started = performance.now();
        await engine.search({ query: query.text, limit: LIMIT, facets: FACETS });
        facetTimes.get(query)?.push(performance.now() - started);
      }
    }

    // --- Breakdown: the planner alone, on a Vocabulary built the way the engine builds its own.
    const vocabularyStarted = performance.now();
    const vocabulary = new Vocabulary(
      searcher.database
        .prepare<[], { term: string; documents: number }>("SELECT term, doc AS documents FROM docs_vocab")
        .iterate(),
    );
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
        const plan = planQuery(query.text, vocabulary, { synonyms: searchSynonyms() });
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
      const medians = (times: Map<BenchQuery, number[]>) => perQueryMedians(ofKind, times);
      const mean = (values: Map<BenchQuery, number>) =>
        ofKind.reduce((sum, query) => sum + (values.get(query) ?? 0), 0) / ofKind.length;
      latency[kind] = {
        queries: ofKind.length,
        engine: summarise(medians(engineTimes)),
        raw: summarise(medians(rawTimes)),
        engineWithFacets: summarise(medians(facetTimes)),
        planner: summarise(medians(plannerTimes)),
        rawWithEngineExpression: summarise(medians(expandedTimes)),
        meanMatchTerms: round(mean(matchTerms), 1),
        meanEngineHits: round(mean(engineHits), 1),
        meanRawHits: round(mean(rawHits), 1),
        engineZeroHitQueries: ofKind.filter((query) => engineHits.get(query) === 0).length,
        ...(kind === "typo"
          ? { typoRestored: ofKind.filter((query) => corrected.get(query) === query.words.join(" ")).length }
          : {}),
      };
    }

    collectGarbage();
    const memory = size === SIZES[SIZES.length - 1] ? process.memoryUsage() : undefined;
    const result: SizeResult = {
      documents: size,
      pages,
      indexTerms,
      engineFileMB: await fileSizeMB(engineFile),
      engineWalMB: await fileSizeMB(`${engineFile}-wal`),
      indexing: { engine: engineIndexing, raw, rawWithPrefixIndexes, ratio, engineRuns, rawRuns },
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
  console.log("\nIndexing (documents/s, fastest of the runs above)");
  console.log(
    formatTable(
      [
        "size",
        "raw FTS5",
        "engine",
        "engine ÷ raw",
        `target ≥ ${TARGETS.indexingRatio}`,
        "raw+prefix (info)",
        "optimize s (info)",
        "engine file + WAL MB",
      ],
      results.map((result) => [
        result.documents.toLocaleString("en"),
        Math.round(result.indexing.raw.docsPerSecond),
        Math.round(result.indexing.engine.docsPerSecond),
        result.indexing.ratio.toFixed(2),
        PASS(result.indexing.ratio >= TARGETS.indexingRatio),
        Math.round(result.indexing.rawWithPrefixIndexes.docsPerSecond),
        (result.indexing.rawWithPrefixIndexes.optimizeSeconds ?? 0).toFixed(2),
        `${result.engineFileMB} + ${result.engineWalMB}`,
      ]),
    ),
  );

  console.log(
    `\nQuery latency (ms; limit ${LIMIT}; ${QUERIES_PER_KIND} queries per kind; p50/p95 over the queries of each query's median of ${ROUNDS} timed passes, ${FACET_ROUNDS} with facets)`,
  );
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
  console.log(
    formatTable(
      [
        "size kind",
        "engine p50",
        "engine p95",
        "raw p50",
        "raw p95",
        "p95 ÷ raw",
        "+facets p95",
        "planner p95",
        "raw(engine expr) p95",
        "MATCH terms",
        "hits eng/raw",
      ],
      rows,
    ),
  );
  console.log(
    [
      'engine = engine.search({ query, limit }); raw = bare MATCH … ORDER BY rank LIMIT 10 with the intended words (typo: corrected; prefix: last word as "pre"*);',
      "+facets = engine with facets [type, category]; planner = planQuery() alone; raw(engine expr) = the bare MATCH given the engine's expanded expression;",
      "MATCH terms = quoted alternatives in the engine's expression (mean); hits = mean results returned by engine / raw.",
    ].join("\n"),
  );
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
  targets.push({
    name: `correct: engine p95 ÷ raw p95 @ ${sizeLabel}`,
    value: vsRaw("correct"),
    target: `≤ ${TARGETS.correctVsRaw}`,
    pass: vsRaw("correct") <= TARGETS.correctVsRaw,
  });
  targets.push({
    name: `typo: engine p95 ÷ raw p95 @ ${sizeLabel}`,
    value: vsRaw("typo"),
    target: `≤ ${TARGETS.typoVsRaw}`,
    pass: vsRaw("typo") <= TARGETS.typoVsRaw,
  });
  targets.push({
    name: `prefix: engine p95 ÷ raw p95 @ ${sizeLabel}`,
    value: vsRaw("prefix"),
    target: "(reported)",
    pass: null,
  });
  for (const kind of QUERY_KINDS) {
    const scaling = large.latency[kind].engine.p95 / small.latency[kind].engine.p95;
    targets.push({
      name: `${kind}: engine p95 ${sizeLabel} ÷ ${small.documents / 1000}k`,
      value: scaling,
      target: `≤ ${TARGETS.scaling}`,
      pass: scaling <= TARGETS.scaling,
    });
  }
  // For reading the scaling targets: how bare FTS5 itself grows with ten times the documents.
  for (const kind of QUERY_KINDS) {
    const scaling = large.latency[kind].raw.p95 / small.latency[kind].raw.p95;
    targets.push({
      name: `${kind}: raw p95 ${sizeLabel} ÷ ${small.documents / 1000}k`,
      value: scaling,
      target: "(reference)",
      pass: null,
    });
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
    console.log(
      `Examples: ${QUERY_KINDS.map((kind) => `${kind} "${queries.find((query) => query.kind === kind)?.text}"`).join(", ")}`,
    );
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
    console.log(
      formatTable(
        ["measure", "value", "target", "result"],
        targets.map((target) => [
          target.name,
          target.value.toFixed(2),
          target.target,
          target.pass === null ? "—" : PASS(target.pass),
        ]),
      ),
    );
    const largest = results[results.length - 1];
    console.log(
      `\nFacets (${FACETS.join(", ")}), informational: engine p95 @ ${largest.documents / 1000}k ${QUERY_KINDS.map((kind) => `${kind} ${ms(largest.latency[kind].engineWithFacets.p95)} ms`).join(", ")}`,
    );
    if (memory)
      console.log(
        `Memory after building and querying the ${largest.documents / 1000}k index: RSS ${mb(memory.rss)} MB (JS heap ${mb(memory.heapUsed)} MB, of which the corpus itself is a good part)`,
      );
    const totalSeconds = (performance.now() - started) / 1000;
    const loadAverage1mAtEnd = round(os.loadavg()[0], 2);
    console.log(
      `Total run: ${totalSeconds.toFixed(0)} s. Load average (1 min) ${machine.loadAverage1mAtStart} at start, ${loadAverage1mAtEnd} at end, on ${machine.cpus} CPUs${Math.max(machine.loadAverage1mAtStart, loadAverage1mAtEnd) > machine.cpus ? ": the machine was busy, expect noisy figures" : ""}.`,
    );

    const file = await writeResults("search.json", {
      benchmark: "search",
      date: new Date().toISOString(),
      machine,
      settings: {
        seed: SEED,
        vocabularySize: VOCABULARY_SIZE,
        corpus: DEFAULT_CORPUS_OPTIONS,
        sizes: SIZES,
        queriesPerKind: QUERIES_PER_KIND,
        rounds: ROUNDS,
        facetRounds: FACET_ROUNDS,
        indexRepeats: { small: INDEX_REPEATS_SMALL, large: INDEX_REPEATS_LARGE },
        limit: LIMIT,
        facets: FACETS,
        gcExposed: Boolean(gc),
      },
      lexicon: {
        terms: lexicon.terms.length,
        realWords: lexicon.realWords,
        realWordsRankedFirst: lexicon.realWordsRankedFirst,
        tags: lexicon.tags.length,
      },
      corpus: {
        documents: corpus.length,
        meanBodyWords: round(bodyWords, 1),
        generationSeconds: round(generationSeconds, 2),
      },
      queries: queries.map((query) => ({
        kind: query.kind,
        text: query.text,
        words: query.words,
        classes: query.classes,
        rawMatch: query.rawMatch,
        ...(query.typo ? { typo: query.typo } : {}),
      })),
      results,
      targets,
      memoryAfterLargestMB: memory
        ? {
            rss: mb(memory.rss),
            heapUsed: mb(memory.heapUsed),
            external: mb(memory.external),
            arrayBuffers: mb(memory.arrayBuffers),
          }
        : null,
      totalSeconds: round(totalSeconds, 1),
      loadAverage1mAtEnd,
    });
    console.log(`Wrote ${file}`);
  } finally {
    await fs.rm(tempDir, { recursive: true, force: true });
  }
}

await main();
