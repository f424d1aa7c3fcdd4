import type pg from "pg";
import { env } from "../lib/env.server";
import { highlightAll } from "./highlight-text";
import { bestSectionPerPage, searchHit, type IndexedSection } from "./hits";
import { CONTENT_PAGES_SCHEMA, readContentPages, replaceContentPages } from "./postgres-content-pages.server";
import { planQuery, type QueryPlan } from "./query-plan";
import { rankBoost } from "./ranking";
import { DEFAULT_LIMIT, MAX_LIMIT } from "./settings";
import { MARK_CLOSE, MARK_OPEN, allowedTypos, editDistance, markedToHtml, queryWords, tokenize } from "./text";
import { visibleTo, type EngineHealth, type FacetName, type SearchDocument, type SearchEngine, type SearchFilters, type SearchResult, type Visibility } from "./types";
import { Vocabulary } from "./vocabulary";

/**
 * The PostgreSQL profile's engine (decision record 011): PostgreSQL full-text search in the app's own
 * database, so every instance searches the same, always-current index.
 *
 * - One row per document with a `tsvector` weighted A (title), B (section), C (tags and, on a section,
 *   its page's title), D (body and fact), under a GIN index; ranked by `ts_rank_cd` with the same 10:5:3:1
 *   field weights as the other engines, then by the shared ranking factors (app/search/ranking.ts).
 * - Words are tokenised in JS exactly like the embedded engine (letters and digits, lower-cased, accents
 *   removed) and stored under the `simple` configuration, so stems, prefixes, typos and synonyms are all
 *   planned by the shared query planner against the index's own vocabulary, which lives in
 *   `search_vocabulary` (kept exact by every write) with a pg_trgm index that finds typo candidates.
 * - The tsquery is built from quoted vocabulary lexemes only, so no user input is ever read as tsquery
 *   syntax; snippets come from `ts_headline`, with marker characters that are escaped into <mark>.
 */

/** Identical across instances: the key of the advisory lock that serialises index writes. */
const WRITE_LOCK_KEY = 720_012;
const CANDIDATES_PER_HIT = 4;
/** Matches ranked by the plain ts_rank_cd before the per-group score re-ranks them. */
const PRESELECTED = 300;
/** Below this many pages matching every word, the search also takes pages matching some (as embedded.server.ts). */
const MIN_PAGES_MATCHING_ALL = 3;
const MAX_COUNTED_SECTIONS = 5000;
const VOCABULARY_CHECK_MS = 1000;
const TRIGRAM_CANDIDATES = 40;
const BATCH = 500;
/** ts_rank_cd's weights in {D, C, B, A} order: body 1, tags 3, section 5, title 10 (app/search/settings.ts). */
const RANK_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}";
/** ts_rank_cd normalisation (the env module explains the values). */
const RANK_NORMALIZATION = env.PG_RANK_NORMALIZATION;

const SCHEMA = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE IF NOT EXISTS search_documents (
  id TEXT PRIMARY KEY,
  page_id TEXT NOT NULL,
  type TEXT NOT NULL,
  source TEXT NOT NULL,
  visibility TEXT NOT NULL,
  url TEXT NOT NULL,
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  section TEXT NOT NULL,
  context TEXT NOT NULL,
  tags TEXT[] NOT NULL,
  body TEXT NOT NULL,
  fact TEXT,
  updated_at TEXT,
  popularity REAL NOT NULL DEFAULT 0,
  words TSVECTOR NOT NULL
);
-- Every match's tsvector is read to rank it, so it stays in the row (MAIN) instead of being moved to the TOAST
-- table, which costs an index probe per row and doubled a large match set's time; the body, read only for the
-- page of hits shown, goes out of the row instead (EXTERNAL, uncompressed) so the tsvector fits. Rows written
-- before this keep their old layout until rewritten (npm run search:reindex); searches are the same either way.
DO $$ BEGIN
  IF (SELECT attstorage FROM pg_attribute WHERE attrelid = to_regclass('search_documents') AND attname = 'words') <> 'm' THEN
    ALTER TABLE search_documents ALTER COLUMN words SET STORAGE MAIN, ALTER COLUMN body SET STORAGE EXTERNAL;
  END IF;
