import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/auth/guards.server";
import { limitMentionLookups, suggestMentions } from "~/forum/mentions.server";

/**
 * GET /api/users/mentions?thread=12&q=sa: usernames starting with what was typed after "@", among
 * the people who posted in thread 12, for a signed-in member replying there (the member list is not
 * public, so there is nothing to suggest without a thread), rate-limited per member.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const noStore = { "Cache-Control": "private, no-store" };
  if (!user) return Response.json({ error: "Sign in to mention members." }, { status: 401, headers: noStore });
  const params = new URL(request.url).searchParams;
  const q = params.get("q") ?? "";
  if (q.length > 40) return Response.json({ error: "q is at most 40 characters." }, { status: 400, headers: noStore });
  const thread = params.get("thread") ?? "";
  if (!/^[1-9]\d{0,8}$/.test(thread))
    return Response.json(
      {
        error:
          "thread is required: the id of the thread being replied to (suggestions are the people who posted there).",
      },
      { status: 400, headers: noStore },
    );
  const limit = await limitMentionLookups(user.id);
  if (!limit.allowed)
    return Response.json(
      { error: "Too many lookups; please slow down." },
      { status: 429, headers: { ...noStore, "Retry-After": String(limit.retryAfterSeconds) } },
    );
  const users = await suggestMentions(user, Number(thread), q);
  if (!users) return Response.json({ error: "There is no such thread." }, { status: 404, headers: noStore });
  return Response.json({ users }, { headers: noStore });
}
