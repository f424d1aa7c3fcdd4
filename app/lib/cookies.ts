/**
 * The one cookie parser. The session reader (app/auth/cookie.server.ts), the
 * visitor id and the page cache's "is this visitor anonymous?" test all read
 * cookies through this module, so a header the parser would sign in can never
 * look anonymous to the cache.
 *
 * No imports: server/app-server.ts loads this outside the Remix build.
 */
export const SESSION_COOKIE = "tf_session";
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
/** The device's own colour theme ("light" | "dark" | "system"): app/lib/theme.ts. */
export const THEME_COOKIE = "tf_theme";

/** Cookie values are percent-encoded by convention only; a malformed one (`%zz`) is kept as sent rather than thrown on. */
function decodeCookieValue(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Name → value for a Cookie header (the first of a repeated name wins, as browsers send the most specific first). Never throws. */
export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    if (!name || cookies.has(name)) continue;
    let value = part.slice(separator + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    cookies.set(name, decodeCookieValue(value));
  }
  return cookies;
}

/**
 * True when the header cannot carry a session: the cache serves shared pages only then.
 * Deliberately broader than the parser: every mention of the cookie name, however
 * mangled the rest of the header, counts as "maybe signed in" and bypasses the cache.
 */
export function isAnonymousCookieHeader(header: string | null | undefined): boolean {
  return !header || !header.includes(SESSION_COOKIE);
}

/**
 * True when the visitor gets the page every anonymous visitor shares: no session and no theme of
 * their own (a chosen theme is rendered into the page's <html>, so that page is theirs alone and
 * is neither served from nor stored in the page cache).
 */
export function seesSharedPages(header: string | null | undefined): boolean {
  return isAnonymousCookieHeader(header) && !(header ?? "").includes(THEME_COOKIE);
}

/** The session token from a Cookie header; over HTTPS only the `__Host-` cookie counts. */
export function sessionTokenFromCookieHeader(header: string | null | undefined, secure: boolean): string | null {
  const token = parseCookieHeader(header).get(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
  return token ? token : null;
}
