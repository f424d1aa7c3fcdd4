import type http from "node:http";
import { crossSiteRefusal } from "../app/lib/csrf";
import { sendRefusal } from "./refusals";
import { contentTypeProblem, rawBodyLimit } from "./request-body";

/**
 * What the server refuses before the page cache or Remix see a request: methods it does not serve,
 * host names it does not answer to, targets that are not a path, addresses no page comes near, and
 * form posts from other sites or in encodings the app does not read. Each check sends its refusal
 * (a clear 4xx with the reason) and returns false.
 *
 * Limits: Remix's route matching grows with the square of the segment count; no page of this site
 * comes near it. Body limits: request-body.ts.
 */
export const MAX_PATH_LENGTH = 4096;
/** Search queries travel in the query string, so the whole target may be longer than the path (Node caps it near 16 KB anyway). */
export const MAX_URL_LENGTH = 16 * 1024;
export const MAX_PATH_SEGMENTS = 32;

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]);
export const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

/** The one Host this site answers to (its port spelled out or not), and with `allowLocal` localhost on any port. */
export function hostChecker(origin: string, allowLocal: boolean) {
  const url = new URL(origin);
  const accepted = new Set([url.host]);
  if (!url.port) accepted.add(`${url.hostname}:${url.protocol === "https:" ? 443 : 80}`);
  return (host: string | undefined) =>
    host !== undefined &&
    (accepted.has(host) || accepted.has(host.toLowerCase()) || (allowLocal && LOCAL_HOST.test(host)));
}

export function pathOf(url: string) {
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
}

function segmentCount(pathname: string) {
  let count = 0;
  for (let index = 0; index < pathname.length; index++) if (pathname.charCodeAt(index) === 47) count++;
  return count;
}

/** A method this site serves, a Host it answers to, and a request target that is a path on it. */
export function admitRequestLine(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  isKnownHost: (host: string | undefined) => boolean,
): boolean {
  const method = req.method ?? "GET";
  if (!METHODS.has(method)) {
    sendRefusal(req, res, 405, `The ${method.slice(0, 20)} method is not allowed here.`, {
      Allow: [...METHODS].join(", "),
    });
    return false;
  }
  if (!isKnownHost(req.headers.host)) {
    sendRefusal(req, res, 400, "This site does not answer to that host name.");
    return false;
  }
  if ((req.url ?? "/").charCodeAt(0) !== 47) {
    sendRefusal(req, res, 400, "The request target must be a path on this site.");
    return false;
  }
  return true;
}

/** An address no page of this site comes near: too long (414), or too many segments deep (404). */
export function admitAddress(req: http.IncomingMessage, res: http.ServerResponse, url: string): boolean {
  const pathname = pathOf(url);
  if (url.length > MAX_URL_LENGTH || pathname.length > MAX_PATH_LENGTH) {
    sendRefusal(req, res, 414, `This address is too long (the limit is ${MAX_PATH_LENGTH} characters for the path).`);
    return false;
  }
  if (segmentCount(pathname) > MAX_PATH_SEGMENTS) {
    sendRefusal(req, res, 404, "There is no page at this address.");
    return false;
  }
  return true;
}

/** A post comes from this site's own pages (Origin, else Referer) and in an encoding the app reads. */
export function admitFormPost(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  method: string,
  siteOrigin: string,
): boolean {
  if (!BODY_METHODS.has(method)) return true;
  // A machine endpoint checks its own bearer secret and reads its own body type.
  if (rawBodyLimit(pathOf(req.url ?? "/")) !== null) return true;
  const refusal = crossSiteRefusal(method, { origin: req.headers.origin, referer: req.headers.referer }, siteOrigin);
  if (refusal) {
    sendRefusal(req, res, 403, refusal);
    return false;
  }
  const problem = contentTypeProblem(req);
  if (problem) {
    sendRefusal(req, res, problem.status, problem.message);
    return false;
  }
  return true;
}
