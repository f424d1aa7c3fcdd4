import { Form } from "@remix-run/react";
import { FormMessage } from "~/components/forms";
import { RelativeTime } from "~/components/forum/relative-time";
import { allowedTransitions, IMPORTANCE_LABELS, IMPORTANCE_LEVELS, STATUS_LABELS, type IdeaStatus, type Importance } from "~/ideas/rules";
import { DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from "~/ideas/schemas";

export type CommentView = { id: string; authorName: string; staff: boolean; html: string; internal: boolean; createdAt: string; replies: CommentView[] };

const INPUT = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900";
const BUTTON = "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800";
const PRIMARY = "rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60";

function Comment({ comment, canReply, staff, reply }: { comment: CommentView; canReply: boolean; staff: boolean; reply: boolean }) {
  return (
    <li id={`comment-${comment.id}`} className={`rounded-lg border p-4 ${comment.internal ? "border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/40" : "border-slate-200 dark:border-slate-700"}`}>
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
        <span className="font-semibold text-slate-900 dark:text-slate-100">{comment.authorName}</span>
        {comment.staff ? <span className="rounded-full border border-sky-300 bg-sky-50 px-2 py-0.5 text-xs text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100">Staff</span> : null}
        {comment.internal ? <span className="rounded-full border border-amber-400 px-2 py-0.5 text-xs text-amber-900 dark:text-amber-100">Internal note</span> : null}
        <RelativeTime iso={comment.createdAt} />
      </p>
      <div className="article-content prose prose-sm mt-2 max-w-none dark:prose-invert" dangerouslySetInnerHTML={{ __html: comment.html }} />
      {comment.replies.length ? (
        <ul className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4 dark:border-slate-700">
          {comment.replies.map((child) => (
            <Comment key={child.id} comment={child} canReply={false} staff={staff} reply />
          ))}
        </ul>
      ) : null}
      {canReply && !reply ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm text-sky-700 dark:text-sky-400">Reply</summary>
          <Form method="post" className="mt-2 space-y-2">
            <input type="hidden" name="intent" value="comment" />
            <input type="hidden" name="parentId" value={comment.id} />
            {comment.internal ? <input type="hidden" name="internal" value="on" /> : null}
            <label htmlFor={`reply-${comment.id}`} className="sr-only">
              Your reply
            </label>
            <textarea id={`reply-${comment.id}`} name="body" rows={3} required maxLength={DESCRIPTION_MAX_LENGTH} className={INPUT} />
            <button type="submit" className={BUTTON}>
              Post reply
            </button>
          </Form>
        </details>
      ) : null}
    </li>
  );
}

export function CommentList({ comments, canReply, staff }: { comments: CommentView[]; canReply: boolean; staff: boolean }) {
  if (comments.length === 0) return <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">No comments yet.</p>;
  return (
    <ul className="mt-4 space-y-4">
      {comments.map((comment) => (
        <Comment key={comment.id} comment={comment} canReply={canReply} staff={staff} reply={false} />
      ))}
    </ul>
  );
}

