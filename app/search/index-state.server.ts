import Database from "better-sqlite3";

/**
 * Which content page versions the search index holds (page id → content hash),
 * kept beside the embedded index so `content:build` re-indexes only what changed
 * and a deleted or fresh index is rebuilt in full.
 */
export class IndexState {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma("busy_timeout = 5000");
  }

  /** Created on use: the engine drops it with the rest of the index when the index schema changes. */
  private ensureTable() {
    this.db.exec("CREATE TABLE IF NOT EXISTS indexed_pages (page_id TEXT PRIMARY KEY, hash TEXT NOT NULL)");
  }

  all(): Map<string, string> {
    this.ensureTable();
    const rows = this.db.prepare<[], { page_id: string; hash: string }>("SELECT page_id, hash FROM indexed_pages").all();
    return new Map(rows.map((row) => [row.page_id, row.hash]));
  }

  replace(pages: Map<string, string>) {
    this.ensureTable();
    const insert = this.db.prepare("INSERT OR REPLACE INTO indexed_pages (page_id, hash) VALUES (?, ?)");
    this.db.transaction(() => {
      this.db.exec("DELETE FROM indexed_pages");
      for (const [pageId, hash] of pages) insert.run(pageId, hash);
    })();
  }

  close() {
    this.db.close();
  }
}
