import { Form, Link } from "@remix-run/react";
import { RelativeTime } from "~/components/forum/relative-time";
import { DESCRIPTION_MAX_LENGTH } from "~/ideas/schemas";
import type { IdeaComment } from "~/ideas/views";
import { IDEA_BUTTON_CLASS, IDEA_INPUT_CLASS, IDEA_PRIMARY_BUTTON_CLASS } from "./intent-button";

/** "Comments (n)": the thread of comments, then the comment form, or a sign-in link for visitors. A merged idea takes no comments. */
export function CommentsSection({
  comments,
  commentCount,
  signedIn,
  staff,
  merged,
  returnTo,
  pending,
  error,
}: {
  comments: IdeaComment[];
  commentCount: number;
  signedIn: boolean;
  staff: boolean;
  merged: boolean;
  returnTo: string;
  pending: boolean;
  error?: string;
}) {
  return (
    <section aria-labelledby="comments-heading" className="mt-10">
      <h2 id="comments-heading" className="text-xl font-semibold">
        Comments ({commentCount})
      </h2>
      <CommentList comments={comments} canReply={signedIn && !merged} staff={staff} />
      {signedIn && !merged ? (
        <CommentForm staff={staff} pending={pending} error={error} />
      ) : !signedIn ? (
        <p className="mt-4 text-sm">
          <Link
            to={`/login?redirectTo=${encodeURIComponent(returnTo)}`}
            className="text-sky-700 underline dark:text-sky-400"
          >
            Sign in
          </Link>{" "}
          to comment.
        </p>
      ) : null}
    </section>
  );
}

function CommentList({ comments, canReply, staff }: { comments: IdeaComment[]; canReply: boolean; staff: boolean }) {
  if (comments.length === 0) return <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">No comments yet.</p>;
  return (
    <ul className="mt-4 space-y-4">
      {comments.map((comment) => (
        <Comment key={comment.id} comment={comment} canReply={canReply} staff={staff} reply={false} />
      ))}
    </ul>
  );
}

function Comment({
  comment,
  canReply,
  staff,
  reply,
}: {
  comment: IdeaComment;
  canReply: boolean;
  staff: boolean;
  reply: boolean;
}) {
  return (
    <li
      id={`comment-${comment.id}`}
      className={`rounded-lg border p-4 ${comment.internal ? "border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/40" : "border-slate-200 dark:border-slate-700"}`}
    >
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
        <span className="font-semibold text-slate-900 dark:text-slate-100">{comment.authorName}</span>
        {comment.staff ? (
          <span className="rounded-full border border-sky-300 bg-sky-50 px-2 py-0.5 text-xs text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100">
            Staff
          </span>
        ) : null}
        {comment.internal ? (
          <span className="rounded-full border border-amber-400 px-2 py-0.5 text-xs text-amber-900 dark:text-amber-100">
            Internal note
          </span>
        ) : null}
        <RelativeTime iso={comment.createdAt} />
      </p>
      <div
        className="article-content prose prose-sm mt-2 max-w-none dark:prose-invert"
        dangerouslySetInnerHTML={{ __html: comment.html }}
      />
      {comment.replies.length ? (
        <ul className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4 dark:border-slate-700">
          {comment.replies.map((child) => (
            <Comment key={child.id} comment={child} canReply={false} staff={staff} reply />
          ))}
        </ul>
      ) : null}
      {canReply && !reply ? <ReplyForm comment={comment} /> : null}
    </li>
  );
}

/** A reply to a comment; a reply to an internal note stays internal. */
function ReplyForm({ comment }: { comment: IdeaComment }) {
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-sm text-sky-700 dark:text-sky-400">Reply</summary>
      <Form method="post" className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="comment" />
        <input type="hidden" name="parentId" value={comment.id} />
        {comment.internal ? <input type="hidden" name="internal" value="on" /> : null}
        <label htmlFor={`reply-${comment.id}`} className="sr-only">
          Your reply
        </label>
        <textarea
          id={`reply-${comment.id}`}
          name="body"
          rows={3}
          required
          maxLength={DESCRIPTION_MAX_LENGTH}
          className={IDEA_INPUT_CLASS}
        />
        <button type="submit" className={IDEA_BUTTON_CLASS}>
          Post reply
        </button>
      </Form>
    </details>
  );
}

function CommentForm({ staff, pending, error }: { staff: boolean; pending: boolean; error?: string }) {
  return (
    <Form method="post" className="mt-6 space-y-2">
      <input type="hidden" name="intent" value="comment" />
      <label htmlFor="comment-body" className="block text-sm font-medium">
        Add a comment
      </label>
      <textarea
        id="comment-body"
        name="body"
        rows={4}
        required
        maxLength={DESCRIPTION_MAX_LENGTH}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "comment-error" : "comment-hint"}
        className={IDEA_INPUT_CLASS}
      />
      {error ? (
        <p id="comment-error" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : (
        <p id="comment-hint" className="text-xs text-slate-500 dark:text-slate-400">
          Markdown works. Say how you would use it: that helps us most.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-4">
        <button type="submit" className={IDEA_PRIMARY_BUTTON_CLASS} disabled={pending}>
          {pending ? "Posting…" : "Post comment"}
        </button>
        {staff ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="internal" /> Internal note (staff only)
          </label>
        ) : null}
      </div>
    </Form>
  );
}
