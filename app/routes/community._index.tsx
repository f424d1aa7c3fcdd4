import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getOptionalUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { ForumBreadcrumbs, ForumHeader, NewThreadLink } from "~/components/forum/forum-layout";
import { RelativeTime } from "~/components/forum/relative-time";
import { ListFilters, Pagination, ThreadListView } from "~/components/forum/thread-list";
import { cacheableHeaders } from "~/content/http";
import { FORUM_LIST_TAG } from "~/forum/cache-tags";
import { parseListQuery } from "~/forum/paths";
import { listCategories, listThreads, popularTags } from "~/forum/thread-lists.server";
import { cacheTagHeaders } from "~/lib/page-cache-tags";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const query = parseListQuery(new URL(request.url).searchParams);
  const [categories, list, tags] = await Promise.all([listCategories(), listThreads({}, query, user), popularTags()]);
  return data(
    { categories, list, query, tags, signedIn: !!user, canAddCategory: can(user, "forum:category:create") },
    { headers: cacheTagHeaders([FORUM_LIST_TAG]) },
  );
}

export const headers = cacheableHeaders;
export const meta: MetaFunction = withSeo(() => [
  { title: "Community · TechFlow Help Center" },
  { name: "description", content: "Ask other TechFlow customers and our experts, share tips, and read announcements." },
]);

export default function Community() {
  const { categories, list, query, tags, signedIn, canAddCategory } = useLoaderData<typeof loader>();
  return (
    <div>
      <ForumBreadcrumbs trail={[{ label: "Community" }]} />
      <ForumHeader
        title="Community"
        description="Ask other TechFlow customers and our experts, share what works for you, and read what’s new."
        action={<NewThreadLink signedIn={signedIn} />}
      />
      <section aria-labelledby="categories-heading" className="mt-8">
        <h2 id="categories-heading" className="sr-only">
          Categories
        </h2>
        <ul className="grid gap-4 md:grid-cols-2">
          {categories.map((category) => (
            <li key={category.slug} className="rounded-lg border border-slate-200 p-5 dark:border-slate-700">
              <h3 className="text-xl font-semibold">
                <Link to={category.url} className="hover:underline">
                  {category.name}
                </Link>
              </h3>
              <p className="mt-1 text-slate-600 dark:text-slate-300">{category.description}</p>
              <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">
                <span className="font-semibold text-slate-900 dark:text-slate-100">{category.threadCount}</span>{" "}
                {category.threadCount === 1 ? "thread" : "threads"} ·{" "}
                <span className="font-semibold text-slate-900 dark:text-slate-100">{category.replyCount}</span>{" "}
                {category.replyCount === 1 ? "reply" : "replies"}
              </p>
              {category.latest ? (
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
                  Latest:{" "}
                  <Link to={category.latest.url} className="text-sky-700 hover:underline dark:text-sky-400">
                    {category.latest.title}
                  </Link>{" "}
                  · <RelativeTime iso={category.latest.at} />
                </p>
              ) : null}
            </li>
          ))}
          <li className="rounded-lg border border-dashed border-slate-300 p-5 dark:border-slate-600">
            <h3 className="text-xl font-semibold">
              <Link to="/ideas" className="hover:underline">
                Feature requests
              </Link>
            </h3>
            <p className="mt-1 text-slate-600 dark:text-slate-300">
              Suggest what TechFlow should build next, vote on ideas and follow them to the roadmap.
            </p>
          </li>
        </ul>
        {canAddCategory ? (
          <p className="mt-3 text-sm">
            <Link to="/community/categories/new" className="text-sky-700 underline dark:text-sky-400">
              Add a category
            </Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="threads-heading" className="mt-10">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <h2 id="threads-heading" className="text-2xl font-semibold">
            Threads
          </h2>
          <ListFilters base="/community" query={query} showSolved />
        </div>
        <div className="mt-4">
          <ThreadListView list={list} emptyText="No threads match yet." />
        </div>
        <Pagination base="/community" query={query} page={list.page} pageCount={list.pageCount} />
      </section>
      {tags.length ? (
        <section aria-labelledby="tags-heading" className="mt-10">
          <h2 id="tags-heading" className="text-lg font-semibold">
            Popular tags
          </h2>
          <ul className="mt-3 flex flex-wrap gap-2">
            {tags.map(({ tag, count }) => (
              <li key={tag}>
                <Link
                  to={`/community/tags/${tag}`}
                  className="rounded-md bg-slate-100 px-2 py-1 text-sm hover:underline dark:bg-slate-800"
                >
                  #{tag} <span className="text-slate-600 dark:text-slate-300">({count})</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
