import type pg from "pg";
import { env } from "../lib/env.server";
import {
  MAX_COUNTED_SECTIONS,
  MIN_PAGES_MATCHING_ALL,
  everyWordThenSome,
  noHits,
  resultWindow,
  type ResultWindow,
  type SearchScope,
} from "./engine-common";
import { CANDIDATE_CAP, EXACT_WORK, rankingWork } from "./bounded-work";
import { highlightAll } from "./highlight-text";
import { rankIntoPages, searchHit, type IndexedSection } from "./hits";
import type { PostgresVocabulary } from "./postgres-vocabulary.server";
import { planQuery, type QueryPlan } from "./query-plan";
import { rankBoost } from "./ranking";
import { MARK_CLOSE, MARK_OPEN, markedToHtml } from "./text";
import { visibleTo, type FacetName, type SearchParams, type SearchResult } from "./types";
import type { Vocabulary } from "./vocabulary";
import { searchSynonyms } from "./synonyms.server";

/**
 * Searching the PostgreSQL index: the planner's groups as tsqueries of quoted lexemes, matches ranked by
 * the IDF-weighted ts_rank_cd of each group times the shared ranking factors, one hit per page, snippets
 * from ts_headline; counts and facets over the same matches.
 */

/** Matches ranked by the plain ts_rank_cd before the per-group score re-ranks them. */
const PRESELECTED = 300;
/** ts_rank_cd's weights in {D, C, B, A} order: body 1, tags 3, section 5, title 10 (app/search/settings.ts). */
const RANK_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}";
/** ts_rank_cd normalisation (the env module explains the values). */
const RANK_NORMALIZATION = env.PG_RANK_NORMALIZATION;

type Row = IndexedSection & {
  context: string;
  tags: string[];
  body: string;
  fact: string | null;
  popularity: number;
  score: number;
};

/** A lexeme quoted for to_tsquery; the planner's terms are letters and digits, anything else is dropped. */
function lexeme(term: string): string | null {
  return /^[\p{L}\p{N}]+$/u.test(term) ? `'${term}'` : null;
}

/** Each planner group as a tsquery text: its alternatives OR-ed (a word, its inflections, typo fixes, synonyms, a prefix). */
export function groupQueries(plan: Pick<QueryPlan, "groups">): { text: string; terms: string[] }[] {
  return plan.groups
    .map((group) => {
      const alternatives = [
        ...[...group.terms].map(lexeme),
        ...group.phrases.map((phrase) => {
          const parts = phrase.map(lexeme);
          return parts.every(Boolean) ? `(${parts.join(" <-> ")})` : null;
        }),
        group.prefix && lexeme(group.prefix) ? `${lexeme(group.prefix)}:*` : null,
      ].filter((alternative): alternative is string => Boolean(alternative));
      return alternatives.length
        ? { text: `(${alternatives.join(" | ")})`, terms: [...group.terms, ...group.phrases.flat()] }
        : null;
    })
    .filter((group): group is { text: string; terms: string[] } => Boolean(group));
}

/**
 * BM25's inverse document frequency for a group, from the vocabulary: ts_rank_cd alone weighs "ticket"
 * (on most pages) like "stuck" (on few), which buries the page that answers.
 */
function inverseDocumentFrequency(terms: string[], vocabulary: Vocabulary, totalDocuments: number) {
  const documents = Math.min(totalDocuments, Math.max(1, ...terms.map((term) => vocabulary.documents(term))));
  return Math.log(1 + (totalDocuments - documents + 0.5) / (documents + 0.5));
}

/** Appends the scope's conditions, their values going into `values` as numbered parameters. */
function filterSql({ filters, visible }: SearchScope, values: unknown[]) {
  const clauses: string[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    clauses.push(sql(`$${values.length}`));
  };
  if (visible) add((p) => `visibility = ANY(${p}::text[])`, visible);
  if (filters?.type?.length) add((p) => `type = ANY(${p}::text[])`, filters.type);
  if (filters?.category?.length) add((p) => `category = ANY(${p}::text[])`, filters.category);
  if (filters?.tags?.length) add((p) => `tags && ${p}::text[]`, filters.tags);
  return clauses.length ? ` AND ${clauses.join(" AND ")}` : "";
}

/** Per-group queries and their IDF: the score is the IDF-weighted sum of each group's ts_rank_cd. */
type Scoring = { groups: string[]; idf: number[] };

/**
 * How the matches are read: every one (exact), or, when the vocabulary says the query's words are on a large
 * share of the index, at most CANDIDATE_CAP per read in table order (decision record 023), one read for every
 * word or one per group for the "some of the words" fallback, so a rare word's sections are all read.
 */
type Reads = { kind: "every" } | { kind: "bounded"; queries: string[] };

