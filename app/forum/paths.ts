/**
 * The forum's public URLs (DESIGN.md keeps them stable: customers bookmark them and mail links to
 * them). Pure (its one import is too), so routes, components and server modules share one definition.
 */

import { parseIdSlugParam, slugFromTitle } from "../lib/slugs";

/** Posts shown on one page of a thread; a link to post n lands on page ceil(n / POSTS_PER_PAGE). */
export const POSTS_PER_PAGE = 20;
/** Threads on one page of a list. */
export const THREADS_PER_PAGE = 25;

/** Lower-case words joined by "-": the readable part of a thread URL (the numeric id decides). */
export function slugify(title: string): string {
  return slugFromTitle(title, "thread");
}

/** "12-how-do-i-escalate" → { id: 12, slug: "how-do-i-escalate" }; null for anything that is not an id. */
export function parseThreadParam(param: string | undefined): { id: number; slug: string } | null {
  return parseIdSlugParam(param);
}

export function pageOfPost(number: number): number {
  return Math.max(1, Math.ceil(number / POSTS_PER_PAGE));
}

export function threadPath(thread: { id: number; slug: string }, page = 1): string {
  return `/community/t/${thread.id}-${thread.slug}${page > 1 ? `?page=${page}` : ""}`;
}

/** The link to one post: the page it is on and its anchor. */
export function postPath(thread: { id: number; slug: string }, number: number): string {
  return `${threadPath(thread, pageOfPost(number))}#post-${number}`;
}

export function categoryPath(slug: string) {
  return `/community/c/${slug}`;
}

export function tagPath(tag: string) {
  return `/community/tags/${tag}`;
}

export const LIST_SORTS = ["latest", "top", "unanswered"] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const TOP_PERIODS = ["week", "month", "all"] as const;
export type TopPeriod = (typeof TOP_PERIODS)[number];
export const SOLVED_FILTERS = ["all", "solved", "unsolved"] as const;
export type SolvedFilter = (typeof SOLVED_FILTERS)[number];

export type ListQuery = { sort: ListSort; period: TopPeriod; solved: SolvedFilter; page: number };

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return values.includes(value as T) ? (value as T) : fallback;
}

/** A list's options from its URL; anything unknown falls back to the default, so every URL renders. */
export function parseListQuery(search: URLSearchParams): ListQuery {
  const page = Number(search.get("page") ?? "1");
  return {
    sort: oneOf(LIST_SORTS, search.get("sort"), "latest"),
    period: oneOf(TOP_PERIODS, search.get("period"), "all"),
    solved: oneOf(SOLVED_FILTERS, search.get("solved"), "all"),
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The URL of a list with some options changed; defaults are left out so each list has one URL. */
export function listHref(base: string, query: ListQuery, change: Partial<ListQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.sort !== "latest") params.set("sort", next.sort);
  if (next.sort === "top" && next.period !== "all") params.set("period", next.period);
  if (next.solved !== "all") params.set("solved", next.solved);
  if (next.page > 1) params.set("page", String(next.page));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** A member's page, where their @mentions link: /community/u/<username>. */
export function memberPath(username: string): string {
  return `/community/u/${encodeURIComponent(username)}`;
}
