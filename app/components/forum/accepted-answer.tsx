import { Form, Link } from "@remix-run/react";
import { OUTDATED_NOTE_MAX_LENGTH } from "~/forum/limits";
import type { PostView, ThreadView } from "~/forum/views";
import { PostCard } from "./post";

/**
 * The accepted answer, repeated under the question on a thread's first page, with what readers
 * said about it being outdated and the forms to say so or to confirm it still holds.
 */
export function AcceptedAnswer({
  thread,
  accepted,
  formAction,
}: {
  thread: ThreadView;
  accepted: PostView;
  formAction: string;
}) {
  return (
    <section
      aria-labelledby="accepted-heading"
      className="mt-4 rounded-lg border border-emerald-300 bg-emerald-50/60 px-4 dark:border-emerald-800 dark:bg-emerald-950/40"
      data-testid="accepted-answer"
    >
      <h2
        id="accepted-heading"
        className="flex flex-wrap items-center justify-between gap-2 pt-4 text-sm font-semibold text-emerald-900 dark:text-emerald-200"
      >
        <span>✓ Accepted answer</span>
        <Link to={accepted.url} className="font-normal underline">
          Go to post #{accepted.number} in the thread
        </Link>
      </h2>
      {thread.outdated ? (
        <OutdatedNotice
          outdated={thread.outdated}
          canConfirm={thread.viewer.canConfirmAnswer}
          formAction={formAction}
        />
      ) : null}
      <PostCard post={accepted} formAction={formAction} isOpening={false} variant="accepted" />
      {thread.viewer.canFlagOutdated ? <FlagOutdated formAction={formAction} /> : null}
    </section>
  );
}

function OutdatedNotice({
  outdated,
  canConfirm,
  formAction,
}: {
  outdated: NonNullable<ThreadView["outdated"]>;
  canConfirm: boolean;
  formAction: string;
}) {
  return (
    <div
      role="note"
      data-testid="outdated-notice"
      className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="font-semibold">This answer may be outdated.</p>
      <p>
        {outdated.flagCount} {outdated.flagCount === 1 ? "reader says" : "readers say"} it no longer matches how things
        work; the asker or staff will check it.
      </p>
      {outdated.notes.length ? (
        <ul className="mt-1 list-disc pl-5">
          {outdated.notes.map((entry) => (
            <li key={`${entry.by}-${entry.at}`}>
              {entry.note} <span className="text-amber-800 dark:text-amber-300">({entry.by})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {canConfirm ? (
        <Form method="post" action={formAction} className="mt-2">
          <input type="hidden" name="intent" value="confirm-answer" />
          <button
            type="submit"
            className="rounded-md border border-amber-500 px-3 py-1 font-medium hover:bg-amber-100 dark:hover:bg-amber-900"
          >
            Confirm the answer is still right
          </button>
          <span className="ml-2">or accept another reply below.</span>
        </Form>
      ) : null}
    </div>
  );
}

function FlagOutdated({ formAction }: { formAction: string }) {
  return (
    <details className="pb-4 text-sm">
      <summary className="cursor-pointer text-slate-700 underline decoration-dotted dark:text-slate-300">
        Is this answer outdated?
      </summary>
      <Form method="post" action={formAction} className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="flag-outdated" />
        <label htmlFor="outdated-note" className="block font-medium">
          What changed? (the asker and staff read this)
        </label>
        <textarea
          id="outdated-note"
          name="note"
          required
          maxLength={OUTDATED_NOTE_MAX_LENGTH}
          rows={3}
          className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950"
        />
        <button
          type="submit"
          className="rounded-md border border-slate-400 px-3 py-1 font-medium hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800"
        >
          Flag as outdated
        </button>
      </Form>
    </details>
  );
}
