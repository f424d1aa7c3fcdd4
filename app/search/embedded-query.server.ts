import type Database from "better-sqlite3";
import {
  MAX_COUNTED_SECTIONS,
  MIN_PAGES_MATCHING_ALL,
  everyWordThenSome,
  noHits,
  resultWindow,
  type ResultWindow,
  type SearchScope,
} from "./engine-common";
import { EXACT_WORK, rankingWork } from "./bounded-work";
import {
  bm25Scorer,
  facetsOfRows,
  groupInverseFrequencies,
  preselect,
  readAverages,
  scanCandidates,
  type ScannedRow,
} from "./embedded-bounded.server";
import { BM25 } from "./embedded-schema.server";
import { rankIntoPages, searchHit, type IndexedSection } from "./hits";
import { planQuery, type QueryPlan } from "./query-plan";
import { answerSnippet, rankBoost, type RankedText } from "./ranking";
import { markedToHtml } from "./text";
import { visibleTo, type SearchParams, type SearchResult } from "./types";
import type { Vocabulary } from "./vocabulary";
import { searchSynonyms } from "./synonyms.server";

/**
 * Searching the embedded index: the planner's FTS5 MATCH expression, ranked by weighted BM25 times the
 * shared ranking factors, one hit per page; counts and facets over the same matches.
 */

/**
 * With fewer query words than this, the search takes pages matching some of the words only when none match
 * all of them: "some" of two words is one word (noisy), and an OR over common words is the slowest query there is.
 */
const MIN_WORDS_TO_RELAX = 3;
const CANDIDATE_COLUMNS = "d.id, d.page_id, d.type, d.url, d.category, d.title, d.section, d.popularity, d.fact";

type Candidate = IndexedSection & { rowid: number; score: number; popularity: number; fact: string | null };

/** Prepares each distinct SQL text once: filters make a handful of variants, reused by every search. */
export class PreparedStatements {
  private readonly bySql = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  get<Row>(sql: string) {
    let statement = this.bySql.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.bySql.set(sql, statement);
    }
    return statement as Database.Statement<unknown[], Row>;
  }

  /** Two range scans of the visibility index (a "!=" would read every row). */
  anyRestricted(): boolean {
    const sql =
      "SELECT EXISTS (SELECT 1 FROM docs WHERE visibility < 'public') OR EXISTS (SELECT 1 FROM docs WHERE visibility > 'public') AS restricted";
    return Boolean(this.get<{ restricted: number }>(sql).get()?.restricted);
  }
}

function filterSql({ filters, visible }: SearchScope): { sql: string; values: string[] } {
  const clauses: string[] = [];
  const values: string[] = [];
  const inList = (column: string, list: string[] | undefined) => {
    if (!list || list.length === 0) return;
    clauses.push(`${column} IN (${list.map(() => "?").join(", ")})`);
    values.push(...list);
  };
  inList("d.visibility", visible ?? undefined);
  inList("d.type", filters?.type);
  inList("d.category", filters?.category);
  if (filters?.tags && filters.tags.length > 0) {
    clauses.push(`d.rowid IN (SELECT rowid FROM doc_tags WHERE tag IN (${filters.tags.map(() => "?").join(", ")}))`);
    values.push(...filters.tags);
  }
  return { sql: clauses.length ? ` AND ${clauses.join(" AND ")}` : "", values };
}

function rankedCandidates(
  statements: PreparedStatements,
  match: string,
  scope: SearchScope,
  count: number,
): Candidate[] {
  const filter = filterSql(scope);
  // Without filters, rank inside FTS5 alone and join only the top rows: the join would otherwise run once per match.
  const sql = filter.sql
    ? `SELECT f.rowid AS rowid, ${BM25} AS score, ${CANDIDATE_COLUMNS}
       FROM docs_fts f JOIN docs d ON d.rowid = f.rowid
       WHERE docs_fts MATCH ?${filter.sql}
       ORDER BY score LIMIT ?`
    : `SELECT m.rowid AS rowid, m.score AS score, ${CANDIDATE_COLUMNS}
       FROM (SELECT rowid, ${BM25} AS score FROM docs_fts WHERE docs_fts MATCH ? ORDER BY score LIMIT ?) m
       JOIN docs d ON d.rowid = m.rowid`;
  return statements.get<Candidate>(sql).all(match, ...filter.values, count);
}