END $$;
CREATE INDEX IF NOT EXISTS search_documents_words ON search_documents USING GIN (words);
CREATE INDEX IF NOT EXISTS search_documents_page_id ON search_documents (page_id);
CREATE INDEX IF NOT EXISTS search_documents_source ON search_documents (source);
CREATE INDEX IF NOT EXISTS search_documents_tags ON search_documents USING GIN (tags);
CREATE TABLE IF NOT EXISTS search_vocabulary (term TEXT PRIMARY KEY, documents INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS search_vocabulary_trigrams ON search_vocabulary USING GIST (term gist_trgm_ops);
CREATE TABLE IF NOT EXISTS search_index_version (one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one), version BIGINT NOT NULL);
INSERT INTO search_index_version (one, version) VALUES (TRUE, 0) ON CONFLICT DO NOTHING;
${CONTENT_PAGES_SCHEMA}
`;

/** Tokens joined by spaces: the `simple` parser then sees exactly the words the query planner sees. */
function indexText(text: string) {
  return tokenize(text).join(" ");
}

const INSERT_BATCH = `
INSERT INTO search_documents (id, page_id, type, source, visibility, url, category, title, section, context, tags, body, fact, updated_at, popularity, words)
SELECT d.id, d.page_id, d.type, d.source, d.visibility, d.url, d.category, d.title, d.section, d.context, ARRAY(SELECT json_array_elements_text(d.tags)), d.body, d.fact, d.updated_at, d.popularity,
  setweight(to_tsvector('simple', d.title_words), 'A') || setweight(to_tsvector('simple', d.section_words), 'B')
  || setweight(to_tsvector('simple', d.tag_words), 'C') || setweight(to_tsvector('simple', d.body_words), 'D')
FROM json_to_recordset($1::json) AS d(id text, page_id text, type text, source text, visibility text, url text, category text, title text, section text,
  context text, tags json, body text, fact text, updated_at text, popularity real, title_words text, section_words text, tag_words text, body_words text)`;

/** Vocabulary counts follow every insert and delete, in the same transaction (a document counts once per word). */
const COUNT_WORDS = (sign: "" | "-") => `
WITH counted AS (
  SELECT term, count(*)::int AS n FROM search_documents, unnest(tsvector_to_array(words)) AS term WHERE id = ANY($1::text[]) GROUP BY term)
