import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { SearchForm } from "./search-form";

export type PageLink = { url: string; title: string };

function isPageLinks(value: unknown): value is PageLink[] {
  return (
    Array.isArray(value) && value.every((item) => typeof item?.url === "string" && typeof item?.title === "string")
  );
}

/** The 404 page: a search box and the articles people need most. */
export function NotFound({ popular }: { popular?: PageLink[] }) {
  const error = useRouteError();
  const fromError = isRouteErrorResponse(error) ? (error.data as { popular?: unknown } | null)?.popular : undefined;
  const links = popular ?? (isPageLinks(fromError) ? fromError : []);
  return (
    <div className="mx-auto max-w-2xl py-8">
      <p className="text-sm font-semibold uppercase tracking-wide text-sky-700 dark:text-sky-400">Error 404</p>
      <h1 className="mt-2 text-3xl font-bold">We couldn’t find that page</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        The link may be old or mistyped. Try searching for what you need:
      </p>
      <div className="mt-4">
        <SearchForm id="not-found-search" size="large" label="Search for the missing page" />
      </div>
      {links.length > 0 ? (
        <section className="mt-8" aria-labelledby="popular-heading">
          <h2 id="popular-heading" className="text-lg font-semibold">
            Popular articles
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {links.map((link) => (
              <li key={link.url}>
                <Link className="text-sky-700 underline dark:text-sky-400" to={link.url}>
                  {link.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="mt-8">
        Or browse the{" "}
        <Link className="text-sky-700 underline dark:text-sky-400" to="/kb">
          knowledge base
        </Link>
        .
      </p>
    </div>
  );
}
