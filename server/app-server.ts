import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createReadableStreamFromReadable, createRequestHandler, type ServerBuild } from "@remix-run/node";
import express from "express";
import { crossSiteRefusal } from "../app/lib/csrf";
import { CSP_NONE, cspWithHashes, cspWithNonce, newNonce } from "./csp";
import { PageCache, type CachedPage } from "./page-cache";

/** Stripped from every response; set by routes whose HTML is the same for all anonymous visitors. */
const PAGE_CACHE_HEADER = "x-page-cache";
/** Cookies that mean a signed-in visitor, whose pages must never come from the shared cache. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?tf_session=/;

/** Framing is refused by CSP frame-ancestors; every extra header costs each cached response (and its client) a little. */
const SECURITY_HEADERS: [string, string][] = [
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
];
/** Pages replace this with a nonce or hash policy; everything else runs no inline script. */
const DEFAULT_HEADERS: [string, string][] = [...SECURITY_HEADERS, ["Content-Security-Policy", CSP_NONE]];

export type AppServerOptions = {
  build: ServerBuild;
  /** Behind a TLS-terminating proxy we run: believe its X-Forwarded-Proto. */
  trustProxy?: boolean;
  clientDir: string;
  /** The content manifest; when it changes, every cached page is dropped. */
  manifestFile: string;
  cache?: PageCache | false;
};

function isAnonymousRead(req: http.IncomingMessage) {
  return (req.method === "GET" || req.method === "HEAD") && !SESSION_COOKIE.test(req.headers.cookie ?? "");
}

function toWebRequest(req: http.IncomingMessage, trustProxy: boolean): Request {
  const https = trustProxy && req.headers["x-forwarded-proto"] === "https";
  const url = new URL(req.url ?? "/", `${https ? "https" : "http"}://${req.headers.host ?? "localhost"}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === "x-client-address") continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  // Rate limits key on this; it comes from the socket, never from the client.
  headers.set("x-client-address", req.socket.remoteAddress ?? "unknown");
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? createReadableStreamFromReadable(req) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** Header lists for a cached page, built once when it is stored: a hit then costs one writeHead. */
type PreparedHeaders = { identity: string[]; gzip: string[]; notModified: string[] };
const prepared = new WeakMap<CachedPage, PreparedHeaders>();

function preparedHeaders(page: CachedPage): PreparedHeaders {
  let headers = prepared.get(page);
  if (!headers) {
    const common = [...SECURITY_HEADERS.flat(), ...page.headers.flat(), "ETag", page.etag, "Vary", "Accept-Encoding", "X-Cache", "HIT"];
    headers = {
      identity: [...common, "Content-Length", String(page.body.length)],
      gzip: [...common, "Content-Encoding", "gzip", "Content-Length", String(page.gzipped.length)],
      notModified: [...SECURITY_HEADERS.flat(), "ETag", page.etag, "Vary", "Accept-Encoding", "X-Cache", "HIT"],
    };
    prepared.set(page, headers);
  }
  return headers;
}

function sendCached(req: http.IncomingMessage, res: http.ServerResponse, page: CachedPage, hit: boolean) {
  const headers = preparedHeaders(page);
  const marker = hit ? undefined : ["X-Cache", "MISS"];
  if (req.headers["if-none-match"] === page.etag) {
    res.writeHead(304, marker ? headers.notModified.slice(0, -2).concat(marker) : headers.notModified).end();
    return;
  }
  const gzip = (req.headers["accept-encoding"] ?? "").includes("gzip");
  const list = gzip ? headers.gzip : headers.identity;
  res.writeHead(page.status, marker ? withMissMarker(list) : list);
  res.end(req.method === "HEAD" ? undefined : gzip ? page.gzipped : page.body);
}

function withMissMarker(list: string[]) {
  const copy = [...list];
  copy[copy.indexOf("X-Cache") + 1] = "MISS";
  return copy;
}

async function sendWebResponse(res: http.ServerResponse, response: Response, isHead: boolean, nonce: string) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== PAGE_CACHE_HEADER && name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  if (String(headers["content-type"] ?? "").startsWith("text/html")) headers["content-security-policy"] = cspWithNonce(nonce);
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body || isHead) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

export function createAppServer({ build, clientDir, manifestFile, cache = new PageCache(), trustProxy = false }: AppServerOptions) {
  const handleRemix = createRequestHandler(build, "production");

  if (cache) {
    fs.watchFile(manifestFile, { interval: 500 }, () => cache.clear());
  }

  const app = express();
  app.disable("x-powered-by");
  app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(clientDir, { maxAge: "1h", index: false }));
  app.use(async (req, res, next) => {
    try {
      const nonce = newNonce();
      const response = await handleRemix(toWebRequest(req, trustProxy), { cspNonce: nonce });
      const storable =
        cache && isAnonymousRead(req) && response.status === 200 && response.headers.get(PAGE_CACHE_HEADER) === "anonymous" && !response.headers.has("set-cookie");
      if (storable) {
        const headers: [string, string][] = [];
        response.headers.forEach((value, name) => {
          if (name !== PAGE_CACHE_HEADER && name !== "content-length") headers.push([name, value]);
        });
        const body = Buffer.from(await response.arrayBuffer());
        // The stored copy is served to many visitors, so its inline scripts are allowed by hash, not by this response's nonce.
        headers.push(["content-security-policy", cspWithHashes(body.toString("utf8"))]);
        const page = cache.set(req.url, response.status, headers, body);
        // The stored header list carries everything (security headers included).
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        sendCached(req, res, page, false);
        return;
      }
      await sendWebResponse(res, response, req.method === "HEAD", nonce);
    } catch (error) {
      next(error);
    }
  });

  const server = http.createServer((req, res) => {
    // The cache answers before Express and Remix run: that is what makes it fast.
    if (cache && isAnonymousRead(req)) {
      const page = cache.get(req.url ?? "/");
      if (page) {
        sendCached(req, res, page, true);
        return;
      }
    }
    for (const [name, value] of DEFAULT_HEADERS) res.setHeader(name, value);
    const refusal = crossSiteRefusal(req.method ?? "GET", { origin: req.headers.origin, referer: req.headers.referer, host: req.headers.host });
    if (refusal) {
      res.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" }).end(refusal);
      return;
    }
    app(req, res);
  });
  server.on("close", () => fs.unwatchFile(manifestFile));
  return server;
}
