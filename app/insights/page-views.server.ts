import { prisma } from "../lib/db.server";

/**
 * Server-side page views of articles and docs (no tracker, no personal data): the app server counts
 * each 200 answer for /kb/… and /docs/… (cache hits included) in memory, and a flush every few
 * seconds adds the counts to PageViewDaily, one upsert per page and day, never a write per request.
 */
const FLUSH_EVERY_MS = 5_000;
const COUNTED = /^\/(kb|docs)\/[A-Za-z0-9/_-]{1,300}$/;

const pending = new Map<string, number>();
let timer: NodeJS.Timeout | null = null;

export function isCountedPath(pathname: string) {
  return COUNTED.test(pathname) && !pathname.startsWith("/kb/category/");
}

export function countPageView(pathname: string, now = new Date()) {
  if (!isCountedPath(pathname)) return;
  const path = pathname.replace(/\/+$/, "").slice(1);
  const key = `${now.toISOString().slice(0, 10)} ${path}`;
  pending.set(key, (pending.get(key) ?? 0) + 1);
  if (!timer) {
    timer = setTimeout(() => void flushPageViews(), FLUSH_EVERY_MS);
    timer.unref();
  }
}

export async function flushPageViews(db = prisma): Promise<number> {
  timer = null;
  const entries = [...pending.entries()];
  pending.clear();
  for (const [key, views] of entries) {
    const [day, path] = key.split(" ");
    try {
      await db.pageViewDaily.upsert({ where: { day_path: { day, path } }, create: { day, path, views }, update: { views: { increment: views } } });
    } catch (error) {
      // Counting must never break serving; a lost batch of counts is acceptable.
      console.error("page view flush failed", error);
    }
  }
  return entries.length;
}
