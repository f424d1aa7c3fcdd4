import { parseForm } from "~/lib/form-parse";
import type { ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/auth/guards.server";
import { threadReadSchema } from "~/forum/schemas";
import { recordThreadRead } from "~/forum/read-markers.server";
import { firstError } from "~/lib/form-intent";

/**
 * POST /api/forum/read (threadId, upTo): the thread page, once shown to a signed-in reader, says how
 * far they have read, which the thread lists' "N new" counts follow. The page's GET writes nothing,
 * so a prefetch or a crawler never marks a thread read.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST")
    return Response.json({ error: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
  const user = await getOptionalUser(request);
  if (!user) return Response.json({ error: "Sign in to keep track of what you have read." }, { status: 401 });
  const form = await request.formData().catch(() => null);
  if (!form) return Response.json({ error: "Send the thread and post number as a form." }, { status: 400 });
  const submission = parseForm(form, threadReadSchema);
  if (submission.status !== "success")
    return Response.json({ error: firstError(submission, "Which thread?") }, { status: 400 });
  const recorded = await recordThreadRead(user, submission.value.threadId, submission.value.upTo);
  if (!recorded) return Response.json({ error: "We couldn’t find that thread." }, { status: 404 });
  return new Response(null, { status: 204 });
}

export async function loader() {
  return Response.json({ error: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
}
