import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getOptionalUser } from "~/auth/guards.server";
import { COMPACT_SELECT_CLASS } from "~/components/forms";
import { ForumBreadcrumbs, ForumHeader } from "~/components/forum/forum-layout";
import { IdeaListView, IdeasNav } from "~/components/ideas/idea-list";
import { cacheableHeaders } from "~/content/http";
import { listAreas, listIdeas } from "~/ideas/list.server";
import {
  IDEA_SORTS,
  IDEA_STATUSES,
  ideaListHref,
  IDEAS_LIST_TAG,
  parseIdeaListQuery,
  SORT_LABELS,
  STATUS_LABELS,
} from "~/ideas/rules";
import { cacheTagHeaders } from "~/lib/page-cache-tags";
import { withSeo } from "~/seo/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await getOptionalUser(request);
  const query = parseIdeaListQuery(url.searchParams);
  if (query.mine && !user) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  const [areas, list] = await Promise.all([listAreas(), listIdeas(query, user)]);
  return data({ areas, list, query, signedIn: !!user }, { headers: cacheTagHeaders([IDEAS_LIST_TAG]) });
}

export const headers = cacheableHeaders;
export const meta: MetaFunction = withSeo(() => [
  { title: "Feature requests · TechFlow Help Center" },
  {
    name: "description",
    content:
      "Suggest what TechFlow should build next, vote on ideas from other customers and follow them to the roadmap.",
  },
  {
    tagName: "link",
    rel: "alternate",
    type: "application/atom+xml",
    title: "TechFlow changelog",
    href: "/ideas/changelog.atom",
  },
]);

export default function Ideas() {
  const { areas, list, query, signedIn } = useLoaderData<typeof loader>();
  const location = useLocation();
  const returnTo = location.pathname + location.search;
  return (
    <div>
      <ForumBreadcrumbs trail={[{ label: "Community", url: "/community" }, { label: "Feature requests" }]} />
      <ForumHeader
        title="Feature requests"
        description="Tell us what TechFlow should build next. Vote for the ideas you need; we post every status change here."
        action={
          <Link
            to={signedIn ? "/ideas/new" : `/login?redirectTo=${encodeURIComponent("/ideas/new")}`}
            className="inline-flex items-center rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800"
          >
            {signedIn ? "Submit an idea" : "Sign in to submit an idea"}
          </Link>
        }
      />
      <IdeasNav current="ideas" />
      <Form
        method="get"
        action="/ideas"
        className="mt-6 flex flex-wrap items-end gap-3"
        role="search"
        aria-label="Find ideas"
      >
        <div className="flex min-w-[14rem] flex-1 flex-col gap-1">
          <label htmlFor="ideas-q" className="text-sm font-medium">
            Search ideas
          </label>
          <input
            id="ideas-q"
            type="search"
            name="q"
            defaultValue={query.q}
            placeholder="e.g. export to CSV"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="ideas-status" className="text-sm font-medium">
            Status
          </label>
          <select id="ideas-status" name="status" defaultValue={query.status ?? ""} className={COMPACT_SELECT_CLASS}>
            <option value="">Any status</option>
            {IDEA_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="ideas-area" className="text-sm font-medium">
            Product area
          </label>
          <select id="ideas-area" name="area" defaultValue={query.area ?? ""} className={COMPACT_SELECT_CLASS}>
            <option value="">All areas</option>
            {areas.map((area) => (
              <option key={area.slug} value={area.slug}>
                {area.name}
              </option>
            ))}
          </select>
        </div>
        {query.sort !== "top" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.mine ? <input type="hidden" name="mine" value="votes" /> : null}
        <button
          type="submit"
          className="rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700"
        >
          Apply
        </button>
      </Form>
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Sort ideas" className="flex flex-wrap gap-1">
          {IDEA_SORTS.map((sort) => (
            <Link
              key={sort}
              to={ideaListHref(query, { sort })}
              aria-current={query.sort === sort ? "true" : undefined}
              className={`rounded-full px-3 py-1 text-sm ${query.sort === sort ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"}`}
            >
              {SORT_LABELS[sort]}
            </Link>
          ))}
        </nav>
        {signedIn ? (
          <Link
            to={ideaListHref(query, { mine: !query.mine })}
            aria-current={query.mine ? "true" : undefined}
            className="text-sm font-medium text-sky-700 hover:underline dark:text-sky-400"
          >
            {query.mine ? "Show all ideas" : "My votes"}
          </Link>
        ) : null}
      </div>
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-300" aria-live="polite">
        {list.total} {list.total === 1 ? "idea" : "ideas"}
        {query.mine ? " you voted for" : ""}
        {query.q ? ` matching “${query.q}”` : ""}
      </p>
      <div className="mt-3">
        <IdeaListView
          ideas={list.ideas}
          votedIds={list.votedIds}
          signedIn={signedIn}
          returnTo={returnTo}
          emptyText={
            query.mine
              ? "You have not voted for any idea yet."
              : "No ideas match. Try another search or filter, or submit the idea yourself."
          }
        />
      </div>
      {list.pageCount > 1 ? (
        <nav aria-label="Pages" className="mt-6 flex items-center justify-between text-sm">
          {list.page > 1 ? (
            <Link
              to={ideaListHref(query, { page: list.page - 1 })}
              className="text-sky-700 hover:underline dark:text-sky-400"
            >
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {list.page} of {list.pageCount}
          </span>
          {list.page < list.pageCount ? (
            <Link
              to={ideaListHref(query, { page: list.page + 1 })}
              className="text-sky-700 hover:underline dark:text-sky-400"
            >
              Next →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
