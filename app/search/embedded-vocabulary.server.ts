import type Database from "better-sqlite3";
import { Vocabulary } from "./vocabulary";

const VOCABULARY_REFRESH_MS = 2000;

/**
 * The embedded index's own words (fts5vocab), which the query planner resolves stems, prefixes and typos
 * against, kept in memory and re-read once the index changed: by a write through this engine
 * (`markWritten`) or on another connection (SQLite's data_version moves).
 */
export class EmbeddedVocabulary {
  private vocabulary: Vocabulary | null = null;
  private builtAt = 0;
  private dataVersion = -1;
  private writtenSince = true;
  private readonly terms: Database.Statement<[], { term: string; documents: number }>;
  private readonly dataVersionQuery: Database.Statement<[], { data_version: number }>;

  constructor(db: Database.Database) {
    this.terms = db.prepare<[], { term: string; documents: number }>("SELECT term, doc AS documents FROM docs_vocab");
    this.dataVersionQuery = db.prepare<[], { data_version: number }>("PRAGMA data_version");
  }

  markWritten() {
    this.writtenSince = true;
  }

  current(): Vocabulary {
    const dataVersion = this.dataVersionQuery.get()?.data_version ?? 0;
    const stale = this.writtenSince || dataVersion !== this.dataVersion;
    // Rebuilding costs a scan of the term list, so a busy writer refreshes it at most every few seconds;
    // exact words still match in between, only stems and typo candidates of brand-new words wait.
    if (!this.vocabulary || (stale && Date.now() - this.builtAt > VOCABULARY_REFRESH_MS)) {
      this.vocabulary = new Vocabulary(this.terms.iterate());
      this.builtAt = Date.now();
      this.dataVersion = dataVersion;
      this.writtenSince = false;
    }
    return this.vocabulary;
  }
}
