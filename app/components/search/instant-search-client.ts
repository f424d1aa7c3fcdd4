import type { DocumentType } from "~/search/types";

/** One hit of GET /api/search, as the instant search box receives it. */
export type InstantSearchHit = {
  id: string;
  type: DocumentType;
  title: string;
  section: string;
  url: string;
  /** HTML-escaped text with <mark> around matches. */
  snippet: string;
  /** HTML-escaped title with <mark> around matches. */
  titleHighlighted: string;
};

export type InstantSearchResponse = {
  query: string;
  engine: string;
  totalHits: number;
  /** False when the engine stopped counting: totalHits is then "at least". */
  exhaustiveCounts?: boolean;
  processingTimeMs: number;
  correctedQuery: string | null;
  hits: InstantSearchHit[];
};

export const INSTANT_SEARCH_LIMIT = 8;
export const INSTANT_SEARCH_DEBOUNCE_MS = 120;

export const GROUP_LABELS: Record<DocumentType, string> = {
  article: "Articles",
  doc: "Docs",
  webinar: "Webinars",
  course: "Training",
  thread: "Community",
  idea: "Ideas",
  page: "Account",
  ticket: "Tickets",
};

export const COMMUNITY_URL = "/kb/where-can-i-find-answers-myself";
export const CONTACT_SUPPORT_URL = "/kb/how-do-i-contact-support";

export function searchPageUrl(query: string) {
  return `/search?${new URLSearchParams({ q: query })}`;
}

export class InstantSearchError extends Error {}

/** Fetches suggestions; throws InstantSearchError with a readable message on HTTP errors. */
export async function fetchSuggestions(query: string, signal: AbortSignal): Promise<InstantSearchResponse> {
  const params = new URLSearchParams({ q: query, limit: String(INSTANT_SEARCH_LIMIT) });
  const response = await fetch(`/api/search?${params}`, { signal, headers: { Accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
    if (response.status === 429) throw new InstantSearchError("Too many searches; please wait a moment and try again.");
    throw new InstantSearchError(
      typeof body?.error === "string" && body.error
        ? `Search failed: ${body.error}`
        : "Search is unavailable right now.",
    );
  }
  const data = (await response.json()) as InstantSearchResponse;
  return { ...data, hits: Array.isArray(data.hits) ? data.hits : [] };
}

/** Records which result a search led to; fire and forget, never throws. */
export function sendClickBeacon(query: string, resultId: string, position: number) {
  try {
    if (typeof navigator === "undefined" || typeof navigator.sendBeacon !== "function") return;
    const body = new URLSearchParams({ query, resultId, position: String(position) });
    navigator.sendBeacon("/api/search/click", body);
  } catch {
    // Analytics must never get in the way of navigation.
  }
}

export type HitGroup = { type: DocumentType; label: string; hits: { hit: InstantSearchHit; position: number }[] };

/**
 * Groups hits by type, groups ordered by their best hit so the top result
 * stays on top; `position` is the 1-based place in the displayed order.
 */
export function groupHits(hits: InstantSearchHit[]): HitGroup[] {
  const groups = new Map<DocumentType, HitGroup>();
  for (const hit of hits) {
    let group = groups.get(hit.type);
    if (!group) {
      group = { type: hit.type, label: GROUP_LABELS[hit.type] ?? hit.type, hits: [] };
      groups.set(hit.type, group);
    }
    group.hits.push({ hit, position: 0 });
  }
  let position = 0;
  const ordered = [...groups.values()];
  for (const group of ordered) for (const entry of group.hits) entry.position = ++position;
  return ordered;
}

/** A same-site path ("/kb/x#y") for client navigation, or null for anything else. */
export function sameSitePath(url: string, origin: string): string | null {
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return url;
  try {
    const parsed = new URL(url, origin);
    if (parsed.origin === origin) return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    // Not a URL at all.
  }
  return null;
}

/** Only http(s) links leave the site; anything else (javascript:, data:) is refused. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}
