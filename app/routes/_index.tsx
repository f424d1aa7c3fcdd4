import { data, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";
import { PLAN_NAMES, PLANS, SUPPORT_TIME_ZONE_NAME, type Plan } from "~/support/policy";
import { LocalTime } from "~/components/local-time";
import { InstantSearch } from "~/components/search/instant-search";
import { SupportChannelsSummary } from "~/components/support-channels";
import { CATEGORIES } from "~/content/categories";
import { cacheableHeaders } from "~/content/http";
import { cacheTagHeaders, VOTES_TAG } from "~/lib/page-cache-tags";
import { categoryUrl, popularPages, recentlyUpdatedPages } from "~/content/pages.server";
import { listPages } from "~/content/store.server";
import { upcomingWebinarSessions } from "~/webinars/schedule";
import { withSeo } from "~/seo/meta";
import { homeSeo } from "~/seo/page-seo";

export async function loader() {
  const articles = await listPages("kb");
  const [nextWebinar] = upcomingWebinarSessions(new Date(), 1);
  const home = {
    categories: CATEGORIES.kb.map((category) => ({
      ...category,
      url: categoryUrl("kb", category.slug),
      count: articles.filter((article) => article.frontmatter.category === category.slug).length,
    })),
    popular: await popularPages(5),
    recent: await recentlyUpdatedPages(5),
    nextWebinar: { start: nextWebinar.start.toISOString() },
  };
  // "Popular articles" rank by helpful votes, so a vote purges this page (decision record 007).
  return data(home, { headers: cacheTagHeaders([VOTES_TAG]) });
}

// The next webinar moves weekly, so cached copies are also dropped by the server's cache lifetime.
export const headers = cacheableHeaders;
export const meta: MetaFunction = withSeo(
  () => [
    { title: "TechFlow Help Center" },
    {
      name: "description",
      content:
        "Answers for TechFlow Solutions customers: knowledge-base articles, product docs, webinars, the community forum, feature requests and ways to contact support.",
    },
  ],
  homeSeo,
);

export default function Home() {
  const { categories, popular, recent, nextWebinar } = useLoaderData<typeof loader>();
  const rootData = useRouteLoaderData<typeof rootLoader>("root");
  const userPlan = rootData?.user?.plan;
  const plan = userPlan && (PLANS as readonly string[]).includes(userPlan) ? (userPlan as Plan) : null;
  return (
    <div className="space-y-14">
      <section className="rounded-2xl bg-gradient-to-br from-sky-50 to-indigo-50 px-4 py-12 sm:px-6 text-center dark:from-slate-900 dark:to-indigo-950">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">How can we help?</h1>
        <p className="mx-auto mt-3 max-w-xl text-slate-700 dark:text-slate-300">
          Search articles, docs and webinars, or browse by topic.
        </p>
        <div className="mx-auto mt-6 max-w-2xl">
          <InstantSearch id="home-search" size="large" label="Ask a question" shortcuts={false} />
        </div>
      </section>

      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading" className="text-2xl font-semibold">
          Browse the knowledge base
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {categories.map((category) => (
            <li key={category.slug}>
              <Link
                to={category.url}
                className="block h-full rounded-lg border border-slate-200 p-5 hover:border-sky-600 dark:border-slate-700"
              >
                <span className="text-lg font-semibold">{category.title}</span>{" "}
                <span className="text-sm text-slate-600 dark:text-slate-300" data-testid="category-count">
                  {category.count} {category.count === 1 ? "article" : "articles"}
                </span>
                <span className="mt-1 block text-sm text-slate-600 dark:text-slate-300">{category.description}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <div className="grid gap-10 md:grid-cols-2">
        <section aria-labelledby="popular-heading">
          <h2 id="popular-heading" className="text-xl font-semibold">
            Popular articles
          </h2>
          <ol className="mt-3 space-y-2">
            {popular.map((link) => (
              <li key={link.url}>
                <Link to={link.url} className="text-sky-700 hover:underline dark:text-sky-400">
                  {link.title}
                </Link>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading" className="text-xl font-semibold">
            Recently updated
          </h2>
          <ul className="mt-3 space-y-2">
            {recent.map((link) => (
              <li key={link.url} className="flex justify-between gap-4">
                <Link to={link.url} className="text-sky-700 hover:underline dark:text-sky-400">
                  {link.title}
                </Link>
                {link.updatedAt ? (
                  <time className="shrink-0 text-sm text-slate-600 dark:text-slate-300">{link.updatedAt}</time>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section
        aria-labelledby="webinar-heading"
        className="rounded-lg border border-slate-200 p-6 dark:border-slate-700"
      >
        <h2 id="webinar-heading" className="text-xl font-semibold">
          Next live webinar
        </h2>
        <p className="mt-2">
          <LocalTime iso={nextWebinar.start} />
        </p>
        <Link to="/webinars" className="mt-3 inline-block font-medium text-sky-700 hover:underline dark:text-sky-400">
          See upcoming sessions and recordings →
        </Link>
      </section>

      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading" className="text-2xl font-semibold">
          Contact support
        </h2>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          Hours are {SUPPORT_TIME_ZONE_NAME} and depend on your plan
          {plan ? (
            <>
              {" "}
              — yours is <strong>{PLAN_NAMES[plan]}</strong>, highlighted below
            </>
          ) : null}
          .
        </p>
        <div className="mt-4">
          <SupportChannelsSummary plan={plan} />
        </div>
        <Link
          to="/support"
          className="mt-4 inline-block rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800"
        >
          Describe your problem to support →
        </Link>
      </section>
    </div>
  );
}
