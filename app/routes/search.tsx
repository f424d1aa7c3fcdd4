import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SearchForm } from "~/components/search-form";
import { searchTitles } from "~/content/title-search.server";

const MAX_QUERY = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, MAX_QUERY);
  return { query, results: query ? await searchTitles(query, 20) : [] };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.query ? `“${data.query}” · Search · TechFlow Help Center` : "Search · TechFlow Help Center" }];

export default function Search() {
  const { query, results } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold tracking-tight">Search</h1>
      <div className="mt-4">
        <SearchForm id="search-page-input" size="large" defaultValue={query} />
      </div>
      {query && results.length === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-slate-300 p-6 dark:border-slate-600" role="status">
          <p className="font-medium">No results for “{query}”.</p>
          <p className="mt-2 text-slate-600 dark:text-slate-300">
            Try fewer or different words, browse the <Link className="underline" to="/kb">knowledge base</Link>, or{" "}
            <Link className="underline" to="/kb/how-do-i-contact-support">contact support</Link>.
          </p>
        </div>
      ) : null}
      {results.length > 0 ? (
        <>
          <p className="mt-6 text-sm text-slate-600 dark:text-slate-300" role="status">
            {results.length} {results.length === 1 ? "result" : "results"} for “{query}”
          </p>
          <ul className="mt-2 divide-y divide-slate-200 dark:divide-slate-800">
            {results.map((result) => (
              <li key={result.url} className="py-4">
                <p className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">{result.kindLabel}</p>
                <Link to={result.url} className="text-lg font-medium text-sky-700 hover:underline dark:text-sky-400">
                  {result.title}
                </Link>
                <p className="mt-1 text-slate-600 dark:text-slate-300">{result.summary}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
