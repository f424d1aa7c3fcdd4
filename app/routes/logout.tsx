import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearedSessionCookie } from "~/auth/cookie.server";
import { getSession } from "~/auth/guards.server";
import { signOut } from "~/auth/users.server";

/** POST /logout: ends this browser's session, then says so (/signed-out). */
export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  if (session) await signOut(session.sessionId);
  return redirect("/signed-out", { headers: { "Set-Cookie": clearedSessionCookie(request) } });
}

/** Signing out changes state, so a GET (a link, a prefetch, an image tag) must not do it. */
export async function loader() {
  return new Response("Sign out with a POST request (the Sign out button).", {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}
