import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { SearchForm } from "~/components/search-form";
import { SearchResults } from "~/components/search/search-results";
import { forwardHeaders } from "~/lib/headers";
import { filtersOf, firstIssue, parseSearchRequest } from "~/search/url-params.server";
import { limitSearches, searchFor } from "~/search/requests.server";
import { FACET_NAMES } from "~/search/types";
import { withSeo } from "~/seo/meta";

const PER_PAGE = 10;

/** A limited search answers 429 with Retry-After, as /api/search does. */
export const headers = forwardHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const page = Math.min(100, Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  url.searchParams.set("offset", String((page - 1) * PER_PAGE));
  url.searchParams.delete("limit");
  const parsed = parseSearchRequest(url, { limit: PER_PAGE });
  if (!parsed.success)
    return {
      status: "invalid" as const,
      message: firstIssue(parsed.error),
      query: url.searchParams.get("q")?.slice(0, 200) ?? "",
    };
  const { q } = parsed.data;
  const filters = filtersOf(parsed.data);
  if (!q.trim()) return { status: "empty" as const, query: "" };
  const limit = await limitSearches(request);
  if (!limit.allowed) {
    return data(
      {
        status: "invalid" as const,
        message: "too many searches from your address; please wait a minute and try again",
        query: q,
      },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds), "Cache-Control": "no-store" } },
    );
  }
  const result = await searchFor(
    request,
    { query: q, filters, limit: PER_PAGE, offset: parsed.data.offset, facets: [...FACET_NAMES] },
    "page",
  );
  return {
    status: "results" as const,
    query: q,
    page,
    perPage: PER_PAGE,
    filters: { type: parsed.data.type, category: parsed.data.category, tag: parsed.data.tag },
    result: {
      hits: result.hits,
      totalHits: result.totalHits,
      exhaustiveCounts: result.exhaustiveCounts,
      facets: result.facets,
      correctedQuery: result.correctedQuery,
      engine: result.engine,
    },
  };
}

export const meta: MetaFunction<typeof loader> = withSeo(({ data }) => [
  { title: data?.query ? `“${data.query}” · Search · TechFlow Help Center` : "Search · TechFlow Help Center" },
  { name: "robots", content: "noindex" },
]);

const FILTER_PARAMS = ["type", "category", "tag"];

/** The loader's message names a field ("type.0: …"); a customer gets plain words and a way on. */
function InvalidSearch({ query, message }: { query: string; message: string }) {
  const field = message.split(/[.:]/, 1)[0];
  const badFilter = FILTER_PARAMS.includes(field);
  return (
    <div
      role="alert"
      className="mt-6 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-medium">
        {badFilter
          ? "This link has a search filter we don’t recognise (it may come from an older page)."
          : "We couldn’t run that search. Try shorter or different words."}
      </p>
      {badFilter && query ? (
        <p className="mt-2">
          <Link className="font-medium underline" to={`/search?${new URLSearchParams({ q: query })}`}>
            Search for “{query}” without filters
          </Link>
        </p>
      ) : null}
    </div>
  );
}

export default function Search() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location.pathname === "/search";
  return (
    <div className="max-w-5xl">
      <h1 className="text-3xl font-bold tracking-tight">Search</h1>
      <div className="mt-4 max-w-3xl">
        <SearchForm id="search-page-input" size="large" label="Search" defaultValue={data.query} key={data.query} />
      </div>
      <div aria-busy={searching} className={searching ? "opacity-60 transition-opacity" : undefined}>
        {data.status === "invalid" ? <InvalidSearch query={data.query} message={data.message} /> : null}
        {data.status === "empty" ? (
          <p className="mt-6 text-slate-600 dark:text-slate-300">
            Type a question above, or browse the{" "}
            <Link className="underline" to="/kb">
              knowledge base
            </Link>
            .
          </p>
        ) : null}
        {data.status === "results" ? (
          <SearchResults
            query={data.query}
            page={data.page}
            perPage={data.perPage}
            filters={data.filters}
            result={data.result}
          />
        ) : null}
      </div>
    </div>
  );
}
