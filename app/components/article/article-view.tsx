import { Link, useNavigate, useRouteLoaderData } from "@remix-run/react";
import { useRef, type MouseEvent, type ReactNode } from "react";
import type { FeedbackActionData } from "~/content/feedback-types";
import type { PageView } from "~/content/page-types";
import { PLANS, type Plan } from "~/support/policy";
import "./article-content.css";
import { Breadcrumbs } from "./breadcrumbs";
import { useCodeCopyButtons } from "./code-copy";
import { FeedbackWidget } from "./feedback-widget";
import { TableOfContents } from "./table-of-contents";

// One formatter for every render: `toLocaleDateString` with options builds a new one per call, which
// was 3.7 % of an uncached article's server time.
const ARTICLE_DATE = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});

function formatDate(isoDate: string) {
  return ARTICLE_DATE.format(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`));
}

type RootData = { user: { plan: string | null } | null } | undefined;

/**
 * The signed-in customer's plan, or null. Signed-in requests bypass the anonymous page cache, so the
 * server can mark the plan; anonymous visitors get none and see every plan alike.
 */
function useViewerPlan(): Plan | null {
  const plan = useRouteLoaderData<RootData>("root")?.user?.plan;
  return PLANS.find((known) => known === plan) ?? null;
}

/** An article, doc or recording page: MDX body, outline, metadata, related links and feedback. */
/** `lead` goes between the page's header and its body (a recording's player and chapters). */
export function ArticleView({
  page,
  actionData,
  sidebar,
  footer,
  lead,
}: {
  page: PageView;
  actionData?: FeedbackActionData;
  sidebar?: ReactNode;
  footer?: ReactNode;
  lead?: ReactNode;
}) {
  const navigate = useNavigate();
  const body = useRef<HTMLDivElement>(null);
  const copyAnnouncement = useCodeCopyButtons(body, page.html);
  const viewerPlan = useViewerPlan();
  // Links inside the prerendered body are plain anchors; follow same-site ones as client-side navigations.
  const followInternalLink = (event: MouseEvent<HTMLDivElement>) => {
    const anchor = (event.target as HTMLElement).closest("a");
    const href = anchor?.getAttribute("href");
    if (!anchor || !href || !href.startsWith("/") || href.startsWith("//") || anchor.target || event.button !== 0)
      return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <div
      className={`grid gap-10 ${sidebar ? "lg:grid-cols-[14rem_minmax(0,1fr)_13rem]" : "lg:grid-cols-[minmax(0,1fr)_14rem]"}`}
    >
      {sidebar}
      {/* Before the article in the document (so Tab reaches the outline first), drawn in the last column. */}
      <aside className="hidden lg:order-last lg:block">
        <div className="sticky top-24">
          <TableOfContents headings={page.headings} />
        </div>
      </aside>
      <article className="min-w-0">
        <Breadcrumbs crumbs={page.breadcrumbs} current={page.title} />
        <header className="mt-4 border-b border-slate-200 pb-6 dark:border-slate-800">
          <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{page.title}</h1>
          <p className="mt-3 text-lg text-slate-700 dark:text-slate-300">{page.summary}</p>
          <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
            {/* A recording lasts its duration (shown below), not its reading time. */}
            {page.webinar ? null : <span>{page.readingMinutes} min read</span>}
            {page.updatedAt ? (
              <span>
                Last updated <time dateTime={page.updatedAt}>{formatDate(page.updatedAt)}</time>
              </span>
            ) : null}
            {page.webinar ? (
              <>
                {page.webinar.recordingStatus === "coming-soon" ? (
                  <>
                    <span>Held {formatDate(page.webinar.recordedOn)}</span>
                    <span className="font-semibold text-amber-800 dark:text-amber-300">Recording coming soon</span>
                  </>
                ) : (
                  <>
                    <span>Recorded {formatDate(page.webinar.recordedOn)}</span>
                    <span>{page.webinar.durationMinutes} minutes</span>
                  </>
                )}
                <span>Presented by {page.webinar.presenter}</span>
              </>
            ) : null}
          </p>
        </header>
        {lead}
        {page.headings.length > 0 ? (
          <details className="mt-6 rounded-lg border border-slate-200 p-4 lg:hidden dark:border-slate-700">
            <summary className="cursor-pointer font-medium">On this page</summary>
            <div className="mt-3">
              <TableOfContents headings={page.headings} idPrefix="mobile-" />
            </div>
          </details>
        ) : null}
        <div
          ref={body}
          data-viewer-plan={viewerPlan ?? undefined}
          className="prose prose-slate mt-8 max-w-none dark:prose-invert prose-a:text-sky-700 dark:prose-a:text-sky-400 prose-pre:bg-slate-100 prose-pre:text-slate-900 dark:prose-pre:bg-slate-900 dark:prose-pre:text-slate-100"
          // Rendered at build time from MDX in this repository (app/content/compile.server.ts); user text never reaches here.
          dangerouslySetInnerHTML={{ __html: page.html }}
          onClick={followInternalLink}
        />
        <p className="sr-only" role="status" aria-live="polite">
          {copyAnnouncement}
        </p>
        {footer}
        <FeedbackWidget pageId={page.id} actionData={actionData} />
        <p className="mt-6 text-sm">
          <a href={page.editUrl} className="text-sky-700 underline dark:text-sky-400" rel="noopener">
            Edit this page
          </a>{" "}
          <span className="text-slate-600 dark:text-slate-300">(opens the source file in the repository)</span>
        </p>
        {page.related.length > 0 ? (
          <section aria-labelledby="related-heading" className="mt-10">
            <h2 id="related-heading" className="text-lg font-semibold">
              Related articles
            </h2>
            <ul className="mt-3 grid gap-3 sm:grid-cols-2">
              {page.related.map((link) => (
                <li key={link.url} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
                  <Link to={link.url} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                    {link.title}
                  </Link>
                  {link.summary ? (
                    <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{link.summary}</p>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
    </div>
  );
}
