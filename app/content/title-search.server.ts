import { linkTo } from "./pages.server";
import { listPages } from "./store.server";

const KIND_LABELS = { kb: "Article", docs: "Documentation", webinars: "Webinar" } as const;

/**
 * Word matching over titles, summaries, tags and headings: the interim search
 * until the full-text engine (issue 3) replaces it behind /search.
 */
export async function searchTitles(query: string, limit: number) {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1);
  if (words.length === 0) return [];
  const pages = await listPages();
  return pages
    .map((page) => {
      const title = page.frontmatter.title.toLowerCase();
      const rest = [page.frontmatter.summary, page.frontmatter.tags.join(" "), ...page.headings.map((heading) => heading.text)].join(" ").toLowerCase();
      const score = words.reduce((total, word) => total + (title.includes(word) ? 3 : 0) + (rest.includes(word) ? 1 : 0), 0);
      return { page, score };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.page.id.localeCompare(b.page.id))
    .slice(0, limit)
    .map(({ page }) => ({ ...linkTo(page), kindLabel: KIND_LABELS[page.kind] }));
}
