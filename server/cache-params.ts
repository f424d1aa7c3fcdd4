import { LIST_SORTS, SOLVED_FILTERS, TOP_PERIODS } from "../app/forum/paths";
import { IDEA_SORTS, IDEA_STATUSES } from "../app/ideas/rules";

/**
 * The query parameters each cacheable page reads, declared up front: the server computes a cache key
 * before any route runs, so it has to know which parameters change a page without rendering it.
 *
 * - `key`: the parameter is part of the cache key, but only for values the route accepts (a list of
 *   values or a pattern). Any other value, or the parameter given twice, renders the page uncached,
 *   so junk values cannot fill the cache with copies of the default page.
 * - `bypass`: free text or per-visitor switches (`?q=`, `?mine=`): the request is never served from
 *   the cache and its page is never stored.
 *
 * A parameter a page does not declare also bypasses the cache, except the tracking parameters below,
 * which no page reads: such a request is answered from the stored page, but never stored itself
 * (the page would carry the tracking parameter in its sign-in link).
 *
 * A route marks its page cacheable with PAGE_CACHE_HEADER (app/content/http.ts); a page whose path
 * matches no pattern here is never stored. tests/server/cache-params.test.ts checks this table
 * against the route files and every parameter their loaders and components read.
 */
export type ParamRule =
  | { kind: "key"; values: readonly string[]; example: string }
  | { kind: "key"; pattern: RegExp; example: string }
  | { kind: "bypass" };

export type CacheablePage = {
  /** A Remix route path: `:name` is one segment, a trailing `*` the rest of the path. */
  pattern: string;
  params: Readonly<Record<string, ParamRule>>;
};

const oneOf = (values: readonly string[]): ParamRule => ({ kind: "key", values, example: values[values.length - 1] });
/** Positive whole numbers, as the routes' parsers accept them (no leading zeros, no sign). */
const pageNumber: ParamRule = { kind: "key", pattern: /^[1-9]\d{0,3}$/, example: "2" };
const bypass: ParamRule = { kind: "bypass" };

const FORUM_LIST = {
  sort: oneOf(LIST_SORTS),
  period: oneOf(TOP_PERIODS),
  solved: oneOf(SOLVED_FILTERS),
  page: pageNumber,
};

export const CACHEABLE_PAGES: readonly CacheablePage[] = [
  { pattern: "/", params: {} },
  { pattern: "/kb", params: {} },
  { pattern: "/kb/category/:category", params: {} },
  { pattern: "/kb/:slug", params: {} },
  { pattern: "/docs", params: {} },
  { pattern: "/docs/*", params: {} },
  { pattern: "/webinars", params: {} },
  { pattern: "/webinars/:slug", params: {} },
  { pattern: "/status", params: {} },
  // Training: the same for every anonymous reader; a member's progress is shown only to signed-in requests, which the cache never serves.
  { pattern: "/training", params: {} },
  { pattern: "/training/:course", params: {} },
  { pattern: "/training/:course/:lesson", params: {} },
  { pattern: "/community", params: FORUM_LIST },
  { pattern: "/community/c/:slug", params: FORUM_LIST },
  { pattern: "/community/tags/:tag", params: FORUM_LIST },
  // `quote` fills the reply box of a signed-in member; an anonymous page never shows it.
  { pattern: "/community/t/*", params: { page: pageNumber, quote: bypass } },
  {
    pattern: "/ideas",
    params: {
      sort: oneOf(IDEA_SORTS),
      status: oneOf(IDEA_STATUSES),
      area: { kind: "key", pattern: /^[a-z0-9-]{1,40}$/, example: "reporting" },
      page: pageNumber,
      q: bypass,
      mine: bypass,
    },
  },
  { pattern: "/ideas/roadmap", params: {} },
  { pattern: "/ideas/changelog", params: {} },
  { pattern: "/ideas/changelog.atom", params: {} },
  // The notice after a merge names the idea merged in (its numeric id).
  { pattern: "/ideas/:idea", params: { merged: { kind: "key", pattern: /^[1-9]\d{0,9}$/, example: "1" } } },
  // Crawler files: the same for everyone, purged with the lists they mirror (app/seo/cache-tags.ts).
  { pattern: "/robots.txt", params: {} },
  { pattern: "/sitemap.xml", params: {} },
  { pattern: "/sitemaps/:name", params: {} },
];

