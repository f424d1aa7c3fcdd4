/**
 * The Meilisearch engine: the same SearchEngine contract as the embedded
 * engine, backed by a Meilisearch server through the official `meilisearch`
 * client. Index settings come from ./settings so both engines rank alike.
 *
 * API reference followed: https://www.meilisearch.com/docs/reference/api
 * (indexes, settings, documents, tasks, swap-indexes, search, health).
 */
import { Meilisearch, MeilisearchApiError, MeilisearchTaskTimeOutError } from "meilisearch";
import type { EnqueuedTask, Index, SearchParams as MeiliSearchParams, SearchResponse, Settings, Task } from "meilisearch";
import { CONTENT_PAGES_DOC_ID, contentPagesDocument, parseContentPages, type ContentPagesDocument } from "./meilisearch-content-pages.server";
import {
  DEFAULT_LIMIT,
  FILTERABLE_FIELDS,
  MAX_LIMIT,
  MAX_QUERY_LENGTH,
  SEARCHABLE_FIELDS,
  SORTABLE_FIELDS,
  TYPO_TOLERANCE,
  synonymMap,
} from "./settings";
import {
  FACET_NAMES,
  visibleTo,
  type EngineHealth,
  type FacetName,
  type SearchDocument,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchParams,
  type SearchResult,
} from "./types";

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

/** A document as stored in Meilisearch: `id` is the encoded primary key, `docId` our own id. */
export type MeiliDocument = Omit<SearchDocument, "id"> & { id: string; docId: string };

export const PRIMARY_KEY = "id";
export const HIGHLIGHT_PRE_TAG = "<mark>";
export const HIGHLIGHT_POST_TAG = "</mark>";
export const CROP_LENGTH = 24;
/** Meilisearch document ids: at most 511 bytes of [a-zA-Z0-9_-]. */
const MAX_PRIMARY_KEY_LENGTH = 511;
/** pageIds per delete-by-filter request, to keep filter expressions a sane size. */
const DELETE_FILTER_CHUNK = 500;
/** Fields a hit needs; `body` must be retrieved for `_formatted.body` to be returned. */
const ATTRIBUTES_TO_RETRIEVE = ["docId", "type", "url", "title", "section", "category", "body", "fact"];

/** A Meilisearch task that ended as "failed" or "canceled"; `code` is Meilisearch's error code. */
export class MeilisearchTaskError extends Error {
  override name = "MeilisearchTaskError";
  readonly code: string | undefined;
  readonly task: Task;

  constructor(what: string, task: Task) {
    const detail = task.error ? `${task.error.message} (${task.error.code})` : "no error reported";
    super(`Meilisearch task ${task.uid} (${what}) ${task.status}: ${detail}`);
    this.code = task.error?.code;
    this.task = task;
  }
}

/** Encodes one of our ids ("kb/slug#heading") into a valid, reversible Meilisearch primary key. */
export function encodeDocumentId(id: string): string {
  const encoded = Buffer.from(id, "utf8").toString("base64url");
  if (encoded.length === 0 || encoded.length > MAX_PRIMARY_KEY_LENGTH) {
    throw new Error(`Search document id ${JSON.stringify(id.slice(0, 80))} cannot be a Meilisearch primary key (empty, or longer than ${MAX_PRIMARY_KEY_LENGTH} bytes once encoded)`);
  }
  return encoded;
}

export function decodeDocumentId(key: string): string {
  return Buffer.from(key, "base64url").toString("utf8");
}

/** The index settings, all taken from ./settings. */
export function meilisearchSettings(): Settings {
  return {
    searchableAttributes: SEARCHABLE_FIELDS.map(({ field }) => field),
    filterableAttributes: [...FILTERABLE_FIELDS],
    sortableAttributes: [...SORTABLE_FIELDS],
    distinctAttribute: "pageId",
    synonyms: synonymMap(),
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: TYPO_TOLERANCE.oneTypoMinLength, twoTypos: TYPO_TOLERANCE.twoTyposMinLength },
      disableOnNumbers: true,
    },
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "count" } },
    // null resets a setting to Meilisearch's default ranking rules.
    rankingRules: null,
  };
}

