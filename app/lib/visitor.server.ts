import { randomBytes } from "node:crypto";
import { parseCookieHeader } from "./cookies";

const COOKIE = "tf_visitor";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The anonymous visitor id from the cookie; it carries no personal data. */
export function readVisitorId(request: Request): string | null {
  const value = parseCookieHeader(request.headers.get("cookie")).get(COOKIE);
  return value && /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : null;
}

export function ensureVisitorId(request: Request): { visitorId: string; setCookie: string | null } {
  const existing = readVisitorId(request);
  if (existing) return { visitorId: existing, setCookie: null };
  const visitorId = randomBytes(16).toString("base64url");
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return {
    visitorId,
    setCookie: `${COOKIE}=${visitorId}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure}`,
  };
}
