import type Database from "better-sqlite3";
import { assertAllOfSource, documentColumns, titleFields } from "./engine-common";
import type { ContentPageVersions, SearchDocument, SearchEngine } from "./types";

/**
 * Writes to the embedded index: each document is a row of `docs` (what a hit shows and filters read), a row
 * of `docs_fts` under the same rowid (the searchable text) and its `doc_tags`. Every call is one
 * transaction, so readers on other connections see all of a write or none of it.
 */

function writeStatements(db: Database.Database) {
  return {
    findRowid: db.prepare<[string], { rowid: number }>("SELECT rowid FROM docs WHERE id = ?"),
    insertDoc: db.prepare(
      "INSERT INTO docs (id, page_id, type, source, visibility, url, category, title, section, tags, updated_at, popularity, fact) VALUES (@id, @page_id, @type, @source, @visibility, @url, @category, @title, @section, @tags, @updated_at, @popularity, @fact)",
    ),
    insertFts: db.prepare(
      "INSERT INTO docs_fts (rowid, title, section, context, tags, body) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    insertHead: db.prepare("INSERT INTO docs_head (rowid, title, section, context, tags) VALUES (?, ?, ?, ?, ?)"),
    insertTag: db.prepare("INSERT INTO doc_tags (rowid, tag) VALUES (?, ?)"),
    deleteDoc: db.prepare("DELETE FROM docs WHERE rowid = ?"),
    deleteFts: db.prepare("DELETE FROM docs_fts WHERE rowid = ?"),
    deleteHead: db.prepare("DELETE FROM docs_head WHERE rowid = ?"),
    deleteTags: db.prepare("DELETE FROM doc_tags WHERE rowid = ?"),
    rowidsOfPage: db.prepare<[string], { rowid: number }>("SELECT rowid FROM docs WHERE page_id = ?"),
    rowidsOfSource: db.prepare<[string], { rowid: number }>("SELECT rowid FROM docs WHERE source = ?"),
    indexedPages: db.prepare<[], { page_id: string; hash: string }>("SELECT page_id, hash FROM indexed_pages"),
    insertIndexedPage: db.prepare("INSERT INTO indexed_pages (page_id, hash) VALUES (?, ?)"),
  };
}

type WriteStatements = ReturnType<typeof writeStatements>;

function removeRow(statements: WriteStatements, rowid: number) {
  statements.deleteFts.run(rowid);
  statements.deleteHead.run(rowid);
  statements.deleteTags.run(rowid);
  statements.deleteDoc.run(rowid);
}

function removeDocument(statements: WriteStatements, id: string) {
  const existing = statements.findRowid.get(id);
  if (existing) removeRow(statements, existing.rowid);
}

/** Inserts the document, replacing any with its id. */
function insertDocument(statements: WriteStatements, document: SearchDocument) {
  removeDocument(statements, document.id);
  const { lastInsertRowid } = statements.insertDoc.run({
    ...documentColumns(document),
    tags: JSON.stringify(document.tags),
  });
  const { ownTitle, context } = titleFields(document);
  const tags = document.tags.join(" ");
  statements.insertFts.run(lastInsertRowid, ownTitle, document.section, context, tags, document.body);
  statements.insertHead.run(lastInsertRowid, ownTitle, document.section, context, tags);
  for (const tag of document.tags) statements.insertTag.run(lastInsertRowid, tag);
}

type Progress = ((done: number, total: number) => void) | undefined;

/** Inserts in the caller's transaction, reporting progress every `every` documents and at the end. */
function insertAll(statements: WriteStatements, documents: SearchDocument[], onProgress: Progress, every: number) {
  documents.forEach((document, index) => {
    insertDocument(statements, document);
    if ((index + 1) % every === 0 || index + 1 === documents.length) onProgress?.(index + 1, documents.length);
  });
}

export type EmbeddedWrites = Pick<
  SearchEngine,
  | "upsert"
  | "deleteByIds"
  | "deleteByPageIds"
  | "replaceSource"
  | "replaceAll"
  | "indexedContentPages"
  | "recordContentPages"
>;

/** The engine's writes; `onWritten` runs inside each transaction that changed documents (the vocabulary goes stale). */
export function embeddedWrites(db: Database.Database, onWritten: () => void): EmbeddedWrites {
  const statements = writeStatements(db);
  const inTransaction = (write: () => void) =>
    db.transaction(() => {
      write();
      onWritten();
    })();
  return {
    async upsert(documents) {
      inTransaction(() => documents.forEach((document) => insertDocument(statements, document)));
    },
    async deleteByIds(ids) {
      inTransaction(() => ids.forEach((id) => removeDocument(statements, id)));
    },
    async deleteByPageIds(pageIds) {
      inTransaction(() => {
        for (const pageId of pageIds)
          for (const { rowid } of statements.rowidsOfPage.all(pageId)) removeRow(statements, rowid);
      });
    },
    async replaceSource(source, documents, onProgress) {
      assertAllOfSource(source, documents);
      inTransaction(() => {
        for (const { rowid } of statements.rowidsOfSource.all(source)) removeRow(statements, rowid);
        insertAll(statements, documents, onProgress, 500);
      });
    },
    async replaceAll(documents, onProgress) {
      // One transaction: readers on other connections keep seeing the old index until it commits.
      inTransaction(() => {
        // The caller records the content pages of the new index once it is in (content-sync.server.ts).
        db.exec(
          "DELETE FROM docs; DELETE FROM doc_tags; DELETE FROM docs_fts; DELETE FROM docs_head; DELETE FROM indexed_pages;",
        );
        insertAll(statements, documents, onProgress, 500);
      });
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
  };
}
