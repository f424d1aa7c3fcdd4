import { highlightAll } from "./highlight-text";
import type { QueryPlan } from "./query-plan";
import { markedToHtml } from "./text";
import type { SearchHit } from "./types";

/**
 * What both search engines (embedded.server.ts, postgres.server.ts) do with their ranked sections once
 * each has scored them its own way: one hit per page, and the same hit shape with the same highlighting.
 */

/** The stored columns of a section that a hit shows, the same in both engines' indexes. */
export type IndexedSection = { id: string; page_id: string; type: string; url: string; category: string; title: string; section: string };

/** The best-ranked section of each page, in rank order: a page is one result, however many of its sections match. */
export function bestSectionPerPage<T extends Pick<IndexedSection, "page_id">>(ranked: readonly T[]): T[] {
  const seenPages = new Set<string>();
  return ranked.filter((candidate) => {
    if (seenPages.has(candidate.page_id)) return false;
    seenPages.add(candidate.page_id);
    return true;
  });
}

/** A section as a hit: `snippetHtml` is already safe HTML (each engine marks its snippet its own way). */
export function searchHit(section: IndexedSection, plan: Pick<QueryPlan, "highlight">, snippetHtml: string): SearchHit {
  return {
    id: section.id,
    type: section.type as SearchHit["type"],
    url: section.url,
    title: section.title,
    section: section.section,
    category: section.category,
    titleHighlighted: markedToHtml(highlightAll(section.title, plan.highlight)),
    snippet: snippetHtml,
  };
}
