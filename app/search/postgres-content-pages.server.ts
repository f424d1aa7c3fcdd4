import type pg from "pg";
import type { ContentPageVersions } from "./types";

/**
 * The content page versions the PostgreSQL index holds, in a table of the same database as the documents:
 * a new database starts without any, so the first content build against it indexes all content, while a
 * machine's local files (another database's record) play no part.
 */
export const CONTENT_PAGES_SCHEMA =
  "CREATE TABLE IF NOT EXISTS search_content_pages (page_id TEXT PRIMARY KEY, hash TEXT NOT NULL);";

export async function readContentPages(pool: pg.Pool): Promise<ContentPageVersions> {
  const { rows } = await pool.query<{ page_id: string; hash: string }>(
    "SELECT page_id, hash FROM search_content_pages",
  );
  return new Map(rows.map((row) => [row.page_id, row.hash]));
}

/** Replaces the record inside the caller's transaction. */
export async function replaceContentPages(client: pg.PoolClient, pages: ContentPageVersions): Promise<void> {
  await client.query("DELETE FROM search_content_pages");
  if (pages.size === 0) return;
  await client.query(
    "INSERT INTO search_content_pages (page_id, hash) SELECT key, value FROM json_each_text($1::json)",
    [JSON.stringify(Object.fromEntries(pages))],
  );
}