/** The `read` best-scored matching sections, each row carrying the number of pages that match. */
async function rankedRows(
  pool: pg.Pool,
  tsquery: string,
  scoring: Scoring,
  scope: SearchScope,
  read: number,
  reads: Reads,
) {
  const values: unknown[] = [tsquery, read, scoring.groups, scoring.idf];
  const filter = filterSql(scope, values);
  let matches: string;
  if (reads.kind === "every") {
    // Every match is read once (what a bare @@ query costs): a cheap ts_rank for the preselection and its
    // page, which also gives the page count, so no second scan counts them.
    matches = `SELECT d.id, d.page_id, d.type, d.category, 0 AS read, ts_rank('${RANK_WEIGHTS}', d.words, q.query, ${RANK_NORMALIZATION}) AS rough
       FROM search_documents d, q WHERE d.words @@ q.query${filter}`;
  } else {
    values.push(reads.queries);
    // Each read stops at the cap; one row past it says the count stopped there.
    matches = `SELECT DISTINCT ON (m.id) m.id, m.page_id, m.type, m.category, m.read, ts_rank('${RANK_WEIGHTS}', m.words, q.query, ${RANK_NORMALIZATION}) AS rough
       FROM unnest($${values.length}::text[]) WITH ORDINALITY AS r(query, read)
       CROSS JOIN LATERAL (SELECT d.id, d.page_id, d.type, d.category, d.words, r.read FROM search_documents d
         WHERE d.words @@ to_tsquery('simple', r.query)${filter} LIMIT ${CANDIDATE_CAP + 1}) m, q
       ORDER BY m.id`;
  }
  const { rows } = await pool.query<Row & { pages: number; sections: number; largest_read: number }>(
    `WITH q AS (SELECT to_tsquery('simple', $1) AS query, ARRAY(SELECT to_tsquery('simple', g) FROM unnest($3::text[]) AS g) AS groups, $4::float8[] AS idf),
     matches AS MATERIALIZED (${matches}),
     -- DISTINCT in a subquery hashes the page ids in memory; count(DISTINCT) sorts them, spilling to disk at 100k.
     counted AS (SELECT count(*)::int AS pages,
       (SELECT count(*)::int FROM matches) AS sections,
       (SELECT coalesce(max(n), 0)::int FROM (SELECT count(*) AS n FROM matches GROUP BY read) AS r) AS largest_read
       FROM (SELECT DISTINCT page_id FROM matches) AS p),
     -- The finer per-group score runs on a bounded pool only, so its cost does not grow with the matches.
     pre AS (SELECT m.id FROM matches m ORDER BY m.rough DESC, m.id LIMIT ${PRESELECTED}),
     ranked AS (
       -- Matching fewer of the query's groups (the "any" fallback) counts quadratically less, as in ranking.ts.
       SELECT d.id, (SELECT sum(q.idf[i] * ts_rank_cd('${RANK_WEIGHTS}', d.words, q.groups[i], ${RANK_NORMALIZATION}))
                      * power(count(*) FILTER (WHERE d.words @@ q.groups[i])::float8 / cardinality(q.groups), 2)
                    FROM generate_subscripts(q.groups, 1) AS i) AS score
       FROM pre p JOIN search_documents d ON d.id = p.id, q
       ORDER BY score DESC, d.id LIMIT $2)
     SELECT d.id, d.page_id, d.type, d.url, d.category, d.title, d.section, d.context, d.tags, d.body, d.fact, d.popularity, r.score, c.pages, c.sections, c.largest_read
     FROM ranked r JOIN search_documents d ON d.id = r.id, counted c`,
    values,
  );
  return rows;
}

/**
 * ts_headline's parser reads "<b>" as a tag and drops it, so angle brackets go in as \u0004 and \u0005
 * (translate() in the query) and come back escaped, like everything else in a snippet.
 */
function headlineToHtml(headline: string) {
  return markedToHtml(headline).replaceAll("\u0004", "&lt;").replaceAll("\u0005", "&gt;");
}

/** Snippets of the shown sections: their support fact, marked, or else a ts_headline of their body. */
async function snippets(pool: pg.Pool, tsquery: string, plan: QueryPlan, shown: Row[]): Promise<Map<string, string>> {
  // ts_headline costs more than the ranking, so only the hits shown get one.
  const headlines = new Map<string, string>();
  const needHeadline = shown.filter((candidate) => !candidate.fact).map((candidate) => candidate.id);
  if (needHeadline.length) {
    const { rows: marked } = await pool.query<{ id: string; headline: string }>(
      `SELECT id, ts_headline('simple', translate(body, '<>', chr(4) || chr(5)), to_tsquery('simple', $1),
         'StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, MaxWords=30, MinWords=12, ShortWord=1, HighlightAll=false') AS headline
       FROM search_documents WHERE id = ANY($2::text[])`,
      [tsquery, needHeadline],
    );
    for (const row of marked) headlines.set(row.id, row.headline);
  }
  return new Map(
    shown.map((candidate) => [
      candidate.id,
      candidate.fact
        ? markedToHtml(highlightAll(candidate.fact, plan.highlight))
        : headlineToHtml(headlines.get(candidate.id) ?? ""),
    ]),
  );
}

