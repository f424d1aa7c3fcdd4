import { Form, Link, useFetcher } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { useCodeCopyButtons } from "~/components/article/code-copy";
import { useHydrated } from "~/components/forms";
import type { PostView } from "~/forum/views";
import { AuthorBadge, Pill } from "./badges";
import { RelativeTime } from "./relative-time";

const BUTTON =
  "inline-flex items-center gap-1 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800";

function Avatar({ name }: { name: string }) {
  const initial = name.trim().charAt(0).toUpperCase() || "?";
  return (
    <span
      aria-hidden="true"
      className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-sky-100 text-sm font-semibold text-sky-900 sm:h-10 sm:w-10 sm:text-base dark:bg-sky-900 dark:text-sky-100"
    >
      {initial}
    </span>
  );
}

/** The post's stored HTML; its code blocks get a Copy button once the page runs JavaScript. */
function PostBody({ number, html }: { number: number; html: string }) {
  const body = useRef<HTMLDivElement>(null);
  const copyAnnouncement = useCodeCopyButtons(body, html);
  return (
    <>
      <div
        ref={body}
        data-post-body={number}
        className="forum-post-body prose prose-slate mt-2 max-w-none break-words dark:prose-invert prose-a:text-sky-700 dark:prose-a:text-sky-400 prose-pre:bg-slate-100 prose-pre:text-slate-900 dark:prose-pre:bg-slate-900 dark:prose-pre:text-slate-100"
        // Sanitized when the post was written (app/lib/markdown.ts through app/forum/render.server.ts).
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {html.includes('class="code-block"') ? (
        <p className="sr-only" role="status" aria-live="polite">
          {copyAnnouncement}
        </p>
      ) : null}
    </>
  );
}

/** With JavaScript, small actions (like, accept) run in the background; without it they post the form and come back to the post. */
function FetchFlag() {
  const hydrated = useHydrated();
  return hydrated ? <input type="hidden" name="_fetch" value="1" /> : null;
}

function LikeButton({ post, formAction }: { post: PostView; formAction: string }) {
  const fetcher = useFetcher<{ error?: string; likeCount?: number; liked?: boolean }>();
  const pending = fetcher.formData ? fetcher.formData.get("liked") === "true" : null;
  const liked = pending ?? post.likedByViewer;
  const count =
    pending === null ? post.likeCount : post.likeCount + (pending === post.likedByViewer ? 0 : pending ? 1 : -1);
  const label = `${count} ${count === 1 ? "like" : "likes"}`;
  if (!post.can.like) {
    return count > 0 ? <span className="px-2 py-1 text-sm text-slate-600 dark:text-slate-300">♥ {label}</span> : null;
  }
  return (
    <fetcher.Form method="post" action={formAction} preventScrollReset>
      <input type="hidden" name="intent" value="like" />
      <input type="hidden" name="postId" value={post.id} />
      <input type="hidden" name="liked" value={String(!liked)} />
      <FetchFlag />
      <button
        type="submit"
        aria-pressed={liked}
        className={`${BUTTON} ${liked ? "text-rose-700 dark:text-rose-300" : ""}`}
      >
        <span aria-hidden="true">{liked ? "♥" : "♡"}</span> {liked ? "Liked" : "Like"}{" "}
        <span className="text-slate-500 dark:text-slate-400">({label})</span>
      </button>
      {fetcher.data?.error ? (
        <span role="alert" className="ml-2 text-sm text-red-700 dark:text-red-400">
          {fetcher.data.error}
        </span>
      ) : null}
    </fetcher.Form>
  );
}

