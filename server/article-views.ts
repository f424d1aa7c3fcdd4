import type http from "node:http";

/**
 * Which request is one view of an article or doc page (counted by app/insights/page-views.server.ts).
 *
 * A first visit loads the page's HTML (`GET /kb/<slug>`). Later pages open in the app: Remix 2's
 * single fetch loads their data with `GET /kb/<slug>.data`, so that is a view of `/kb/<slug>` too.
 * Not a view: a prefetch (`prefetch="intent"` on hover sends `Sec-Purpose: prefetch`), and a `.data`
 * request whose `_routes` leaves out the article's own route (a revalidation of the other loaders,
 * e.g. the site header's after signing in). The article routes do not revalidate after their own
 * feedback form, so a vote does not count the page again.
 */

/** The route each counted section renders with, as Remix names it in `_routes`. */
const ARTICLE_ROUTES: readonly (readonly [prefix: string, routeId: string])[] = [
  ["/kb/", "routes/kb.$slug"],
  ["/docs/", "routes/docs.$"],
];
const DATA_SUFFIX = ".data";

function isPrefetch(headers: http.IncomingHttpHeaders) {
  const purpose = headers["sec-purpose"] ?? headers.purpose;
  return typeof purpose === "string" && purpose.toLowerCase().includes("prefetch");
}

/**
 * The page path a GET request views ("/kb/reset-your-password"), or null when it is not a view.
 * Paths outside /kb/ and /docs/ return null at once: this runs on every cache hit.
 */
export function articleViewOf(url: string, headers: http.IncomingHttpHeaders): string | null {
  const section = ARTICLE_ROUTES.find(([prefix]) => url.startsWith(prefix));
  if (!section || isPrefetch(headers)) return null;
  const query = url.indexOf("?");
  const pathname = query < 0 ? url : url.slice(0, query);
  if (!pathname.endsWith(DATA_SUFFIX)) return pathname;
  if (query >= 0) {
    const routes = new URLSearchParams(url.slice(query + 1)).get("_routes");
    if (routes !== null && !routes.split(",").includes(section[1])) return null;
  }
  return pathname.slice(0, -DATA_SUFFIX.length);
}
