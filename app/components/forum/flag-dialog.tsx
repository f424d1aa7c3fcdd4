import { useFetcher } from "@remix-run/react";
import { useId } from "react";
import { useHydrated } from "~/components/forms";
import { FLAG_NOTE_MAX_LENGTH, FLAG_REASONS } from "~/forum/moderation-schemas";

const SUMMARY = "inline-flex cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800";

type FlagReply = { ok: boolean; message: string };

/**
 * "Flag" under a post: a disclosure with the reasons and a note. With JavaScript it posts in the
 * background and says what happened in place; without it the form posts to /community/moderate,
 * which comes back to the post.
 */
export function FlagDialog({ postId, postNumber, authorName, alreadyFlagged, redirectTo }: { postId: number; postNumber: number; authorName: string; alreadyFlagged: boolean; redirectTo: string }) {
  const fetcher = useFetcher<FlagReply>();
  const hydrated = useHydrated();
  const id = useId();
  const done = alreadyFlagged || fetcher.data?.ok === true;
  if (done) {
    return (
      <span role="status" className="px-2 py-1 text-sm text-slate-600 dark:text-slate-300" data-testid={`flagged-${postNumber}`}>
        {fetcher.data?.ok ? fetcher.data.message : "You flagged this post."}
      </span>
    );
  }
  return (
    <details className="relative">
      <summary className={SUMMARY} aria-label={`Flag post ${postNumber} by ${authorName}`}>
        <span aria-hidden="true">⚑</span> Flag
      </summary>
      <fetcher.Form method="post" action="/community/moderate" className="absolute left-0 z-20 mt-1 w-80 space-y-3 rounded-lg border border-slate-300 bg-white p-4 text-sm shadow-lg dark:border-slate-600 dark:bg-slate-900">
        <input type="hidden" name="intent" value="flag" />
        <input type="hidden" name="postId" value={postId} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {hydrated ? <input type="hidden" name="_fetch" value="1" /> : null}
        <fieldset className="space-y-2">
          <legend className="font-semibold">Why should moderators look at this post?</legend>
          {FLAG_REASONS.map((reason, index) => (
            <label key={reason.value} className="flex items-start gap-2">
              <input type="radio" name="reason" value={reason.value} required defaultChecked={index === 0} className="mt-1" />
              <span>
                <span className="font-medium">{reason.label}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-300">{reason.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div>
          <label htmlFor={`${id}-note`} className="block font-medium">
            Note for the moderators <span className="font-normal text-slate-600 dark:text-slate-300">(needed for “Something else”)</span>
          </label>
          <textarea id={`${id}-note`} name="note" rows={3} maxLength={FLAG_NOTE_MAX_LENGTH} className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950" />
        </div>
        {fetcher.data && !fetcher.data.ok ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {fetcher.data.message}
          </p>
        ) : null}
        <button type="submit" disabled={fetcher.state !== "idle"} className="rounded-md bg-amber-700 px-3 py-1.5 font-medium text-white hover:bg-amber-800">
          Flag post
        </button>
      </fetcher.Form>
    </details>
  );
}
