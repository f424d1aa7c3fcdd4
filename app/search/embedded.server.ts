import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { planQuery, type QueryPlan } from "./query-plan";
import { DEFAULT_LIMIT, MAX_LIMIT, SEARCHABLE_FIELDS } from "./settings";
import { bestSectionPerPage, searchHit, type IndexedSection } from "./hits";
import { answerSnippet, rankBoost } from "./ranking";
import { markedToHtml } from "./text";
import { visibleTo, type ContentPageVersions, type EngineHealth, type FacetName, type SearchDocument, type SearchEngine, type SearchFilters, type SearchResult, type Visibility } from "./types";
import { Vocabulary } from "./vocabulary";

/**
 * The default engine: SQLite FTS5 in its own file. Stemming, prefixes, typos and
 * synonyms are resolved against the index's own vocabulary (fts5vocab) by the
 * query planner (decision record 005); ranking is weighted BM25 with a small
 * helpfulness boost.
 */

/**
 * `title` holds the page title on the page's own document only; its sections
 * carry it in `context` at a low weight, so a page's title does not lift every
 * one of its sections above better-matching sections of other pages.
 */
const FTS_COLUMNS = ["title", "section", "context", "tags", "body"] as const;
const CONTEXT_WEIGHT = 2;
const WEIGHTS = FTS_COLUMNS.map((column) => (column === "context" ? CONTEXT_WEIGHT : (SEARCHABLE_FIELDS.find((field) => field.field === column)?.weight ?? 1)));
/** How many ranked sections to read per page of results, so collapsing sections into pages still fills the page. */
const CANDIDATES_PER_HIT = 4;
const VOCABULARY_REFRESH_MS = 2000;
/**
 * Below this many pages matching every word of a question of at least
 * MIN_WORDS_TO_RELAX words, the search also takes pages matching some of them
 * (with fewer words, "some" is one word: noisy, and an OR over common words is
 * the slowest query there is). With no page at all, it always does.
 */
const MIN_PAGES_MATCHING_ALL = 3;
const MIN_WORDS_TO_RELAX = 3;
/**
 * Counting pages and facets reads at most this many matching sections, so a
 * query matching most of a large index costs a bounded amount: counts are exact
 * below it and lower bounds above it (Meilisearch caps its estimate likewise).
 */