/** Quotes a filter value for Meilisearch's filter syntax: backslashes and double quotes escaped. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function inFilter(field: string, values: readonly string[]): string {
  return `${field} IN [${values.map(quoteFilterValue).join(", ")}]`;
}

/**
 * Values are ORed within a field and fields are ANDed; undefined when nothing
 * filters. `visible` (from the viewer) limits visibility inside Meilisearch's
 * own filter, so restricted documents never leave the server; null is staff.
 */
export function buildFilter(filters: SearchFilters | undefined, visible: readonly string[] | null = ["public"]): string | undefined {
  const clauses: string[] = [];
  if (visible) clauses.push(inFilter("visibility", visible));
  for (const field of ["type", "category", "tags"] as const) {
    const values = filters?.[field];
    if (values && values.length > 0) clauses.push(inFilter(field, values));
  }
  return clauses.length > 0 ? clauses.join(" AND ") : undefined;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/**
 * Meilisearch returns raw document text with the highlight tags inserted.
 * Escapes everything except those tags, and keeps the tags balanced (a stray
 * `</mark>` is escaped, an unclosed `<mark>` is closed at the end).
 */
export function escapeHighlighted(text: string): string {
  let out = "";
  let open = false;
  for (const part of text.split(/(<mark>|<\/mark>)/)) {
    if (part === HIGHLIGHT_PRE_TAG && !open) {
      out += part;
      open = true;
    } else if (part === HIGHLIGHT_POST_TAG && open) {
      out += part;
      open = false;
    } else {
      out += escapeHtml(part);
    }
  }
  return open ? out + HIGHLIGHT_POST_TAG : out;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** Joins an error's message with those of its causes ("Request to … has failed: fetch failed: connect ECONNREFUSED …"). */
function describeError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current != null; depth++) {
    if (current instanceof Error) {
      if (current.message && !messages.includes(current.message)) messages.push(current.message);
      current = current.cause;
    } else if (typeof current === "object" && "message" in current && typeof current.message === "string") {
      messages.push(current.message);
      break;
    } else {
      if (typeof current !== "object") messages.push(String(current));
      break;
    }
  }
  return messages.join(": ") || "unknown error";
}

