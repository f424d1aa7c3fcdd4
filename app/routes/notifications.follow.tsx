import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requireUser, safeRedirect } from "~/auth/guards.server";
import { setFollowState } from "~/forum/follow.server";
import { positiveIntSchema } from "~/lib/ids";
import { isRefusal } from "~/lib/refusal";
import { FOLLOW_STATES } from "~/notifications/kinds";

const followSchema = z.union([
  z.object({
    threadId: positiveIntSchema("Choose a thread."),
    state: z.enum(FOLLOW_STATES),
    redirectTo: z.string().optional(),
  }),
  z.object({ categoryId: z.string().min(1).max(64), state: z.enum(FOLLOW_STATES), redirectTo: z.string().optional() }),
]);

/**
 * POST /notifications/follow: follow, mute or stop following a thread (threadId) or follow a category
 * (categoryId). A plain form (no JavaScript) sends redirectTo and comes back to the page; the
 * follow button's fetcher leaves it out and gets the new state as data.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = followSchema.safeParse(Object.fromEntries(await request.formData()));
  // Response.json, not data(): a resource route's status must reach the browser as set.
  if (!parsed.success)
    return Response.json(
      { ok: false, message: "Choose a thread or category and one of: following, muted, none." },
      { status: 400 },
    );
  const target =
    "threadId" in parsed.data ? { threadId: parsed.data.threadId } : { categoryId: parsed.data.categoryId };
  let state;
  try {
    state = await setFollowState(user.id, target, parsed.data.state);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return Response.json({ ok: false, message: error.message }, { status: error.status });
  }
  if (parsed.data.redirectTo) return redirect(safeRedirect(parsed.data.redirectTo, "/notifications"));
  return Response.json({ ok: true, state });
}

export function loader() {
  throw new Response("Follow or mute with the button on a thread or category page.", {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}
