import { data, redirect } from "@remix-run/node";
import { sessionCookie } from "./cookie.server";
import { safeRedirect } from "./guards.server";
import type { RateLimitResult } from "../lib/rate-limit.server";
import { prisma } from "../lib/db.server";
import { createSession } from "./session.server";

export type FormFailure = { fieldErrors: Record<string, string>; values?: Record<string, string> };

export function formFailure(status: number, failure: FormFailure, headers?: HeadersInit) {
  return data(failure, { status, headers });
}

export function tooManyAttempts(limit: Extract<RateLimitResult, { allowed: false }>, values?: Record<string, string>) {
  const minutes = Math.ceil(limit.retryAfterSeconds / 60);
  return formFailure(
    429,
    { fieldErrors: { form: `Too many attempts. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.` }, values },
    { "Retry-After": String(limit.retryAfterSeconds) },
  );
}

/** Starts a session for the user and redirects (only to a same-site path). */
export async function signInAndRedirect(request: Request, userId: string, redirectTo: FormDataEntryValue | string | null, fallback = "/settings") {
  const { token } = await createSession(prisma, userId, request.headers.get("user-agent") ?? "");
  return redirect(safeRedirect(redirectTo, fallback), { headers: { "Set-Cookie": sessionCookie(request, token) } });
}