/** Campaign and click-id parameters added by mail and ad links; no page reads them. */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "gclid",
  "fbclid",
  "msclkid",
]);

const MAX_PARAM_VALUE_LENGTH = 100;

type CompiledPage = { matches: (path: string) => boolean; params: ReadonlyMap<string, ParamRule>; specificity: number };

function compile(page: CacheablePage): CompiledPage {
  const segments = page.pattern.split("/").slice(1);
  const source = segments
    .map((segment) =>
      segment === "*"
        ? "/.+"
        : segment.startsWith(":")
          ? "/[^/]+"
          : `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
    )
    .join("");
  const regex = new RegExp(`^${page.pattern === "/" ? "/" : source}$`);
  // Static segments outrank dynamic ones (`/ideas/roadmap` before `/ideas/:idea`), as in Remix.
  const specificity = segments.reduce(
    (sum, segment) => sum + (segment === "*" ? 1 : segment.startsWith(":") ? 2 : 3),
    0,
  );
  return { matches: (path) => regex.test(path), params: new Map(Object.entries(page.params)), specificity };
}

function accepts(rule: ParamRule, value: string) {
  if (rule.kind === "bypass" || value.length > MAX_PARAM_VALUE_LENGTH) return false;
  return "values" in rule ? rule.values.includes(value) : rule.pattern.test(value);
}

/** Cache keys for one table of cacheable pages (the site's, or a test's). */
export class CacheKeys {
  private readonly pages: CompiledPage[];

  constructor(pages: readonly CacheablePage[] = CACHEABLE_PAGES) {
    this.pages = pages.map(compile).sort((a, b) => b.specificity - a.specificity);
  }

  /** The declared page a path belongs to, if any. */
  private pageOf(path: string): CompiledPage | undefined {
    return this.pages.find((page) => page.matches(path));
  }

  /**
   * The key a request is answered from: its path plus the keyed parameters, sorted. Null when the
   * request must bypass the cache (a bypass or undeclared parameter, a value the page does not accept,
   * a parameter given twice). A target without a query string is its own key: nothing is stored
   * under a path no page declares, so looking it up just misses.
   */
  serveKey(url: string): string | null {
    const query = url.indexOf("?");
    if (query < 0) return url;
    return this.resolve(url.slice(0, query), url.slice(query + 1))?.key ?? null;
  }

  /** The key a rendered page is stored under; null when it must not be stored (see serveKey and TRACKING_PARAMS). */
  storeKey(url: string): string | null {
    const query = url.indexOf("?");
    const path = query < 0 ? url : url.slice(0, query);
    if (query < 0) return this.pageOf(path) ? path : null;
    const resolved = this.resolve(path, url.slice(query + 1));
    return resolved?.storable ? resolved.key : null;
  }

  /**
   * The address a page calls its own (its canonical URL, without the origin): the path plus only the
   * parameters that change its content, with values the page accepts, sorted; everything else (search
   * text, per-visitor switches, tracking, junk) is dropped, and so is `page=1`, the first page itself.
   */
  canonicalPath(path: string, search: string): string {
    const page = this.pageOf(path);
    if (!page) return path;
    const kept = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(search)) {
      const rule = page.params.get(name);
      if (!rule || rule.kind === "bypass" || kept.has(name) || !accepts(rule, value)) continue;
      if (name === "page" && value === "1") continue;
      kept.set(name, value);
    }
    if (kept.size === 0) return path;
    return `${path}?${new URLSearchParams([...kept].sort(([a], [b]) => (a < b ? -1 : 1))).toString()}`;
  }

  private resolve(path: string, search: string): { key: string; storable: boolean } | null {
    const page = this.pageOf(path);
    if (!page) return null;
    const kept: [string, string][] = [];
    let storable = true;
    for (const [name, value] of new URLSearchParams(search)) {
      const rule = page.params.get(name);
      if (!rule) {
        if (!TRACKING_PARAMS.has(name)) return null;
        storable = false;
        continue;
      }
      if (!accepts(rule, value) || kept.some(([seen]) => seen === name)) return null;
      kept.push([name, value]);
    }
    if (kept.length === 0) return { key: path, storable };
    kept.sort(([a], [b]) => (a < b ? -1 : 1));
    return { key: `${path}?${new URLSearchParams(kept).toString()}`, storable };
  }
}
