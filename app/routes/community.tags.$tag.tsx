import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getOptionalUser } from "~/auth/guards.server";
import { ForumBreadcrumbs, ForumHeader, NewThreadLink } from "~/components/forum/forum-layout";
import { ListFilters, Pagination, ThreadListView } from "~/components/forum/thread-list";
import { NotFound } from "~/components/not-found";
import { cacheableHeaders } from "~/content/http";
import { FORUM_LIST_TAG } from "~/forum/cache-tags";
import { parseListQuery, tagPath } from "~/forum/paths";
import { listThreads } from "~/forum/thread-lists.server";
import { cacheTagHeaders } from "~/lib/page-cache-tags";
import { withSeo } from "~/seo/meta";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const tag = params.tag ?? "";
  if (!/^[a-z0-9-]{1,30}$/.test(tag)) throw data({ message: "There is no such tag." }, { status: 404 });
  const user = await getOptionalUser(request);
  const query = parseListQuery(new URL(request.url).searchParams);
  const list = await listThreads({ tag }, query, user);
  return data({ tag, list, query, signedIn: !!user }, { headers: cacheTagHeaders([FORUM_LIST_TAG]) });
}

export const headers = cacheableHeaders;
export const meta: MetaFunction<typeof loader> = withSeo(({ data: loaded }) => [
  { title: loaded ? `#${loaded.tag} · Community · TechFlow Help Center` : "Not found · TechFlow Help Center" },
]);

export default function CommunityTag() {
  const { tag, list, query, signedIn } = useLoaderData<typeof loader>();
  const base = tagPath(tag);
  return (
    <div>
      <ForumBreadcrumbs trail={[{ label: "Community", url: "/community" }, { label: `#${tag}` }]} />
      <ForumHeader title={`Threads tagged #${tag}`} action={<NewThreadLink signedIn={signedIn} />} />
      <div className="mt-8">
        <ListFilters base={base} query={query} showSolved />
      </div>
      <div className="mt-4">
        <ThreadListView list={list} emptyText="No threads carry this tag." />
      </div>
      <Pagination base={base} query={query} page={list.page} pageCount={list.pageCount} />
    </div>
  );
}

export function ErrorBoundary() {
  return <NotFound />;
}
