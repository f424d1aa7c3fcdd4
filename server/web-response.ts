import type http from "node:http";
import { PAGE_CACHE_HEADER, PAGE_TAGS_HEADER } from "../app/lib/page-cache-tags";
import { HSTS } from "./cached-response";
import { cspWithNonce } from "./csp";
import type { RequestFacts } from "./request-facts";
import { pathOf } from "./request-gate";

/** Response headers only the server reads (Headers lower-cases names). */
export const INTERNAL_HEADERS = new Set([PAGE_CACHE_HEADER.toLowerCase(), PAGE_TAGS_HEADER.toLowerCase()]);

/** Pages that show an account's own data or staff tools: never stored by a browser or proxy. */
const NO_STORE_PREFIXES = ["/settings", "/admin"];

/**
 * Never passed to Remix: x-client-address is ours to set; x-forwarded-host is
 * not something our proxy sends, and Remix would compare it with Origin (a 500).
 */
const DROPPED_REQUEST_HEADERS = new Set(["x-client-address", "x-forwarded-host"]);

function isNoStorePath(pathname: string) {
  return NO_STORE_PREFIXES.some(
    (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`) || pathname.startsWith(`${prefix}.`),
  );
}

function addVary(current: string | undefined, value: string) {
  if (!current) return value;
  return current
    .toLowerCase()
    .split(/\s*,\s*/)
    .includes(value.toLowerCase())
    ? current
    : `${current}, ${value}`;
}

/** The Node request as the fetch Request Remix reads, with the client address we determined. */
export function toWebRequest(
  req: http.IncomingMessage,
  facts: RequestFacts,
  body: Buffer | ReadableStream<Uint8Array> | undefined,
): Request {
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
  if (Buffer.isBuffer(body) && body.length === 0 && !headers.has("content-type"))
    headers.set("content-type", "application/x-www-form-urlencoded");
  // A streamed upload (request-body.ts) is read while the action runs: fetch calls that half duplex.
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers,
    body,
    duplex: Buffer.isBuffer(body) ? undefined : "half",
  };
  return new Request(url, init);
}

/** Remix's headers for the Node response: this response's nonce policy on pages, Vary and no-store where personal. */
function nodeHeaders(req: http.IncomingMessage, response: Response, facts: RequestFacts, nonce: string) {
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
  return headers;
}

/** Sends a fetch Response through Node, streaming its body until it ends or the client hangs up. */
export async function sendWebResponse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  response: Response,
  facts: RequestFacts,
  nonce: string,
) {
  res.writeHead(response.status, response.statusText, nodeHeaders(req, response, facts, nonce));
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
