import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/auth/guards.server";
import { limitMentionLookups, suggestMentions } from "~/forum/mentions.server";

/**
 * GET /api/users/mentions?q=sa: usernames starting with what was typed after "@", for signed-in
 * members writing a post (the list of members is not public), rate-limited per member.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const noStore = { "Cache-Control": "private, no-store" };
  if (!user) return Response.json({ error: "Sign in to mention members." }, { status: 401, headers: noStore });
  const q = new URL(request.url).searchParams.get("q") ?? "";
  if (q.length > 40) return Response.json({ error: "q is at most 40 characters." }, { status: 400, headers: noStore });
  const limit = await limitMentionLookups(user.id);
  if (!limit.allowed) return Response.json({ error: "Too many lookups; please slow down." }, { status: 429, headers: { ...noStore, "Retry-After": String(limit.retryAfterSeconds) } });
  return Response.json({ users: await suggestMentions(q) }, { headers: noStore });
}