export function CommentForm({ staff, pending, error }: { staff: boolean; pending: boolean; error?: string }) {
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
        className={INPUT}
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
        <button type="submit" className={PRIMARY} disabled={pending}>
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

type StaffData = { voters: { name: string; email: string; account: string | null; plan: string | null; importance: string | null; viaMerge: boolean }[]; importance: Record<Importance | "unsaid", number> };
type StaffIdea = { id: number; title: string; status: IdeaStatus; pinned: boolean; hidden: boolean; descriptionMarkdown: string; area: { slug: string }; mergedInto: { id: number } | null };
type StaffViewer = { canModerate: boolean; canSetStatus: boolean; canMerge: boolean };

export function StaffPanel({ idea, staff, viewer, areas, actionData }: { idea: StaffIdea; staff: StaffData; viewer: StaffViewer; areas: { slug: string; name: string }[]; actionData?: { intent: string; error?: string } }) {
  const next = allowedTransitions(idea.status);
  return (
    <section aria-labelledby="staff-heading" className="mt-10 rounded-lg border-2 border-dashed border-amber-300 p-5 dark:border-amber-700" data-testid="staff-panel">
      <h2 id="staff-heading" className="text-lg font-semibold">
        Staff
      </h2>
      <div className="mt-3 grid gap-6 md:grid-cols-2">
        <div>
          <h3 className="font-medium">How important to voters</h3>
          <ul className="mt-1 text-sm">
            {IMPORTANCE_LEVELS.map((level) => (
              <li key={level}>
                {IMPORTANCE_LABELS[level]}: <strong>{staff.importance[level]}</strong>
              </li>
            ))}
            <li>Did not say: {staff.importance.unsaid}</li>
          </ul>
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium">Voters ({staff.voters.length})</summary>
            <ul className="mt-2 max-h-64 overflow-auto text-sm">
              {staff.voters.map((voter) => (
                <li key={voter.email}>
                  {voter.name} · {voter.account ? `${voter.account} (${voter.plan})` : "no account"}
                  {voter.importance ? ` · ${voter.importance}` : ""}
                  {voter.viaMerge ? " · via merge" : ""}
                </li>
              ))}
            </ul>
          </details>
        </div>
        <div className="space-y-5">
          {viewer.canSetStatus && !idea.mergedInto ? (
            <Form method="post" className="space-y-2">
              <input type="hidden" name="intent" value="status" />
              <label htmlFor="status" className="block text-sm font-medium">
                Change status
              </label>
              {next.length ? (
                <>
                  <select id="status" name="status" className={INPUT} defaultValue={next[0]}>
                    {next.map((status) => (
                      <option key={status} value={status}>
                        {STATUS_LABELS[status]}
                      </option>
                    ))}
                  </select>
                  <label htmlFor="status-comment" className="block text-sm">
                    Public comment (the release note when shipping; required when declining)
                  </label>
                  <textarea id="status-comment" name="comment" rows={3} maxLength={5000} className={INPUT} />
                  {actionData?.intent === "status" && actionData.error ? <FormMessage tone="error">{actionData.error}</FormMessage> : null}
                  <button type="submit" className={BUTTON}>
                    Change status and tell followers
                  </button>
                </>
              ) : (
                <p className="text-sm">Shipped ideas keep their status.</p>
              )}
            </Form>
          ) : null}
          {viewer.canMerge ? (
            idea.mergedInto ? (
              <Form method="post">
                <input type="hidden" name="intent" value="unmerge" />
                <button type="submit" className={BUTTON}>
                  Undo the merge (votes, followers and comments go back)
                </button>
              </Form>
            ) : (
              <Form method="post" className="space-y-2">
                <input type="hidden" name="intent" value="merge" />
                <label htmlFor="merge-target" className="block text-sm font-medium">
                  Merge into idea # (votes, followers and comments move)
                </label>
                <input id="merge-target" name="target" inputMode="numeric" placeholder="e.g. 12" className={INPUT} required />
                {actionData?.intent === "merge" && actionData.error ? <FormMessage tone="error">{actionData.error}</FormMessage> : null}
                <button type="submit" className={BUTTON}>
                  Merge
                </button>
              </Form>
            )
          ) : null}
          {viewer.canModerate ? (
            <div className="flex flex-wrap gap-2">
              <Form method="post">
                <input type="hidden" name="intent" value={idea.pinned ? "unpin" : "pin"} />
                <button type="submit" className={BUTTON}>
                  {idea.pinned ? "Unpin" : "Pin"}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value={idea.hidden ? "unhide" : "hide"} />
                <button type="submit" className={BUTTON}>
                  {idea.hidden ? "Show again" : "Hide"}
                </button>
              </Form>
            </div>
          ) : null}
        </div>
      </div>
      {viewer.canModerate ? (
        <details className="mt-5">
          <summary className="cursor-pointer text-sm font-medium">Edit the idea</summary>
          <Form method="post" className="mt-3 space-y-2">
            <input type="hidden" name="intent" value="edit" />
            <label htmlFor="edit-title" className="block text-sm">
              Title
            </label>
            <input id="edit-title" name="title" defaultValue={idea.title} minLength={TITLE_MIN_LENGTH} maxLength={TITLE_MAX_LENGTH} required className={INPUT} />
            <label htmlFor="edit-area" className="block text-sm">
              Product area
            </label>
            <select id="edit-area" name="area" defaultValue={idea.area.slug} className={INPUT}>
              {areas.map((area) => (
                <option key={area.slug} value={area.slug}>
                  {area.name}
                </option>
              ))}
            </select>
            <label htmlFor="edit-description" className="block text-sm">
              Description (Markdown)
            </label>
            <textarea id="edit-description" name="description" defaultValue={idea.descriptionMarkdown} rows={8} maxLength={DESCRIPTION_MAX_LENGTH} required className={INPUT} />
            {actionData?.intent === "edit" && actionData.error ? <FormMessage tone="error">{actionData.error}</FormMessage> : null}
            <button type="submit" className={BUTTON}>
              Save changes
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
