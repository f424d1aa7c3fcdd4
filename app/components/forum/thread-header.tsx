import { lazy, Suspense } from "react";
import { Link } from "@remix-run/react";
import { FollowButton, type FollowButtonState } from "~/components/notifications/follow-button";
import type { ThreadModerationView } from "~/forum/moderation-views";
import type { ThreadView } from "~/forum/views";
import { Pill } from "./badges";
import { CategoryAndTagLinks } from "./category-and-tags";
import { RelativeTime } from "./relative-time";

// Only moderators load the moderator menu (the server renders it in full; see post-moderation.tsx).
const ThreadModeratorMenu = lazy(() =>
  import("./moderator-menu").then((module) => ({ default: module.ThreadModeratorMenu })),
);

/** The top of a thread page: its marks (pinned, solved, locked, duplicate), title, category, tags, counts, and follow. */
export function ThreadHeader({
  thread,
  moderator,
  follow,
}: {
  thread: ThreadView;
  moderator: ThreadModerationView["moderator"];
  follow: FollowButtonState | null;
}) {
  const replies = thread.postCount - 1;
  return (
    <header className="mt-4">
      <div className="flex flex-wrap items-center gap-2">
        {thread.pinned ? <Pill tone="pinned">Pinned</Pill> : null}
        {thread.solved ? (
          <Pill tone="solved">✓ Solved</Pill>
        ) : thread.category.isQuestions ? (
          <Pill tone="question">Question</Pill>
        ) : null}
        {thread.locked ? <Pill tone="locked">Locked</Pill> : null}
        {thread.duplicateOf ? <Pill tone="locked">Duplicate</Pill> : null}
        {moderator ? (
          <span className="ml-auto">
            <Suspense fallback={null}>
              <ThreadModeratorMenu thread={thread} categories={moderator.categories} canReview={moderator.canReview} />
            </Suspense>
          </span>
        ) : null}
      </div>
      <h1 className="mt-2 break-words text-3xl font-bold tracking-tight">{thread.title}</h1>
      <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
        <CategoryAndTagLinks category={thread.category} tags={thread.tags} />
        <span>
          {replies} {replies === 1 ? "reply" : "replies"} · {thread.likeCount}{" "}
          {thread.likeCount === 1 ? "like" : "likes"} · started <RelativeTime iso={thread.createdAt} />
        </span>
      </p>
      {follow ? (
        <div className="mt-3">
          <FollowButton target={{ threadId: thread.id }} state={follow} />
        </div>
      ) : null}
    </header>
  );
}

/** A question closed as a duplicate points to the original, where new answers go. */
export function DuplicateNotice({ original }: { original: NonNullable<ThreadView["duplicateOf"]> }) {
  return (
    <p
      role="note"
      data-testid="duplicate-notice"
      className="mt-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
    >
      This question was closed as a duplicate of{" "}
      <Link to={original.url} className="font-semibold underline">
        {original.title}
      </Link>
      . Its replies stay here to read; new answers go to the original.
    </p>
  );
}
