import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import express from "express";
import { isAnonymousCookieHeader } from "../app/lib/cookies";
import { crossSiteRefusal } from "../app/lib/csrf";
import { publicOrigin as configuredPublicOrigin, serverSettings } from "../app/lib/env.server";
import { onPurge } from "../app/lib/page-cache-purge.server";
import { countPageView } from "../app/insights/page-views.server";
import { PAGE_CACHE_HEADER, PAGE_TAGS_HEADER, parseCacheTags, STATUS_TAG } from "../app/lib/page-cache-tags";
import { createClientAddressResolver, createPeerTrustCheck } from "./client-address";
import { CSP_NONE, cspWithHashes, cspWithNonce, newNonce } from "./csp";
import { HSTS, SECURITY_HEADERS, sendCached } from "./cached-response";
import { PageCache } from "./page-cache";
import { sendRefusal } from "./refusals";
import { redirectTrailingSlash } from "./trailing-slash";
import { articleViewOf } from "./article-views";
import { contentTypeProblem, FORM_BODY_LIMIT, readRequestBody } from "./request-body";
import { IMMUTABLE_CACHE, indexCompressedFiles, servePrecompressed, SHORT_CACHE } from "./static-files";

/** Response headers only the server reads (Headers lower-cases names). */
const INTERNAL_HEADERS = new Set([PAGE_CACHE_HEADER.toLowerCase(), PAGE_TAGS_HEADER.toLowerCase()]);

/** Pages replace this with a nonce or hash policy; everything else runs no inline script. */
const DEFAULT_HEADERS: [string, string][] = [...SECURITY_HEADERS, ["Content-Security-Policy", CSP_NONE]];

/**
 * Limits checked before Remix runs. Remix's route matching grows with the square
 * of the segment count; no page of this site comes near it. Body limits: request-body.ts.
 */
export const MAX_PATH_LENGTH = 4096;
/** Search queries travel in the query string, so the whole target may be longer than the path (Node caps it near 16 KB anyway). */
export const MAX_URL_LENGTH = 16 * 1024;
export const MAX_PATH_SEGMENTS = 32;
export { FORM_BODY_LIMIT };

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Pages that show an account's own data or staff tools: never stored by a browser or proxy. */
const NO_STORE_PREFIXES = ["/settings", "/admin"];

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

const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

function hostChecker(origin: string, allowLocal: boolean) {
  const url = new URL(origin);
  const accepted = new Set([url.host]);
  if (!url.port) accepted.add(`${url.hostname}:${url.protocol === "https:" ? 443 : 80}`);
  return (host: string | undefined) => host !== undefined && (accepted.has(host) || accepted.has(host.toLowerCase()) || (allowLocal && LOCAL_HOST.test(host)));
}

function lastListValue(value: string | string[] | undefined) {
  if (value === undefined) return undefined;
  const joined = Array.isArray(value) ? value.join(",") : value;
  return joined.slice(joined.lastIndexOf(",") + 1).trim();
}

function pathOf(url: string) {
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
}

function segmentCount(pathname: string) {
  let count = 0;
  for (let index = 0; index < pathname.length; index++) if (pathname.charCodeAt(index) === 47) count++;
  return count;
}

