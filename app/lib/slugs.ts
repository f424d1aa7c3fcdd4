import { parsePositiveInt } from "./ids";

/**
 * The "<id>-<readable-words>" URLs that forum threads and ideas share: the id decides, the words are for
 * people (a wrong or missing slug redirects to the right one). Pure, so pages and server modules use the same code.
 */

/** Lower-case ASCII words joined by "-", at most 80 characters; `fallback` when the title has none. */
export function slugFromTitle(title: string, fallback: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return slug || fallback;
}

/** "12-dark-mode" → { id: 12, slug: "dark-mode" }; null for anything that is not an id. */
export function parseIdSlugParam(param: string | undefined): { id: number; slug: string } | null {
  const match = /^(\d+)(?:-([^/]*))?$/.exec(param ?? "");
  const id = match ? parsePositiveInt(match[1]) : null;
  return match && id !== null ? { id, slug: match[2] ?? "" } : null;
}
