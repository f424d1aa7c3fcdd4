import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { SearchForm } from "~/components/search-form";
import { SearchResults } from "~/components/search/search-results";
import { clientAddress } from "~/lib/rate-limit.server";
import { recordSearchOnce } from "~/search/recorder.server";
import { filtersOf, firstIssue, parseSearchRequest } from "~/search/request.server";
import { runSearch } from "~/search/service.server";
import { FACET_NAMES } from "~/search/types";

const PER_PAGE = 10;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const page = Math.min(100, Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  url.searchParams.set("offset", String((page - 1) * PER_PAGE));
  url.searchParams.delete("limit");
  const parsed = parseSearchRequest(url, { limit: PER_PAGE });
  if (!parsed.success) return { status: "invalid" as const, message: firstIssue(parsed.error), query: url.searchParams.get("q")?.slice(0, 200) ?? "" };
  const { q } = parsed.data;
  const filters = filtersOf(parsed.data);
  if (!q.trim()) return { status: "empty" as const, query: "" };
  const result = await runSearch({ query: q, filters, limit: PER_PAGE, offset: parsed.data.offset, facets: [...FACET_NAMES] });
  await recordSearchOnce(`page:${clientAddress(request)}`, { query: q, engine: result.engine, resultCount: result.totalHits, latencyMs: result.processingTimeMs, source: "page" });
  return {
    status: "results" as const,
    query: q,
    page,
    perPage: PER_PAGE,
    filters: { type: parsed.data.type, category: parsed.data.category, tag: parsed.data.tag },
    result: { hits: result.hits, totalHits: result.totalHits, facets: result.facets, correctedQuery: result.correctedQuery, engine: result.engine },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.query ? `“${data.query}” · Search · TechFlow Help Center` : "Search · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
];

export default function Search() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location.pathname === "/search";
  return (
    <div className="max-w-5xl">
      <h1 className="text-3xl font-bold tracking-tight">Search</h1>
      <div className="mt-4 max-w-3xl">
        <SearchForm id="search-page-input" size="large" defaultValue={data.query} key={data.query} />
      </div>
      <div aria-busy={searching} className={searching ? "opacity-60 transition-opacity" : undefined}>
        {data.status === "invalid" ? (
          <p role="alert" className="mt-6 rounded-md border border-red-300 bg-red-50 p-4 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            That search could not be run: {data.message}.
          </p>
        ) : null}
        {data.status === "empty" ? (
          <p className="mt-6 text-slate-600 dark:text-slate-300">
            Type a question above, or browse the <Link className="underline" to="/kb">knowledge base</Link>.
          </p>
        ) : null}
        {data.status === "results" ? <SearchResults query={data.query} page={data.page} perPage={data.perPage} filters={data.filters} result={data.result} /> : null}
      </div>
    </div>
  );
}