INSERT INTO search_vocabulary (term, documents) SELECT term, ${sign}n FROM counted
ON CONFLICT (term) DO UPDATE SET documents = search_vocabulary.documents + EXCLUDED.documents`;

type Row = IndexedSection & {
  context: string;
  tags: string[];
  body: string;
  fact: string | null;
  popularity: number;
  score: number;
};

function toRecord(document: SearchDocument) {
  const isPage = document.section === "";
  const context = isPage ? "" : document.title;
  return {
    id: document.id,
    page_id: document.pageId,
    type: document.type,
    source: document.source,
    visibility: document.visibility,
    url: document.url,
    category: document.category,
    title: document.title,
    section: document.section,
    context,
    tags: document.tags,
    body: document.body,
    fact: document.fact ?? null,
    updated_at: document.updatedAt,
    popularity: Math.min(1, Math.max(0, document.popularity)),
    // The page title is searchable on the page itself (A); its sections carry it lower, beside the tags (C).
    title_words: indexText(isPage ? document.title : ""),
    section_words: indexText(document.section),
    tag_words: indexText(`${document.tags.join(" ")} ${context}`),
    body_words: indexText(`${document.body} ${document.fact ?? ""}`),
  };
}

/**
 * ts_headline's parser reads "<b>" as a tag and drops it, so angle brackets go in as \u0004 and \u0005
 * (translate() in the query) and come back escaped, like everything else in a snippet.
 */
function headlineToHtml(headline: string) {
  return markedToHtml(headline).replaceAll("\u0004", "&lt;").replaceAll("\u0005", "&gt;");
}

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
      return alternatives.length ? { text: `(${alternatives.join(" | ")})`, terms: [...group.terms, ...group.phrases.flat()] } : null;
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

/** The in-memory vocabulary, with near spellings from pg_trgm's nearest neighbours instead of a scan. */
class TrigramVocabulary extends Vocabulary {
  constructor(
    entries: Iterable<{ term: string; documents: number }>,
    private readonly neighbours: Map<string, string[]>,
  ) {
    super(entries);
  }

  override nearSpellings(word: string, limit = 3): string[] {
    const budget = allowedTypos(word);
    if (budget === 0) return [];
    const scored = (this.neighbours.get(word) ?? [])
      .map((term) => ({ term, distance: editDistance(word, term, budget) }))
      .filter(({ term, distance }) => distance <= budget && (distance < 2 || term[0] === word[0]));
    const best = Math.min(...scored.map(({ distance }) => distance));
    return scored
      .filter(({ distance }) => distance === best)
      .sort((a, b) => this.documents(b.term) - this.documents(a.term) || a.term.localeCompare(b.term))
      .slice(0, limit)
      .map(({ term }) => term);
  }
}

export type PostgresEngineOptions = { pool: pg.Pool };

export function createPostgresEngine({ pool }: PostgresEngineOptions): SearchEngine & { name: "postgres" } {
  let initialised: Promise<void> | null = null;
  /** Typo candidates per unknown query word, filled from pg_trgm as queries arrive; reset with the vocabulary. */
  let neighbours = new Map<string, string[]>();
  let vocabulary: TrigramVocabulary = new TrigramVocabulary([], neighbours);
  let vocabularyVersion = -1;
  let totalDocuments = 0;
  let vocabularyCheckedAt = 0;

  function init() {
    initialised ??= pool.query(SCHEMA).then(() => undefined, (error: unknown) => {
      initialised = null;
      throw error;
    });
    return initialised;
  }

  async function write(run: (client: pg.PoolClient) => Promise<void>) {
    await init();
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      // One writer at a time across instances, so vocabulary counts never race.
      await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
      await run(client);
      await client.query("UPDATE search_index_version SET version = version + 1");
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    vocabularyCheckedAt = 0;
  }

  async function deleteWhere(client: pg.PoolClient, where: string, values: unknown[]) {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM search_documents WHERE ${where}`, values);
    if (rows.length === 0) return;
    const ids = rows.map((row) => row.id);
    await client.query(COUNT_WORDS("-"), [ids]);
    await client.query("DELETE FROM search_documents WHERE id = ANY($1::text[])", [ids]);
  }

  async function insert(client: pg.PoolClient, documents: SearchDocument[], onProgress?: (done: number, total: number) => void) {
    const unique = [...new Map(documents.map((document) => [document.id, document])).values()];
    await deleteWhere(client, "id = ANY($1::text[])", [unique.map((document) => document.id)]);
    for (let start = 0; start < unique.length; start += BATCH) {
      const batch = unique.slice(start, start + BATCH);
      await client.query(INSERT_BATCH, [JSON.stringify(batch.map(toRecord))]);
      await client.query(COUNT_WORDS(""), [batch.map((document) => document.id)]);
      onProgress?.(Math.min(unique.length, start + BATCH), unique.length);
    }
    await client.query("DELETE FROM search_vocabulary WHERE documents <= 0");
  }

  /** Re-reads the vocabulary when another write (here or on another instance) changed the index. */
  async function loadVocabulary() {
    if (Date.now() - vocabularyCheckedAt < VOCABULARY_CHECK_MS && vocabularyVersion >= 0) return;
    vocabularyCheckedAt = Date.now();
    const { rows } = await pool.query<{ version: string }>("SELECT version FROM search_index_version");
    const version = Number(rows[0]?.version ?? 0);
    if (version === vocabularyVersion) return;
    const terms = await pool.query<{ term: string; documents: number }>("SELECT term, documents FROM search_vocabulary");
    totalDocuments = (await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM search_documents")).rows[0]?.n ?? 0;
    neighbours = new Map();
    vocabulary = new TrigramVocabulary(terms.rows, neighbours);
    vocabularyVersion = version;
  }

  async function vocabularyFor(query: string): Promise<Vocabulary> {
    await loadVocabulary();
    const unknown = queryWords(query).filter((word) => !vocabulary.has(word) && allowedTypos(word) > 0 && !neighbours.has(word));
    if (neighbours.size > 5000) neighbours.clear();
    for (const word of unknown) {
      // Nearest by trigram distance through the GiST index; the planner's typo budget then decides.
      const { rows } = await pool.query<{ term: string }>("SELECT term FROM search_vocabulary ORDER BY term <-> $1 LIMIT $2", [word, TRIGRAM_CANDIDATES]);
      neighbours.set(word, rows.map((row) => row.term));
    }
    return vocabulary;
  }

  type Scope = { filters: SearchFilters | undefined; visible: Visibility[] | null };

  function filterSql({ filters, visible }: Scope, values: unknown[]) {
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

  async function searchWith(tsquery: string, scoring: Scoring, plan: QueryPlan, scope: Scope, limit: number, offset: number) {
    const want = offset + limit;
    const read = want * CANDIDATES_PER_HIT + 10;
    const values: unknown[] = [tsquery, read, scoring.groups, scoring.idf];
    const filter = filterSql(scope, values);
    const { rows } = await pool.query<Row & { pages: number }>(
      `WITH q AS (SELECT to_tsquery('simple', $1) AS query, ARRAY(SELECT to_tsquery('simple', g) FROM unnest($3::text[]) AS g) AS groups, $4::float8[] AS idf),
       -- Every match is read once (what a bare @@ query costs): a cheap ts_rank for the preselection and its
       -- page, which also gives the page count, so no second scan counts them.
       matches AS MATERIALIZED (
         SELECT d.id, d.page_id, ts_rank('${RANK_WEIGHTS}', d.words, q.query, ${RANK_NORMALIZATION}) AS rough
         FROM search_documents d, q WHERE d.words @@ q.query${filter}),
       -- DISTINCT in a subquery hashes the page ids in memory; count(DISTINCT) sorts them, spilling to disk at 100k.
       counted AS (SELECT count(*)::int AS pages FROM (SELECT DISTINCT page_id FROM matches) AS p),
       -- The finer per-group score runs on a bounded pool only, so its cost does not grow with the matches.
       pre AS (SELECT m.id FROM matches m ORDER BY m.rough DESC, m.id LIMIT ${PRESELECTED}),
       ranked AS (
         -- Matching fewer of the query's groups (the "any" fallback) counts quadratically less, as in ranking.ts.
         SELECT d.id, (SELECT sum(q.idf[i] * ts_rank_cd('${RANK_WEIGHTS}', d.words, q.groups[i], ${RANK_NORMALIZATION}))
                        * power(count(*) FILTER (WHERE d.words @@ q.groups[i])::float8 / cardinality(q.groups), 2)
                      FROM generate_subscripts(q.groups, 1) AS i) AS score
         FROM pre p JOIN search_documents d ON d.id = p.id, q
         ORDER BY score DESC, d.id LIMIT $2)
       SELECT d.id, d.page_id, d.type, d.url, d.category, d.title, d.section, d.context, d.tags, d.body, d.fact, d.popularity, r.score, c.pages
       FROM ranked r JOIN search_documents d ON d.id = r.id, counted c`,
      values,
    );
    const candidates = rows
      .map((row) => ({
        ...row,
        ranked: row.score * rankBoost(row, { title: row.title, section: row.section, context: row.context, tags: row.tags.join(" "), body: row.body }, plan),
      }))
      .sort((a, b) => b.ranked - a.ranked || a.id.localeCompare(b.id));
    const bestPerPage = bestSectionPerPage(candidates);
    const chosen = bestPerPage.slice(offset, want);
    // ts_headline costs more than the ranking, so only the hits shown get one.
    const headlines = new Map<string, string>();
    const needHeadline = chosen.filter((candidate) => !candidate.fact).map((candidate) => candidate.id);
    if (needHeadline.length) {
      const { rows: marked } = await pool.query<{ id: string; headline: string }>(
        `SELECT id, ts_headline('simple', translate(body, '<>', chr(4) || chr(5)), to_tsquery('simple', $1),
           'StartSel=${MARK_OPEN}, StopSel=${MARK_CLOSE}, MaxWords=30, MinWords=12, ShortWord=1, HighlightAll=false') AS headline
         FROM search_documents WHERE id = ANY($2::text[])`,
        [tsquery, needHeadline],
      );
      for (const row of marked) headlines.set(row.id, row.headline);
    }
    const hits = chosen.map((candidate) =>
      searchHit(candidate, plan, candidate.fact ? markedToHtml(highlightAll(candidate.fact, plan.highlight)) : headlineToHtml(headlines.get(candidate.id) ?? "")),
    );
    const totalHits = rows[0]?.pages ?? 0;
    return { hits, totalHits };
  }

  async function facetCounts(tsquery: string, scope: Scope, facets: FacetName[]) {
    const result: SearchResult["facets"] = {};
    for (const facet of facets) {
      const values: unknown[] = [tsquery];
      const filter = filterSql(scope, values);
      const matched = `SELECT page_id, type, category, tags FROM search_documents WHERE words @@ to_tsquery('simple', $1)${filter} LIMIT ${MAX_COUNTED_SECTIONS}`;
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

  return {
    name: "postgres",
    init,
    async upsert(documents) {
      if (documents.length) await write((client) => insert(client, documents));
    },
    async deleteByIds(ids) {
      if (ids.length) await write((client) => deleteWhere(client, "id = ANY($1::text[])", [ids]).then(() => undefined));
    },
    async deleteByPageIds(pageIds) {
      if (pageIds.length) await write((client) => deleteWhere(client, "page_id = ANY($1::text[])", [pageIds]).then(() => undefined));
    },
    async replaceSource(source, documents, onProgress) {
      const stray = documents.find((document) => document.source !== source);
      if (stray) throw new Error(`replaceSource(${source}) got document ${stray.id} of source ${stray.source}`);
      await write(async (client) => {
        await deleteWhere(client, "source = $1", [source]);
        await insert(client, documents, onProgress);
      });
    },
    async replaceAll(documents, onProgress) {
      // One transaction: other connections keep searching the old index until it commits.
      await write(async (client) => {
        // The caller records the content pages of the new index once it is in (content-sync.server.ts).
        await client.query("DELETE FROM search_documents; DELETE FROM search_vocabulary; DELETE FROM search_content_pages");
        await insert(client, documents, onProgress);
      });
    },
    async search(params) {
      const started = performance.now();
      await init();
      const limit = Math.min(MAX_LIMIT, Math.max(1, params.limit ?? DEFAULT_LIMIT));
      const offset = Math.max(0, params.offset ?? 0);
      const plan = planQuery(params.query, await vocabularyFor(params.query));
      const empty: SearchResult = { hits: [], totalHits: 0, facets: {}, correctedQuery: null, processingTimeMs: 0 };
      const groups = plan.all ? groupQueries(plan) : [];
      if (groups.length === 0) return { ...empty, processingTimeMs: performance.now() - started };
      const scope: Scope = { filters: params.filters, visible: visibleTo(params.viewer) };
      const scoring: Scoring = {
        groups: groups.map((group) => group.text),
        idf: groups.map((group) => inverseDocumentFrequency(group.terms, vocabulary, Math.max(1, totalDocuments))),
      };
      let tsquery = scoring.groups.join(" & ");
      let found = await searchWith(tsquery, scoring, plan, scope, limit, offset);
      // As in the embedded engine: too few pages hold every word, so pages holding most of them follow.
      if (found.totalHits < MIN_PAGES_MATCHING_ALL && groups.length > 1 && plan.any) {
        tsquery = scoring.groups.join(" | ");
        found = await searchWith(tsquery, scoring, plan, scope, limit, offset);
      }
      const facets = params.facets?.length && found.totalHits > 0 ? await facetCounts(tsquery, scope, params.facets) : {};
      return { ...found, facets, correctedQuery: plan.corrected, processingTimeMs: performance.now() - started };
    },
    async indexedContentPages() {
      await init();
      return readContentPages(pool);
    },
    async recordContentPages(pages) {
      await write((client) => replaceContentPages(client, pages));
    },
    async health(): Promise<EngineHealth> {
      try {
        await init();
        await pool.query("SELECT 1 FROM search_documents LIMIT 1");
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
    async close() {
      // The pool belongs to the app (app/lib/db.server.ts); closing the engine leaves it open.
    },
  };
}
