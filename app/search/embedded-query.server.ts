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
import { BM25 } from "./embedded-schema.server";
import { rankIntoPages, searchHit, type IndexedSection } from "./hits";
import { planQuery, type QueryPlan } from "./query-plan";
import { answerSnippet, rankBoost, type RankedText } from "./ranking";
import { markedToHtml } from "./text";
import { visibleTo, type FacetName, type SearchParams, type SearchResult } from "./types";
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

  constructor(private readonly db: Database.Database) {}

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

function countPages(statements: PreparedStatements, match: string, scope: SearchScope): number {
  const filter = filterSql(scope);
  const sql = `SELECT COUNT(DISTINCT page_id) AS pages FROM (
      SELECT d.page_id FROM docs_fts f JOIN docs d ON d.rowid = f.rowid WHERE docs_fts MATCH ?${filter.sql} LIMIT ${MAX_COUNTED_SECTIONS})`;
  return statements.get<{ pages: number }>(sql).get(match, ...filter.values)?.pages ?? 0;
}

function facetCounts(statements: PreparedStatements, match: string, scope: SearchScope, facets: FacetName[]) {
  const filter = filterSql(scope);
  const result: SearchResult["facets"] = {};
  const matched = `SELECT d.rowid AS rowid, d.page_id, d.type, d.category FROM docs_fts f JOIN docs d ON d.rowid = f.rowid
    WHERE docs_fts MATCH ?${filter.sql} LIMIT ${MAX_COUNTED_SECTIONS}`;
  for (const facet of facets) {
    const sql =
      facet === "tags"
        ? `SELECT t.tag AS value, COUNT(DISTINCT m.page_id) AS pages FROM (${matched}) m JOIN doc_tags t ON t.rowid = m.rowid
           GROUP BY t.tag ORDER BY pages DESC, value LIMIT 30`
        : `SELECT m.${facet} AS value, COUNT(DISTINCT m.page_id) AS pages FROM (${matched}) m GROUP BY m.${facet} ORDER BY pages DESC, value`;
    const rows = statements.get<{ value: string; pages: number }>(sql).all(match, ...filter.values);
    result[facet] = Object.fromEntries(rows.map((row) => [row.value, row.pages]));
  }
  return result;
}

/** The FTS text of these rows, which the ranking factors and snippets read. */
function storedTexts(statements: PreparedStatements, rowids: number[]) {
  if (rowids.length === 0) return new Map<number, RankedText>();
  const sql = `SELECT rowid, title, section, context, tags, body FROM docs_fts WHERE rowid IN (${rowids.map(() => "?").join(", ")})`;
  const rows = statements.get<RankedText & { rowid: number }>(sql).all(...rowids);
  return new Map(rows.map((row) => [row.rowid, row]));
}

/** One page of hits for a MATCH expression, and how many pages match it. */
function searchMatch(
  statements: PreparedStatements,
  match: string,
  plan: QueryPlan,
  scope: SearchScope,
  window: ResultWindow,
) {
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
  const hits = shown.map((candidate) =>
    searchHit(
      candidate,
      plan,
      markedToHtml(answerSnippet(texts.get(candidate.rowid)?.body ?? "", candidate.fact, plan)),
    ),
  );
  const totalHits = found.length < window.read ? pages.length : countPages(statements, match, scope);
  return { hits, totalHits };
}

export async function searchEmbedded(
  statements: PreparedStatements,
  vocabulary: { current(): Vocabulary },
  params: SearchParams,
): Promise<SearchResult> {
  const started = performance.now();
  const window = resultWindow(params);
  const plan = planQuery(params.query, vocabulary.current(), { synonyms: searchSynonyms() });
  if (!plan.all) return noHits(started);
  // While every document is public there is nothing to hide, and the unfiltered plan is the fast one.
  const scope: SearchScope = {
    filters: params.filters,
    visible: statements.anyRestricted() ? visibleTo(params.viewer) : null,
  };
  const { query: match, found } = await everyWordThenSome(
    plan.all,
    plan.any,
    (expression) => searchMatch(statements, expression, plan, scope, window),
    ({ totalHits }) =>
      totalHits === 0 || (totalHits < MIN_PAGES_MATCHING_ALL && plan.groups.length >= MIN_WORDS_TO_RELAX),
  );
  const facets =
    params.facets?.length && found.totalHits > 0 ? facetCounts(statements, match, scope, params.facets) : {};
  return { ...found, facets, correctedQuery: plan.corrected, processingTimeMs: performance.now() - started };
}
