import { highlightAll } from "./highlight-text";
import type { QueryPlan } from "./query-plan";
import { markedToHtml } from "./text";
import type { SearchHit } from "./types";

/**
 * What both search engines (embedded.server.ts, postgres.server.ts) do with their ranked sections once
 * each has scored them its own way: one hit per page, and the same hit shape with the same highlighting.
 */

/** The stored columns of a section that a hit shows, the same in both engines' indexes. */
export type IndexedSection = {
  id: string;
  page_id: string;
  type: string;
  url: string;
  category: string;
  title: string;
  section: string;
};

/** The best-ranked section of each page, in rank order: a page is one result, however many of its sections match. */
export function bestSectionPerPage<T extends Pick<IndexedSection, "page_id">>(ranked: readonly T[]): T[] {
  const seenPages = new Set<string>();
  return ranked.filter((candidate) => {
    if (seenPages.has(candidate.page_id)) return false;
    seenPages.add(candidate.page_id);
    return true;
  });
}

/**
 * Orders scored sections by `rank` (each engine scores its own way; `better` says which end of its scale
 * wins, ties by id so pages never swap between requests) and keeps each page's best section. `shown` is
 * the window of pages asked for; `pages` is every page found, for the count.
 */
export function rankIntoPages<T extends Pick<IndexedSection, "id" | "page_id">>(
  sections: readonly T[],
  rank: (section: T) => number,
  better: "lower" | "higher",
  window: { offset: number; want: number },
): { pages: T[]; shown: T[] } {
  const direction = better === "lower" ? 1 : -1;
  const ranked = sections.map((section) => ({ section, rank: rank(section) }));
  ranked.sort((a, b) => direction * (a.rank - b.rank) || a.section.id.localeCompare(b.section.id));
  const pages = bestSectionPerPage(ranked.map(({ section }) => section));
  return { pages, shown: pages.slice(window.offset, window.want) };
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
