import type Database from "better-sqlite3";
import { CANDIDATE_CAP } from "./bounded-work";
import { FTS_COLUMNS, WEIGHTS } from "./embedded-schema.server";
import type { QueryGroup, QueryPlan } from "./query-plan";
import { ftsString, tokenize } from "./text";
import type { FacetName, SearchResult } from "./types";
import type { Vocabulary } from "./vocabulary";

/**
 * Bounded evaluation for queries whose words are on a large share of the index (decision record 023).
 *
 * FTS5's bm25() first counts every document holding each alternative of the query (its IDF), then scores
 * every match, so a search for a word on 40,000 sections costs ten times what it costs at a tenth of the
 * index. When the vocabulary says the words' documents add up to more than EXACT_WORK, the engine instead
 * reads the first CANDIDATE_CAP matches in index order (FTS5 stops reading there), counts and facets those,
 * prefers the sections whose title, heading or tags hold the words, and scores the best of them with BM25
 * computed here from the vocabulary's document counts and the sections' own text. Below EXACT_WORK nothing
 * changes: FTS5 ranks every match exactly as before.
 */

/** Sections whose heading columns match that a bounded search reads besides (shared between the groups). */
const HEAD_CAP = 200;
/** A prefix stands for at most this many of its completions, the most common first, in a bounded search. */
const PREFIX_COMPLETIONS = 20;
/** BM25's constants, FTS5's defaults. */
const K1 = 1.2;
const B = 0.75;

/** A group's single words, its prefix replaced by its most common completions. */
function groupTerms(group: QueryGroup, vocabulary: Vocabulary): string[] {
  const completions = group.prefix ? vocabulary.prefixCompletions(group.prefix, PREFIX_COMPLETIONS).terms : [];
  return [...new Set([...group.terms, ...completions])];
}

