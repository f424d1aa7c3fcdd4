import { useFetcher, useLocation } from "@remix-run/react";
import { useHydrated } from "~/components/forms";

export type FollowButtonState = "following" | "muted" | "none";
type Target = { threadId: number } | { categoryId: string };

const BUTTON =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800";

/**
 * Follow / mute controls for a thread (follow, mute, stop) or a category (follow, stop), posting to
 * /notifications/follow. They are real forms: without JavaScript the post comes back to this page
 * (redirectTo); with it, a fetcher updates the button in place. Show it to signed-in members only.
 */
export function FollowButton({ target, state, label }: { target: Target; state: FollowButtonState; label?: string }) {
  const fetcher = useFetcher<{ ok: boolean; state?: FollowButtonState; message?: string }>();
  const hydrated = useHydrated();
  const { pathname, search } = useLocation();
  const pending = fetcher.formData?.get("state");
  const current: FollowButtonState =
    typeof pending === "string" && (pending === "following" || pending === "muted" || pending === "none")
      ? pending
      : (fetcher.data?.state ?? state);
  const isThread = "threadId" in target;
  const what = label ?? (isThread ? "thread" : "category");

  const choice = (next: FollowButtonState, text: string, description: string) => (
    <fetcher.Form method="post" action="/notifications/follow" className="inline">
      {isThread ? (
        <input type="hidden" name="threadId" value={target.threadId} />
      ) : (
        <input type="hidden" name="categoryId" value={target.categoryId} />
      )}
      <input type="hidden" name="state" value={next} />
      {hydrated ? null : <input type="hidden" name="redirectTo" value={pathname + search} />}
      <button type="submit" className={BUTTON} title={description} disabled={fetcher.state !== "idle"}>
        {text}
      </button>
    </fetcher.Form>
  );

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="follow-controls" data-state={current}>
      <span className="text-sm text-slate-600 dark:text-slate-300" aria-live="polite">
        {current === "following"
          ? isThread
            ? `You follow this ${what}: replies notify you.`
            : `You follow this ${what}: new threads come in your daily digest.`
          : current === "muted"
            ? `You muted this ${what}: nothing from it notifies you.`
            : `You do not follow this ${what}.`}
      </span>
      {current !== "following"
        ? choice(
            "following",
            "Follow",
            isThread ? "Get a notification for every reply" : "Get this category's new threads in a daily email",
          )
        : null}
      {isThread && current !== "muted"
        ? choice("muted", "Mute", "Never get notifications from this thread, mentions included")
        : null}
      {current !== "none"
        ? choice(
            "none",
            current === "muted" ? "Unmute" : "Stop following",
            "Back to the default: notified only when mentioned",
          )
        : null}
      {fetcher.data && !fetcher.data.ok ? (
        <span role="alert" className="text-sm text-red-700 dark:text-red-300">
          {fetcher.data.message}
        </span>
      ) : null}
    </div>
  );
}
