/**
 * The raw SQLite FTS5 baselines: what the same documents cost with nothing but
 * the FTS5 table (indexing), and what a bare MATCH costs on the engine's own
 * index (querying).
 */
import Database from "better-sqlite3";
import type { SearchDocument } from "../../../app/search/types";

/**
 * The columns and tokenizer of `docs_fts` in app/search/embedded-schema.server.ts. Copied,
 * not imported: if the engine's table changes, change this too or the baseline stops
 * being comparable.
 */
const RAW_FTS_COLUMNS = ["title", "section", "context", "tags", "body"] as const;
const RAW_TOKENIZER = "unicode61 remove_diacritics 2";
/** The engine's `prefix = '2 3'` option; only the informational variant adds it. */
const ENGINE_PREFIX_OPTION = "prefix = '2 3'";
const BATCH = 500;

/** The five FTS column values exactly as the engine's insertDocument (embedded-writes.server.ts) fills them. */
export function ftsValues(document: SearchDocument): [string, string, string, string, string] {
  const isPage = document.section === "";
  return [
    isPage ? document.title : "",
    document.section,
    isPage ? "" : document.title,
    document.tags.join(" "),
    document.body,
  ];
}

export type IndexTiming = { seconds: number; docsPerSecond: number; optimizeSeconds?: number };

/**
 * Indexes into a fresh database holding only the FTS5 table: one prepared INSERT,
 * one transaction per 500 documents. Journal and sync settings match the engine's
 * (WAL, synchronous=NORMAL) so the comparison is about work, not durability.
 * With `withPrefixIndexes` the table also gets the engine's prefix option, and
 * an 'optimize' (which the engine runs after replaceAll) is timed separately.
 */
export function buildRawIndex(
  file: string,
  documents: readonly SearchDocument[],
  { withPrefixIndexes = false } = {},
): IndexTiming {
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    const options = [`tokenize = '${RAW_TOKENIZER}'`, ...(withPrefixIndexes ? [ENGINE_PREFIX_OPTION] : [])];
    db.exec(`CREATE VIRTUAL TABLE docs_fts USING fts5(${RAW_FTS_COLUMNS.join(", ")}, ${options.join(", ")})`);
    const insert = db.prepare<[string, string, string, string, string]>(
      `INSERT INTO docs_fts (${RAW_FTS_COLUMNS.join(", ")}) VALUES (?, ?, ?, ?, ?)`,
    );
    const insertBatch = db.transaction((batch: readonly SearchDocument[]) => {
      for (const document of batch) insert.run(...ftsValues(document));
    });
    const started = performance.now();
    for (let start = 0; start < documents.length; start += BATCH) insertBatch(documents.slice(start, start + BATCH));
    const seconds = (performance.now() - started) / 1000;
    const timing: IndexTiming = { seconds, docsPerSecond: documents.length / seconds };
    if (withPrefixIndexes) {
      const optimizeStarted = performance.now();
      db.exec("INSERT INTO docs_fts(docs_fts) VALUES('optimize')");
      timing.optimizeSeconds = (performance.now() - optimizeStarted) / 1000;
    }
    return timing;
  } finally {
    db.close();
  }
}

/** A second, read-only connection to the engine's file running the bare MATCH the engine is measured against. */
export function openRawSearcher(file: string) {
  const db = new Database(file, { readonly: true });
  const match = db.prepare<[string], { rowid: number; score: number }>(
    "SELECT rowid, bm25(docs_fts) AS score FROM docs_fts WHERE docs_fts MATCH ? ORDER BY rank LIMIT 10",
  );
  return {
    database: db,
    search: (expression: string) => match.all(expression),
    close: () => db.close(),
  };
}
