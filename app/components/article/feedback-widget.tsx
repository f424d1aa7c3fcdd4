import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { MAX_FEEDBACK_COMMENT as MAX_COMMENT, type FeedbackActionData } from "~/content/feedback-types";

/**
 * "Was this helpful?" posts to the page's own action, so it works without
 * JavaScript (a full-page post) and with it (a fetcher, no navigation).
 */
export function FeedbackWidget({ pageId, actionData }: { pageId: string; actionData?: FeedbackActionData }) {
  const fetcher = useFetcher<FeedbackActionData>();
  const result = fetcher.data ?? actionData;
  const pending = fetcher.state !== "idle";
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const askForComment = result?.ok === true && result.helpful === "no" && !result.commented;
  const commentError = result?.ok === false ? result.fieldErrors.comment : undefined;

  useEffect(() => {
    if (askForComment || commentError) commentRef.current?.focus();
  }, [askForComment, commentError]);

  return (
    <section
      id="feedback"
      aria-labelledby="feedback-heading"
      className="mt-12 rounded-lg border border-slate-200 p-5 dark:border-slate-700"
    >
      <h2 id="feedback-heading" className="font-semibold">
        Was this helpful?
      </h2>
      <fetcher.Form method="post" className="mt-3 flex gap-3" aria-describedby="feedback-status">
        <input type="hidden" name="page" value={pageId} />
        {(["yes", "no"] as const).map((answer) => (
          <button
            key={answer}
            type="submit"
            name="helpful"
            value={answer}
            disabled={pending}
            aria-pressed={result?.ok === true ? result.helpful === answer : undefined}
            className="rounded-md border border-slate-300 px-4 py-1.5 font-medium hover:bg-slate-100 disabled:opacity-60 aria-pressed:border-sky-700 aria-pressed:bg-sky-50 dark:border-slate-600 dark:hover:bg-slate-800 dark:aria-pressed:bg-sky-950"
          >
            {answer === "yes" ? "Yes" : "No"}
          </button>
        ))}
      </fetcher.Form>
      {askForComment || commentError ? (
        <fetcher.Form method="post" className="mt-4 space-y-2">
          <input type="hidden" name="page" value={pageId} />
          <input type="hidden" name="helpful" value="no" />
          <label htmlFor="feedback-comment" className="block text-sm font-medium">
            What was missing? <span className="font-normal text-slate-600 dark:text-slate-300">(optional)</span>
          </label>
          <textarea
            id="feedback-comment"
            ref={commentRef}
            name="comment"
            rows={3}
            maxLength={MAX_COMMENT * 2}
            aria-invalid={commentError ? true : undefined}
            aria-describedby={commentError ? "feedback-comment-error" : "feedback-comment-hint"}
            className="w-full rounded-md border border-slate-300 bg-white p-2 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
          />
          {commentError ? (
            <p id="feedback-comment-error" className="text-sm text-red-700 dark:text-red-400">
              {commentError}
            </p>
          ) : (
            <p id="feedback-comment-hint" className="text-xs text-slate-600 dark:text-slate-300">
              Up to {MAX_COMMENT.toLocaleString("en-US")} characters. Please don’t include passwords or personal data.
            </p>
          )}
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800 disabled:opacity-60"
          >
            {pending ? "Sending…" : "Send feedback"}
          </button>
        </fetcher.Form>
      ) : null}
      <p id="feedback-status" role="status" className="mt-3 text-sm">
        {pending
          ? "Saving your answer…"
          : result?.ok === true
            ? result.commented
              ? "Thanks — your comment helps us improve this page."
              : result.helpful === "yes"
                ? "Thanks for letting us know!"
                : "Thanks. Tell us what was missing so we can fix it."
            : result?.ok === false && !commentError
              ? result.error
              : ""}
      </p>
    </section>
  );
}