/** Pages among the first MAX_COUNTED_SECTIONS matching sections; not exhaustive when there were more. */
function countPages(statements: PreparedStatements, match: string, scope: SearchScope) {
  const filter = filterSql(scope);
  const sql = `SELECT COUNT(DISTINCT page_id) AS pages, COUNT(*) AS sections FROM (
      SELECT d.page_id FROM docs_fts f JOIN docs d ON d.rowid = f.rowid WHERE docs_fts MATCH ?${filter.sql} LIMIT ${MAX_COUNTED_SECTIONS})`;
  const row = statements.get<{ pages: number; sections: number }>(sql).get(match, ...filter.values);
  return { pages: row?.pages ?? 0, exhaustive: (row?.sections ?? 0) < MAX_COUNTED_SECTIONS };
}

/** The first MAX_COUNTED_SECTIONS + 1 matching sections' page, type and category, which a search with facets counts. */
function countedRows(statements: PreparedStatements, match: string, scope: SearchScope) {
  const filter = filterSql(scope);
  const sql = `SELECT f.rowid AS rowid, d.page_id AS page_id, d.type AS type, d.category AS category
    FROM docs_fts f JOIN docs d ON d.rowid = f.rowid WHERE docs_fts MATCH ?${filter.sql} LIMIT ${MAX_COUNTED_SECTIONS + 1}`;
  const rows = statements.get<ScannedRow>(sql).all(match, ...filter.values);
  const exhaustive = rows.length <= MAX_COUNTED_SECTIONS;
  if (!exhaustive) rows.length = MAX_COUNTED_SECTIONS;
  return { rows, pages: new Set(rows.map((row) => row.page_id)).size, exhaustive };
}

/** The `docs` columns a hit shows and the ranking reads, for these rows. */
function candidateRows(statements: PreparedStatements, rowids: number[]): Candidate[] {
  if (rowids.length === 0) return [];
  const sql = `SELECT d.rowid AS rowid, 0 AS score, ${CANDIDATE_COLUMNS} FROM docs d WHERE d.rowid IN (SELECT value FROM json_each(?))`;
  return statements.get<Candidate>(sql).all(JSON.stringify(rowids));
}

/** Each row's tags, for the tags facet of a bounded search. */
function tagsOfRows(statements: PreparedStatements, rowids: number[]) {
  const sql = "SELECT rowid, tag FROM doc_tags WHERE rowid IN (SELECT value FROM json_each(?))";
  const tags = new Map<number, string[]>();
  for (const row of statements.get<{ rowid: number; tag: string }>(sql).all(JSON.stringify(rowids)))
    tags.set(row.rowid, [...(tags.get(row.rowid) ?? []), row.tag]);
  return tags;
}

/** The FTS text of these rows, which the ranking factors and snippets read. */
function storedTexts(statements: PreparedStatements, rowids: number[]) {
  if (rowids.length === 0) return new Map<number, RankedText>();
  const sql = `SELECT rowid, title, section, context, tags, body FROM docs_fts WHERE rowid IN (${rowids.map(() => "?").join(", ")})`;
  const rows = statements.get<RankedText & { rowid: number }>(sql).all(...rowids);
  return new Map(rows.map((row) => [row.rowid, row]));
}

/** The page's hits, each with the snippet of its stored text that answers the query. */
function hitsWithSnippets(shown: Candidate[], texts: Map<number, RankedText>, plan: QueryPlan) {
  return shown.map((candidate) =>
    searchHit(
      candidate,
      plan,
      markedToHtml(answerSnippet(texts.get(candidate.rowid)?.body ?? "", candidate.fact, plan)),
    ),
  );
}

type Found = {
  hits: SearchResult["hits"];
  totalHits: number;
  exhaustiveCounts: boolean;
  /** The sections counted, which the facets count too (read only when facets were asked for). */
  scanned?: ScannedRow[];
};

/** One page of hits for a MATCH expression, every match ranked by FTS5, and how many pages match it. */
function searchMatch(
  statements: PreparedStatements,
  match: string,
  plan: QueryPlan,
  scope: SearchScope,
  window: ResultWindow,
  withFacets: boolean,
): Found {
  const found = rankedCandidates(statements, match, scope, window.read);
  const texts = storedTexts(
    statements,
    found.map((candidate) => candidate.rowid),
  );
  const { pages, shown } = rankIntoPages(
    found,
    (candidate) => candidate.score * rankBoost(candidate, texts.get(candidate.rowid), plan),
    "lower",
    window,
  );
  const hits = hitsWithSnippets(shown, texts, plan);
  // Fewer than asked for: these are every match, and count themselves. Otherwise one more read counts them,
  // carrying what the facets count when there are facets, so they need no read of their own.
  if (found.length < window.read) return { hits, totalHits: pages.length, exhaustiveCounts: true, scanned: found };
  if (withFacets) {
    const counted = countedRows(statements, match, scope);
    return { hits, totalHits: counted.pages, exhaustiveCounts: counted.exhaustive, scanned: counted.rows };
  }
  const counted = countPages(statements, match, scope);
  return { hits, totalHits: counted.pages, exhaustiveCounts: counted.exhaustive };
}

