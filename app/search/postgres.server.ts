import type pg from "pg";
import { probeHealth } from "./engine-common";
import { searchPostgres } from "./postgres-query.server";
import { schemaSetup } from "./postgres-schema.server";
import { PostgresVocabulary } from "./postgres-vocabulary.server";
import { postgresWrites } from "./postgres-writes.server";
import type { SearchEngine } from "./types";

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
 *
 * Its parts: the tables (postgres-schema.server.ts), writes (postgres-writes.server.ts), the vocabulary
 * kept in memory (postgres-vocabulary.server.ts) and searching (postgres-query.server.ts).
 */

export type PostgresEngineOptions = { pool: pg.Pool };

export function createPostgresEngine({ pool }: PostgresEngineOptions): SearchEngine & { name: "postgres" } {
  const init = schemaSetup(pool);
  const vocabulary = new PostgresVocabulary(pool);
  return {
    name: "postgres",
    init,
    ...postgresWrites(pool, init, () => vocabulary.markWritten()),
    search: (params) => searchPostgres(pool, init, vocabulary, params),
    health: () =>
      probeHealth(async () => {
        await init();
        await pool.query("SELECT 1 FROM search_documents LIMIT 1");
      }),
    async close() {
      // The pool belongs to the app (app/lib/db.server.ts); closing the engine leaves it open.
    },
  };
}
