import { Link, useFetcher } from "@remix-run/react";
import { useHydrated } from "~/components/forms";

type VoteResult = { error?: string; voted?: boolean; voteCount?: number };

/**
 * The vote button of an idea. Without JavaScript it is a form that posts and comes back to
 * `returnTo`; with it, a fetcher that shows the new count at once (optimistic) and falls back to the
 * server's count if the vote is refused, with the reason beside the button.
 */
export function VoteButton({
  ideaId,
  ideaUrl,
  title,
  voteCount,
  voted,
  signedIn,
  closedReason,
  returnTo,
  size = "normal",
}: {
  ideaId: number;
  ideaUrl: string;
  title: string;
  voteCount: number;
  voted: boolean;
  signedIn: boolean;
  /** Set when the idea takes no votes (declined, shipped): the count shows, the button does not. */
  closedReason?: string | null;
  returnTo: string;
  size?: "normal" | "large";
}) {
  const fetcher = useFetcher<VoteResult>();
  const hydrated = useHydrated();
  const pending = fetcher.formData?.get("intent");
  let shownVoted = voted;
  let shownCount = voteCount;
  if (pending === "vote" && !voted) {
    shownVoted = true;
    shownCount = voteCount + 1;
  } else if (pending === "unvote" && voted) {
    shownVoted = false;
    shownCount = voteCount - 1;
  }
  const error = fetcher.state === "idle" ? fetcher.data?.error : undefined;
  const box = size === "large" ? "h-20 w-20 text-2xl" : "h-16 w-14 text-lg";
  // The accessible name starts with what the button shows ("19 votes"), then says what it does (WCAG 2.5.3).
  const votes = `${shownCount} ${shownCount === 1 ? "vote" : "votes"}`;
  const count = (
    <>
      <span aria-hidden="true" className="text-xs leading-none">
        ▲
      </span>
      <span className="font-bold leading-tight" data-testid={`vote-count-${ideaId}`}>
        {shownCount}
      </span>{" "}
      <span className="text-[0.65rem] uppercase leading-none tracking-wide">{shownCount === 1 ? "vote" : "votes"}</span>
    </>
  );
  const base = `flex ${box} shrink-0 flex-col items-center justify-center gap-0.5 rounded-lg border`;
  const errorText = error ? (
    <p role="alert" className="mt-1 max-w-[10rem] text-center text-xs text-red-700 dark:text-red-400">
      {error}
    </p>
  ) : null;
  if (closedReason) {
    // A vote refused because the idea closed meanwhile: the page now shows it closed, and the reason stays beside it.
    return (
      <div className="flex flex-col items-center">
        <div
          className={`${base} border-slate-200 bg-slate-50 text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200`}
          title={closedReason}
        >
          {count}
        </div>
        {errorText}
      </div>
    );
  }
  if (!signedIn) {
    return (
      <Link
        to={`/login?redirectTo=${encodeURIComponent(returnTo)}`}
        className={`${base} border-slate-300 bg-white text-slate-800 hover:border-sky-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100`}
        aria-label={`${votes}, sign in to vote for ${title}`}
      >
        {count}
      </Link>
    );
  }
  return (
    <div className="flex flex-col items-center">
      <fetcher.Form method="post" action={ideaUrl} preventScrollReset>
        <input type="hidden" name="intent" value={shownVoted ? "unvote" : "vote"} />
        <input type="hidden" name="returnTo" value={returnTo} />
        {hydrated ? <input type="hidden" name="_fetch" value="1" /> : null}
        <button
          type="submit"
          // Pressed means "you voted": pressing again takes the vote back.
          aria-pressed={shownVoted}
          aria-label={`${votes}, vote for ${title}`}
          data-testid={`vote-${ideaId}`}
          className={`${base} ${
            shownVoted
              ? "border-sky-700 bg-sky-700 text-white hover:bg-sky-800"
              : "border-slate-300 bg-white text-slate-800 hover:border-sky-600 hover:text-sky-800 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:text-sky-300"
          }`}
        >
          {count}
        </button>
      </fetcher.Form>
      {errorText}
    </div>
  );
}
