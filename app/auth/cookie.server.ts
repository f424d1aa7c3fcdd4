import { SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionTokenFromCookieHeader } from "../lib/cookies";
import { SESSION_ABSOLUTE_LIFETIME_MS } from "./session.server";

/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure with the
 * `__Host-` prefix whenever the site is served over HTTPS. Its lifetime is the
 * session's absolute cap; the sliding expiry is enforced on the server.
 */
// The names live with the one cookie parser, which the page cache shares.
export { SECURE_SESSION_COOKIE, SESSION_COOKIE };

function isSecure(request: Request) {
  return new URL(request.url).protocol === "https:";
}

export function readSessionToken(request: Request): string | null {
  return sessionTokenFromCookieHeader(request.headers.get("cookie"), isSecure(request));
}

export function sessionCookie(request: Request, token: string): string {
  const secure = isSecure(request);
  const name = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  const maxAge = Math.floor(SESSION_ABSOLUTE_LIFETIME_MS / 1000);
  return `${name}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function clearedSessionCookie(request: Request): string {
  const secure = isSecure(request);
  return `${secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
