/**
 * The Meilisearch engine: the same SearchEngine contract as the embedded
 * engine, backed by a Meilisearch server through the official `meilisearch`
 * client. Index settings come from ./settings so both engines rank alike.
 *
 * API reference followed: https://www.meilisearch.com/docs/reference/api
 * (indexes, settings, documents, tasks, swap-indexes, search, health).
 *
 * Its parts: documents and index settings (meilisearch-documents.server.ts),
 * requests and tasks (meilisearch-tasks.server.ts), index writes
 * (meilisearch-index.server.ts) and searching (meilisearch-query.server.ts).
 */
import { Meilisearch } from "meilisearch";
import { assertAllOfSource } from "./engine-common";
import { MeilisearchIndexes } from "./meilisearch-index.server";
import { searchMeilisearch } from "./meilisearch-query.server";
import { describeError } from "./meilisearch-tasks.server";
import type { EngineHealth, SearchEngine } from "./types";

export { decodeDocumentId, encodeDocumentId, meilisearchSettings } from "./meilisearch-documents.server";
export { escapeHighlighted, quoteFilterValue } from "./meilisearch-query.server";

export type MeilisearchEngineOptions = {
  /** Base URL of the Meilisearch server, e.g. "http://127.0.0.1:7700". */
  url: string;
  /** Sent as `Authorization: Bearer <apiKey>`; omit for a server without a master key. */
  apiKey?: string;
  /** The live index; replaceAll builds `<indexUid>_tmp_<timestamp>` and swaps it in. */
  indexUid?: string;
  /** Every HTTP request to Meilisearch rejects after this long, so callers can fall back. */
  timeoutMs?: number;
  /** How long to wait for one enqueued task (index creation, settings, a batch of documents…). */
  taskTimeoutMs?: number;
  /** Documents per addDocuments request. */
  batchSize?: number;
  /** Interval between polls of GET /tasks/:uid. */
  taskPollIntervalMs?: number;
};

async function meilisearchHealth(client: Meilisearch): Promise<EngineHealth> {
  try {
    const { status } = await client.health();
    return status === "available" ? { ok: true } : { ok: false, detail: `Meilisearch status: ${String(status)}` };
  } catch (error) {
    return { ok: false, detail: describeError(error) };
  }
}

export function createMeilisearchEngine({
  url,
  apiKey,
  indexUid = "help-center",
  timeoutMs = 1000,
  taskTimeoutMs = 30_000,
  batchSize = 1000,
  taskPollIntervalMs = 50,
}: MeilisearchEngineOptions): SearchEngine {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  const client = new Meilisearch({ host: url, apiKey, timeout: timeoutMs });
  const indexes = new MeilisearchIndexes(
    client,
    { timeoutMs: taskTimeoutMs, pollIntervalMs: taskPollIntervalMs },
    batchSize,
  );
  return {
    name: "meilisearch",
    async init() {
      await indexes.ensure(indexUid);
      await indexes.applySettings(indexUid);
    },
    async upsert(documents) {
      if (documents.length > 0) await indexes.add(indexUid, documents);
    },
    async deleteByIds(ids) {
      if (ids.length > 0) await indexes.deleteIds(indexUid, ids);
    },
    async deleteByPageIds(pageIds) {
      if (pageIds.length > 0) await indexes.deletePages(indexUid, pageIds);
    },
    async replaceSource(source, documents, onProgress) {
      assertAllOfSource(source, documents);
      // Not atomic like replaceAll's swap: between the two tasks the source's documents are missing, for a moment.
      await indexes.deleteSource(indexUid, source);
      onProgress?.(0, documents.length);
      await indexes.add(indexUid, documents, (done) => onProgress?.(done, documents.length));
    },
    replaceAll: (documents, onProgress) => indexes.rebuild(indexUid, documents, onProgress),
    search: (params) => searchMeilisearch(client, indexUid, params),
    indexedContentPages: () => indexes.contentPages(indexUid),
    recordContentPages: (pages) => indexes.recordContentPages(indexUid, pages),
    health: () => meilisearchHealth(client),
    async close() {
      // The client keeps no connections of its own to release.
    },
  };
}
