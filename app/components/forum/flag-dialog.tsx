import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useId } from "react";
import { useHydrated } from "~/components/forms";
import { FLAG_NOTE_MAX_LENGTH, FLAG_REASONS } from "~/forum/moderation-schemas";
import { PostDialog } from "./post-dialog";

const TRIGGER =
  "inline-flex cursor-pointer items-center gap-1 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800";
const SUBMIT = "rounded-md bg-amber-700 px-3 py-1.5 font-medium text-white hover:bg-amber-800";

type FlagReply = { ok: boolean; message: string; postId?: number };

/** The post a flag is about, as the dialog and the no-JavaScript page name it. */
export type FlagTarget = { postId: number; postNumber: number; authorName: string; redirectTo: string };

/**
 * "Flag" under a post. A page holds one flag form (FlagDialog), not one per post: with JavaScript this
 * button opens that dialog for this post; without it, it links to /community/posts/<id>/flag, which holds
 * the same form. Once flagged it says so in place (`status`: the reply to this reader's flag, if any).
 */
export function FlagButton({
  target,
  alreadyFlagged,
  status,
  onOpen,
}: {
  target: FlagTarget;
  alreadyFlagged: boolean;
  status?: string;
  onOpen: (target: FlagTarget) => void;
}) {
  const hydrated = useHydrated();
  if (status || alreadyFlagged) {
    return (
      <span
        role="status"
        className="px-2 py-1 text-sm text-slate-600 dark:text-slate-300"
        data-testid={`flagged-${target.postNumber}`}
      >
        {status ?? "You flagged this post."}
      </span>
    );
  }
  const label = `Flag post ${target.postNumber} by ${target.authorName}`;
  const content = (
    <>
      <span aria-hidden="true">⚑</span> Flag
    </>
  );
  return hydrated ? (
    <button type="button" className={TRIGGER} aria-label={label} aria-haspopup="dialog" onClick={() => onOpen(target)}>
      {content}
    </button>
  ) : (
    <Link to={`/community/posts/${target.postId}/flag`} className={TRIGGER} aria-label={label}>
      {content}
    </Link>
  );
}

/** The reasons, the note and the post it is about: the same fields in the dialog and on the no-JavaScript page. */
export function FlagFields({ target, background }: { target: FlagTarget; background: boolean }) {
  const id = useId();
  return (
    <>
      <input type="hidden" name="intent" value="flag" />
      <input type="hidden" name="postId" value={target.postId} />
      <input type="hidden" name="redirectTo" value={target.redirectTo} />
      {background ? <input type="hidden" name="_fetch" value="1" /> : null}
      <fieldset className="space-y-2">
        <legend className="font-semibold">Why should moderators look at this post?</legend>
        {FLAG_REASONS.map((reason, index) => (
          <label key={reason.value} className="flex items-start gap-2">
            <input
              type="radio"
              name="reason"
              value={reason.value}
              required
              defaultChecked={index === 0}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{reason.label}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-300">{reason.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor={`${id}-note`} className="block font-medium">
          Note for the moderators{" "}
          <span className="font-normal text-slate-600 dark:text-slate-300">(needed for “Something else”)</span>
        </label>
        <textarea
          id={`${id}-note`}
          name="note"
          rows={3}
          maxLength={FLAG_NOTE_MAX_LENGTH}
          className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950"
        />
      </div>
    </>
  );
}

/** The no-JavaScript page's form: posts to /community/moderate, which comes back to the post. */
export function FlagPageForm({ target }: { target: FlagTarget }) {
  return (
    <Form method="post" action="/community/moderate" className="space-y-3 text-sm">
      <FlagFields target={target} background={false} />
      <button type="submit" className={SUBMIT}>
        Flag post
      </button>
    </Form>
  );
}

/**
 * The page's one flag dialog, opened by a FlagButton for its post. It posts in the background; a success
 * closes it and hands the message to the post's button (`onFlagged`), a refusal shows in the dialog.
 */
export function FlagDialog({
  target,
  onClose,
  onFlagged,
}: {
  target: FlagTarget | null;
  onClose: () => void;
  onFlagged: (postId: number, message: string) => void;
}) {
  const fetcher = useFetcher<FlagReply>();
  const headingId = useId();
  const reply = fetcher.state === "idle" ? fetcher.data : undefined;
  useEffect(() => {
    if (reply?.ok && reply.postId) onFlagged(reply.postId, reply.message);
  }, [reply, onFlagged]);
  // A refusal belongs to the post it was about, not to the next one the reader opens.
  const refusal = reply && !reply.ok && reply.postId === target?.postId ? reply.message : null;
  return (
    <PostDialog open={!!target} labelledBy={headingId} onClose={onClose}>
      {target ? (
        <fetcher.Form method="post" action="/community/moderate" className="space-y-3" key={target.postId}>
          <h2 id={headingId} className="text-base font-semibold">
            Flag post {target.postNumber} by {target.authorName}
          </h2>
          <FlagFields target={target} background />
          {refusal ? (
            <p role="alert" className="text-red-700 dark:text-red-400">
              {refusal}
            </p>
          ) : null}
          <div className="flex gap-2">
            <button type="submit" disabled={fetcher.state !== "idle"} className={SUBMIT}>
              Flag post
            </button>
            <button
              type="button"
              onClick={onClose}
              className="rounded-md border border-slate-400 px-3 py-1.5 font-medium hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800"
            >
              Cancel
            </button>
          </div>
        </fetcher.Form>
      ) : null}
    </PostDialog>
  );
}
