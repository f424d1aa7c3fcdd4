import type pg from "pg";
import { CONTENT_PAGES_SCHEMA } from "./postgres-content-pages.server";

/**
 * The PostgreSQL engine's tables: one row per document with its weighted `tsvector` under a GIN index, the
 * index's vocabulary with a pg_trgm index for typo candidates, a version that every write bumps (so other
 * instances know to re-read the vocabulary), and the content pages the index holds.
 */
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

/** Creates the tables on first use; a failed attempt is retried by the next call. */
export function schemaSetup(pool: pg.Pool): () => Promise<void> {
  let initialised: Promise<void> | null = null;
  return function init() {
    initialised ??= pool.query(SCHEMA).then(
      () => undefined,
      (error: unknown) => {
        initialised = null;
        throw error;
      },
    );
    return initialised;
  };
}
