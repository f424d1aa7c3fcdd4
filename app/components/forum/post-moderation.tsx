import { lazy, Suspense, useCallback, useState } from "react";
import type { ThreadModerationView } from "~/forum/moderation-views";
import type { PostView } from "~/forum/views";
import type { FlagTarget } from "./flag-dialog";
import type { PostModerationTarget } from "./moderator-menu";

// Loaded only for viewers who may flag or moderate: an anonymous reader's thread page ships neither.
// The server renders them in full (it waits for every boundary), so nothing pops in after hydration.
const FlagButton = lazy(() => import("./flag-dialog").then((module) => ({ default: module.FlagButton })));
const FlagDialog = lazy(() => import("./flag-dialog").then((module) => ({ default: module.FlagDialog })));
const PostModeratorButton = lazy(() =>
  import("./moderator-menu").then((module) => ({ default: module.PostModeratorButton })),
);
const PostModeratorDialog = lazy(() =>
  import("./moderator-menu").then((module) => ({ default: module.PostModeratorDialog })),
);

/**
 * Flagging (members, not their own posts) and moderating on a thread page: one shared dialog each
 * per page, opened for a post by its button, so the page does not carry a form per post.
 * `controls(post)` are a post's buttons; `dialogs` go once at the end of the page.
 */
export function usePostModeration(moderation: ThreadModerationView) {
  const [flagTarget, setFlagTarget] = useState<FlagTarget | null>(null);
  const [flagReplies, setFlagReplies] = useState<Record<number, string>>({});
  const [moderationTarget, setModerationTarget] = useState<PostModerationTarget | null>(null);
  const closeFlag = useCallback(() => setFlagTarget(null), []);
  const closeModeration = useCallback(() => setModerationTarget(null), []);
  const onFlagged = useCallback((postId: number, message: string) => {
    setFlagReplies((replies) => ({ ...replies, [postId]: message }));
    setFlagTarget(null);
  }, []);

  const controls = (post: PostView) => {
    const flagged = moderation.flaggedPostIds.includes(post.id);
    return (
      <Suspense fallback={null}>
        {moderation.canFlag && post.author.id !== moderation.viewerId && !post.deleted && (!post.hidden || flagged) ? (
          <FlagButton
            target={{ postId: post.id, postNumber: post.number, authorName: post.author.name, redirectTo: post.url }}
            alreadyFlagged={flagged}
            status={flagReplies[post.id]}
            onOpen={setFlagTarget}
          />
        ) : null}
        {moderation.moderator ? (
          <PostModeratorButton
            target={{
              post,
              redirectTo: post.url,
              canSuspend: moderation.moderator.canSuspend,
              isSelf: post.author.id === moderation.viewerId,
            }}
            onOpen={setModerationTarget}
          />
        ) : null}
      </Suspense>
    );
  };
  const dialogs = (
    <Suspense fallback={null}>
      {moderation.canFlag ? <FlagDialog target={flagTarget} onClose={closeFlag} onFlagged={onFlagged} /> : null}
      {moderation.moderator ? <PostModeratorDialog target={moderationTarget} onClose={closeModeration} /> : null}
    </Suspense>
  );
  return { controls, dialogs };
}