function toMeiliDocument(doc: SearchDocument): MeiliDocument {
  return {
    id: encodeDocumentId(doc.id),
    docId: doc.id,
    type: doc.type,
    source: doc.source,
    visibility: doc.visibility,
    pageId: doc.pageId,
    url: doc.url,
    title: doc.title,
    section: doc.section,
    body: doc.body,
    category: doc.category,
    tags: doc.tags,
    updatedAt: doc.updatedAt,
    popularity: doc.popularity,
    ...(doc.fact ? { fact: doc.fact } : {}),
  };
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
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
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  const client = new Meilisearch({ host: url, apiKey, timeout: timeoutMs });

  async function request<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new Error(`Meilisearch ${what} failed: ${describeError(error)}`, { cause: error });
    }
  }

  /** Waits for an enqueued task; throws a clear Error unless it succeeded in time. */
  async function waitFor(what: string, enqueued: EnqueuedTask): Promise<Task> {
    let task: Task;
    try {
      task = await client.tasks.waitForTask(enqueued.taskUid, { timeout: taskTimeoutMs, interval: taskPollIntervalMs });
    } catch (error) {
      const reason = error instanceof MeilisearchTaskTimeOutError ? `did not finish within ${taskTimeoutMs} ms` : `could not be awaited: ${describeError(error)}`;
      throw new Error(`Meilisearch task ${enqueued.taskUid} (${what}) ${reason}`, { cause: error });
    }
    if (task.status !== "succeeded") throw new MeilisearchTaskError(what, task);
    return task;
  }

  async function run(what: string, enqueue: () => Promise<EnqueuedTask>): Promise<Task> {
    const enqueued = await request(what, enqueue);
    return waitFor(what, enqueued);
  }

  /** Creates the index with our primary key unless it exists. */
  async function ensureIndex(uid: string): Promise<void> {
    let primaryKey: string | undefined;
    try {
      primaryKey = (await client.getRawIndex(uid)).primaryKey;
    } catch (error) {
      if (!(error instanceof MeilisearchApiError && error.cause?.code === "index_not_found")) {
        throw new Error(`Meilisearch get index ${uid} failed: ${describeError(error)}`, { cause: error });
      }
      try {
        await run(`create index ${uid}`, () => client.createIndex(uid, { primaryKey: PRIMARY_KEY }));
      } catch (createError) {
        // Another process created it between our GET and POST: that is fine.
        if (!(createError instanceof MeilisearchTaskError && createError.code === "index_already_exists")) throw createError;
      }
      return;
    }
    if (primaryKey && primaryKey !== PRIMARY_KEY) {
      throw new Error(`Meilisearch index ${uid} has primary key ${JSON.stringify(primaryKey)}, expected ${JSON.stringify(PRIMARY_KEY)}`);
    }
  }

  async function applySettings(uid: string): Promise<void> {
    await run(`update settings of ${uid}`, () => client.index(uid).updateSettings(meilisearchSettings()));
  }

  async function addInBatches(uid: string, documents: SearchDocument[], onBatch?: (done: number) => void): Promise<void> {
    const index: Index<MeiliDocument> = client.index<MeiliDocument>(uid);
    // Encode everything first so a bad id fails before anything is sent.
    const meiliDocuments = documents.map(toMeiliDocument);
    let done = 0;
    for (const batch of chunk(meiliDocuments, batchSize)) {
      await run(`add ${batch.length} documents to ${uid}`, () => index.addDocuments(batch));
      done += batch.length;
      onBatch?.(done);
    }
  }

  async function deleteIndexQuietly(uid: string): Promise<void> {
    try {
      await run(`delete index ${uid}`, () => client.deleteIndex(uid));
    } catch {
      // Best effort: a leftover temporary index costs disk space, not correctness.
    }
  }

  return {
    name: "meilisearch",

    async init() {
      await ensureIndex(indexUid);
      await applySettings(indexUid);
    },

    async upsert(documents) {
      if (documents.length === 0) return;
      await addInBatches(indexUid, documents);
    },

    async deleteByIds(ids) {
      if (ids.length === 0) return;
      const keys = ids.map(encodeDocumentId);
      const index = client.index(indexUid);
      for (const batch of chunk(keys, batchSize)) {
        await run(`delete ${batch.length} documents from ${indexUid}`, () => index.deleteDocuments(batch));
      }
    },

    async deleteByPageIds(pageIds) {
      if (pageIds.length === 0) return;
      const index = client.index(indexUid);
      for (const batch of chunk([...new Set(pageIds)], DELETE_FILTER_CHUNK)) {
        await run(`delete documents of ${batch.length} pages from ${indexUid}`, () => index.deleteDocuments({ filter: inFilter("pageId", batch) }));
      }
    },

    async replaceSource(source, documents, onProgress) {
      const stray = documents.find((document) => document.source !== source);
      if (stray) throw new Error(`replaceSource(${source}) got document ${stray.id} of source ${stray.source}`);
      // Not atomic like replaceAll's swap: between the two tasks the source's documents are missing, for a moment.
      await run(`delete documents of source ${source} from ${indexUid}`, () => client.index(indexUid).deleteDocuments({ filter: inFilter("source", [source]) }));
      onProgress?.(0, documents.length);
      await addInBatches(indexUid, documents, (done) => onProgress?.(done, documents.length));
    },

    async replaceAll(documents, onProgress) {
      const tmpUid = `${indexUid}_tmp_${Date.now()}`;
      // The live index must exist for the swap; it keeps answering searches until then.
      await ensureIndex(indexUid);
      let created = false;
      try {
        await run(`create index ${tmpUid}`, () => client.createIndex(tmpUid, { primaryKey: PRIMARY_KEY }));
        created = true;
        await applySettings(tmpUid);
        onProgress?.(0, documents.length);
        await addInBatches(tmpUid, documents, (done) => onProgress?.(done, documents.length));
        // POST /swap-indexes with only `indexes`: `rename` is optional (false) and unknown to servers before 1.18.
        await run(`swap ${indexUid} with ${tmpUid}`, () => client.httpRequest.post<EnqueuedTask>({ path: "swap-indexes", body: [{ indexes: [indexUid, tmpUid] }] }));
      } catch (error) {
        if (created) await deleteIndexQuietly(tmpUid);
        throw error;
      }
      // After the swap the temporary uid holds the old documents.
      await run(`delete index ${tmpUid}`, () => client.deleteIndex(tmpUid));
    },

    async search(params: SearchParams): Promise<SearchResult> {
      const limit = clampInt(params.limit, DEFAULT_LIMIT, 0, MAX_LIMIT);
      const offset = clampInt(params.offset, 0, 0, Number.MAX_SAFE_INTEGER);
      const facets = (params.facets ?? []).filter((facet): facet is FacetName => (FACET_NAMES as readonly string[]).includes(facet));
      const filter = buildFilter(params.filters, visibleTo(params.viewer));
      const options: MeiliSearchParams = {
        limit,
        offset,
        attributesToRetrieve: ATTRIBUTES_TO_RETRIEVE,
        attributesToHighlight: ["title", "body", "fact"],
        attributesToCrop: ["body", "fact"],
        cropLength: CROP_LENGTH,
        highlightPreTag: HIGHLIGHT_PRE_TAG,
        highlightPostTag: HIGHLIGHT_POST_TAG,
        ...(filter ? { filter } : {}),
        ...(facets.length > 0 ? { facets } : {}),
      };
      const query = params.query.trim().slice(0, MAX_QUERY_LENGTH);
      const response: SearchResponse<MeiliDocument> = await request(`search in ${indexUid}`, () => client.index<MeiliDocument>(indexUid).search(query, options));

      // Staff searches have no visibility filter: an empty query would otherwise list the content-pages record.
      const hits: SearchHit[] = response.hits.filter((hit) => hit.docId !== CONTENT_PAGES_DOC_ID).map((hit) => {
        const formatted = hit._formatted ?? {};
        return {
          id: typeof hit.docId === "string" ? hit.docId : decodeDocumentId(String(hit.id)),
          type: hit.type,
          url: hit.url,
          title: hit.title,
          section: hit.section ?? "",
          category: hit.category ?? "",
          // Answer first: a section that shows a support fact leads with it, as in the embedded engine.
          snippet: escapeHighlighted(
            typeof formatted.fact === "string" && formatted.fact ? formatted.fact : typeof formatted.body === "string" ? formatted.body : (hit.fact ?? hit.body ?? ""),
          ),
          titleHighlighted: escapeHighlighted(typeof formatted.title === "string" ? formatted.title : hit.title),
        };
      });

      const result: SearchResult["facets"] = {};
      for (const facet of facets) result[facet] = { ...(response.facetDistribution?.[facet] ?? {}) };

      return {
        hits,
        totalHits: response.totalHits ?? response.estimatedTotalHits ?? hits.length,
        facets: result,
        correctedQuery: null,
        processingTimeMs: response.processingTimeMs,
      };
    },

    async indexedContentPages() {
      try {
        const stored = await client.index<ContentPagesDocument>(indexUid).getDocument(encodeDocumentId(CONTENT_PAGES_DOC_ID), { fields: ["contentPages"] });
        return parseContentPages(stored.contentPages);
      } catch (error) {
        // No index or no record yet: this index holds no content, so the build fills it.
        const code = error instanceof MeilisearchApiError ? error.cause?.code : undefined;
        if (code === "index_not_found" || code === "document_not_found") return new Map();
        throw new Error(`Meilisearch read of the content pages in ${indexUid} failed: ${describeError(error)}`, { cause: error });
      }
    },

    async recordContentPages(pages) {
      const record = contentPagesDocument(encodeDocumentId(CONTENT_PAGES_DOC_ID), pages);
      await run(`record the content pages in ${indexUid}`, () => client.index<ContentPagesDocument>(indexUid).addDocuments([record]));
    },

    async health(): Promise<EngineHealth> {
      try {
        const { status } = await client.health();
        return status === "available" ? { ok: true } : { ok: false, detail: `Meilisearch status: ${String(status)}` };
      } catch (error) {
        return { ok: false, detail: describeError(error) };
      }
    },

    async close() {
      // The client keeps no connections of its own to release.
    },
  };
}
