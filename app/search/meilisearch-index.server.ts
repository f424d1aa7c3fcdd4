import { MeilisearchApiError, type EnqueuedTask, type Index, type Meilisearch } from "meilisearch";
import {
  CONTENT_PAGES_DOC_ID,
  contentPagesDocument,
  parseContentPages,
  type ContentPagesDocument,
} from "./meilisearch-content-pages.server";
import {
  PRIMARY_KEY,
  encodeDocumentId,
  meilisearchSettings,
  toMeiliDocument,
  type MeiliDocument,
} from "./meilisearch-documents.server";
import { inFilter } from "./meilisearch-query.server";
import { MeilisearchTaskError, describeError, runTask, type TaskTiming } from "./meilisearch-tasks.server";
import type { ContentPageVersions, SearchDocument } from "./types";

/**
 * Writing to Meilisearch indexes: creating one with our primary key and settings, adding documents in
 * batches, deleting by id, page or source, building a whole new index beside the live one and swapping it
 * in, and the record of the content pages an index holds. Every write waits for its task.
 */

/** pageIds per delete-by-filter request, to keep filter expressions a sane size. */
const DELETE_FILTER_CHUNK = 500;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export class MeilisearchIndexes {
  constructor(
    private readonly client: Meilisearch,
    private readonly timing: TaskTiming,
    /** Documents (or ids) per add or delete request. */
    private readonly batchSize: number,
  ) {}

  private run(what: string, enqueue: () => Promise<EnqueuedTask>) {
    return runTask(this.client, this.timing, what, enqueue);
  }

  /** Creates the index with our primary key unless it exists. */
  async ensure(uid: string): Promise<void> {
    let primaryKey: string | undefined;
    try {
      primaryKey = (await this.client.getRawIndex(uid)).primaryKey;
    } catch (error) {
      if (!(error instanceof MeilisearchApiError && error.cause?.code === "index_not_found")) {
        throw new Error(`Meilisearch get index ${uid} failed: ${describeError(error)}`, { cause: error });
      }
      try {
        await this.run(`create index ${uid}`, () => this.client.createIndex(uid, { primaryKey: PRIMARY_KEY }));
      } catch (createError) {
        // Another process created it between our GET and POST: that is fine.
        if (!(createError instanceof MeilisearchTaskError && createError.code === "index_already_exists"))
          throw createError;
      }
      return;
    }
    if (primaryKey && primaryKey !== PRIMARY_KEY) {
      throw new Error(
        `Meilisearch index ${uid} has primary key ${JSON.stringify(primaryKey)}, expected ${JSON.stringify(PRIMARY_KEY)}`,
      );
    }
  }

  async applySettings(uid: string): Promise<void> {
    await this.run(`update settings of ${uid}`, () => this.client.index(uid).updateSettings(meilisearchSettings()));
  }

  async add(uid: string, documents: SearchDocument[], onBatch?: (done: number) => void): Promise<void> {
    const index: Index<MeiliDocument> = this.client.index<MeiliDocument>(uid);
    // Encode everything first so a bad id fails before anything is sent.
    const meiliDocuments = documents.map(toMeiliDocument);
    let done = 0;
    for (const batch of chunk(meiliDocuments, this.batchSize)) {
      await this.run(`add ${batch.length} documents to ${uid}`, () => index.addDocuments(batch));
      done += batch.length;
      onBatch?.(done);
    }
  }

  async deleteIds(uid: string, ids: string[]): Promise<void> {
    const keys = ids.map(encodeDocumentId);
    const index = this.client.index(uid);
    for (const batch of chunk(keys, this.batchSize)) {
      await this.run(`delete ${batch.length} documents from ${uid}`, () => index.deleteDocuments(batch));
    }
  }

  async deletePages(uid: string, pageIds: string[]): Promise<void> {
    const index = this.client.index(uid);
    for (const batch of chunk([...new Set(pageIds)], DELETE_FILTER_CHUNK)) {
      await this.run(`delete documents of ${batch.length} pages from ${uid}`, () =>
        index.deleteDocuments({ filter: inFilter("pageId", batch) }),
      );
    }
  }

  async deleteSource(uid: string, source: string): Promise<void> {
    await this.run(`delete documents of source ${source} from ${uid}`, () =>
      this.client.index(uid).deleteDocuments({ filter: inFilter("source", [source]) }),
    );
  }

  /** Builds `<uid>_tmp_<timestamp>` with these documents and swaps it in: the live index answers searches until then. */
  async rebuild(
    uid: string,
    documents: SearchDocument[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<void> {
    const tmpUid = `${uid}_tmp_${Date.now()}`;
    // The live index must exist for the swap; it keeps answering searches until then.
    await this.ensure(uid);
    let created = false;
    try {
      await this.run(`create index ${tmpUid}`, () => this.client.createIndex(tmpUid, { primaryKey: PRIMARY_KEY }));
      created = true;
      await this.applySettings(tmpUid);
      onProgress?.(0, documents.length);
      await this.add(tmpUid, documents, (done) => onProgress?.(done, documents.length));
      // POST /swap-indexes with only `indexes`: `rename` is optional (false) and unknown to servers before 1.18.
      await this.run(`swap ${uid} with ${tmpUid}`, () =>
        this.client.httpRequest.post<EnqueuedTask>({ path: "swap-indexes", body: [{ indexes: [uid, tmpUid] }] }),
      );
    } catch (error) {
      if (created) await this.deleteQuietly(tmpUid);
      throw error;
    }
    // After the swap the temporary uid holds the old documents.
    await this.run(`delete index ${tmpUid}`, () => this.client.deleteIndex(tmpUid));
  }

  private async deleteQuietly(uid: string): Promise<void> {
    try {
      await this.run(`delete index ${uid}`, () => this.client.deleteIndex(uid));
    } catch {
      // Best effort: a leftover temporary index costs disk space, not correctness.
    }
  }

  async contentPages(uid: string): Promise<ContentPageVersions> {
    try {
      const stored = await this.client
        .index<ContentPagesDocument>(uid)
        .getDocument(encodeDocumentId(CONTENT_PAGES_DOC_ID), { fields: ["contentPages"] });
      return parseContentPages(stored.contentPages);
    } catch (error) {
      // No index or no record yet: this index holds no content, so the build fills it.
      const code = error instanceof MeilisearchApiError ? error.cause?.code : undefined;
      if (code === "index_not_found" || code === "document_not_found") return new Map();
      throw new Error(`Meilisearch read of the content pages in ${uid} failed: ${describeError(error)}`, {
        cause: error,
      });
    }
  }

  async recordContentPages(uid: string, pages: ContentPageVersions): Promise<void> {
    const record = contentPagesDocument(encodeDocumentId(CONTENT_PAGES_DOC_ID), pages);
    await this.run(`record the content pages in ${uid}`, () =>
      this.client.index<ContentPagesDocument>(uid).addDocuments([record]),
    );
  }
}
