/**
 * The rules of feature requests that pages, components and server modules share: statuses and
 * how an idea may move between them, the trending score, importance, the public URLs and the
 * page-cache tags. Pure (its one import is too), so the browser bundle gets the same rules the server enforces.
 */

import { parseIdSlugParam, slugFromTitle } from "../lib/slugs";

export const IDEA_STATUSES = ["open", "under-review", "planned", "in-progress", "shipped", "declined"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export const STATUS_LABELS: Record<IdeaStatus, string> = {
  open: "Open",
  "under-review": "Under review",
  planned: "Planned",
  "in-progress": "In progress",
  shipped: "Shipped",
  declined: "Declined",
};

export function isIdeaStatus(value: unknown): value is IdeaStatus {
  return typeof value === "string" && (IDEA_STATUSES as readonly string[]).includes(value);
}

/**
 * Where an idea may go from each status. The road runs forward one step at a time
 * (Open → Under review → Planned → In progress → Shipped); any idea not yet shipped may be
 * declined (with a reason), and a declined idea may be reopened. A step back is allowed
 * (plans change: Planned → Under review), but nothing leaves Shipped: the changelog and the
 * people told it shipped must stay right.
 */
const TRANSITIONS: Record<IdeaStatus, readonly IdeaStatus[]> = {
  open: ["under-review", "declined"],
  "under-review": ["open", "planned", "declined"],
  planned: ["under-review", "in-progress", "declined"],
  "in-progress": ["planned", "shipped", "declined"],
  shipped: [],
  declined: ["open"],
};

export function allowedTransitions(from: IdeaStatus): readonly IdeaStatus[] {
  return TRANSITIONS[from];
}

export type TransitionVerdict = { ok: true } | { ok: false; message: string };

/** Whether a status change is allowed, and if not, a sentence that says why. */
export function checkTransition(from: IdeaStatus, to: IdeaStatus, comment: string): TransitionVerdict {
  if (from === to) return { ok: false, message: `The idea is already ${STATUS_LABELS[to]}.` };
  if (!TRANSITIONS[from].includes(to)) {
    const options = TRANSITIONS[from].map((status) => STATUS_LABELS[status]);
    return {
      ok: false,
      message: `An idea that is ${STATUS_LABELS[from]} cannot move to ${STATUS_LABELS[to]}${options.length ? `; it can move to ${options.join(" or ")}` : ": shipped ideas keep their status"}.`,
    };
  }
  if (to === "declined" && comment.trim().length === 0)
    return { ok: false, message: "Say why the idea is declined: the reason is shown to everyone who voted." };
  return { ok: true };
}

/** Statuses in which an idea takes votes: a shipped idea keeps its count; a declined one is closed. */
export function acceptsVotes(status: IdeaStatus) {
  return status !== "declined" && status !== "shipped";
}

export const IMPORTANCE_LEVELS = ["nice-to-have", "important", "critical"] as const;
export type Importance = (typeof IMPORTANCE_LEVELS)[number];
export const IMPORTANCE_LABELS: Record<Importance, string> = {
  "nice-to-have": "Nice to have",
  important: "Important",
  critical: "Critical",
};

export function isImportance(value: unknown): value is Importance {
  return typeof value === "string" && (IMPORTANCE_LEVELS as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------
// Trending

const DAY_MS = 24 * 60 * 60 * 1000;
/** Only votes this recent count towards trending. */
export const TRENDING_WINDOW_DAYS = 14;
/** A vote's weight halves every this many days: yesterday's vote counts almost fully, last week's half. */
export const TRENDING_HALF_LIFE_DAYS = 7;

/** Σ over votes in the last 14 days of 2^(-age / half-life). Votes in the future (clock skew) count as now. */
export function trendingScore(voteTimes: readonly Date[], now: Date): number {
  let score = 0;
  for (const at of voteTimes) {
    const ageDays = Math.max(0, now.getTime() - at.getTime()) / DAY_MS;
    if (ageDays >= TRENDING_WINDOW_DAYS) continue;
    score += Math.pow(2, -ageDays / TRENDING_HALF_LIFE_DAYS);
  }
  return score;
}

// ---------------------------------------------------------------------------
// Lists

export const IDEA_SORTS = ["top", "newest", "trending", "updated"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];
export const SORT_LABELS: Record<IdeaSort, string> = {
  top: "Top",
  newest: "Newest",
  trending: "Trending",
  updated: "Recently updated",
};
export const IDEAS_PER_PAGE = 20;

export type IdeaListQuery = {
  sort: IdeaSort;
  status: IdeaStatus | null;
  area: string | null;
  q: string;
  mine: boolean;
  page: number;
};

export function parseIdeaListQuery(search: URLSearchParams): IdeaListQuery {
  const sort = search.get("sort");
  const status = search.get("status");
  const area = search.get("area");
  const page = Number(search.get("page") ?? "1");
  return {
    sort: (IDEA_SORTS as readonly string[]).includes(sort ?? "") ? (sort as IdeaSort) : "top",
    status: isIdeaStatus(status) ? status : null,
    area: area && /^[a-z0-9-]{1,40}$/.test(area) ? area : null,
    q: (search.get("q") ?? "").trim().slice(0, 200),
    mine: search.get("mine") === "votes",
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

export function ideaListHref(query: IdeaListQuery, change: Partial<IdeaListQuery> = {}): string {
  const next = { ...query, page: 1, ...change };
  const params = new URLSearchParams();
  if (next.sort !== "top") params.set("sort", next.sort);
  if (next.status) params.set("status", next.status);
  if (next.area) params.set("area", next.area);
  if (next.q) params.set("q", next.q);
  if (next.mine) params.set("mine", "votes");
  if (next.page > 1) params.set("page", String(next.page));
  const text = params.toString();
  return text ? `/ideas?${text}` : "/ideas";
}

// ---------------------------------------------------------------------------
// Roadmap and changelog

/** Shipped ideas stay on the roadmap this long, so the board never goes blank after a release. */
export const SHIPPED_ON_ROADMAP_DAYS = 90;
export const ROADMAP_COLUMNS = [
  "under-review",
  "planned",
  "in-progress",
  "shipped",
] as const satisfies readonly IdeaStatus[];

// ---------------------------------------------------------------------------
// URLs and cache tags

export function ideaSlug(title: string): string {
  return slugFromTitle(title, "idea");
}

export function ideaPath(idea: { id: number; slug: string }): string {
  return `/ideas/${idea.id}-${idea.slug}`;
}

/** "12-dark-mode" → { id: 12, slug: "dark-mode" }; null for anything that is not an id. */
export function parseIdeaParam(param: string | undefined): { id: number; slug: string } | null {
  return parseIdSlugParam(param);
}

/** Every list of ideas (the index, the roadmap, the changelog and its feed). */
export const IDEAS_LIST_TAG = "list:ideas";
export function ideaTag(id: number) {
  return `idea:${id}`;
}
