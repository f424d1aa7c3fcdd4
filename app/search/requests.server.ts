import { prisma } from "../lib/db.server";
import { clientAddress, hitRateLimit, type RateLimitResult } from "../lib/rate-limit.server";
import { recordClick, type SearchSource, type searchClickSchema } from "./analytics.server";
import { recordSearchOnce } from "./recorder.server";
import { runSearch, type AnsweredSearch } from "./service.server";
import type { SearchParams } from "./types";
import { viewerOf } from "./viewer.server";
import type { z } from "zod";

/**
 * What the search routes do with the database, so routes never touch Prisma: per-client limits,
 * searching as the signed-in viewer, and analytics. (Their URL parameters are read in url-params.server.ts.)
 */

/** /search and /api/search share one budget per client: the HTML page is no way around the API's limit. */
export const SEARCH_RATE_LIMIT = { limit: 120, windowMs: 60_000 };
const CLICK_RATE_LIMIT = { limit: 60, windowMs: 60_000 };

export function limitSearches(request: Request): Promise<RateLimitResult> {
  return hitRateLimit(prisma, `search:${clientAddress(request)}`, SEARCH_RATE_LIMIT);
}

export function limitSearchClicks(request: Request): Promise<RateLimitResult> {
  return hitRateLimit(prisma, `click:${clientAddress(request)}`, CLICK_RATE_LIMIT);
}

/** Searches as the request's viewer (restricted documents only for those allowed) and records the query for analytics. */
export async function searchFor(
  request: Request,
  params: Omit<SearchParams, "viewer">,
  source: SearchSource,
): Promise<AnsweredSearch> {
  const result = await runSearch({ ...params, viewer: await viewerOf(request) });
  const client = clientAddress(request);
  // The page and the API type differently (whole queries vs keystrokes), so each keeps its own typing window.
  await recordSearchOnce(source === "page" ? `page:${client}` : client, {
    query: params.query,
    engine: result.engine,
    resultCount: result.totalHits,
    latencyMs: result.processingTimeMs,
    source,
  });
  return result;
}

export async function recordSearchClick(click: z.infer<typeof searchClickSchema>) {
  await recordClick(prisma, click);
}
