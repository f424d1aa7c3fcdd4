import { prisma } from "../lib/db.server";

/**
 * Server-side page views of articles and docs (no tracker, no personal data): the app server counts
 * each 200 answer for /kb/… and /docs/… (cache hits included), and for their `.data` loads when the
 * app navigates (server/article-views.ts decides which requests are views), in memory, and a flush
 * every few seconds adds the counts to PageViewDaily, one upsert per page and day, never a write per request.
 *
 * Counting runs on every cached article hit, the hottest path of the site, so it allocates nothing
 * in the common case: the UTC day is worked out once per day, and each request target's verdict
 * (counted as which page, or not at all) is remembered.
 */
const FLUSH_EVERY_MS = 5_000;
const COUNTED = /^\/(kb|docs)\/[A-Za-z0-9/_-]{1,300}$/;
/** Distinct request targets whose verdict is remembered; random URLs beyond this are checked each time. */
const MAX_REMEMBERED_TARGETS = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** day (YYYY-MM-DD, UTC) → stored page path → views not yet flushed. */
const pending = new Map<string, Map<string, number>>();
const countedAs = new Map<string, string | null>();
let timer: NodeJS.Timeout | null = null;
let currentDay = { key: "", startsAt: 0, endsAt: 0 };

export function isCountedPath(pathname: string) {
  return COUNTED.test(pathname) && !pathname.startsWith("/kb/category/");
}

/** The path stored for a counted page ("kb/reset-your-password"), or null when the target is not counted. */
function storedPath(pathname: string): string | null {
  let verdict = countedAs.get(pathname);
  if (verdict === undefined) {
    verdict = isCountedPath(pathname) ? pathname.replace(/\/+$/, "").slice(1) : null;
    if (countedAs.size < MAX_REMEMBERED_TARGETS) countedAs.set(pathname, verdict);
  }
  return verdict;
}

function dayOf(now: number): string {
  if (now < currentDay.startsAt || now >= currentDay.endsAt) {
    const startsAt = now - (now % DAY_MS);
    currentDay = { key: new Date(startsAt).toISOString().slice(0, 10), startsAt, endsAt: startsAt + DAY_MS };
  }
  return currentDay.key;
}

export function countPageView(pathname: string, now: Date | number = Date.now()) {
  const path = storedPath(pathname);
  if (path === null) return;
  const day = dayOf(typeof now === "number" ? now : now.getTime());
  let views = pending.get(day);
  if (!views) pending.set(day, (views = new Map()));
  views.set(path, (views.get(path) ?? 0) + 1);
  if (!timer) {
    timer = setTimeout(() => void flushPageViews(), FLUSH_EVERY_MS);
    timer.unref();
  }
}

export async function flushPageViews(db = prisma): Promise<number> {
  timer = null;
  const entries = [...pending.entries()].flatMap(([day, views]) =>
    [...views.entries()].map(([path, count]) => ({ day, path, views: count })),
  );
  pending.clear();
  for (const { day, path, views } of entries) {
    try {
      await db.pageViewDaily.upsert({
        where: { day_path: { day, path } },
        create: { day, path, views },
        update: { views: { increment: views } },
      });
    } catch (error) {
      // Counting must never break serving; a lost batch of counts is acceptable.
      console.error("page view flush failed", error);
    }
  }
  return entries.length;
}
