import { Form, Link } from "@remix-run/react";
import { useId } from "react";
import { useHydrated } from "~/components/forms";
import { MAX_SUSPENSION_DAYS } from "~/forum/moderation-schemas";
import { PostDialog } from "./post-dialog";

/**
 * Moderator controls on the thread page: the thread's (lock, pin, move, merge) above the posts and
 * each post's (hide, unhide, delete, edit, suspend the author) in one shared dialog. Plain forms posting to
 * /community/moderate, so they work without JavaScript; a success comes back here, a refusal
 * shows its reason on that page.
 */

const SUMMARY =
  "inline-flex cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800";
const PANEL =
  "absolute z-20 mt-1 w-80 space-y-4 rounded-lg border border-slate-300 bg-white p-4 text-sm shadow-lg dark:border-slate-600 dark:bg-slate-900";
const INPUT =
  "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-950";
const BUTTON =
  "rounded-md border border-slate-400 px-3 py-1 font-medium hover:bg-slate-100 dark:border-slate-500 dark:hover:bg-slate-800";

type ThreadFacts = {
  id: number;
  url: string;
  locked: boolean;
  pinned: boolean;
  category: { slug: string; isQuestions: boolean };
  duplicateOf: { id: number } | null;
};

export function ThreadModeratorMenu({
  thread,
  categories,
  canReview,
}: {
  thread: ThreadFacts;
  categories: { slug: string; name: string }[];
  canReview: boolean;
}) {
  const id = useId();
  return (
    <details className="relative" data-testid="thread-moderator-menu">
      <summary className={SUMMARY}>
        <span aria-hidden="true">🛡</span> Moderate thread
      </summary>
      <div className={`${PANEL} right-0`}>
        <Form method="post" action="/community/moderate" className="space-y-2">
          <input type="hidden" name="threadId" value={thread.id} />
          <input type="hidden" name="redirectTo" value={thread.url} />
          <label htmlFor={`${id}-reason`} className="block font-medium">
            Reason (kept in the audit log)
          </label>
          <input id={`${id}-reason`} name="reason" maxLength={500} className={INPUT} />
          <div className="flex flex-wrap gap-2">
            <button type="submit" name="intent" value={thread.locked ? "unlock" : "lock"} className={BUTTON}>
              {thread.locked ? "Unlock" : "Lock"}
            </button>
            <button type="submit" name="intent" value={thread.pinned ? "unpin" : "pin"} className={BUTTON}>
              {thread.pinned ? "Unpin" : "Pin in category"}
            </button>
          </div>
        </Form>
        <Form method="post" action="/community/moderate" className="space-y-2">
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="threadId" value={thread.id} />
          <input type="hidden" name="redirectTo" value={thread.url} />
          <label htmlFor={`${id}-category`} className="block font-medium">
            Move to category
          </label>
          <select id={`${id}-category`} name="category" defaultValue={thread.category.slug} className={INPUT}>
            {categories.map((category) => (
              <option key={category.slug} value={category.slug}>
                {category.name}
              </option>
            ))}
          </select>
          <button type="submit" className={BUTTON}>
            Move
          </button>
        </Form>
        <Form method="post" action="/community/moderate" className="space-y-2">
          <input type="hidden" name="intent" value="merge" />
          <input type="hidden" name="threadId" value={thread.id} />
          <label htmlFor={`${id}-target`} className="block font-medium">
            Merge into thread (number or link)
          </label>
          <input id={`${id}-target`} name="target" required placeholder="12 or /community/t/12-…" className={INPUT} />
          <label htmlFor={`${id}-merge-reason`} className="block font-medium">
            Reason
          </label>
          <input id={`${id}-merge-reason`} name="reason" maxLength={500} className={INPUT} />
          <button
            type="submit"
            className={`${BUTTON} text-red-800 dark:text-red-300`}
            onClick={(event) => {
              if (
                !window.confirm(
                  "Move every post of this thread into the other one? This thread will then redirect there.",
                )
              )
                event.preventDefault();
            }}
          >
            Merge
          </button>
        </Form>
        {thread.duplicateOf ? (
          <Form method="post" action="/community/moderate" className="space-y-2">
            <input type="hidden" name="intent" value="reopen-duplicate" />
            <input type="hidden" name="threadId" value={thread.id} />
            <input type="hidden" name="redirectTo" value={thread.url} />
            <button type="submit" className={BUTTON}>
              Reopen (not a duplicate of thread {thread.duplicateOf.id})
            </button>
          </Form>
        ) : thread.category.isQuestions ? (
          <Form method="post" action="/community/moderate" className="space-y-2">
            <input type="hidden" name="intent" value="duplicate" />
            <input type="hidden" name="threadId" value={thread.id} />
            <input type="hidden" name="redirectTo" value={thread.url} />
            <label htmlFor={`${id}-duplicate`} className="block font-medium">
              Close as a duplicate of (number or link)
            </label>
            <input
              id={`${id}-duplicate`}
              name="target"
              required
              placeholder="12 or /community/t/12-…"
              className={INPUT}
            />
            <label htmlFor={`${id}-duplicate-reason`} className="block font-medium">
              Reason
            </label>
            <input id={`${id}-duplicate-reason`} name="reason" maxLength={500} className={INPUT} />
            <button type="submit" className={BUTTON}>
              Close as duplicate
            </button>
          </Form>
        ) : null}
        <p className="flex gap-3">
          {canReview ? (
            <Link to="/admin/review" className="text-sky-700 underline dark:text-sky-400">
              Review queue
            </Link>
          ) : null}
          <Link to={`/admin/audit?subject=thread:${thread.id}`} className="text-sky-700 underline dark:text-sky-400">
            Thread history
          </Link>
        </p>
      </div>
    </details>
  );
}

