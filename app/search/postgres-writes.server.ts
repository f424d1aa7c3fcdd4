import type pg from "pg";
import { assertAllOfSource, documentColumns, titleFields } from "./engine-common";
import { readContentPages, replaceContentPages } from "./postgres-content-pages.server";
import { tokenize } from "./text";
import type { SearchDocument, SearchEngine } from "./types";

/**
 * Writes to the PostgreSQL index. Each is one transaction holding an advisory lock, so writers on every
 * instance take turns and the vocabulary counts (search_vocabulary) never race; each bumps the index
 * version, which tells every instance to re-read the vocabulary.
 */

/** Identical across instances: the key of the advisory lock that serialises index writes. */
const WRITE_LOCK_KEY = 720_012;
const BATCH = 500;

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

/** A document as INSERT_BATCH reads it: its columns, and its words per weight (A title, B section, C tags and context, D body and fact). */
function toRecord(document: SearchDocument) {
  // The page title is searchable on the page itself (A); its sections carry it lower, beside the tags (C).
  const { ownTitle, context } = titleFields(document);
  return {
    ...documentColumns(document),
    context,
    tags: document.tags,
    body: document.body,
    title_words: indexText(ownTitle),
    section_words: indexText(document.section),
    tag_words: indexText(`${document.tags.join(" ")} ${context}`),
    body_words: indexText(`${document.body} ${document.fact ?? ""}`),
  };
}

async function deleteWhere(client: pg.PoolClient, where: string, values: unknown[]) {
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM search_documents WHERE ${where}`, values);
  if (rows.length === 0) return;
  const ids = rows.map((row) => row.id);
  await client.query(COUNT_WORDS("-"), [ids]);
  await client.query("DELETE FROM search_documents WHERE id = ANY($1::text[])", [ids]);
}

/** Inserts (replacing documents of the same id; the last of a repeated id wins) in batches, counting their words. */
async function insert(
  client: pg.PoolClient,
  documents: SearchDocument[],
  onProgress?: (done: number, total: number) => void,
) {
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

/** Runs `run` as one transaction that holds the write lock and bumps the index version. */
async function inWriteTransaction(pool: pg.Pool, run: (client: pg.PoolClient) => Promise<void>) {
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
}

export type PostgresWrites = Pick<
  SearchEngine,
  | "upsert"
  | "deleteByIds"
  | "deleteByPageIds"
  | "replaceSource"
  | "replaceAll"
  | "indexedContentPages"
  | "recordContentPages"
>;

/** The engine's writes, after `init` made the tables; `onWritten` runs after each committed write. */
export function postgresWrites(pool: pg.Pool, init: () => Promise<void>, onWritten: () => void): PostgresWrites {
  const write = async (run: (client: pg.PoolClient) => Promise<void>) => {
    await init();
    await inWriteTransaction(pool, run);
    onWritten();
  };
  const deleteIn = (column: "id" | "page_id", values: string[]) =>
    write((client) => deleteWhere(client, `${column} = ANY($1::text[])`, [values]));
  return {
    async upsert(documents) {
      if (documents.length) await write((client) => insert(client, documents));
    },
    async deleteByIds(ids) {
      if (ids.length) await deleteIn("id", ids);
    },
    async deleteByPageIds(pageIds) {
      if (pageIds.length) await deleteIn("page_id", pageIds);
    },
    async replaceSource(source, documents, onProgress) {
      assertAllOfSource(source, documents);
      await write(async (client) => {
        await deleteWhere(client, "source = $1", [source]);
        await insert(client, documents, onProgress);
      });
    },
    async replaceAll(documents, onProgress) {
      // One transaction: other connections keep searching the old index until it commits.
      await write(async (client) => {
        // The caller records the content pages of the new index once it is in (content-sync.server.ts).
        await client.query(
          "DELETE FROM search_documents; DELETE FROM search_vocabulary; DELETE FROM search_content_pages",
        );
        await insert(client, documents, onProgress);
      });
    },
    async indexedContentPages() {
      await init();
      return readContentPages(pool);
    },
    async recordContentPages(pages) {
      await write((client) => replaceContentPages(client, pages));
    },
  };
}
