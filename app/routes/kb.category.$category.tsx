import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/article/breadcrumbs";
import { NotFound } from "~/components/not-found";
import { findCategory } from "~/content/categories";
import { cacheableHeaders } from "~/content/http";
import { linkTo, pageNotFound } from "~/content/pages.server";
import { listPages } from "~/content/store.server";
import { withSeo } from "~/seo/meta";

export async function loader({ params }: LoaderFunctionArgs) {
  const category = findCategory("kb", params.category ?? "");
  if (!category) return pageNotFound();
  const articles = (await listPages("kb")).filter((article) => article.frontmatter.category === category.slug);
  return { category, articles: articles.map(linkTo) };
}

export const headers = cacheableHeaders;
export const meta: MetaFunction<typeof loader> = withSeo(({ data }) => [
  { title: data ? `${data.category.title} · TechFlow Help Center` : "Page not found · TechFlow Help Center" },
]);

export default function KnowledgeBaseCategory() {
  const { category, articles } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <Breadcrumbs
        crumbs={[
          { label: "Help Center", url: "/" },
          { label: "Knowledge base", url: "/kb" },
        ]}
        current={category.title}
      />
      <h1 className="mt-4 text-3xl font-bold tracking-tight">{category.title}</h1>
      <p className="mt-3 text-lg text-slate-700 dark:text-slate-300">{category.description}</p>
      {articles.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 p-6 text-slate-600 dark:border-slate-600 dark:text-slate-300">
          No articles in this category yet. Try{" "}
          <Link to="/search" className="underline">
            searching
          </Link>{" "}
          instead.
        </p>
      ) : (
        <ul className="mt-8 divide-y divide-slate-200 dark:divide-slate-800">
          {articles.map((link) => (
            <li key={link.url} className="py-4">
              <Link to={link.url} className="text-lg font-medium text-sky-700 hover:underline dark:text-sky-400">
                {link.title}
              </Link>
              <p className="mt-1 text-slate-600 dark:text-slate-300">{link.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <NotFound />;
}
