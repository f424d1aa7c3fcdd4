import type http from "node:http";
import type { CachedPage } from "./page-cache";
import { acceptedEncodings } from "./static-files";

/**
 * How a page from the anonymous page cache is sent. Each stored page gets its header lists built once
 * (one per encoding, plain and HTTPS, and one for 304s) as flat name, value, … arrays, and every hit
 * is `res.writeHead(status, list)` and `res.end(body)`: node:http's public API only, so node:http
 * keeps its own bookkeeping (keep-alive, pipelined responses, request limits) and a Node upgrade
 * cannot break the fast path. A flat array is the cheapest input writeHead takes: no object to walk,
 * no header map to merge. Names are lower-case, which node:http's framing-header check reads without
 * a copy. Decision record 015.
 */

/** Framing is refused by CSP frame-ancestors; every extra header costs each cached response (and its client) a little. */
export const SECURITY_HEADERS: [string, string][] = [
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
];
/** Sent only on requests that arrived over HTTPS (a trusted proxy's X-Forwarded-Proto), never over plain HTTP. */
export const HSTS: [string, string] = ["Strict-Transport-Security", "max-age=31536000; includeSubDomains"];
/** Cached pages differ by encoding, and a session cookie gets a different (uncached) page. */
const CACHED_VARY = "Accept-Encoding, Cookie";

type Encoding = "identity" | "gzip" | "br";
type HeaderLists = Record<Encoding | "notModified", string[]>;
/** Per page: hit lists and miss lists (X-Cache: MISS), each for plain HTTP and HTTPS, built on first use. */
type PreparedHeaders = { hit: HeaderLists; miss: HeaderLists; hitHttps?: HeaderLists; missHttps?: HeaderLists };
const prepared = new WeakMap<CachedPage, PreparedHeaders>();

const lowerCasePairs = (pairs: readonly (readonly [string, string])[]) =>
  pairs.flatMap(([name, value]) => [name.toLowerCase(), value]);

function headerLists(page: CachedPage, cacheState: "HIT" | "MISS"): HeaderLists {
  const marks = ["etag", page.etag, "vary", CACHED_VARY, "x-cache", cacheState];
  const common = [...lowerCasePairs(SECURITY_HEADERS), ...lowerCasePairs(page.headers), ...marks];
  return {
    identity: [...common, "content-length", String(page.body.length)],
    gzip: [...common, "content-encoding", "gzip", "content-length", String(page.gzipped.length)],
    br: [...common, "content-encoding", "br", "content-length", String(page.brotli.length)],
    notModified: [...lowerCasePairs(SECURITY_HEADERS), ...marks],
  };
}

function withHsts(lists: HeaderLists): HeaderLists {
  const hsts = lowerCasePairs([HSTS]);
  return {
    identity: [...lists.identity, ...hsts],
    gzip: [...lists.gzip, ...hsts],
    br: [...lists.br, ...hsts],
    notModified: [...lists.notModified, ...hsts],
  };
}

function listsFor(page: CachedPage, hit: boolean, https: boolean): HeaderLists {
  let headers = prepared.get(page);
  if (!headers) {
    headers = { hit: headerLists(page, "HIT"), miss: headerLists(page, "MISS") };
    prepared.set(page, headers);
  }
  if (!https) return hit ? headers.hit : headers.miss;
  if (hit) return (headers.hitHttps ??= withHsts(headers.hit));
  return (headers.missHttps ??= withHsts(headers.miss));
}

/** Accept-Encoding values repeat (one per browser build): parse each once. */
const encodingsSeen = new Map<string, { br: boolean; gzip: boolean }>();
const NONE = { br: false, gzip: false };
function encodingsOf(header: string | undefined) {
  if (!header) return NONE;
  let accepted = encodingsSeen.get(header);
  if (!accepted) {
    accepted = acceptedEncodings(header);
    if (encodingsSeen.size > 200) encodingsSeen.clear();
    encodingsSeen.set(header, accepted);
  }
  return accepted;
}

/** Sends a stored page (or a 304 for a matching ETag) as a hit or as the miss that stored it; returns the status sent. */
export function sendCached(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  page: CachedPage,
  hit: boolean,
  https: boolean,
): number {
  const lists = listsFor(page, hit, https);
  if (req.headers["if-none-match"] === page.etag) {
    res.writeHead(304, lists.notModified).end();
    return 304;
  }
  const accepts = encodingsOf(req.headers["accept-encoding"]);
  const encoding: Encoding = accepts.br ? "br" : accepts.gzip ? "gzip" : "identity";
  res.writeHead(page.status, lists[encoding]);
  res.end(
    req.method === "HEAD"
      ? undefined
      : encoding === "br"
        ? page.brotli
        : encoding === "gzip"
          ? page.gzipped
          : page.body,
  );
  return page.status;
}
