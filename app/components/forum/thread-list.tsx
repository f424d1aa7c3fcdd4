import { Link } from "@remix-run/react";
import { listHref, type ListQuery } from "~/forum/paths";
import type { ThreadList } from "~/forum/views";
import { Pill } from "./badges";
import { CategoryAndTagLinks } from "./category-and-tags";
import { RelativeTime } from "./relative-time";

const SORT_LABELS = { latest: "Latest", top: "Top", unanswered: "Unanswered" } as const;
const PERIOD_LABELS = { week: "This week", month: "This month", all: "All time" } as const;
const SOLVED_LABELS = { all: "All", solved: "Solved", unsolved: "Unsolved" } as const;

function Tab({ to, current, children }: { to: string; current: boolean; children: React.ReactNode }) {
  return (
    <Link
      to={to}
      aria-current={current ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${current ? "bg-sky-700 text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"}`}
    >
      {children}
    </Link>
  );
}

/** Latest / Top / Unanswered, the period for Top, and solved/unsolved: each a link, so every view has its own URL. */
export function ListFilters({ base, query, showSolved }: { base: string; query: ListQuery; showSolved: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
      <nav aria-label="Sort threads" className="flex flex-wrap gap-1">
        {(Object.keys(SORT_LABELS) as (keyof typeof SORT_LABELS)[]).map((sort) => (
          <Tab key={sort} to={listHref(base, query, { sort, page: 1 })} current={query.sort === sort}>
            {SORT_LABELS[sort]}
          </Tab>
        ))}
      </nav>
      {query.sort === "top" ? (
        <nav aria-label="Top threads of" className="flex flex-wrap gap-1">
          {(Object.keys(PERIOD_LABELS) as (keyof typeof PERIOD_LABELS)[]).map((period) => (
            <Tab key={period} to={listHref(base, query, { period, page: 1 })} current={query.period === period}>
              {PERIOD_LABELS[period]}
            </Tab>
          ))}
        </nav>
      ) : null}
      {showSolved ? (
        <nav aria-label="Questions" className="flex flex-wrap gap-1">
          {(Object.keys(SOLVED_LABELS) as (keyof typeof SOLVED_LABELS)[]).map((solved) => (
            <Tab key={solved} to={listHref(base, query, { solved, page: 1 })} current={query.solved === solved}>
              {SOLVED_LABELS[solved]}
            </Tab>
          ))}
        </nav>
      ) : null}
    </div>
  );
}

export function ThreadListView({ list, emptyText }: { list: ThreadList; emptyText: string }) {
  if (list.threads.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-6 text-slate-600 dark:border-slate-700 dark:text-slate-300">
        {emptyText}
      </p>
    );
  return (
    <ul
      className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-700"
      data-testid="thread-list"
    >
      {list.threads.map((thread) => (
        <li key={thread.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:gap-4">
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-center gap-2">
              {thread.pinned ? <Pill tone="pinned">Pinned</Pill> : null}
              {thread.solved ? <Pill tone="solved">✓ Solved</Pill> : null}
              {thread.locked ? <Pill tone="locked">Locked</Pill> : null}
              <Link
                to={thread.url}
                className="text-base font-semibold text-slate-900 hover:underline dark:text-slate-100"
              >
                {thread.title}
              </Link>
              {thread.unread === null ? null : thread.unread > 0 ? (
                <Link
                  to={thread.unreadUrl ?? thread.url}
                  className="rounded-full bg-sky-700 px-2 py-0.5 text-xs font-semibold text-white"
                >
                  {thread.unread} new<span className="sr-only"> {thread.unread === 1 ? "post" : "posts"}</span>
                </Link>
              ) : null}
            </div>
            <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
              <CategoryAndTagLinks category={thread.category} tags={thread.tags} />
              <span>by {thread.author.name}</span>
            </p>
          </div>
          <dl className="flex shrink-0 gap-4 text-sm text-slate-600 sm:w-64 sm:justify-end dark:text-slate-300">
            <div className="flex gap-1">
              <dt className="sr-only">Replies</dt>
              <dd>
                <span className="font-semibold text-slate-900 dark:text-slate-100">{thread.replyCount}</span>{" "}
                {thread.replyCount === 1 ? "reply" : "replies"}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt className="sr-only">Likes</dt>
              <dd>
                <span className="font-semibold text-slate-900 dark:text-slate-100">{thread.likeCount}</span>{" "}
                {thread.likeCount === 1 ? "like" : "likes"}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt className="sr-only">Last activity</dt>
              <dd>
                <RelativeTime iso={thread.lastPostAt} />
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

export function Pagination({
  base,
  query,
  page,
  pageCount,
  label = "Pages",
}: {
  base: string;
  query?: ListQuery;
  page: number;
  pageCount: number;
  label?: string;
}) {
  if (pageCount <= 1) return null;
  const href = (target: number) =>
    query ? listHref(base, query, { page: target }) : target > 1 ? `${base}?page=${target}` : base;
  const pages = [...new Set([1, page - 1, page, page + 1, pageCount])]
    .filter((number) => number >= 1 && number <= pageCount)
    .sort((a, b) => a - b);
  return (
    <nav aria-label={label} className="mt-6 flex flex-wrap items-center gap-1 text-sm">
      {page > 1 ? (
        <Link
          to={href(page - 1)}
          rel="prev"
          className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          ← Previous
        </Link>
      ) : null}
      {pages.map((number, index) => (
        <span key={number} className="flex items-center gap-1">
          {index > 0 && number - pages[index - 1] > 1 ? <span aria-hidden="true">…</span> : null}
          <Link
            to={href(number)}
            aria-current={number === page ? "page" : undefined}
            aria-label={`Page ${number}`}
            className={`rounded-md border px-3 py-1.5 ${number === page ? "border-sky-700 bg-sky-700 text-white" : "border-slate-300 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"}`}
          >
            {number}
          </Link>
        </span>
      ))}
      {page < pageCount ? (
        <Link
          to={href(page + 1)}
          rel="next"
          className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