function groupExpression(group: QueryGroup, vocabulary: Vocabulary): string {
  const alternatives = [
    ...groupTerms(group, vocabulary).map(ftsString),
    ...group.phrases.map((phrase) => ftsString(phrase.join(" "))),
  ];
  return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(" OR ")})`;
}

/** What a bounded search reads of each matching section: enough to count pages and facets. */
export type ScannedRow = { rowid: number; page_id: string; type: string; category: string };

/** Runs an FTS5 MATCH on `docs_fts` (or on `docs_head`), the scope's filters applied: at most `cap` rows, in index order. */
export type Scan = (table: "docs_fts" | "docs_head", expression: string, cap: number) => ScannedRow[];

/**
 * The bounded candidate set, read in index order: the first CANDIDATE_CAP sections matching every group
 * (for the fallback, each group's first CANDIDATE_CAP), and the first HEAD_CAP whose title, heading, page
 * title or tags hold them (from `docs_head`, anywhere in the index). For each row: the groups it was read
 * for, and those its heading columns hold. `exhaustive` is false when a read of `docs_fts` stopped at the cap;
 * the rows are then the ones counted, and the counts lower bounds.
 */
export function scanCandidates(
  scan: Scan,
  plan: Pick<QueryPlan, "groups">,
  vocabulary: Vocabulary,
  mode: "all" | "any",
) {
  const expressions = plan.groups.map((group) => groupExpression(group, vocabulary));
  const everyGroup = plan.groups.map((_, index) => index);
  const reads =
    mode === "all"
      ? [{ expression: expressions.join(" AND "), groups: everyGroup }]
      : expressions.map((expression, index) => ({ expression, groups: [index] }));
  const byRowid = new Map<number, ScannedRow>();
  const matchedGroups = new Map<number, Set<number>>();
  const headGroups = new Map<number, Set<number>>();
  const add = (map: Map<number, Set<number>>, rowid: number, groups: number[]) => {
    const set = map.get(rowid) ?? new Set<number>();
    for (const group of groups) set.add(group);
    map.set(rowid, set);
  };
  let exhaustive = true;
  for (const read of reads) {
    const rows = scan("docs_fts", read.expression, CANDIDATE_CAP + 1);
    if (rows.length > CANDIDATE_CAP) {
      exhaustive = false;
      rows.length = CANDIDATE_CAP;
    }
    const heads = scan("docs_head", read.expression, Math.ceil(HEAD_CAP / reads.length));
    for (const row of [...rows, ...heads]) {
      byRowid.set(row.rowid, row);
      add(matchedGroups, row.rowid, read.groups);
    }
    for (const row of heads) add(headGroups, row.rowid, read.groups);
  }
  return { rows: [...byRowid.values()], matchedGroups, headGroups, exhaustive };
}

function inverseDocumentFrequency(documents: number, total: number) {
  // FTS5's bm25(): a word on more than half the rows still counts a little.
  const idf = Math.log((total - documents + 0.5) / (documents + 0.5));
  return idf > 0 ? idf : 1e-6;
}

/**
 * Orders the candidates before any text is read: by how many groups the section was read for (the ranking
 * squares that share), then by the IDF of those groups plus that of the groups its title, heading or tags
 * hold. The first `keep` go on to be scored on their full text.
 */
export function preselect(
  rows: ScannedRow[],
  matchedGroups: Map<number, Set<number>>,
  headGroups: Map<number, Set<number>>,
  groupIdf: number[],
  keep: number,
): ScannedRow[] {
  const idfOf = (groups: Set<number> | undefined) =>
    [...(groups ?? [])].reduce((sum, index) => sum + groupIdf[index], 0);
  const scored = rows.map((row) => ({
    row,
    groups: matchedGroups.get(row.rowid)?.size ?? 0,
    weight: idfOf(matchedGroups.get(row.rowid)) + idfOf(headGroups.get(row.rowid)),
  }));
  scored.sort((a, b) => b.groups - a.groups || b.weight - a.weight || a.row.rowid - b.row.rowid);
  return scored.slice(0, keep).map(({ row }) => row);
}

/** The index's row count and mean row length in tokens, from FTS5's averages record (its row id 1). */
export function readAverages(db: Database.Database): { rows: number; meanLength: number } {
  const block = db.prepare<[], Buffer>("SELECT block FROM docs_fts_data WHERE id = 1").pluck().get();
  const values: number[] = [];
  let value = 0;
  for (const byte of block ?? []) {
    // SQLite varints: seven bits a byte, most significant first.
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      values.push(value);
      value = 0;
    }
  }
  const [rows = 0, ...columns] = values;
  const tokens = columns.reduce((sum, size) => sum + size, 0);
  return { rows, meanLength: rows > 0 ? tokens / rows : 1 };
}

export type ColumnTexts = { title: string; section: string; context: string; tags: string; body: string };

/**
 * BM25 as FTS5's bm25() computes it (each alternative scored on its own, its occurrences weighted by column,
 * the row's length against the mean), negative like FTS5's so lower is better, with document counts from the
 * vocabulary. Prefixes count as their most common completions.
 */
export function bm25Scorer(
  plan: Pick<QueryPlan, "groups">,
  vocabulary: Vocabulary,
  averages: { rows: number; meanLength: number },
) {
  const total = Math.max(1, averages.rows);
  const terms = new Map<string, number>();
  const phrases: { words: string[]; idf: number }[] = [];
  for (const group of plan.groups) {
    for (const term of groupTerms(group, vocabulary))
      terms.set(term, inverseDocumentFrequency(vocabulary.documents(term), total));
    for (const words of group.phrases)
      phrases.push({
        words,
        idf: inverseDocumentFrequency(Math.min(...words.map((word) => vocabulary.documents(word))), total),
      });
  }
  return (texts: ColumnTexts): number => {
    const frequency = new Map<string, number>();
    const phraseFrequency = phrases.map(() => 0);
    let length = 0;
    FTS_COLUMNS.forEach((column, columnIndex) => {
      const weight = WEIGHTS[columnIndex];
      const tokens = tokenize(texts[column]);
      length += tokens.length;
      tokens.forEach((token, index) => {
        if (terms.has(token)) frequency.set(token, (frequency.get(token) ?? 0) + weight);
        phrases.forEach((phrase, phraseIndex) => {
          if (phrase.words.every((word, offset) => tokens[index + offset] === word))
            phraseFrequency[phraseIndex] += weight;
        });
      });
    });
    const norm = K1 * (1 - B + (B * length) / averages.meanLength);
    let score = 0;
    for (const [term, weighted] of frequency)
      score += (terms.get(term) ?? 0) * ((weighted * (K1 + 1)) / (weighted + norm));
    phrases.forEach((phrase, index) => {
      const weighted = phraseFrequency[index];
      if (weighted > 0) score += phrase.idf * ((weighted * (K1 + 1)) / (weighted + norm));
    });
    return -score;
  };
}

/** Each group's IDF for preselection: its most common word's, so a group of common words counts as common. */
export function groupInverseFrequencies(plan: Pick<QueryPlan, "groups">, vocabulary: Vocabulary, rows: number) {
  return plan.groups.map((group) =>
    inverseDocumentFrequency(
      Math.max(1, ...[...group.terms].map((term) => vocabulary.documents(term))),
      Math.max(1, rows),
    ),
  );
}

/** Facet counts (pages per value) over the rows read: lower bounds when the read stopped at the cap. */
export function facetsOfRows(
  rows: ScannedRow[],
  facets: FacetName[],
  tagsOf: (rowids: number[]) => Map<number, string[]>,
): SearchResult["facets"] {
  const result: SearchResult["facets"] = {};
  const tags = facets.includes("tags") ? tagsOf(rows.map((row) => row.rowid)) : new Map<number, string[]>();
  for (const facet of facets) {
    const pages = new Map<string, Set<string>>();
    for (const row of rows) {
      const values = facet === "tags" ? (tags.get(row.rowid) ?? []) : [row[facet]];
      for (const value of values) {
        const set = pages.get(value) ?? new Set<string>();
        set.add(row.page_id);
        pages.set(value, set);
      }
    }
    const counted = [...pages].map(([value, set]) => [value, set.size] as const);
    // Most pages first, then by value as SQLite's BINARY collation orders it.
    counted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    result[facet] = Object.fromEntries(facet === "tags" ? counted.slice(0, 30) : counted);
  }
  return result;
}
