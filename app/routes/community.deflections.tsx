import type { ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/auth/guards.server";
import { deflectionSchema, recordDeflection } from "~/forum/deflections.server";
import { limitSearchClicks } from "~/search/requests.server";

/** POST /community/deflections (query, resultId, resultType, position): a suggested answer clicked from the new-thread form. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "Use POST." }, { status: 405 });
  const form = await request.formData().catch(() => null);
  if (!form) return Response.json({ error: "Send the click as a form." }, { status: 400 });
  const parsed = deflectionSchema.safeParse(Object.fromEntries(form));
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
  const user = await getOptionalUser(request);
  await recordDeflection(user?.id ?? null, parsed.data);
  return new Response(null, { status: 204 });
}

export async function loader() {
  return Response.json({ error: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
}