export function PostCard({
  post,
  formAction,
  isOpening,
  onQuote,
  variant = "thread",
  moderation,
}: {
  post: PostView;
  formAction: string;
  isOpening: boolean;
  onQuote?: (post: PostView) => void;
  /** "accepted" is the copy of the accepted answer shown under the question: no anchor of its own. */
  variant?: "thread" | "accepted";
  /** Flag and moderator controls (app/components/forum/flag-dialog.tsx, moderator-menu.tsx), shown after the post's own actions. */
  moderation?: ReactNode;
}) {
  const hydrated = useHydrated();
  const headingId = variant === "thread" ? `post-${post.number}-author` : `accepted-${post.number}-author`;
  return (
    <article
      id={variant === "thread" ? `post-${post.number}` : undefined}
      aria-labelledby={headingId}
      data-post-number={post.number}
      className="forum-post flex gap-3 py-5 sm:gap-4"
    >
      <Avatar name={post.author.name} />
      <div className="min-w-0 flex-1">
        <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <h3 id={headingId} className="font-semibold text-slate-900 dark:text-slate-100">
            {post.author.name}
            <span className="sr-only">{isOpening ? ", question" : `, reply ${post.number - 1}`}</span>
          </h3>
          {post.author.username ? (
            <span className="text-slate-500 dark:text-slate-400">@{post.author.username}</span>
          ) : null}
          <AuthorBadge badge={post.author.badge} />
          {post.isAccepted && variant === "thread" ? <Pill tone="solved">✓ Accepted answer</Pill> : null}
          <span className="ml-auto flex items-center gap-2 text-slate-600 dark:text-slate-300">
            {post.editedAt && !post.deleted ? (
              <Link
                to={`/community/posts/${post.id}/history`}
                className="text-xs underline decoration-dotted hover:decoration-solid"
                title="See the edit history"
              >
                edited
              </Link>
            ) : null}
            <Link to={post.url} className="hover:underline">
              <RelativeTime iso={post.createdAt} />
              <span className="sr-only"> (link to post {post.number})</span>
            </Link>
            <span className="text-xs text-slate-500 dark:text-slate-400">#{post.number}</span>
          </span>
        </header>
        {post.deleted ? (
          <p className="mt-2 italic text-slate-600 dark:text-slate-300">
            {post.deletedBy === "moderator"
              ? "This post was removed by a moderator."
              : "This post was deleted by its author."}
          </p>
        ) : post.hidden && !post.html ? (
          <p className="mt-2 italic text-slate-600 dark:text-slate-300">
            This post is hidden while moderators review it.
          </p>
        ) : (
          <>
            {post.hidden ? (
              <p className="mt-2 text-sm font-medium text-amber-800 dark:text-amber-200">
                Hidden from members pending review.
              </p>
            ) : null}
            <PostBody number={post.number} html={post.html} />
          </>
        )}
        {variant === "thread" && !post.deleted ? (
          <footer className="mt-3 flex flex-wrap items-center gap-1">
            <LikeButton post={post} formAction={formAction} />
            {post.can.quote ? (
              hydrated && onQuote ? (
                <button
                  type="button"
                  className={BUTTON}
                  onClick={() => onQuote(post)}
                  title="Quote the selected text, or the whole post"
                >
                  Quote
                </button>
              ) : (
                // The thread's own address (with its page), not a relative "?quote=": a relative link resolves against
                // whatever address the page was reached by, and the reader stays on the page they were reading.
                <Link
                  to={`${formAction}${formAction.includes("?") ? "&" : "?"}quote=${post.number}#reply`}
                  className={BUTTON}
                >
                  Quote
                </Link>
              )
            ) : null}
            {post.can.accept ? (
              <Form method="post" action={formAction} preventScrollReset>
                <input type="hidden" name="intent" value="accept" />
                <input type="hidden" name="postId" value={post.isAccepted ? "" : post.id} />
                <button
                  type="submit"
                  className={`${BUTTON} ${post.isAccepted ? "" : "text-emerald-800 dark:text-emerald-300"}`}
                >
                  {post.isAccepted ? "Unaccept answer" : "✓ Accept answer"}
                </button>
              </Form>
            ) : null}
            {post.can.edit ? (
              <Link to={`/community/posts/${post.id}/edit`} className={BUTTON}>
                Edit
              </Link>
            ) : null}
            {post.can.delete ? (
              <Form
                method="post"
                action={formAction}
                onSubmit={(event) => {
                  if (!window.confirm("Delete this post? It will show as deleted by its author."))
                    event.preventDefault();
                }}
              >
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="postId" value={post.id} />
                <button type="submit" className={`${BUTTON} text-red-700 dark:text-red-400`}>
                  Delete
                </button>
              </Form>
            ) : null}
            {moderation}
          </footer>
        ) : null}
      </div>
    </article>
  );
}