/** One page of hits for a tsquery, and how many pages match it. */
async function searchTsquery(
  pool: pg.Pool,
  tsquery: string,
  scoring: Scoring,
  plan: QueryPlan,
  scope: SearchScope,
  window: ResultWindow,
  reads: Reads,
) {
  const rows = await rankedRows(pool, tsquery, scoring, scope, window.read, reads);
  const storedText = (row: Row) => ({
    title: row.title,
    section: row.section,
    context: row.context,
    tags: row.tags.join(" "),
    body: row.body,
  });
  const { shown } = rankIntoPages(rows, (row) => row.score * rankBoost(row, storedText(row), plan), "higher", window);
  const snippetOf = await snippets(pool, tsquery, plan, shown);
  const hits = shown.map((candidate) => searchHit(candidate, plan, snippetOf.get(candidate.id) ?? ""));
  const first = rows[0];
  // Reading every match counts pages exactly, but the facets count at most MAX_COUNTED_SECTIONS sections; a
  // bounded read counts what it read. Beyond either, both are shown as "at least".
  const exhaustiveCounts =
    reads.kind === "every"
      ? (first?.sections ?? 0) <= MAX_COUNTED_SECTIONS
      : (first?.largest_read ?? 0) <= CANDIDATE_CAP && (first?.sections ?? 0) <= CANDIDATE_CAP;
  return { hits, totalHits: first?.pages ?? 0, exhaustiveCounts };
}

async function facetCounts(pool: pg.Pool, tsquery: string, scope: SearchScope, facets: FacetName[], sections: number) {
  const result: SearchResult["facets"] = {};
  for (const facet of facets) {
    const values: unknown[] = [tsquery];
    const filter = filterSql(scope, values);
    const matched = `SELECT page_id, type, category, tags FROM search_documents WHERE words @@ to_tsquery('simple', $1)${filter} LIMIT ${sections}`;
    if (facet !== "tags" && facet !== "type" && facet !== "category") continue;
    const sql =
      facet === "tags"
        ? `SELECT tag AS value, count(DISTINCT page_id)::int AS pages FROM (${matched}) m, unnest(m.tags) AS tag GROUP BY tag ORDER BY pages DESC, value LIMIT 30`
        : `SELECT ${facet} AS value, count(DISTINCT page_id)::int AS pages FROM (${matched}) m GROUP BY ${facet} ORDER BY pages DESC, value`;
    const { rows } = await pool.query<{ value: string; pages: number }>(sql, values);
    result[facet] = Object.fromEntries(rows.map((row) => [row.value, row.pages]));
  }
  return result;
}

export async function searchPostgres(
  pool: pg.Pool,
  init: () => Promise<void>,
  vocabulary: PostgresVocabulary,
  params: SearchParams,
): Promise<SearchResult> {
  const started = performance.now();
  await init();
  const window = resultWindow(params);
  const words = await vocabulary.forQuery(params.query);
  const plan = planQuery(params.query, words.vocabulary, { synonyms: searchSynonyms() });
  const groups = plan.all ? groupQueries(plan) : [];
  if (groups.length === 0) return noHits(started);
  const scope: SearchScope = { filters: params.filters, visible: visibleTo(params.viewer) };
  const scoring: Scoring = {
    groups: groups.map((group) => group.text),
    idf: groups.map((group) =>
      inverseDocumentFrequency(group.terms, words.vocabulary, Math.max(1, words.totalDocuments)),
    ),
  };
  // Words on a large share of the index: read a bounded candidate set instead of every match.
  const bounded = rankingWork(plan, words.vocabulary) > EXACT_WORK;
  const every = scoring.groups.join(" & ");
  const some = plan.any ? scoring.groups.join(" | ") : null;
  // Fewer than MIN_PAGES_MATCHING_ALL pages hold every word of a query of two or more: pages holding some of them follow.
  const { query: tsquery, found } = await everyWordThenSome(
    every,
    some,
    (query) => {
      const reads: Reads = bounded
        ? { kind: "bounded", queries: query === every ? [every] : scoring.groups }
        : { kind: "every" };
      return searchTsquery(pool, query, scoring, plan, scope, window, reads);
    },
    ({ totalHits }) => totalHits < MIN_PAGES_MATCHING_ALL && groups.length > 1,
  );
  const facets =
    params.facets?.length && found.totalHits > 0
      ? await facetCounts(pool, tsquery, scope, params.facets, bounded ? CANDIDATE_CAP : MAX_COUNTED_SECTIONS)
      : {};
  return { ...found, facets, correctedQuery: plan.corrected, processingTimeMs: performance.now() - started };
}
