/**
 * CSRF defence for every route at once (ASVS 4.2.2, 13.2.3): a state-changing
 * request must come from a page of this site, as its Origin (or, when a browser
 * leaves Origin out or sends `Origin: null`, its Referer) shows. Scheme, host
 * and port must all match: http://site is not https://site.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

/** `expectedOrigin` is the origin the request was sent to ("https://help.example.com"). */
export function crossSiteRefusal(
  method: string,
  headers: { origin?: string | null; referer?: string | null },
  expectedOrigin: string,
): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const source = headers.origin && headers.origin !== "null" ? headers.origin : headers.referer;
  if (!source) return "Refused: a form sent to this site must come from this site (no Origin or Referer header).";
  const origin = originOf(source);
  if (!origin) return "Refused: the request's Origin is not a valid URL.";
  if (origin !== originOf(expectedOrigin)) return "Refused: this form was sent from another site.";
  return null;
}
