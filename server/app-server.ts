import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { seesSharedPages } from "../app/lib/cookies";
import { publicOrigin as configuredPublicOrigin, serverSettings } from "../app/lib/env.server";
import { onPurge } from "../app/lib/page-cache-purge.server";
import { countPageView } from "../app/insights/page-views.server";
import { noteRequestArrival, startRequestCost } from "../app/lib/write-cost.server";
import { createClientAddressResolver, createPeerTrustCheck } from "./client-address";
import { CSP_NONE } from "./csp";
import { HSTS, SECURITY_HEADERS, sendCached } from "./cached-response";
import { PageCache } from "./page-cache";
import { createRemixPages } from "./remix-pages";
import { redirectTrailingSlash } from "./trailing-slash";
import { articleViewOf } from "./article-views";
import { FORM_BODY_LIMIT } from "./request-body";
import { arrivedOverHttps, rememberRequestFacts } from "./request-facts";
import { admitAddress, admitFormPost, admitRequestLine, hostChecker } from "./request-gate";
import { IMMUTABLE_CACHE, indexCompressedFiles, servePrecompressed, SHORT_CACHE } from "./static-files";

/**
 * The production server: node:http in front, answering what it can before anything else runs
 * (refusals from the request gate, then stored pages from the page cache), with Express behind it
 * for static files and Remix for pages (remix-pages.ts, which also stores anonymous pages).
 */

/** Pages replace this with a nonce or hash policy; everything else runs no inline script. */
const DEFAULT_HEADERS: [string, string][] = [...SECURITY_HEADERS, ["Content-Security-Policy", CSP_NONE]];

export { MAX_PATH_LENGTH, MAX_PATH_SEGMENTS, MAX_URL_LENGTH } from "./request-gate";
export { FORM_BODY_LIMIT };

export type AppServerOptions = {
  build: ServerBuild;
  clientDir: string;
  /** The content manifest; when it changes, every cached page is dropped. */
  manifestFile: string;
  cache?: PageCache | false;
  /** Behind a TLS-terminating proxy we run: believe its X-Forwarded-Proto and X-Forwarded-For (TRUST_PROXY). */
  trustProxy?: boolean;
  /** Our proxies' addresses or CIDR blocks (TRUSTED_PROXIES); empty: only the nearest hop. */
  trustedProxies?: readonly string[];
  /** The one Host this site answers to (PUBLIC_URL). */
  publicOrigin?: string;
  /** Also answer to localhost / 127.0.0.1 / [::1] on any port (development and tests). */
  allowLocalHosts?: boolean;
  maxBodyBytes?: number;
};

const FILE_NAME = /\/[^/]*\.[A-Za-z0-9]+$/;

/** Express: the client build's files (precompressed ones first), then `pages` for everything else. */
function createExpressApp(clientDir: string, pages: express.RequestHandler) {
  const compressedFiles = indexCompressedFiles(clientDir);
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  app.use((req, res, next) => {
    if (!servePrecompressed(compressedFiles, req, res)) next();
  });
  // `redirect: false`: a folder of files is never answered with a 301 to its slash form; a page may share its address.
  app.use(
    "/assets",
    express.static(path.join(clientDir, "assets"), {
      immutable: true,
      maxAge: "1y",
      redirect: false,
      setHeaders: (res) => res.setHeader("Cache-Control", IMMUTABLE_CACHE),
    }),
  );
  const publicFiles = express.static(clientDir, {
    index: false,
    redirect: false,
    setHeaders: (res) => res.setHeader("Cache-Control", SHORT_CACHE),
  });
  // Every file the client build holds outside /assets has an extension, and no page address ends in
  // one but Remix's `.data`: a page request goes straight to Remix without a file-system stat (4 % of
  // an uncached page's time).
  app.use((req, res, next) => {
    if (FILE_NAME.test(req.path) && !req.path.endsWith(".data")) publicFiles(req, res, next);
    else next();
  });
  app.use(pages);
  return app;
}

