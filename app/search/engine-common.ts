import { DEFAULT_LIMIT, MAX_LIMIT } from "./settings";
import type {
  EngineHealth,
  SearchDocument,
  SearchFilters,
  SearchParams,
  SearchResult,
  SourceName,
  Visibility,
} from "./types";

/**
 * What the engines do alike around their own index: checking what they are given, how many sections a
 * page of results reads, when a search widens from every query word to some of them, and reporting health.
 * The embedded (SQLite FTS5) and PostgreSQL engines rank sections themselves and share all of it;
 * Meilisearch shares the write checks.
 */

/** The search's filters plus who may see what; `visible` null means no visibility limit (staff). */
export type SearchScope = { filters: SearchFilters | undefined; visible: Visibility[] | null };

/** replaceSource must never drop another source's documents, so a stray document refuses the whole call. */
export function assertAllOfSource(source: SourceName, documents: readonly SearchDocument[]): void {
  const stray = documents.find((document) => document.source !== source);
  if (stray) throw new Error(`replaceSource(${source}) got document ${stray.id} of source ${stray.source}`);
}

/**
 * Where a document's title is searched: as the title on the page's own document only; its sections carry it
 * as context, at a low weight, so a page's title does not lift every one of its sections above
 * better-matching sections of other pages.
 */
export function titleFields(document: Pick<SearchDocument, "section" | "title">): {
  ownTitle: string;
  context: string;
} {
  const isPage = document.section === "";
  return { ownTitle: isPage ? document.title : "", context: isPage ? "" : document.title };
}

/** A document's stored columns that both SQL indexes keep alike (each stores tags and text its own way). */
export function documentColumns(document: SearchDocument) {
  return {
    id: document.id,
    page_id: document.pageId,
    type: document.type,
    source: document.source,
    visibility: document.visibility,
    url: document.url,
    category: document.category,
    title: document.title,
    section: document.section,
    fact: document.fact ?? null,
    updated_at: document.updatedAt,
    // Helpfulness as stored: 0..1, whatever the source computed.
    popularity: Math.min(1, Math.max(0, document.popularity)),
  };
}

/** How many ranked sections to read per page of results, so collapsing sections into pages still fills the page. */
const CANDIDATES_PER_HIT = 4;

/** The hits shown are ranked pages [offset, want); `read` sections are ranked to find them. */
export type ResultWindow = { offset: number; want: number; read: number };

export function resultWindow(params: Pick<SearchParams, "limit" | "offset">): ResultWindow {
  const limit = Math.min(MAX_LIMIT, Math.max(1, params.limit ?? DEFAULT_LIMIT));
  const offset = Math.max(0, params.offset ?? 0);
  const want = offset + limit;
  return { offset, want, read: want * CANDIDATES_PER_HIT + 10 };
}

/** The answer to a query with no searchable words. */
export function noHits(started: number): SearchResult {
  return {
    hits: [],
    totalHits: 0,
    exhaustiveCounts: true,
    facets: {},
    correctedQuery: null,
    processingTimeMs: performance.now() - started,
  };
}

/** Below this many pages matching every query word, a search may also take pages matching some of them. */
export const MIN_PAGES_MATCHING_ALL = 3;

/**
 * Counting pages and facets reads at most this many matching sections, so a query matching most of a large
 * index costs a bounded amount: counts are exact below it and lower bounds above it (Meilisearch caps its
 * estimate likewise).
 */
export const MAX_COUNTED_SECTIONS = 5000;

/**
 * Searches for pages holding every query word and, when those are too few, for pages holding some of them
 * instead (the ranking's coverage factor puts them below full matches). Returns the query that answered, so
 * the facets count what was shown.
 */
export async function everyWordThenSome<Query, Found extends { totalHits: number }>(
  every: Query,
  some: Query | null,
  run: (query: Query) => Found | Promise<Found>,
  tooFew: (found: Found) => boolean,
): Promise<{ query: Query; found: Found }> {
  const found = await run(every);
  if (some === null || !tooFew(found)) return { query: every, found };
  return { query: some, found: await run(some) };
}

/** Healthy when the probe (a cheap read of the index) answers; its error message says why not. */
export async function probeHealth(probe: () => unknown): Promise<EngineHealth> {
  try {
    await probe();
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}
