import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createReadableStreamFromReadable, createRequestHandler, type ServerBuild } from "@remix-run/node";
import express from "express";
import { PageCache, type CachedPage } from "./page-cache";

/** Stripped from every response; set by routes whose HTML is the same for all anonymous visitors. */
const PAGE_CACHE_HEADER = "x-page-cache";
/** Cookies that mean a signed-in visitor, whose pages must never come from the shared cache. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?tf_session=/;

const SECURITY_HEADERS: [string, string][] = [
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
  ["X-Frame-Options", "DENY"],
  ["Content-Security-Policy", "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"],
];

export type AppServerOptions = {
  build: ServerBuild;
  clientDir: string;
  /** The content manifest; when it changes, every cached page is dropped. */
  manifestFile: string;
  cache?: PageCache | false;
};

function isAnonymousRead(req: http.IncomingMessage) {
  return (req.method === "GET" || req.method === "HEAD") && !SESSION_COOKIE.test(req.headers.cookie ?? "");
}

function toWebRequest(req: http.IncomingMessage): Request {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
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

function sendCached(req: http.IncomingMessage, res: http.ServerResponse, page: CachedPage, hit: boolean) {
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader("ETag", page.etag);
  res.setHeader("Vary", "Accept-Encoding");
  res.setHeader("X-Cache", hit ? "HIT" : "MISS");
  if (req.headers["if-none-match"] === page.etag) {
    res.writeHead(304).end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? page.gzipped : page.body;
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.writeHead(page.status);
  res.end(req.method === "HEAD" ? undefined : body);
}

async function sendWebResponse(res: http.ServerResponse, response: Response, isHead: boolean) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== PAGE_CACHE_HEADER && name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body || isHead) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

export function createAppServer({ build, clientDir, manifestFile, cache = new PageCache() }: AppServerOptions) {
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
      const response = await handleRemix(toWebRequest(req));
      const storable =
        cache && isAnonymousRead(req) && response.status === 200 && response.headers.get(PAGE_CACHE_HEADER) === "anonymous" && !response.headers.has("set-cookie");
      if (storable) {
        const headers: [string, string][] = [];
        response.headers.forEach((value, name) => {
          if (name !== PAGE_CACHE_HEADER && name !== "content-length") headers.push([name, value]);
        });
        const page = cache.set(req.url, response.status, headers, Buffer.from(await response.arrayBuffer()));
        sendCached(req, res, page, false);
        return;
      }
      await sendWebResponse(res, response, req.method === "HEAD");
    } catch (error) {
      next(error);
    }
  });

  const server = http.createServer((req, res) => {
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    // The cache answers before Express and Remix run: that is what makes it fast.
    if (cache && isAnonymousRead(req)) {
      const page = cache.get(req.url ?? "/");
      if (page) {
        sendCached(req, res, page, true);
        return;
      }
    }
    app(req, res);
  });
  server.on("close", () => fs.unwatchFile(manifestFile));
  return server;
}
