/**
 * The search contract shared by both engines (embedded SQLite FTS5 and
 * Meilisearch), the indexer that feeds them and the routes that query them.
 */

/**
 * The types the site's searches (the search page, instant search, suggestions) look in when they
 * name none. Tickets are searched only where asked for by name (the ticket lists), so a ticket
 * never shows in a public search, not even to the staff or the account that may read it.
 */
export const SITE_DOCUMENT_TYPES = ["article", "doc", "webinar", "course", "thread", "idea", "page"] as const;
export const DOCUMENT_TYPES = [...SITE_DOCUMENT_TYPES, "ticket"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * Where a document comes from: each source lists all its documents for a
 * rebuild and reports its own changes (app/search/sources.server.ts).
 */
export const SOURCE_NAMES = ["content", "pages", "forum", "ideas", "tickets"] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

/** Who may find a document: everyone, staff only, or the members of one customer account (and staff). */
export type Visibility = "public" | "staff" | `account:${string}`;

/** Who is searching; the engines filter by it inside the query, so a restricted document never leaves the index. */
export type Viewer = { kind: "anonymous" } | { kind: "member"; accountId: string | null } | { kind: "staff" };

export const ANONYMOUS_VIEWER: Viewer = { kind: "anonymous" };

/**
 * The visibility values a viewer may see. Staff see everything, so they get
 * no list (null): the engines then add no visibility filter at all.
 */
export function visibleTo(viewer: Viewer | undefined): Visibility[] | null {
  if (viewer?.kind === "staff") return null;
  if (viewer?.kind === "member" && viewer.accountId) return ["public", `account:${viewer.accountId}`];
  return ["public"];
}

export function isVisibility(value: string): value is Visibility {
  return value === "public" || value === "staff" || /^account:.+/.test(value);
}

/** One searchable unit: a whole page, or one `##`/`###` section of it. */
export type SearchDocument = {
  /** Unique: "kb/slug" for a page, "kb/slug#heading-id" for a section. */
  id: string;
  type: DocumentType;
  source: SourceName;
  visibility: Visibility;
  /** Groups a page with its sections so results show each page once. */
  pageId: string;
  /** Where a hit links: "/kb/slug" or "/kb/slug#heading-id". */
  url: string;
  title: string;
  /** The section heading; empty for the page document. */
  section: string;
  body: string;
  category: string;
  tags: string[];
  /** ISO date, or null when unknown. */
  updatedAt: string | null;
  /** 0..1: how helpful readers found the page; a small ranking boost. */
  popularity: number;
  /**
   * A support fact shown in this section as text (the response-time table,
   * hours…), so a hit can answer in its snippet. Searchable as part of body.
   */
  fact?: string;
};

export type SearchFilters = {
  type?: DocumentType[];
  category?: string[];
  tags?: string[];
};

export type SearchParams = {
  query: string;
  filters?: SearchFilters;
  limit?: number;
  offset?: number;
  /** Facets to count over the matching pages. */
  facets?: FacetName[];
  /** Who is searching; anonymous (public documents only) when left out. */
  viewer?: Viewer;
};

export const FACET_NAMES = ["type", "category", "tags"] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export type SearchHit = {
  id: string;
  type: DocumentType;
  url: string;
  title: string;
  section: string;
  category: string;
  /** HTML-escaped text in which matches are wrapped in <mark>…</mark>. */
  snippet: string;
  /** The title with matches wrapped in <mark>, HTML-escaped otherwise. */
  titleHighlighted: string;
};

export type SearchResult = {
  hits: SearchHit[];
  /** Number of matching pages (each page counted once); a lower bound when `exhaustiveCounts` is false. */
  totalHits: number;
  /** Pages per facet value among the matches; lower bounds when `exhaustiveCounts` is false. */
  facets: Partial<Record<FacetName, Record<string, number>>>;
  /**
   * False when the engine stopped counting at a cap (a query matching a large share of the index, as
   * Meilisearch and Elasticsearch cap theirs): the page then says "263+", never a wrong exact number.
   */
  exhaustiveCounts: boolean;
  /** Set when typo tolerance replaced words: what the engine actually searched. */
  correctedQuery: string | null;
  processingTimeMs: number;
};

export type EngineHealth = { ok: boolean; detail?: string };

/** Content page id → the content hash of the version indexed. */
export type ContentPageVersions = Map<string, string>;

export interface SearchEngine {
  readonly name: "embedded" | "meilisearch" | "postgres";
  /** Creates indexes and applies settings; safe to call more than once. */
  init(): Promise<void>;
  upsert(documents: SearchDocument[]): Promise<void>;
  deleteByIds(ids: string[]): Promise<void>;
  /** Deletes every document whose pageId is one of these (a page and all its sections). */
  deleteByPageIds(pageIds: string[]): Promise<void>;
  /** Replaces every document of one source with these; other sources' documents stay. */
  replaceSource(
    source: SourceName,
    documents: SearchDocument[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<void>;
  /** Replaces the whole index with these documents; search keeps answering meanwhile. */
  replaceAll(documents: SearchDocument[], onProgress?: (done: number, total: number) => void): Promise<void>;
  search(params: SearchParams): Promise<SearchResult>;
  /**
   * Which content page versions this index holds (page id → content hash). The record lives inside the
   * index itself, so a new database, a fresh index file or a new Meilisearch index reports none and the next
   * content build fills it, whatever another index on this machine holds.
   */
  indexedContentPages(): Promise<ContentPageVersions>;
  /** Records the content page versions the index now holds; written after their documents, never before. */
  recordContentPages(pages: ContentPageVersions): Promise<void>;
  health(): Promise<EngineHealth>;
  close(): Promise<void>;
}
