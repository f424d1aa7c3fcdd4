import { SESSION_ABSOLUTE_LIFETIME_MS } from "./session.server";

/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure with the
 * `__Host-` prefix whenever the site is served over HTTPS. Its lifetime is the
 * session's absolute cap; the sliding expiry is enforced on the server.
 */
export const SESSION_COOKIE = "tf_session";
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

function isSecure(request: Request) {
  return new URL(request.url).protocol === "https:";
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  const name = isSecure(request) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("=")) || null;
  }
  return null;
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