/** Purges (tags) reach the cache, and a new content manifest (a deploy) drops every page; the returned function stops both. */
function keepCacheCurrent(cache: PageCache | false, manifestFile: string) {
  const stopPurging = cache ? onPurge((tags, mode) => cache.purge(tags, mode)) : () => {};
  if (cache) fs.watchFile(manifestFile, { interval: 500 }, () => cache.clear());
  return () => {
    fs.unwatchFile(manifestFile);
    stopPurging();
  };
}

/**
 * A stored page for an anonymous GET or HEAD, sent before Express and Remix run: that is what makes the
 * cache fast. False on a miss, and for a stale page nobody is refreshing yet: this request renders it
 * (remix-pages.ts), while the requests after it get the stale copy until the new one is stored.
 */
function sendCacheHit(
  cache: PageCache,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  https: boolean,
  viewedPath: string | null,
): boolean {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") return false;
  const key = cache.key(req.url ?? "/");
  const found = key === null ? undefined : cache.lookup(key);
  // A stale page: the first request renders the new copy (remix-pages.ts), the others get this one meanwhile.
  if (!found || (found.stale && cache.claimRefresh(key!))) return false;
  const status = sendCached(req, res, found.page, true, https);
  // A hit's status is known now; waiting for "finish" would cost a listener per response.
  if (viewedPath !== null && status === 200) countPageView(viewedPath);
  return true;
}

function countViewWhenServed(res: http.ServerResponse, viewedPath: string) {
  res.on("finish", () => {
    if (res.statusCode === 200) countPageView(viewedPath);
  });
}

export function createAppServer({
  build,
  clientDir,
  manifestFile,
  cache = new PageCache(),
  trustProxy = serverSettings.trustProxy,
  trustedProxies = serverSettings.trustedProxies,
  publicOrigin = configuredPublicOrigin,
  allowLocalHosts = serverSettings.allowLocalHosts,
  maxBodyBytes = FORM_BODY_LIMIT,
}: AppServerOptions) {
  const resolveClientAddress = createClientAddressResolver({ trustProxy, trustedProxies });
  const peerIsOurProxy = createPeerTrustCheck({ trustProxy, trustedProxies });
  const isKnownHost = hostChecker(publicOrigin, allowLocalHosts);
  const app = createExpressApp(clientDir, createRemixPages({ build, cache, maxBodyBytes }));
  const stopKeepingCacheCurrent = keepCacheCurrent(cache, manifestFile);

  const server = http.createServer((req, res) => {
    if (!admitRequestLine(req, res, isKnownHost)) return;
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const https = arrivedOverHttps(req, peerIsOurProxy);
    const anonymous = seesSharedPages(req.headers.cookie);
    // Article and doc views are counted here so cache hits count too (batched: app/insights/page-views.server.ts).
    const viewedPath = method === "GET" ? articleViewOf(url, req.headers) : null;
    // A cache hit is answered within this turn: it only spoils the measurement of a write in flight.
    noteRequestArrival();
    if (cache && anonymous && sendCacheHit(cache, req, res, https, viewedPath)) return;
    // Every other request but an event stream is followed to its end, so a write that overlapped it is
    // left out of /healthz's write costs, and queued tasks start after the answers in flight.
    if (req.headers.accept !== "text/event-stream")
      res.on("close", startRequestCost(method !== "GET" && method !== "HEAD"));
    if (viewedPath !== null) countViewWhenServed(res, viewedPath);
    if (!admitAddress(req, res, url)) return;
    // After the size checks (an over-long address is refused, not redirected); a cache lookup of `/x/` above always misses.
    if (redirectTrailingSlash(req, res)) return;
    for (const [name, value] of DEFAULT_HEADERS) res.setHeader(name, value);
    if (https) res.setHeader(...HSTS);
    if (!admitFormPost(req, res, method, `${https ? "https" : "http"}://${req.headers.host}`)) return;
    rememberRequestFacts(req, {
      https,
      anonymous,
      clientAddress: resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"]),
    });
    app(req, res);
  });
  server.on("close", stopKeepingCacheCurrent);
  return server;
}
