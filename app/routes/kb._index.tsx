import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CATEGORIES } from "~/content/categories";
import { cacheableHeaders } from "~/content/http";
import { categoryUrl, linkTo } from "~/content/pages.server";
import { listPages } from "~/content/store.server";
import { withSeo } from "~/seo/meta";

export async function loader() {
  const articles = await listPages("kb");
  return {
    categories: CATEGORIES.kb.map((category) => {
      const inCategory = articles.filter((article) => article.frontmatter.category === category.slug);
      return {
        ...category,
        url: categoryUrl("kb", category.slug),
        count: inCategory.length,
        top: inCategory.slice(0, 4).map(linkTo),
      };
    }),
  };
}

export const headers = cacheableHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "Knowledge base · TechFlow Help Center" }]);

export default function KnowledgeBaseIndex() {
  const { categories } = useLoaderData<typeof loader>();
  return (
    <div>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-300">
        <Link to="/" className="hover:underline">
          Help Center
        </Link>{" "}
        / <span aria-current="page">Knowledge base</span>
      </nav>
      <h1 className="mt-4 text-3xl font-bold tracking-tight">Knowledge base</h1>
      <p className="mt-3 text-lg text-slate-700 dark:text-slate-300">
        Answers to the questions customers ask us most, by topic.
      </p>
      <div className="mt-8 grid gap-6 md:grid-cols-2">
        {categories.map((category) => (
          <section
            key={category.slug}
            aria-labelledby={`category-${category.slug}`}
            className="rounded-lg border border-slate-200 p-5 dark:border-slate-700"
          >
            <h2 id={`category-${category.slug}`} className="text-xl font-semibold">
              <Link to={category.url} className="hover:underline">
                {category.title}
              </Link>{" "}
              <span className="text-sm font-normal text-slate-600 dark:text-slate-300">
                ({category.count} {category.count === 1 ? "article" : "articles"})
              </span>
            </h2>
            <p className="mt-1 text-slate-600 dark:text-slate-300">{category.description}</p>
            <ul className="mt-3 space-y-1">
              {category.top.map((link) => (
                <li key={link.url}>
                  <Link to={link.url} className="text-sky-700 hover:underline dark:text-sky-400">
                    {link.title}
                  </Link>
                </li>
              ))}
            </ul>
            {category.count > category.top.length ? (
              <Link to={category.url} className="mt-3 inline-block text-sm font-medium hover:underline">
                All {category.count} articles →
              </Link>
            ) : null}
          </section>
        ))}
      </div>
    </div>
  );
}
