import type { ContentPageVersions } from "./types";

/**
 * The content page versions a Meilisearch index holds, kept as one metadata document inside that index:
 * a new index (another server, another uid, or one a `search:reindex` swapped in) has none, so the next
 * content build fills it. The document has no searchable field (title, section, tags, body), so no query
 * words match it; its visibility and type are in no viewer's list, and the engine drops it from staff hits.
 */
export const CONTENT_PAGES_DOC_ID = "index-state/content-pages";

export type ContentPagesDocument = {
  id: string;
  docId: typeof CONTENT_PAGES_DOC_ID;
  type: "index-state";
  source: "index-state";
  visibility: "internal";
  pageId: typeof CONTENT_PAGES_DOC_ID;
  /** JSON of { pageId: hash }: one string field, so page ids never become index fields of their own. */
  contentPages: string;
};

export function contentPagesDocument(primaryKey: string, pages: ContentPageVersions): ContentPagesDocument {
  return {
    id: primaryKey,
    docId: CONTENT_PAGES_DOC_ID,
    type: "index-state",
    source: "index-state",
    visibility: "internal",
    pageId: CONTENT_PAGES_DOC_ID,
    contentPages: JSON.stringify(Object.fromEntries(pages)),
  };
}

/** A record that does not read as page id → hash counts as none: the next build then indexes all content. */
export function parseContentPages(stored: unknown): ContentPageVersions {
  if (typeof stored !== "string") return new Map();
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return new Map();
    return new Map(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return new Map();
  }
}
