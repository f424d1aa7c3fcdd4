import type { Settings } from "meilisearch";
import { FILTERABLE_FIELDS, SEARCHABLE_FIELDS, SORTABLE_FIELDS, TYPO_TOLERANCE, synonymMap } from "./settings";
import type { SearchDocument } from "./types";
import { searchSynonyms } from "./synonyms.server";

/** What a Meilisearch index holds: our documents under encoded primary keys, and the index settings. */

/** A document as stored in Meilisearch: `id` is the encoded primary key, `docId` our own id. */
export type MeiliDocument = Omit<SearchDocument, "id"> & { id: string; docId: string };

export const PRIMARY_KEY = "id";
/** Meilisearch document ids: at most 511 bytes of [a-zA-Z0-9_-]. */
const MAX_PRIMARY_KEY_LENGTH = 511;

/** Encodes one of our ids ("kb/slug#heading") into a valid, reversible Meilisearch primary key. */
export function encodeDocumentId(id: string): string {
  const encoded = Buffer.from(id, "utf8").toString("base64url");
  if (encoded.length === 0 || encoded.length > MAX_PRIMARY_KEY_LENGTH) {
    throw new Error(
      `Search document id ${JSON.stringify(id.slice(0, 80))} cannot be a Meilisearch primary key (empty, or longer than ${MAX_PRIMARY_KEY_LENGTH} bytes once encoded)`,
    );
  }
  return encoded;
}

export function decodeDocumentId(key: string): string {
  return Buffer.from(key, "base64url").toString("utf8");
}

export function toMeiliDocument(doc: SearchDocument): MeiliDocument {
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

/** The index settings, all taken from ./settings. */
export function meilisearchSettings(): Settings {
  return {
    searchableAttributes: SEARCHABLE_FIELDS.map(({ field }) => field),
    filterableAttributes: [...FILTERABLE_FIELDS],
    sortableAttributes: [...SORTABLE_FIELDS],
    distinctAttribute: "pageId",
    synonyms: synonymMap(searchSynonyms()),
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
