/**
 * CSRF defence for every route at once (ASVS 4.2.2, 13.2.3): a state-changing
 * request must come from a page of this site, as its Origin (or, when a browser
 * leaves Origin out, its Referer) shows.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function crossSiteRefusal(method: string, headers: { origin?: string | null; referer?: string | null; host?: string | null }): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const source = headers.origin && headers.origin !== "null" ? headers.origin : headers.referer;
  if (!source) return "Refused: a form sent to this site must come from this site (no Origin or Referer header).";
  let host: string;
  try {
    host = new URL(source).host;
  } catch {
    return "Refused: the request's Origin is not a valid URL.";
  }
  if (!headers.host || host !== headers.host) return "Refused: this form was sent from another site.";
  return null;
}
