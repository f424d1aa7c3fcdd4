import type http from "node:http";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type express from "express";
import { PAGE_CACHE_HEADER, PAGE_TAGS_HEADER, parseCacheTags, STATUS_TAG } from "../app/lib/page-cache-tags";
import { sendCached } from "./cached-response";
import { cspWithHashes, newNonce } from "./csp";
import type { CachedPage, PageCache } from "./page-cache";
import { sendRefusal } from "./refusals";
import { readRequestBody } from "./request-body";
import { requestFactsOf, type RequestFacts } from "./request-facts";
import { BODY_METHODS, pathOf } from "./request-gate";
import { INTERNAL_HEADERS, sendWebResponse, toWebRequest } from "./web-response";

type Body = Buffer | ReadableStream<Uint8Array> | undefined;

/** The request's body (none for GET and HEAD), or null once its refusal was sent (too large, cut short, unreadable). */
async function bodyOrRefusal(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  maxBodyBytes: number,
): Promise<{ body: Body } | null> {
  if (!BODY_METHODS.has(req.method ?? "GET")) return { body: undefined };
  const read = await readRequestBody(req, res, pathOf(req.url ?? "/"), maxBodyBytes);
  if (read.ok) return { body: read.body };
  sendRefusal(req, res, read.status, read.message);
  return null;
}

/** A page every anonymous visitor sees alike: 200, marked by the route as anonymous, no cookie, HTML. */
function isStorablePage(response: Response) {
  return (
    response.status === 200 &&
    response.headers.get(PAGE_CACHE_HEADER) === "anonymous" &&
    !response.headers.has("set-cookie") &&
    (response.headers.get("content-type") ?? "").startsWith("text/html")
  );
}

type Store = { cache: PageCache; key: string; renderedSince: number };

/**
 * Stores the rendered page with its tags and sends the stored copy; an empty page is never stored and
 * goes out as rendered. Returns the page when the cache kept it (requests waiting on this render get it).
 */
async function storeAndSend(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  response: Response,
  store: Store,
  facts: RequestFacts,
  nonce: string,
) {
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    if (!INTERNAL_HEADERS.has(name) && name !== "content-length" && name !== "vary") headers.push([name, value]);
  });
  const html = Buffer.from(await response.arrayBuffer());
  if (html.length === 0) {
    await sendWebResponse(
      req,
      res,
      new Response(null, { status: response.status, headers: response.headers }),
      facts,
      nonce,
    );
    return null;
  }
  // The stored copy is served to many visitors, so its inline scripts are allowed by hash, not by this response's nonce.
  headers.push(["content-security-policy", cspWithHashes(html.toString("utf8"))]);
  // Every page's header shows the open-incident banner, so every stored page goes when the status changes.
  const tags = [...parseCacheTags(response.headers.get(PAGE_TAGS_HEADER)), STATUS_TAG];
  const page = store.cache.set(store.key, response.status, headers, html, { tags, renderedSince: store.renderedSince });
  sendStored(req, res, page, facts);
  return store.cache.holds(store.key, page) ? page : null;
}

function sendStored(req: http.IncomingMessage, res: http.ServerResponse, page: CachedPage, facts: RequestFacts) {
  // The stored header list carries everything (security headers included).
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  sendCached(req, res, page, false, facts.https);
}

/**
 * The page another request rendered for this key: the one being rendered now (waited for), or one
 * stored fresh since this request missed the cache on its way in.
 */
async function sharedCopy(cache: PageCache, key: string): Promise<CachedPage | null> {
  const pending = cache.inFlight(key);
  if (pending) return pending;
  const stored = cache.lookup(key);
  return stored && !stored.stale ? stored.page : null;
}

/** Express's last handler: Remix renders the page (or runs the action), and an anonymous page is stored on the way out. */
export function createRemixPages({
  build,
  cache,
  maxBodyBytes,
}: {
  build: ServerBuild;
  cache: PageCache | false;
  maxBodyBytes: number;
}): express.RequestHandler {
  const handleRemix = createRequestHandler(build, "production");
  return async (req, res, next) => {
    const facts = requestFactsOf(req);
    try {
      const read = await bodyOrRefusal(req, res, maxBodyBytes);
      if (!read) return;
      const key = cache && req.method === "GET" && facts.anonymous ? cache.storeKey(req.url) : null;
      // Another request is rendering this page (or stored it since this one missed): use its copy.
      const shared = cache && key !== null ? await sharedCopy(cache, key) : undefined;
      if (shared) return sendStored(req, res, shared, facts);
      const finished = cache && key !== null ? cache.startRender(key) : undefined;
      try {
        const nonce = newNonce();
        const renderedSince = cache ? cache.generationNow() : 0;
        const response = await handleRemix(toWebRequest(req, facts, read.body), { cspNonce: nonce });
        if (cache && key !== null && isStorablePage(response))
          finished?.(await storeAndSend(req, res, response, { cache, key, renderedSince }, facts, nonce));
        else {
          // Not a page to share (an event stream, a redirect, an error): waiting requests render their own now.
          finished?.(null);
          await sendWebResponse(req, res, response, facts, nonce);
        }
      } finally {
        finished?.(null);
      }
    } catch (error) {
      next(error);
    }
  };
}
