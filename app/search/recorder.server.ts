import { prisma } from "../lib/db.server";
import { env } from "../lib/env.server";
import { recordSearch, type SearchSource } from "./analytics.server";
import { normaliseQuery } from "./text";

/**
 * Instant search asks on every keystroke; storing each would fill analytics
 * with "e", "es", "esc"… So a search that extends (or trims) the same client's
 * previous one within a few seconds replaces that row. Client keys stay in
 * memory only: nothing personal is stored.
 */
const TYPING_WINDOW_MS = 5000;
const MAX_CLIENTS = 10_000;
const lastByClient = new Map<string, { rowId: string; query: string; at: number }>();

export async function recordSearchOnce(
  clientKey: string,
  entry: { query: string; engine: string; resultCount: number; latencyMs: number; source: SearchSource },
) {
  const query = normaliseQuery(entry.query);
  if (!query) return;
  const previous = lastByClient.get(clientKey);
  const now = Date.now();
  try {
    if (
      previous &&
      now - previous.at < TYPING_WINDOW_MS &&
      (query.startsWith(previous.query) || previous.query.startsWith(query))
    ) {
      await prisma.searchQuery.update({
        where: { id: previous.rowId },
        data: { query, engine: entry.engine, resultCount: entry.resultCount, latencyMs: Math.round(entry.latencyMs) },
      });
      lastByClient.set(clientKey, { ...previous, query, at: now });
      return;
    }
    const rowId = await recordSearch(prisma, entry, env.SEARCH_ANALYTICS_RETENTION_DAYS);
    if (rowId) {
      lastByClient.delete(clientKey);
      if (lastByClient.size >= MAX_CLIENTS) lastByClient.delete(lastByClient.keys().next().value as string);
      lastByClient.set(clientKey, { rowId, query, at: now });
    }
  } catch (error) {
    // Analytics must never break a search.
    console.warn(`search analytics: ${(error as Error).message}`);
  }
}
