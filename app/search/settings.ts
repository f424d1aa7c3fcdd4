/**
 * Search settings kept as data, read by both engines so they rank and
 * tolerate typos the same way.
 */

/** Searchable fields in weight order (Meilisearch ranks by this order; FTS5 by these weights). */
export const SEARCHABLE_FIELDS = [
  { field: "title", weight: 10 },
  { field: "section", weight: 5 },
  { field: "tags", weight: 3 },
  { field: "body", weight: 1 },
] as const;

export const FILTERABLE_FIELDS = ["type", "category", "tags", "pageId", "source", "visibility"] as const;
export const SORTABLE_FIELDS = ["updatedAt", "popularity"] as const;

/** Meilisearch's defaults: one typo from 5 letters, two from 9; none on numbers. */
export const TYPO_TOLERANCE = { oneTypoMinLength: 5, twoTyposMinLength: 9 } as const;

export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_WORDS = 10;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

/**
 * Groups of words and phrases that mean the same to our customers live in
 * content/search/synonyms.yml (writers keep them; `content:check` checks them).
 * Each entry of a group finds the others ("p1" finds "priority 1" and "critical").
 */
export type SynonymGroups = readonly (readonly string[])[];

/** Synonyms as Meilisearch expects them: each word or phrase mapped to all others in its group. */
export function synonymMap(groups: SynonymGroups): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    for (const entry of group)
      map[entry] = [...new Set([...(map[entry] ?? []), ...group.filter((other) => other !== entry)])];
  }
  return map;
}
