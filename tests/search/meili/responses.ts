/**
 * Canned Meilisearch responses, shaped as Meilisearch documents them. Each
 * block cites the page it follows. Values that Meilisearch generates (uids,
 * dates, durations) are filled in by fake-meilisearch.ts per request.
 */

/**
 * Summarized task object returned (HTTP 202) by every asynchronous write.
 * https://www.meilisearch.com/docs/reference/api/tasks#summarized-task-object
 * e.g. POST /swap-indexes → { "taskUid": 3, "indexUid": null, "status": "enqueued", "type": "indexSwap", "enqueuedAt": "…" }
 */
export function enqueuedTask(taskUid: number, indexUid: string | null, type: string, enqueuedAt: string) {
  return { taskUid, indexUid, status: "enqueued", type, enqueuedAt };
}

/**
 * Task object returned by GET /tasks/:uid.
 * https://www.meilisearch.com/docs/reference/api/tasks#task-object
 */
export function taskObject(options: {
  uid: number;
  indexUid: string | null;
  type: string;
  status: "enqueued" | "processing" | "succeeded" | "failed";
  enqueuedAt: string;
  details?: Record<string, unknown>;
  error?: MeiliErrorBody | null;
}) {
  const done = options.status === "succeeded" || options.status === "failed";
  return {
    uid: options.uid,
    batchUid: done ? options.uid : null,
    indexUid: options.indexUid,
    status: options.status,
    type: options.type,
    canceledBy: null,
    details: options.details ?? {},
    error: options.error ?? null,
    duration: done ? "PT0.012345S" : null,
    enqueuedAt: options.enqueuedAt,
    startedAt: options.status === "enqueued" ? null : options.enqueuedAt,
    finishedAt: done ? options.enqueuedAt : null,
  };
}

/**
 * Error object (in failed tasks and in 4xx responses).
 * https://www.meilisearch.com/docs/reference/errors/overview#errors
 */
export type MeiliErrorBody = { message: string; code: string; type: string; link: string };

/** https://www.meilisearch.com/docs/reference/errors/error_codes#index_not_found (HTTP 404) */
export function indexNotFound(uid: string): MeiliErrorBody {
  return {
    message: `Index \`${uid}\` not found.`,
    code: "index_not_found",
    type: "invalid_request",
    link: "https://docs.meilisearch.com/errors#index_not_found",
  };
}

/** https://www.meilisearch.com/docs/reference/errors/error_codes#document_not_found (HTTP 404, GET /indexes/:uid/documents/:id) */
export function documentNotFound(id: string): MeiliErrorBody {
  return {
    message: `Document \`${id}\` not found.`,
    code: "document_not_found",
    type: "invalid_request",
    link: "https://docs.meilisearch.com/errors#document_not_found",
  };
}

/**
 * GET /indexes/:uid/documents/:id?fields=a,b: the stored document, only the fields asked for.
 * https://www.meilisearch.com/docs/reference/api/documents#get-one-document
 */
export function documentObject(document: Record<string, unknown>, fields: string | undefined) {
  if (!fields) return document;
  const wanted = fields.split(",");
  return Object.fromEntries(Object.entries(document).filter(([field]) => wanted.includes(field)));
}

/** https://www.meilisearch.com/docs/reference/errors/error_codes#invalid_settings_filterable_attributes — as a failed settings task reports it. */
export const INVALID_SETTINGS_ERROR: MeiliErrorBody = {
  message: 'Invalid value type at `.filterableAttributes`: expected an array, but found a string: `"type"`',
  code: "invalid_settings_filterable_attributes",
  type: "invalid_request",
  link: "https://docs.meilisearch.com/errors#invalid_settings_filterable_attributes",
};

/** https://www.meilisearch.com/docs/reference/errors/error_codes#invalid_document_id — as a failed document addition task reports it. */
export const INVALID_DOCUMENT_ID_ERROR: MeiliErrorBody = {
  message:
    'Document identifier `"kb/a#b"` is invalid. A document identifier can be of type integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can not be more than 511 bytes.',
  code: "invalid_document_id",
  type: "invalid_request",
  link: "https://docs.meilisearch.com/errors#invalid_document_id",
};

/**
 * GET /indexes/:uid
 * https://www.meilisearch.com/docs/reference/api/indexes#get-one-index
 */
export function indexObject(uid: string, primaryKey: string | null) {
  return { uid, primaryKey, createdAt: "2025-01-15T09:00:00.000000Z", updatedAt: "2025-01-15T09:00:00.000000Z" };
}

/**
 * GET /health
 * https://www.meilisearch.com/docs/reference/api/health
 */
export const HEALTH_AVAILABLE = { status: "available" };

/**
 * POST /indexes/:uid/search with q "escalate", attributesToHighlight, attributesToCrop
 * and facets: hits carry the retrieved attributes plus `_formatted`, in which
 * Meilisearch inserts the highlight tags into the raw (unescaped) text and marks
 * crops with "…". Offset/limit pagination reports estimatedTotalHits.
 * https://www.meilisearch.com/docs/reference/api/search#response
 * https://www.meilisearch.com/docs/reference/api/search#highlight-tags
 * https://www.meilisearch.com/docs/reference/api/search#crop-length
 * https://www.meilisearch.com/docs/reference/api/search#facets
 */
export const SEARCH_ESCALATE = {
  hits: [
    {
      docId: "kb/escalate-a-ticket#after-hours",
      type: "article",
      url: "/kb/escalate-a-ticket#after-hours",
      title: "Escalate a <b>P1</b> ticket",
      section: "After hours",
      category: "Tickets",
      body: 'Outside office hours, call the hotline to escalate. Never paste <script>alert("x")</script> into a ticket & expect it to run.',
      _formatted: {
        docId: "kb/escalate-a-ticket#after-hours",
        type: "article",
        url: "/kb/escalate-a-ticket#after-hours",
        title: "<mark>Escalate</mark> a <b>P1</b> ticket",
        section: "After hours",
        category: "Tickets",
        body: '…call the hotline to <mark>escalate</mark>. Never paste <script>alert("x")</script> into a ticket & expect…',
      },
    },
    {
      docId: "kb/refund-policy",
      type: "doc",
      url: "/kb/refund-policy",
      title: "Refund policy",
      section: "",
      category: "Billing",
      body: "Credits are issued when an escalated outage breaches the SLA.",
      _formatted: {
        docId: "kb/refund-policy",
        type: "doc",
        url: "/kb/refund-policy",
        title: "Refund policy",
        section: "",
        category: "Billing",
        body: "Credits are issued when an <mark>escalated</mark> outage breaches the SLA.",
      },
    },
  ],
  query: "escalate",
  processingTimeMs: 3,
  limit: 10,
  offset: 0,
  estimatedTotalHits: 2,
  facetDistribution: {
    type: { article: 1, doc: 1 },
    category: { Billing: 1, Tickets: 1 },
  },
  facetStats: {},
};

/** The same search when nothing matches. https://www.meilisearch.com/docs/reference/api/search#response */
export const SEARCH_EMPTY = { hits: [], query: "", processingTimeMs: 0, limit: 10, offset: 0, estimatedTotalHits: 0 };
