import { Link } from "@remix-run/react";
import { CATEGORIES } from "~/content/categories";
import type { FacetName, SearchHit, SearchResult } from "~/search/types";
import { Highlighted } from "./highlighted";

const TYPE_LABELS: Record<string, string> = {
  article: "Articles",
  doc: "Docs",
  webinar: "Webinars",
  course: "Training",
  thread: "Community",
  idea: "Ideas",
  page: "Account",
};
const FACET_TITLES: Record<FacetName, string> = { type: "Type", category: "Topic", tags: "Tags" };
const PARAM_OF_FACET: Record<FacetName, "type" | "category" | "tag"> = {
  type: "type",
  category: "category",
  tags: "tag",
};
const CATEGORY_TITLES = new Map(
  Object.values(CATEGORIES).flatMap((list) => list.map((category) => [category.slug, category.title] as const)),
);

type Filters = { type: string[]; category: string[]; tag: string[] };

function searchUrl(query: string, filters: Filters, page = 1) {
  const params = new URLSearchParams({ q: query });
  for (const [name, values] of Object.entries(filters)) for (const value of values) params.append(name, value);
  if (page > 1) params.set("page", String(page));
  return `/search?${params}`;
}

function toggled(filters: Filters, param: keyof Filters, value: string): Filters {
  const current = filters[param];
  return {
    ...filters,
    [param]: current.includes(value) ? current.filter((entry) => entry !== value) : [...current, value],
  };
}

function facetLabel(facet: FacetName, value: string) {
  if (facet === "type") return TYPE_LABELS[value] ?? value;
  if (facet === "category") return CATEGORY_TITLES.get(value) ?? value;
  return value;
}

/** A count the engine may have stopped short of: "263+" rather than a wrong exact number. */
export function countLabel(count: number, exhaustive: boolean): string {
  return exhaustive ? String(count) : `${count.toLocaleString("en")}+`;
}

