import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { SEARCHABLE_FIELDS } from "./settings";

/**
 * The embedded engine's index file: its tables, their version, and opening it.
 *
 * `title` holds the page title on the page's own document only; its sections
 * carry it in `context` at a low weight (app/search/engine-common.ts, titleFields).
 */
export const FTS_COLUMNS = ["title", "section", "context", "tags", "body"] as const;
const CONTEXT_WEIGHT = 2;
/** Each FTS column's BM25 weight, in FTS_COLUMNS order. */
export const WEIGHTS = FTS_COLUMNS.map((column) =>
  column === "context" ? CONTEXT_WEIGHT : (SEARCHABLE_FIELDS.find((field) => field.field === column)?.weight ?? 1),
);
/**
 * The columns BM25 weighs most, indexed again on their own in `docs_head`: its lists are a tenth of the full
 * index's, so a search for common words finds the sections whose heading holds them without reading every
 * match (decision record 023).
 */
export const HEAD_COLUMNS = FTS_COLUMNS.filter((column) => column !== "body");
/** Weighted BM25 over FTS_COLUMNS, in their order: negative, lower is better. */
export const BM25 = `bm25(docs_fts, ${WEIGHTS.map((weight) => weight.toFixed(1)).join(", ")})`;

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
CREATE VIRTUAL TABLE IF NOT EXISTS docs_head USING fts5(${HEAD_COLUMNS.join(", ")}, tokenize = 'unicode61 remove_diacritics 2');
`;

/**
 * Bumped whenever SCHEMA changes. The index is derived data, so an index file
 * of another version is dropped and rebuilt (content:build sees an empty index
 * state and re-indexes everything). Version 2: no FTS5 prefix indexes; they
 * halved indexing speed without making prefix queries measurably faster.
 * Version 3: source, visibility and fact columns (decision record 009). Version 4: `docs_head` (decision
 * record 023).
 */
const SCHEMA_VERSION = 4;
const DERIVED_TABLES = ["docs_vocab", "docs_head", "docs_fts", "doc_tags", "docs", "indexed_pages"];
/**
 * The content page versions this file holds, beside the documents: a fresh file has none, so the next
 * content build fills it. Outside SCHEMA because version-3 files written before it lived here lack it.
 */
const INDEXED_PAGES_TABLE = "CREATE TABLE IF NOT EXISTS indexed_pages (page_id TEXT PRIMARY KEY, hash TEXT NOT NULL)";

export function migrate(db: Database.Database) {
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

/** Opens (creating it and its folder when new) the index file in WAL mode, at the current schema. */
export function openIndexFile(file: string): Database.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}
