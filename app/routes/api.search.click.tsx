import type { ActionFunctionArgs } from "@remix-run/node";
import { searchClickSchema } from "~/search/analytics.server";
import { limitSearchClicks, recordSearchClick } from "~/search/requests.server";

/** POST /api/search/click (query, resultId, position): which result a search led to. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "Use POST." }, { status: 405 });
  const form = await request.formData().catch(() => null);
  if (!form) return Response.json({ error: "Send the click as a form." }, { status: 400 });
  const parsed = searchClickSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return Response.json({ error: `${issue?.path.join(".")}: ${issue?.message}` }, { status: 400 });
  }
  const limit = await limitSearchClicks(request);
  if (!limit.allowed)
    return Response.json(
      { error: "Too many clicks recorded." },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  await recordSearchClick(parsed.data);
  return new Response(null, { status: 204 });
}

export async function loader() {
  return Response.json({ error: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
}
