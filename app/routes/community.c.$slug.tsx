import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getOptionalUser } from "~/auth/guards.server";
import { ForumBreadcrumbs, ForumHeader, NewThreadLink } from "~/components/forum/forum-layout";
import { ListFilters, Pagination, ThreadListView } from "~/components/forum/thread-list";
import { NotFound } from "~/components/not-found";
import { cacheableHeaders } from "~/content/http";
import { categoryTag, FORUM_LIST_TAG } from "~/forum/cache-tags";
import { categoryPath, parseListQuery } from "~/forum/paths";
import { findCategory, listThreads } from "~/forum/thread-lists.server";
import { can } from "~/auth/permissions";
import { cacheTagHeaders } from "~/lib/page-cache-tags";
import { followState } from "~/forum/follow.server";
import { FollowButton } from "~/components/notifications/follow-button";
import { withSeo } from "~/seo/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const category = await findCategory(params.slug ?? "");
  if (!category) throw data({ message: "There is no such category." }, { status: 404 });
  const user = await getOptionalUser(request);
  const query = parseListQuery(new URL(request.url).searchParams);
  const list = await listThreads({ categoryId: category.id }, query, user);
  const mayStart = !category.staffOnlyThreads || can(user, "forum:announcement:create");
  // Signed-in readers only: the anonymous page stays the same for everyone (and cacheable).
  const follow = user ? await followState(user.id, { categoryId: category.id }) : null;
  return data(
    {
      category: {
        slug: category.slug,
        name: category.name,
        description: category.description,
        isQuestions: category.isQuestions,
        staffOnlyThreads: category.staffOnlyThreads,
      },
      list,
      query,
      signedIn: !!user,
      mayStart,
      follow: follow ? { categoryId: category.id, state: follow } : null,
    },
    { headers: cacheTagHeaders([FORUM_LIST_TAG, categoryTag(category.slug)]) },
  );
}

export const headers = cacheableHeaders;
export const meta: MetaFunction<typeof loader> = withSeo(({ data: loaded }) =>
  loaded
    ? [
        { title: `${loaded.category.name} · Community · TechFlow Help Center` },
        { name: "description", content: loaded.category.description },
      ]
    : [{ title: "Not found · TechFlow Help Center" }],
);

export default function CommunityCategory() {
  const { category, list, query, signedIn, mayStart, follow } = useLoaderData<typeof loader>();
  const base = categoryPath(category.slug);
  return (
    <div>
      <ForumBreadcrumbs trail={[{ label: "Community", url: "/community" }, { label: category.name }]} />
      <ForumHeader
        title={category.name}
        description={category.description}
        action={mayStart || !signedIn ? <NewThreadLink signedIn={signedIn} category={category.slug} /> : null}
      >
        {category.staffOnlyThreads ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
            Staff start threads here; everyone can reply.
          </p>
        ) : null}
        {follow ? (
          <div className="mt-3">
            <FollowButton target={{ categoryId: follow.categoryId }} state={follow.state} />
          </div>
        ) : null}
      </ForumHeader>
      <div className="mt-8">
        <ListFilters base={base} query={query} showSolved={category.isQuestions} />
      </div>
      <div className="mt-4">
        <ThreadListView list={list} emptyText="No threads here yet." />
      </div>
      <Pagination base={base} query={query} page={list.page} pageCount={list.pageCount} />
    </div>
  );
}

export function ErrorBoundary() {
  return <NotFound />;
}
