import type http from "node:http";

/**
 * One address per page: `/x/` is answered with a redirect to `/x` (the query kept), for every path
 * but `/` itself. Remix matches `/community/t/12-title/` as a thread named "12-title/", which no
 * thread is; links people paste or tools rewrite with a slash still land on the page.
 *
 * GET and HEAD get a 301 (browsers and crawlers then keep the address without the slash); other
 * methods a 308, which keeps the method and the form body.
 */

/**
 * The address without its trailing slashes, or null when there is nothing to redirect. A path that
 * would then start with `//` or `/\` is left alone: as a Location a browser reads it as another host.
 */
export function withoutTrailingSlash(url: string): string | null {
  const query = url.indexOf("?");
  const pathname = query < 0 ? url : url.slice(0, query);
  if (pathname.length <= 1 || pathname.charCodeAt(pathname.length - 1) !== 47) return null;
  const trimmed = pathname.replace(/\/+$/, "");
  if (trimmed === "" || !/^\/[^/\\]/.test(trimmed)) return null;
  return query < 0 ? trimmed : trimmed + url.slice(query);
}

/** Sends the redirect and returns true, or returns false when the address has no trailing slash. */
export function redirectTrailingSlash(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const target = withoutTrailingSlash(req.url ?? "/");
  if (target === null) return false;
  const permanentGet = req.method === "GET" || req.method === "HEAD";
  res.writeHead(permanentGet ? 301 : 308, {
    Location: target,
    "Content-Length": 0,
    "Cache-Control": "public, max-age=3600",
  });
  res.end();
  return true;
}