function isNoStorePath(pathname: string) {
  return NO_STORE_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`) || pathname.startsWith(`${prefix}.`));
}

/**
 * Never passed to Remix: x-client-address is ours to set; x-forwarded-host is
 * not something our proxy sends, and Remix would compare it with Origin (a 500).
 */
const DROPPED_REQUEST_HEADERS = new Set(["x-client-address", "x-forwarded-host"]);

type RequestFacts = { https: boolean; clientAddress: string; anonymous: boolean };
/** What the raw-request checks learned, for the Remix handler behind Express. */
const requestFacts = new WeakMap<http.IncomingMessage, RequestFacts>();

function toWebRequest(req: http.IncomingMessage, facts: RequestFacts, body: Buffer | ReadableStream<Uint8Array> | undefined): Request {
  // Concatenated, not resolved: a request line like `//evil.example/x` stays a path on this host.
  const url = new URL(`${facts.https ? "https" : "http"}://${req.headers.host}${req.url}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || DROPPED_REQUEST_HEADERS.has(name)) continue;
    // The Origin check above fell back to the Referer; Remix's own check would throw (a 500) on a literal "null".
    if (name === "origin" && value === "null") continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  // Rate limits key on this; it comes from the socket (or our own proxy), never from the client.
  headers.set("x-client-address", facts.clientAddress);
  if (Buffer.isBuffer(body) && body.length === 0 && !headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
  // A streamed upload (request-body.ts) is read while the action runs: fetch calls that half duplex.
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, body, duplex: Buffer.isBuffer(body) ? undefined : "half" };
  return new Request(url, init);
}

function addVary(current: string | undefined, value: string) {
  if (!current) return value;
  return current.toLowerCase().split(/\s*,\s*/).includes(value.toLowerCase()) ? current : `${current}, ${value}`;
}

async function sendWebResponse(req: http.IncomingMessage, res: http.ServerResponse, response: Response, facts: RequestFacts, nonce: string) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (!INTERNAL_HEADERS.has(name) && name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  const contentType = String(headers["content-type"] ?? "");
  const isPage = contentType.startsWith("text/html");
  if (isPage) headers["content-security-policy"] = cspWithNonce(nonce);
  const pathname = pathOf(req.url ?? "/");
  // Pages and their .data differ by cookie (a signed-in header, personal data), so shared caches must key on it.
  if (isPage || pathname.endsWith(".data")) headers.vary = addVary(headers.vary as string | undefined, "Cookie");
  if (isNoStorePath(pathname)) headers["cache-control"] = "no-store";
  else if (!facts.anonymous) headers["cache-control"] = "private, no-store";
  if (facts.https) headers[HSTS[0].toLowerCase()] = HSTS[1];
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body || req.method === "HEAD") {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // The client hung up (a live event stream never ends by itself): cancelling the body frees what it holds at once.
  const cancelBody = () => void reader.cancel().catch(() => {});
  res.on("close", cancelBody);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      res.write(value);
    }
  } finally {
    res.off("close", cancelBody);
  }
  res.end();
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
  const handleRemix = createRequestHandler(build, "production");
  const resolveClientAddress = createClientAddressResolver({ trustProxy, trustedProxies });
  const peerIsOurProxy = createPeerTrustCheck({ trustProxy, trustedProxies });
  const isKnownHost = hostChecker(publicOrigin, allowLocalHosts);
  const compressedFiles = indexCompressedFiles(clientDir);

  const stopPurging = cache ? onPurge((tags) => cache.purge(tags)) : () => {};
  if (cache) fs.watchFile(manifestFile, { interval: 500 }, () => cache.clear());

  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  app.use((req, res, next) => {
    if (!servePrecompressed(compressedFiles, req, res)) next();
  });
  // `redirect: false`: a folder of files is never answered with a 301 to its slash form; a page may share its address.
  app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y", redirect: false, setHeaders: (res) => res.setHeader("Cache-Control", IMMUTABLE_CACHE) }));
  app.use(express.static(clientDir, { index: false, redirect: false, setHeaders: (res) => res.setHeader("Cache-Control", SHORT_CACHE) }));
  app.use(async (req, res, next) => {
    const facts = requestFacts.get(req) ?? { https: false, anonymous: false, clientAddress: "unknown" };
    try {
      let body: Buffer | ReadableStream<Uint8Array> | undefined;
      if (BODY_METHODS.has(req.method)) {
        const read = await readRequestBody(req, res, pathOf(req.url), maxBodyBytes);
        if (!read.ok) {
          sendRefusal(req, res, read.status, read.message);
          return;
        }
        body = read.body;
      }
      const nonce = newNonce();
      const renderedSince = cache ? cache.generationNow() : 0;
      const response = await handleRemix(toWebRequest(req, facts, body), { cspNonce: nonce });
      const cacheKey = cache && req.method === "GET" && facts.anonymous ? cache.storeKey(req.url) : null;
      const storable =
        cache &&
        cacheKey !== null &&
        response.status === 200 &&
        response.headers.get(PAGE_CACHE_HEADER) === "anonymous" &&
        !response.headers.has("set-cookie") &&
        (response.headers.get("content-type") ?? "").startsWith("text/html");
      if (storable) {
        const headers: [string, string][] = [];
        response.headers.forEach((value, name) => {
          if (!INTERNAL_HEADERS.has(name) && name !== "content-length" && name !== "vary") headers.push([name, value]);
        });
        const html = Buffer.from(await response.arrayBuffer());
        if (html.length > 0) {
          // The stored copy is served to many visitors, so its inline scripts are allowed by hash, not by this response's nonce.
          headers.push(["content-security-policy", cspWithHashes(html.toString("utf8"))]);
          // Every page's header shows the open-incident banner, so every stored page goes when the status changes.
          const tags = [...parseCacheTags(response.headers.get(PAGE_TAGS_HEADER)), STATUS_TAG];
          const page = cache.set(cacheKey, response.status, headers, html, { tags, renderedSince });
          // The stored header list carries everything (security headers included).
          for (const name of res.getHeaderNames()) res.removeHeader(name);
          sendCached(req, res, page, false, facts.https);
          return;
        }
        // An empty page is never stored; send it as rendered.
        await sendWebResponse(req, res, new Response(null, { status: response.status, headers: response.headers }), facts, nonce);
        return;
      }
      await sendWebResponse(req, res, response, facts, nonce);
    } catch (error) {
      next(error);
    }
  });

  const server = http.createServer((req, res) => {
    const method = req.method ?? "GET";
    if (!METHODS.has(method)) {
      sendRefusal(req, res, 405, `The ${method.slice(0, 20)} method is not allowed here.`, { Allow: [...METHODS].join(", ") });
      return;
    }
    const host = req.headers.host;
    if (!isKnownHost(host)) {
      sendRefusal(req, res, 400, "This site does not answer to that host name.");
      return;
    }
    const url = req.url ?? "/";
    if (url.charCodeAt(0) !== 47) {
      sendRefusal(req, res, 400, "The request target must be a path on this site.");
      return;
    }
    const forwardedProto = req.headers["x-forwarded-proto"];
    const https = forwardedProto !== undefined && peerIsOurProxy(req.socket.remoteAddress) && lastListValue(forwardedProto) === "https";
    const anonymous = isAnonymousCookieHeader(req.headers.cookie);
    // Article and doc views are counted here so cache hits count too (batched: app/insights/page-views.server.ts).
    const viewedPath = method === "GET" ? articleViewOf(url, req.headers) : null;
    // The cache answers before Express and Remix run: that is what makes it fast.
    if (cache && anonymous && (method === "GET" || method === "HEAD")) {
      const key = cache.key(url);
      const page = key === null ? undefined : cache.get(key);
      if (page) {
        const status = sendCached(req, res, page, true, https);
        // A hit's status is known now; waiting for "finish" would cost a listener per response.
        if (viewedPath !== null && status === 200) countPageView(viewedPath);
        return;
      }
    }
    if (viewedPath !== null) {
      res.on("finish", () => {
        if (res.statusCode === 200) countPageView(viewedPath);
      });
    }
    const pathname = pathOf(url);
    if (url.length > MAX_URL_LENGTH || pathname.length > MAX_PATH_LENGTH) {
      sendRefusal(req, res, 414, `This address is too long (the limit is ${MAX_PATH_LENGTH} characters for the path).`);
      return;
    }
    if (segmentCount(pathname) > MAX_PATH_SEGMENTS) {
      sendRefusal(req, res, 404, "There is no page at this address.");
      return;
    }
    // After the size checks (an over-long address is refused, not redirected); a cache lookup of `/x/` above always misses.
    if (redirectTrailingSlash(req, res)) return;
    for (const [name, value] of DEFAULT_HEADERS) res.setHeader(name, value);
    if (https) res.setHeader(...HSTS);
    if (BODY_METHODS.has(method)) {
      const refusal = crossSiteRefusal(method, { origin: req.headers.origin, referer: req.headers.referer }, `${https ? "https" : "http"}://${host}`);
      if (refusal) {
        sendRefusal(req, res, 403, refusal);
        return;
      }
      const problem = contentTypeProblem(req);
      if (problem) {
        sendRefusal(req, res, problem.status, problem.message);
        return;
      }
    }
    requestFacts.set(req, { https, anonymous, clientAddress: resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"]) });
    app(req, res);
  });
  server.on("close", () => {
    fs.unwatchFile(manifestFile);
    stopPurging();
  });
  return server;
}