type PostFacts = {
  id: number;
  number: number;
  url: string;
  hidden: boolean;
  deleted: boolean;
  author: { id: string; name: string };
};

/** The post the moderator forms act on, and what the viewer may do to its author. */
export type PostModerationTarget = { post: PostFacts; redirectTo: string; canSuspend: boolean; isSelf: boolean };

/**
 * "Moderate" under a post. A page holds one set of post moderator forms (PostModeratorDialog), not one
 * per post: with JavaScript this button opens it for this post; without it, it links to
 * /community/posts/<id>/moderate, which holds the same forms.
 */
export function PostModeratorButton({
  target,
  onOpen,
}: {
  target: PostModerationTarget;
  onOpen: (target: PostModerationTarget) => void;
}) {
  const hydrated = useHydrated();
  if (target.post.deleted) return null;
  const label = `Moderate post ${target.post.number}`;
  return hydrated ? (
    <button type="button" className={SUMMARY} aria-label={label} aria-haspopup="dialog" onClick={() => onOpen(target)}>
      Moderate
    </button>
  ) : (
    <Link to={`/community/posts/${target.post.id}/moderate`} className={SUMMARY} aria-label={label}>
      Moderate
    </Link>
  );
}

/** The page's one dialog of post moderator forms, opened by a PostModeratorButton for its post. */
export function PostModeratorDialog({ target, onClose }: { target: PostModerationTarget | null; onClose: () => void }) {
  const headingId = useId();
  return (
    <PostDialog open={!!target} labelledBy={headingId} onClose={onClose}>
      {target ? (
        // A submitted form navigates back to the post; the dialog has done its job.
        <div className="space-y-4" key={target.post.id} onSubmit={onClose}>
          <div className="flex items-center justify-between gap-2">
            <h2 id={headingId} className="text-base font-semibold">
              Moderate post {target.post.number} by {target.post.author.name}
            </h2>
            <button type="button" onClick={onClose} className={BUTTON}>
              Close
            </button>
          </div>
          <PostModeratorForms {...target} />
        </div>
      ) : null}
    </PostDialog>
  );
}

/** Hide or unhide, delete, edit, suspend the author: the same forms in the dialog and on the no-JavaScript page. */
export function PostModeratorForms({ post, redirectTo, canSuspend, isSelf }: PostModerationTarget) {
  const id = useId();
  if (post.deleted) return null;
  return (
    <div className="space-y-4">
      <Form method="post" action="/community/moderate" className="space-y-2">
        <input type="hidden" name="postId" value={post.id} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <label htmlFor={`${id}-reason`} className="block font-medium">
          Reason (kept in the audit log)
        </label>
        <input id={`${id}-reason`} name="reason" maxLength={500} className={INPUT} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" name="intent" value={post.hidden ? "approve" : "hide"} className={BUTTON}>
            {post.hidden ? "Unhide" : "Hide"}
          </button>
          <button
            type="submit"
            name="intent"
            value="delete"
            className={`${BUTTON} text-red-800 dark:text-red-300`}
            onClick={(event) => {
              if (
                !window.confirm(
                  post.number === 1
                    ? "Delete the opening post? The whole thread is deleted with it."
                    : "Delete this post?",
                )
              )
                event.preventDefault();
            }}
          >
            Delete
          </button>
          <Link to={`/community/posts/${post.id}/moderator-edit`} className={BUTTON}>
            Edit
          </Link>
        </div>
      </Form>
      {canSuspend && !isSelf ? (
        <Form method="post" action="/community/moderate" className="space-y-2">
          <input type="hidden" name="intent" value="suspend" />
          <input type="hidden" name="userId" value={post.author.id} />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <p className="font-medium">Suspend {post.author.name}</p>
          <div className="flex gap-2">
            <label className="w-20">
              Days
              <input
                name="days"
                type="number"
                min={1}
                max={MAX_SUSPENSION_DAYS}
                defaultValue={7}
                required
                className={INPUT}
              />
            </label>
            <label className="flex-1">
              Why
              <input name="reason" required maxLength={500} className={INPUT} />
            </label>
          </div>
          <button type="submit" className={`${BUTTON} text-red-800 dark:text-red-300`}>
            Suspend and sign out
          </button>
        </Form>
      ) : null}
      <Link to={`/admin/audit?subject=post:${post.id}`} className="block text-sky-700 underline dark:text-sky-400">
        Post history
      </Link>
    </div>
  );
}
