import type { Meilisearch, SearchParams as MeiliSearchParams, SearchResponse } from "meilisearch";
import { CONTENT_PAGES_DOC_ID } from "./meilisearch-content-pages.server";
import { decodeDocumentId, type MeiliDocument } from "./meilisearch-documents.server";
import { meiliRequest } from "./meilisearch-tasks.server";
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_LENGTH } from "./settings";
import { escapeHtml } from "./text";
import {
  FACET_NAMES,
  visibleTo,
  type FacetName,
  type SearchFilters,
  type SearchHit,
  type SearchParams,
  type SearchResult,
} from "./types";

/**
 * Searching a Meilisearch index: our parameters as Meilisearch's (the viewer's visibility inside its own
 * filter), and its answer as our hits, with its highlighting escaped into safe HTML.
 */

export const HIGHLIGHT_PRE_TAG = "<mark>";
export const HIGHLIGHT_POST_TAG = "</mark>";
export const CROP_LENGTH = 24;
/** Fields a hit needs; `body` must be retrieved for `_formatted.body` to be returned. */
const ATTRIBUTES_TO_RETRIEVE = ["docId", "type", "url", "title", "section", "category", "body", "fact"];

/** Quotes a filter value for Meilisearch's filter syntax: backslashes and double quotes escaped. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function inFilter(field: string, values: readonly string[]): string {
  return `${field} IN [${values.map(quoteFilterValue).join(", ")}]`;
}

/**
 * Values are ORed within a field and fields are ANDed; undefined when nothing
 * filters. `visible` (from the viewer) limits visibility inside Meilisearch's
 * own filter, so restricted documents never leave the server; null is staff.
 */
export function buildFilter(
  filters: SearchFilters | undefined,
  visible: readonly string[] | null = ["public"],
): string | undefined {
  const clauses: string[] = [];
  if (visible) clauses.push(inFilter("visibility", visible));
  for (const field of ["type", "category", "tags"] as const) {
    const values = filters?.[field];
    if (values && values.length > 0) clauses.push(inFilter(field, values));
  }
  return clauses.length > 0 ? clauses.join(" AND ") : undefined;
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

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function searchOptions(params: SearchParams, facets: FacetName[]): MeiliSearchParams {
  const filter = buildFilter(params.filters, visibleTo(params.viewer));
  return {
    limit: clampInt(params.limit, DEFAULT_LIMIT, 0, MAX_LIMIT),
    offset: clampInt(params.offset, 0, 0, Number.MAX_SAFE_INTEGER),
    attributesToRetrieve: ATTRIBUTES_TO_RETRIEVE,
    attributesToHighlight: ["title", "body", "fact"],
    attributesToCrop: ["body", "fact"],
    cropLength: CROP_LENGTH,
    highlightPreTag: HIGHLIGHT_PRE_TAG,
    highlightPostTag: HIGHLIGHT_POST_TAG,
    ...(filter ? { filter } : {}),
    ...(facets.length > 0 ? { facets } : {}),
  };
}

function hitOf(hit: SearchResponse<MeiliDocument>["hits"][number]): SearchHit {
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
      typeof formatted.fact === "string" && formatted.fact
        ? formatted.fact
        : typeof formatted.body === "string"
          ? formatted.body
          : (hit.fact ?? hit.body ?? ""),
    ),
    titleHighlighted: escapeHighlighted(typeof formatted.title === "string" ? formatted.title : hit.title),
  };
}

/** Meilisearch's default pagination.maxTotalHits (the index settings leave it as it is). */
const MEILISEARCH_MAX_TOTAL_HITS = 1000;

export async function searchMeilisearch(
  client: Meilisearch,
  indexUid: string,
  params: SearchParams,
): Promise<SearchResult> {
  const facets = (params.facets ?? []).filter((facet): facet is FacetName =>
    (FACET_NAMES as readonly string[]).includes(facet),
  );
  const options = searchOptions(params, facets);
  const query = params.query.trim().slice(0, MAX_QUERY_LENGTH);
  const response: SearchResponse<MeiliDocument> = await meiliRequest(`search in ${indexUid}`, () =>
    client.index<MeiliDocument>(indexUid).search(query, options),
  );
  // Staff searches have no visibility filter: an empty query would otherwise list the content-pages record.
  const hits = response.hits.filter((hit) => hit.docId !== CONTENT_PAGES_DOC_ID).map(hitOf);
  const facetCounts: SearchResult["facets"] = {};
  for (const facet of facets) facetCounts[facet] = { ...(response.facetDistribution?.[facet] ?? {}) };
  const totalHits = response.totalHits ?? response.estimatedTotalHits ?? hits.length;
  return {
    hits,
    totalHits,
    // Meilisearch counts exhaustively only up to pagination.maxTotalHits; at it, the figure is where it stopped.
    exhaustiveCounts: response.totalHits !== undefined || totalHits < MEILISEARCH_MAX_TOTAL_HITS,
    facets: facetCounts,
    correctedQuery: null,
    processingTimeMs: response.processingTimeMs,
  };
}