function Facets({
  query,
  filters,
  facets,
  exhaustive,
  idPrefix,
}: {
  query: string;
  filters: Filters;
  facets: SearchResult["facets"];
  exhaustive: boolean;
  idPrefix: string;
}) {
  return (
    <>
      {(Object.keys(FACET_TITLES) as FacetName[]).map((facet) => {
        const counts = Object.entries(facets[facet] ?? {});
        if (counts.length === 0) return null;
        const param = PARAM_OF_FACET[facet];
        return (
          <section key={facet} className="mb-6" aria-labelledby={`${idPrefix}facet-${facet}`}>
            <h2 id={`${idPrefix}facet-${facet}`} className="mb-2 font-semibold">
              {FACET_TITLES[facet]}
            </h2>
            <ul className="space-y-1">
              {counts.slice(0, 12).map(([value, count]) => {
                const active = filters[param].includes(value);
                return (
                  <li key={value}>
                    <Link
                      to={searchUrl(query, toggled(filters, param, value))}
                      aria-current={active ? "true" : undefined}
                      className={`flex justify-between gap-2 rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800 ${active ? "bg-sky-50 font-semibold text-sky-800 dark:bg-sky-950 dark:text-sky-200" : ""}`}
                    >
                      <span>
                        {active ? "✓ " : ""}
                        {facetLabel(facet, value)}
                      </span>
                      <span className="text-slate-500 dark:text-slate-400">{countLabel(count, exhaustive)}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}

export function SearchResults({
  query,
  page,
  perPage,
  filters,
  result,
}: {
  query: string;
  page: number;
  perPage: number;
  filters: Filters;
  result: Pick<SearchResult, "hits" | "totalHits" | "exhaustiveCounts" | "facets" | "correctedQuery"> & {
    engine: string;
  };
}) {
  const pages = Math.max(1, Math.ceil(result.totalHits / perPage));
  const anyFilter = filters.type.length + filters.category.length + filters.tag.length > 0;
  if (result.totalHits === 0) {
    return (
      <div
        className="mt-8 max-w-3xl rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-600"
        role="status"
      >
        <p className="text-lg font-medium">
          No results for “{query}”{anyFilter ? " with these filters" : ""}.
        </p>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-slate-700 dark:text-slate-300">
          {anyFilter ? (
            <li>
              <Link className="underline" to={searchUrl(query, { type: [], category: [], tag: [] })}>
                Search again without filters
              </Link>
            </li>
          ) : null}
          <li>Try fewer or different words.</li>
          <li>
            Ask the community: other customers may have met the same problem (
            <Link className="underline" to="/kb/where-can-i-find-answers-myself">
              how the community works
            </Link>
            ).
          </li>
          <li>
            Still stuck?{" "}
            <Link className="underline" to="/kb/how-do-i-contact-support">
              Contact support
            </Link>
            : we read every question nobody could answer here.
          </li>
        </ul>
      </div>
    );
  }
  // The same filters twice (beside the results on wide screens, behind a disclosure on phones), each with its own ids.
  const facetsWithIds = (idPrefix: string) => (
    <Facets
      query={query}
      filters={filters}
      facets={result.facets}
      exhaustive={result.exhaustiveCounts}
      idPrefix={idPrefix}
    />
  );
  return (
    <div className="mt-6 grid gap-8 md:grid-cols-[13rem_minmax(0,1fr)]">
      {/* Wide screens: filters beside the results. */}
      <aside aria-label="Filter results" className="hidden text-sm md:block">
        {facetsWithIds("")}
      </aside>
      <div className="min-w-0">
        {/* Phones: the results come first; the filters wait behind one line. */}
        <details
          className="mb-4 rounded-lg border border-slate-200 text-sm md:hidden dark:border-slate-700"
          data-testid="search-filters-disclosure"
        >
          <summary className="cursor-pointer px-4 py-3 font-medium">
            Filters{anyFilter ? ` (${filters.type.length + filters.category.length + filters.tag.length} on)` : ""}
          </summary>
          <div className="px-4 pb-2">{facetsWithIds("compact-")}</div>
        </details>
        {result.correctedQuery ? (
          <p className="mb-3 text-slate-700 dark:text-slate-300" data-testid="did-you-mean">
            Showing results for <strong>“{result.correctedQuery}”</strong>, the closest match to “{query}”.
          </p>
        ) : null}
        <p className="text-sm text-slate-600 dark:text-slate-300" role="status">
          {countLabel(result.totalHits, result.exhaustiveCounts)}{" "}
          {result.totalHits === 1 && result.exhaustiveCounts ? "page matches" : "pages match"} “
          {result.correctedQuery ?? query}”
        </p>
        <ol className="mt-2 divide-y divide-slate-200 dark:divide-slate-800" start={(page - 1) * perPage + 1}>
          {result.hits.map((hit: SearchHit) => (
            <li key={hit.id} className="py-4">
              <p className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
                {TYPE_LABELS[hit.type] ?? hit.type} · {CATEGORY_TITLES.get(hit.category) ?? hit.category}
              </p>
              <Link to={hit.url} className="text-lg font-medium text-sky-700 hover:underline dark:text-sky-400">
                <Highlighted html={hit.titleHighlighted} />
                {hit.section ? <span className="text-slate-600 dark:text-slate-300"> › {hit.section}</span> : null}
              </Link>
              <p className="mt-1 text-slate-700 dark:text-slate-300">
                <Highlighted html={hit.snippet} />
              </p>
            </li>
          ))}
        </ol>
        {pages > 1 ? (
          <nav aria-label="Result pages" className="mt-6 flex flex-wrap items-center gap-2">
            {page > 1 ? (
              <Link
                rel="prev"
                className="rounded border border-slate-300 px-3 py-1 dark:border-slate-600"
                to={searchUrl(query, filters, page - 1)}
              >
                ← Previous
              </Link>
            ) : null}
            {Array.from({ length: Math.min(pages, 10) }, (_, index) => index + 1).map((number) => (
              <Link
                key={number}
                to={searchUrl(query, filters, number)}
                aria-current={number === page ? "page" : undefined}
                className={`rounded px-3 py-1 ${number === page ? "bg-sky-700 text-white" : "border border-slate-300 dark:border-slate-600"}`}
              >
                {number}
              </Link>
            ))}
            {page < pages ? (
              <Link
                rel="next"
                className="rounded border border-slate-300 px-3 py-1 dark:border-slate-600"
                to={searchUrl(query, filters, page + 1)}
              >
                Next →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </div>
    </div>
  );
}