/**
 * One page of hits from the bounded candidate set (embedded-bounded.server.ts), for words on a large share of
 * the index: the first sections read in index order, the likeliest of them scored on their text.
 */
function searchBounded(
  statements: PreparedStatements,
  vocabulary: Vocabulary,
  plan: QueryPlan,
  scope: SearchScope,
  window: ResultWindow,
  mode: "all" | "any",
): Found {
  const filter = filterSql(scope);
  // Only the short columns that counting needs: reading every candidate's title and URL would cost more than the scan.
  const scanSql = (table: "docs_fts" | "docs_head") =>
    `SELECT f.rowid AS rowid, d.page_id AS page_id, d.type AS type, d.category AS category
     FROM ${table} f JOIN docs d ON d.rowid = f.rowid WHERE ${table} MATCH ?${filter.sql} LIMIT ?`;
  const { rows, matchedGroups, headGroups, exhaustive } = scanCandidates(
    (table, expression, cap) => statements.get<ScannedRow>(scanSql(table)).all(expression, ...filter.values, cap),
    plan,
    vocabulary,
    mode,
  );
  const averages = readAverages(statements.db);
  const preselected = preselect(
    rows,
    matchedGroups,
    headGroups,
    groupInverseFrequencies(plan, vocabulary, averages.rows),
    window.read * 2,
  );
  const chosen = candidateRows(
    statements,
    preselected.map((row) => row.rowid),
  );
  const texts = storedTexts(
    statements,
    chosen.map((candidate) => candidate.rowid),
  );
  const bm25 = bm25Scorer(plan, vocabulary, averages);
  const { shown } = rankIntoPages(
    chosen,
    (candidate) => {
      const text = texts.get(candidate.rowid);
      return (text ? bm25(text) : 0) * rankBoost(candidate, text, plan);
    },
    "lower",
    window,
  );
  const hits = hitsWithSnippets(shown, texts, plan);
  const totalHits = new Set(rows.map((row) => row.page_id)).size;
  return { hits, totalHits, exhaustiveCounts: exhaustive, scanned: rows };
}

export async function searchEmbedded(
  statements: PreparedStatements,
  vocabulary: { current(): Vocabulary },
  params: SearchParams,
): Promise<SearchResult> {
  const started = performance.now();
  const window = resultWindow(params);
  const words = vocabulary.current();
  const plan = planQuery(params.query, words, { synonyms: searchSynonyms() });
  if (!plan.all) return noHits(started);
  // While every document is public there is nothing to hide, and the unfiltered plan is the fast one.
  const scope: SearchScope = {
    filters: params.filters,
    visible: statements.anyRestricted() ? visibleTo(params.viewer) : null,
  };
  const wantFacets = params.facets?.length ? params.facets : null;
  // Words on a large share of the index: rank a bounded candidate set instead of every match.
  const bounded = rankingWork(plan, words) > EXACT_WORK;
  const all = plan.all;
  const { found } = await everyWordThenSome<"all" | "any", Found>(
    "all",
    plan.any ? "any" : null,
    (mode) =>
      bounded
        ? searchBounded(statements, words, plan, scope, window, mode)
        : searchMatch(statements, mode === "all" ? all : (plan.any ?? all), plan, scope, window, Boolean(wantFacets)),
    ({ totalHits }) =>
      totalHits === 0 || (totalHits < MIN_PAGES_MATCHING_ALL && plan.groups.length >= MIN_WORDS_TO_RELAX),
  );
  const { scanned, ...shown } = found;
  const facets =
    wantFacets && found.totalHits > 0 && scanned
      ? facetsOfRows(scanned, wantFacets, (rowids) => tagsOfRows(statements, rowids))
      : {};
  return { ...shown, facets, correctedQuery: plan.corrected, processingTimeMs: performance.now() - started };
}
