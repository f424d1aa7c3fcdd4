import { parseForm } from "~/lib/form-parse";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { requireUser, safeRedirect } from "~/auth/guards.server";
import { FormMessage } from "~/components/forms";
import { flagPost } from "~/forum/flags.server";
import { flagSchema, moderatorActionSchema } from "~/forum/moderation-schemas";
import { performModeratorAction } from "~/forum/moderator-actions.server";
import { formEnvelope, optionalText } from "~/lib/form-intent";
import { parsePositiveInt } from "~/lib/ids";
import { isRefusal } from "~/lib/refusal";
import { withSeo } from "~/seo/meta";

/**
 * Flags (any signed-in member) and moderator actions (lock, pin, move, merge, approve, hide,
 * delete, suspend) posted from the thread page and the review queue. With JavaScript the forms post
 * in the background (`_fetch=1`) and get JSON; without it a success redirects back and a refusal
 * renders here with its message and a link back.
 */

export type ModerationResult = { ok: boolean; message: string; back: string; intent: string; postId?: number };

/** Nothing to show on a plain visit; the page exists for the outcome of a form posted without JavaScript. */
export const loader = () => null;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const { intent, inBackground, redirectTo } = formEnvelope(formData);
  // Only a path on this site; anything else is ignored and the action's own destination is used.
  const requested = safeRedirect(redirectTo, "");
  const back = requested || "/community";
  const postId = parsePositiveInt(optionalText(formData, "postId")) ?? undefined;
  const reply = (ok: boolean, message: string, status: number, url?: string) => {
    if (ok && !inBackground) return redirect(safeRedirect(url ?? back, back), 303);
    return data<ModerationResult>({ ok, message, back: url ?? back, intent, postId }, { status });
  };

  try {
    if (intent === "flag") {
      const submission = parseForm(formData, flagSchema);
      if (submission.status !== "success")
        return reply(false, Object.values(submission.error ?? {}).flat()[0] ?? "Check the form.", 400);
      const result = await flagPost(user, submission.value.postId, submission.value);
      return reply(
        true,
        result.hiddenNow
          ? "Thanks. Enough members flagged this post that it is now hidden until a moderator reviews it."
          : "Thanks for the flag: a moderator will review the post.",
        200,
        inBackground ? undefined : back,
      );
    }
    const submission = parseForm(formData, moderatorActionSchema);
    if (submission.status !== "success")
      return reply(false, Object.values(submission.error ?? {}).flat()[0] ?? "Unknown moderator action.", 400);
    const done = await performModeratorAction(user, submission.value);
    // Review-queue decisions go back to the queue; thread controls go to the (possibly new) thread URL.
    return reply(true, done.message, 200, requested || done.url);
  } catch (error) {
    if (isRefusal(error)) return reply(false, error.message, error.status);
    throw error;
  }
}

export const meta: MetaFunction = withSeo(() => [{ title: "Moderation · Community · TechFlow Help Center" }]);

/** Only reached without JavaScript, when an action was refused: the reason, and the way back. */
export default function ModerationOutcome() {
  const result = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-bold tracking-tight">{result?.ok === false ? "That did not work" : "Done"}</h1>
      <div className="mt-4">
        <FormMessage tone={result?.ok === false ? "error" : "success"}>
          {result?.message ?? "Nothing to do."}
        </FormMessage>
      </div>
      <p className="mt-4">
        <Link to={result?.back ?? "/community"} className="font-medium text-sky-700 underline dark:text-sky-400">
          Go back
        </Link>
      </p>
    </div>
  );
}
