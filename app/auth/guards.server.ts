import { data, redirect } from "@remix-run/node";
import { prisma } from "../lib/db.server";
import { readSessionToken } from "./cookie.server";
import type { Role } from "./roles";
import { validateSessionToken, type ValidSession } from "./session.server";

/** One session validation per request, however many loaders ask. */
const perRequest = new WeakMap<Request, Promise<ValidSession | null>>();

export function getSession(request: Request): Promise<ValidSession | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    const token = readSessionToken(request);
    pending = token ? validateSessionToken(prisma, token) : Promise.resolve(null);
    perRequest.set(request, pending);
  }
  return pending;
}

export async function getOptionalUser(request: Request) {
  return (await getSession(request))?.user ?? null;
}

/** Only same-site paths: never another host, a protocol-relative URL or a backslash trick. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\") || /[\r\n]/.test(to)) return fallback;
  return to;
}

export async function requireSession(request: Request): Promise<ValidSession> {
  const session = await getSession(request);
  if (!session) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(safeRedirect(url.pathname + url.search))}`);
  }
  return session;
}

export async function requireUser(request: Request) {
  return (await requireSession(request)).user;
}

export async function requireRole(request: Request, roles: readonly Role[]) {
  const user = await requireUser(request);
  if (!(roles as readonly string[]).includes(user.role)) {
    throw data({ message: "You do not have permission to see this page." }, { status: 403, statusText: "Forbidden" });
  }
  return user;
}
