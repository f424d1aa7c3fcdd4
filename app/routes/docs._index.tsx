import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DocsSidebar } from "~/components/docs-navigation";
import { CATEGORIES } from "~/content/categories";
import { cacheableHeaders } from "~/content/http";
import { docsNavigation } from "~/content/pages.server";
import { withSeo } from "~/seo/meta";

export async function loader() {
  return { sections: await docsNavigation() };
}

export const headers = cacheableHeaders;
export const meta: MetaFunction = withSeo(() => [{ title: "Documentation · TechFlow Help Center" }]);

export default function DocsIndex() {
  const { sections } = useLoaderData<typeof loader>();
  return (
    <div className="grid gap-10 lg:grid-cols-[14rem_minmax(0,1fr)]">
      <DocsSidebar sections={sections} />
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Documentation</h1>
        <p className="mt-3 text-lg text-slate-700 dark:text-slate-300">
          How to use the support portal and the community, and the help center’s search API.
        </p>
        <div className="mt-8 space-y-8">
          {sections.map((section) => {
            const category = CATEGORIES.docs.find((entry) => entry.title === section.title);
            return (
              <section key={section.title} id={category?.slug} aria-labelledby={`${category?.slug}-heading`}>
                <h2 id={`${category?.slug}-heading`} className="text-xl font-semibold">
                  {section.title}
                </h2>
                {category ? <p className="text-slate-600 dark:text-slate-300">{category.description}</p> : null}
                <ul className="mt-3 grid gap-3 sm:grid-cols-2">
                  {section.pages.map((link) => (
                    <li key={link.url} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
                      <Link to={link.url} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                        {link.title}
                      </Link>
                      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{link.summary}</p>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      </div>
    </div>
  );
}
