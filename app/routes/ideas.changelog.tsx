import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ForumBreadcrumbs, ForumHeader } from "~/components/forum/forum-layout";
import { IdeasNav } from "~/components/ideas/idea-list";
import { AreaTag } from "~/components/ideas/status-badge";
import { cacheableHeaders } from "~/content/http";
import { loadChangelog } from "~/ideas/roadmap.server";
import { IDEAS_LIST_TAG } from "~/ideas/rules";
import { cacheTagHeaders } from "~/lib/page-cache-tags";
import { withSeo } from "~/seo/meta";

export async function loader(_: LoaderFunctionArgs) {
  return data({ entries: await loadChangelog() }, { headers: cacheTagHeaders([IDEAS_LIST_TAG]) });
}

export const headers = cacheableHeaders;
export const meta: MetaFunction = withSeo(() => [
  { title: "Changelog · Feature requests · TechFlow Help Center" },
  { name: "description", content: "Ideas from TechFlow customers that have shipped, newest first." },
  {
    tagName: "link",
    rel: "alternate",
    type: "application/atom+xml",
    title: "TechFlow changelog",
    href: "/ideas/changelog.atom",
  },
]);

function day(iso: string) {
  return new Date(iso).toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
}

export default function Changelog() {
  const { entries } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-4xl">
      <ForumBreadcrumbs
        trail={[
          { label: "Community", url: "/community" },
          { label: "Feature requests", url: "/ideas" },
          { label: "Changelog" },
        ]}
      />
      <ForumHeader
        title="Changelog"
        description="Customer ideas that have shipped, newest first."
        action={
          <a
            href="/ideas/changelog.atom"
            className="inline-flex items-center rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Subscribe (Atom feed)
          </a>
        }
      />
      <IdeasNav current="changelog" />
      {entries.length ? (
        <ol className="mt-6 space-y-6">
          {entries.map((entry) => (
            <li key={entry.id} className="border-l-4 border-emerald-500 pl-4">
              <p className="text-sm text-slate-600 dark:text-slate-300">
                <time dateTime={entry.shippedAt}>{day(entry.shippedAt)}</time>
              </p>
              <h2 className="mt-1 text-xl font-semibold">
                <Link to={entry.url} className="hover:underline">
                  {entry.title}
                </Link>
              </h2>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
                <AreaTag name={entry.area.name} /> <span>{entry.voteCount} votes</span>
              </p>
              {entry.releaseNote ? <p className="mt-2 whitespace-pre-line">{entry.releaseNote}</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="mt-6 text-slate-600 dark:text-slate-300">Nothing has shipped yet.</p>
      )}
    </div>
  );
}
