import { createHash, randomBytes } from "node:crypto";

/**
 * Content-Security-Policy. Server-rendered pages allow Remix's inline scripts
 * by a per-response nonce; a page served from the anonymous cache cannot have a
 * fresh nonce, so its header allows exactly its own inline scripts by hash.
 */
// Styles, fonts and fetches fall back to default-src 'self'.
const BASE = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

export function newNonce() {
  return randomBytes(16).toString("base64");
}

export function cspWithNonce(nonce: string) {
  return [...BASE, `script-src 'self' 'nonce-${nonce}'`].join("; ");
}

export function cspWithHashes(html: string) {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash("sha256").update(match[1]).digest("base64")}'`,
  );
  return [...BASE, `script-src 'self' ${[...new Set(hashes)].join(" ")}`.trim()].join("; ");
}

/** For responses that are not pages (JSON, files, redirects): no scripts at all. */
export const CSP_NONE = [...BASE, "script-src 'self'"].join("; ");
