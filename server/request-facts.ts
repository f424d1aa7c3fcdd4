import type http from "node:http";

/** What the raw-request checks learned, for the Remix handler behind Express. */
export type RequestFacts = { https: boolean; clientAddress: string; anonymous: boolean };

const factsByRequest = new WeakMap<http.IncomingMessage, RequestFacts>();
const UNKNOWN: RequestFacts = { https: false, anonymous: false, clientAddress: "unknown" };

export function rememberRequestFacts(req: http.IncomingMessage, facts: RequestFacts) {
  factsByRequest.set(req, facts);
}

export function requestFactsOf(req: http.IncomingMessage): RequestFacts {
  return factsByRequest.get(req) ?? UNKNOWN;
}

function lastListValue(value: string | string[] | undefined) {
  if (value === undefined) return undefined;
  const joined = Array.isArray(value) ? value.join(",") : value;
  return joined.slice(joined.lastIndexOf(",") + 1).trim();
}

/** Whether the visitor reached us over HTTPS: only our own proxy's X-Forwarded-Proto (its last value) is believed. */
export function arrivedOverHttps(
  req: http.IncomingMessage,
  peerIsOurProxy: (address: string | undefined) => boolean,
): boolean {
  const forwardedProto = req.headers["x-forwarded-proto"];
  return (
    forwardedProto !== undefined &&
    peerIsOurProxy(req.socket.remoteAddress) &&
    lastListValue(forwardedProto) === "https"
  );
}
