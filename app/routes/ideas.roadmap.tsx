import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ForumBreadcrumbs, ForumHeader } from "~/components/forum/forum-layout";
import { IdeasNav } from "~/components/ideas/idea-list";
import { AreaTag, StatusBadge } from "~/components/ideas/status-badge";
import { cacheableHeaders } from "~/content/http";
import { loadRoadmap } from "~/ideas/roadmap.server";
import { IDEAS_LIST_TAG } from "~/ideas/rules";
import { cacheTagHeaders } from "~/lib/page-cache-tags";
import { withSeo } from "~/seo/meta";

export async function loader(_: LoaderFunctionArgs) {
  return data({ columns: await loadRoadmap() }, { headers: cacheTagHeaders([IDEAS_LIST_TAG]) });
}

export const headers = cacheableHeaders;
export const meta: MetaFunction = withSeo(() => [
  { title: "Roadmap · Feature requests · TechFlow Help Center" },
  {
    name: "description",
    content: "What TechFlow is reviewing, has planned, is building and has shipped in the last 90 days.",
  },
]);

const EMPTY: Record<string, string> = {
  "under-review": "Nothing under review right now: vote for the ideas you need.",
  planned: "Nothing planned right now.",
  "in-progress": "Nothing in progress right now.",
  shipped: "Nothing shipped in the last 90 days.",
};

export default function Roadmap() {
  const { columns } = useLoaderData<typeof loader>();
  return (
    <div>
      <ForumBreadcrumbs
        trail={[
          { label: "Community", url: "/community" },
          { label: "Feature requests", url: "/ideas" },
          { label: "Roadmap" },
        ]}
      />
      <ForumHeader
        title="Roadmap"
        description="What we are reviewing, have planned, are building and have shipped. Vote on an idea to move it up."
      />
      <IdeasNav current="roadmap" />
      <div className="mt-6 grid gap-4 md:grid-cols-2 xl:grid-cols-4" data-testid="roadmap">
        {columns.map((column) => (
          <section
            key={column.status}
            aria-labelledby={`column-${column.status}`}
            className="rounded-lg bg-slate-50 p-3 dark:bg-slate-900"
            data-testid={`roadmap-${column.status}`}
          >
            <h2
              id={`column-${column.status}`}
              className="flex items-center justify-between px-1 text-sm font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-200"
            >
              <span>{column.label}</span>
              <span className="rounded-full bg-white px-2 text-xs dark:bg-slate-800">{column.ideas.length}</span>
            </h2>
            {column.ideas.length ? (
              <ul className="mt-3 space-y-3">
                {column.ideas.map((idea) => (
                  <li
                    key={idea.id}
                    className="rounded-md border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-700 dark:bg-slate-950"
                  >
                    <Link to={idea.url} className="font-medium leading-snug hover:underline">
                      {idea.title}
                    </Link>
                    <p className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
                      <span className="font-semibold text-slate-900 dark:text-slate-100">▲ {idea.voteCount}</span>
                      <AreaTag name={idea.area.name} />
                      {column.status === "shipped" ? <StatusBadge status="shipped" /> : null}
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="mt-3 px-1 text-sm text-slate-600 dark:text-slate-300">{EMPTY[column.status]}</p>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
