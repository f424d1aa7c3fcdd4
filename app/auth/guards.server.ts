import { data, redirect } from "@remix-run/node";
import { prisma } from "../lib/db.server";
import { readSessionToken } from "./cookie.server";
import { can, type Action, type SubjectArgs } from "./permissions";
import { validateSessionTokenCached, type SessionUser, type ValidSession } from "./session.server";

/** One session validation per request, however many loaders ask. */
const perRequest = new WeakMap<Request, Promise<ValidSession | null>>();

export function getSession(request: Request): Promise<ValidSession | null> {
  let pending = perRequest.get(request);
  if (!pending) {
    const token = readSessionToken(request);
    pending = token ? validateSessionTokenCached(prisma, token) : Promise.resolve(null);
    perRequest.set(request, pending);
  }
  return pending;
}

export async function getOptionalUser(request: Request) {
  return (await getSession(request))?.user ?? null;
}

const DUMMY_ORIGIN = "http://redirect-check.invalid";
/** Controls (C0, DEL, C1), backslashes and anything outside Latin-1: browsers strip or rewrite them, so none is allowed. */
function hasUnsafeCharacter(value: string) {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code > 0xff || code === 0x5c) return true;
  }
  return false;
}
/** The same, percent-encoded: a value decoded once more on the way (a redirectTo inside a redirectTo) must stay safe. */
const UNSAFE_ENCODED = /%(?:[01][0-9a-f]|7f|5c)|^\/%2f/i;

/**
 * Only a same-site path. The value must start with a single "/", contain no
 * control, backslash or non-Latin-1 character (raw or percent-encoded), and
 * parse, by the WHATWG URL rules browsers follow, to this site's origin with
 * a path that does not itself start with "//".
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || hasUnsafeCharacter(to) || UNSAFE_ENCODED.test(to)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(to, DUMMY_ORIGIN);
  } catch {
    return fallback;
  }
  if (parsed.origin !== DUMMY_ORIGIN || parsed.pathname.startsWith("//")) return fallback;
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

export function forbidden(message = "You do not have permission to see this page.") {
  return data({ message }, { status: 403, statusText: "Forbidden" });
}

/**
 * The signed-in user, if the capability table lets them do `action` (to
 * `subject`, when the action has one); anonymous visitors are sent to sign in,
 * everyone else gets 403.
 */
export async function requireCapability<A extends Action>(
  request: Request,
  action: A,
  ...subject: SubjectArgs<A>
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, action, ...subject)) throw forbidden();
  return user;
}
