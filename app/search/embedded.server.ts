import type Database from "better-sqlite3";
import { probeHealth } from "./engine-common";
import { PreparedStatements, searchEmbedded } from "./embedded-query.server";
import { migrate, openIndexFile } from "./embedded-schema.server";
import { EmbeddedVocabulary } from "./embedded-vocabulary.server";
import { embeddedWrites } from "./embedded-writes.server";
import type { SearchEngine } from "./types";

/**
 * The default engine: SQLite FTS5 in its own file. Stemming, prefixes, typos and
 * synonyms are resolved against the index's own vocabulary (fts5vocab) by the
 * query planner (decision record 005); ranking is weighted BM25 with a small
 * helpfulness boost.
 *
 * Its parts: the file and its tables (embedded-schema.server.ts), writes
 * (embedded-writes.server.ts), the vocabulary kept in memory
 * (embedded-vocabulary.server.ts) and searching (embedded-query.server.ts).
 */

export type EmbeddedEngineOptions = { file: string };

export function createEmbeddedEngine({ file }: EmbeddedEngineOptions): SearchEngine & { database: Database.Database } {
  const db = openIndexFile(file);
  const vocabulary = new EmbeddedVocabulary(db);
  const statements = new PreparedStatements(db);
  return {
    name: "embedded",
    database: db,
    async init() {
      migrate(db);
    },
    ...embeddedWrites(db, () => vocabulary.markWritten()),
    search: (params) => searchEmbedded(statements, vocabulary, params),
    health: () => probeHealth(() => db.prepare("SELECT count(*) FROM docs").get()),
    async close() {
      db.close();
    },
  };
}