const MAX_COUNTED_SECTIONS = 5000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS docs (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  page_id TEXT NOT NULL,
  type TEXT NOT NULL,
  source TEXT NOT NULL,
  visibility TEXT NOT NULL,
  url TEXT NOT NULL,
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  section TEXT NOT NULL,
  tags TEXT NOT NULL,
  updated_at TEXT,
  popularity REAL NOT NULL DEFAULT 0,
  fact TEXT
);
CREATE INDEX IF NOT EXISTS docs_page_id ON docs(page_id);
CREATE INDEX IF NOT EXISTS docs_source ON docs(source);
CREATE INDEX IF NOT EXISTS docs_visibility ON docs(visibility);
CREATE TABLE IF NOT EXISTS doc_tags (rowid INTEGER NOT NULL, tag TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS doc_tags_rowid ON doc_tags(rowid);
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(${FTS_COLUMNS.join(", ")}, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE IF NOT EXISTS docs_vocab USING fts5vocab(docs_fts, 'row');
`;

/**
 * Bumped whenever SCHEMA changes. The index is derived data, so an index file
 * of another version is dropped and rebuilt (content:build sees an empty index
 * state and re-indexes everything). Version 2: no FTS5 prefix indexes; they
 * halved indexing speed without making prefix queries measurably faster.
 * Version 3: source, visibility and fact columns (decision record 009).
 */
const SCHEMA_VERSION = 3;
const DERIVED_TABLES = ["docs_vocab", "docs_fts", "doc_tags", "docs", "indexed_pages"];
/**
 * The content page versions this file holds, beside the documents: a fresh file has none, so the next
 * content build fills it. Outside SCHEMA because version-3 files written before it lived here lack it.
 */
const INDEXED_PAGES_TABLE = "CREATE TABLE IF NOT EXISTS indexed_pages (page_id TEXT PRIMARY KEY, hash TEXT NOT NULL)";

function migrate(db: Database.Database) {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    db.transaction(() => {
      for (const table of DERIVED_TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }
  db.exec(INDEXED_PAGES_TABLE);
}

type Candidate = IndexedSection & {
  rowid: number;
  score: number;
  popularity: number;
  fact: string | null;
};

export type EmbeddedEngineOptions = { file: string };

export function createEmbeddedEngine({ file }: EmbeddedEngineOptions): SearchEngine & { database: Database.Database } {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  migrate(db);

  const statements = {
    findRowid: db.prepare<[string], { rowid: number }>("SELECT rowid FROM docs WHERE id = ?"),
    insertDoc: db.prepare(
      "INSERT INTO docs (id, page_id, type, source, visibility, url, category, title, section, tags, updated_at, popularity, fact) VALUES (@id, @pageId, @type, @source, @visibility, @url, @category, @title, @section, @tags, @updatedAt, @popularity, @fact)",
    ),
    insertFts: db.prepare("INSERT INTO docs_fts (rowid, title, section, context, tags, body) VALUES (?, ?, ?, ?, ?, ?)"),
    insertTag: db.prepare("INSERT INTO doc_tags (rowid, tag) VALUES (?, ?)"),
    deleteDoc: db.prepare("DELETE FROM docs WHERE rowid = ?"),
    deleteFts: db.prepare("DELETE FROM docs_fts WHERE rowid = ?"),
    deleteTags: db.prepare("DELETE FROM doc_tags WHERE rowid = ?"),
    rowidsOfPage: db.prepare<[string], { rowid: number }>("SELECT rowid FROM docs WHERE page_id = ?"),
    rowidsOfSource: db.prepare<[string], { rowid: number }>("SELECT rowid FROM docs WHERE source = ?"),
    // Two range scans of the visibility index (a "!=" would read every row).
    anyRestricted: db.prepare<[], { restricted: number }>(
      "SELECT EXISTS (SELECT 1 FROM docs WHERE visibility < 'public') OR EXISTS (SELECT 1 FROM docs WHERE visibility > 'public') AS restricted",
    ),
    vocabulary: db.prepare<[], { term: string; documents: number }>("SELECT term, doc AS documents FROM docs_vocab"),
    indexedPages: db.prepare<[], { page_id: string; hash: string }>("SELECT page_id, hash FROM indexed_pages"),
    insertIndexedPage: db.prepare("INSERT INTO indexed_pages (page_id, hash) VALUES (?, ?)"),
    dataVersion: db.prepare<[], { data_version: number }>("PRAGMA data_version"),
  };

  let vocabulary: Vocabulary | null = null;
  let vocabularyBuiltAt = 0;
  let vocabularyDataVersion = -1;
  let writtenSinceVocabulary = true;

  function currentVocabulary(): Vocabulary {
    const dataVersion = statements.dataVersion.get()?.data_version ?? 0;
    const stale = writtenSinceVocabulary || dataVersion !== vocabularyDataVersion;
    // Rebuilding costs a scan of the term list, so a busy writer refreshes it at most every few seconds;
    // exact words still match in between, only stems and typo candidates of brand-new words wait.
    if (!vocabulary || (stale && Date.now() - vocabularyBuiltAt > VOCABULARY_REFRESH_MS)) {
      vocabulary = new Vocabulary(statements.vocabulary.iterate());
      vocabularyBuiltAt = Date.now();
      vocabularyDataVersion = dataVersion;
      writtenSinceVocabulary = false;
    }
    return vocabulary;
  }

  function removeRow(rowid: number) {
    statements.deleteFts.run(rowid);
    statements.deleteTags.run(rowid);
    statements.deleteDoc.run(rowid);
  }

  function insertDocument(document: SearchDocument) {
    const existing = statements.findRowid.get(document.id);
    if (existing) removeRow(existing.rowid);
    const { lastInsertRowid } = statements.insertDoc.run({
      id: document.id,
      pageId: document.pageId,
      type: document.type,
      source: document.source,
      visibility: document.visibility,
      url: document.url,
      category: document.category,
      title: document.title,
      section: document.section,
      tags: JSON.stringify(document.tags),
      updatedAt: document.updatedAt,
      popularity: Math.min(1, Math.max(0, document.popularity)),
      fact: document.fact ?? null,
    });
    const isPage = document.section === "";
    statements.insertFts.run(lastInsertRowid, isPage ? document.title : "", document.section, isPage ? "" : document.title, document.tags.join(" "), document.body);
    for (const tag of document.tags) statements.insertTag.run(lastInsertRowid, tag);
  }

  const upsertMany = db.transaction((documents: SearchDocument[]) => {
    for (const document of documents) insertDocument(document);
    writtenSinceVocabulary = true;
  });

  /** The search's filters plus who may see what; `visible` null means no visibility limit (staff). */
  type Scope = { filters: SearchFilters | undefined; visible: Visibility[] | null };

  function filterSql({ filters, visible }: Scope): { sql: string; values: string[] } {
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

  const bm25 = `bm25(docs_fts, ${WEIGHTS.map((weight) => weight.toFixed(1)).join(", ")})`;

  const preparedBySql = new Map<string, Database.Statement>();
  function prepared<Row>(sql: string) {
    let statement = preparedBySql.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      preparedBySql.set(sql, statement);
    }
    return statement as Database.Statement<unknown[], Row>;
  }

  const CANDIDATE_COLUMNS = "d.id, d.page_id, d.type, d.url, d.category, d.title, d.section, d.popularity, d.fact";

  function rankedCandidates(match: string, scope: Scope, count: number): Candidate[] {
    const filter = filterSql(scope);
    // Without filters, rank inside FTS5 alone and join only the top rows: the join would otherwise run once per match.
    const sql = filter.sql
      ? `SELECT f.rowid AS rowid, ${bm25} AS score, ${CANDIDATE_COLUMNS}
         FROM docs_fts f JOIN docs d ON d.rowid = f.rowid
         WHERE docs_fts MATCH ?${filter.sql}
         ORDER BY score LIMIT ?`
      : `SELECT m.rowid AS rowid, m.score AS score, ${CANDIDATE_COLUMNS}
         FROM (SELECT rowid, ${bm25} AS score FROM docs_fts WHERE docs_fts MATCH ? ORDER BY score LIMIT ?) m
         JOIN docs d ON d.rowid = m.rowid`;
    return prepared<Candidate>(sql).all(match, ...filter.values, count);
  }

  function countPages(match: string, scope: Scope): number {
    const filter = filterSql(scope);
    const sql = `SELECT COUNT(DISTINCT page_id) AS pages FROM (
        SELECT d.page_id FROM docs_fts f JOIN docs d ON d.rowid = f.rowid WHERE docs_fts MATCH ?${filter.sql} LIMIT ${MAX_COUNTED_SECTIONS})`;
    return prepared<{ pages: number }>(sql).get(match, ...filter.values)?.pages ?? 0;
  }

  function facetCounts(match: string, scope: Scope, facets: FacetName[]) {
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
      const rows = prepared<{ value: string; pages: number }>(sql).all(match, ...filter.values);
      result[facet] = Object.fromEntries(rows.map((row) => [row.value, row.pages]));
    }
    return result;
  }

  type StoredText = { title: string; section: string; context: string; tags: string; body: string };

  function storedTexts(rowids: number[]) {
    if (rowids.length === 0) return new Map<number, StoredText>();
    const sql = `SELECT rowid, title, section, context, tags, body FROM docs_fts WHERE rowid IN (${rowids.map(() => "?").join(", ")})`;
    const rows = prepared<StoredText & { rowid: number }>(sql).all(...rowids);
    return new Map(rows.map((row) => [row.rowid, row]));
  }

  function searchWith(match: string, plan: QueryPlan, scope: Scope, limit: number, offset: number) {
    const want = offset + limit;
    const read = want * CANDIDATES_PER_HIT + 10;
    const found = rankedCandidates(match, scope, read);
    const texts = storedTexts(found.map((candidate) => candidate.rowid));
    const candidates = found
      .map((candidate) => ({ ...candidate, ranked: candidate.score * rankBoost(candidate, texts.get(candidate.rowid), plan) }))
      .sort((a, b) => a.ranked - b.ranked || a.id.localeCompare(b.id));
    const bestPerPage = bestSectionPerPage(candidates);
    const chosen = bestPerPage.slice(offset, want);
    const hits = chosen.map((candidate) => searchHit(candidate, plan, markedToHtml(answerSnippet(texts.get(candidate.rowid)?.body ?? "", candidate.fact, plan))));
    const totalHits = found.length < read ? bestPerPage.length : countPages(match, scope);
    return { hits, totalHits };
  }

  return {
    name: "embedded",
    database: db,
    async init() {
      migrate(db);
    },
    async upsert(documents) {
      upsertMany(documents);
    },
    async deleteByIds(ids) {
      db.transaction(() => {
        for (const id of ids) {
          const existing = statements.findRowid.get(id);
          if (existing) removeRow(existing.rowid);
        }
        writtenSinceVocabulary = true;
      })();
    },
    async deleteByPageIds(pageIds) {
      db.transaction(() => {
        for (const pageId of pageIds) for (const { rowid } of statements.rowidsOfPage.all(pageId)) removeRow(rowid);
        writtenSinceVocabulary = true;
      })();
    },
    async replaceSource(source, documents, onProgress) {
      const stray = documents.find((document) => document.source !== source);
      if (stray) throw new Error(`replaceSource(${source}) got document ${stray.id} of source ${stray.source}`);
      db.transaction(() => {
        for (const { rowid } of statements.rowidsOfSource.all(source)) removeRow(rowid);
        documents.forEach((document, index) => {
          insertDocument(document);
          if ((index + 1) % 500 === 0 || index + 1 === documents.length) onProgress?.(index + 1, documents.length);
        });
        writtenSinceVocabulary = true;
      })();
    },
    async replaceAll(documents, onProgress) {
      // One transaction: readers on other connections keep seeing the old index until it commits.
      const batch = 500;
      db.transaction(() => {
        // The caller records the content pages of the new index once it is in (content-sync.server.ts).
        db.exec("DELETE FROM docs; DELETE FROM doc_tags; DELETE FROM docs_fts; DELETE FROM indexed_pages;");
        for (let start = 0; start < documents.length; start += batch) {
          for (const document of documents.slice(start, start + batch)) insertDocument(document);
          onProgress?.(Math.min(documents.length, start + batch), documents.length);
        }
        writtenSinceVocabulary = true;
      })();
    },
    async search(params) {
      const started = performance.now();
      const limit = Math.min(MAX_LIMIT, Math.max(1, params.limit ?? DEFAULT_LIMIT));
      const offset = Math.max(0, params.offset ?? 0);
      const plan = planQuery(params.query, currentVocabulary());
      const empty: SearchResult = { hits: [], totalHits: 0, facets: {}, correctedQuery: null, processingTimeMs: 0 };
      if (!plan.all) return { ...empty, processingTimeMs: performance.now() - started };
      // While every document is public there is nothing to hide, and the unfiltered plan is the fast one.
      const visible = statements.anyRestricted.get()?.restricted ? visibleTo(params.viewer) : null;
      const scope: Scope = { filters: params.filters, visible };
      let match = plan.all;
      let found = searchWith(match, plan, scope, limit, offset);
      // Too few pages hold every word: pages holding most of them follow (coverage ranks them below full matches).
      if (plan.any && (found.totalHits === 0 || (found.totalHits < MIN_PAGES_MATCHING_ALL && plan.groups.length >= MIN_WORDS_TO_RELAX))) {
        match = plan.any;
        found = searchWith(match, plan, scope, limit, offset);
      }
      const facets = params.facets?.length && found.totalHits > 0 ? facetCounts(match, scope, params.facets) : {};
      return { ...found, facets, correctedQuery: plan.corrected, processingTimeMs: performance.now() - started };
    },
    async indexedContentPages(): Promise<ContentPageVersions> {
      return new Map(statements.indexedPages.all().map((row) => [row.page_id, row.hash]));
    },
    async recordContentPages(pages) {
      db.transaction(() => {
        db.exec("DELETE FROM indexed_pages");
        for (const [pageId, hash] of pages) statements.insertIndexedPage.run(pageId, hash);
      })();
    },
    async health(): Promise<EngineHealth> {
      try {
        db.prepare("SELECT count(*) FROM docs").get();
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: (error as Error).message };
      }
    },
    async close() {
      db.close();
    },
  };
}
