import type { Actor } from "../auth/permissions";
import type { ModeratorAction } from "./moderation-schemas";
import { closeAsDuplicate, reopenDuplicate } from "./qa-hygiene.server";
import { moderatePost } from "./review-queue.server";
import { liftSuspension, suspendUser } from "./suspensions.server";
import { mergeThread } from "./thread-merge.server";
import { moveThread, setThreadLocked, setThreadPinned } from "./thread-moderation.server";

/** One parsed moderator form (app/forum/moderation-schemas.ts) carried out, with the sentence the moderator reads afterwards. */
export async function performModeratorAction(
  user: Actor,
  action: ModeratorAction,
): Promise<{ message: string; url?: string }> {
  switch (action.intent) {
    case "lock":
    case "unlock":
      return {
        ...(await setThreadLocked(user, action.threadId, action.intent === "lock", action.reason)),
        message: action.intent === "lock" ? "Thread locked: it takes no new replies." : "Thread unlocked.",
      };
    case "pin":
    case "unpin":
      return {
        ...(await setThreadPinned(user, action.threadId, action.intent === "pin", action.reason)),
        message: action.intent === "pin" ? "Thread pinned to the top of its category." : "Thread unpinned.",
      };
    case "move":
      return { ...(await moveThread(user, action.threadId, action.category, action.reason)), message: "Thread moved." };
    case "merge": {
      const merged = await mergeThread(user, action.threadId, action.target, action.reason);
      return { url: merged.url, message: `Merged: ${merged.movedPosts} posts moved to thread ${action.target}.` };
    }
    case "duplicate": {
      const closed = await closeAsDuplicate(user, action.threadId, action.target, action.reason);
      return {
        url: closed.url,
        message: `Closed as a duplicate of thread ${action.target}: readers are sent to the original.`,
      };
    }
    case "reopen-duplicate":
      return {
        ...(await reopenDuplicate(user, action.threadId, action.reason)),
        message: "Reopened: the thread is no longer marked as a duplicate.",
      };
    case "approve":
    case "hide":
    case "delete": {
      const done = await moderatePost(user, action.postId, action.intent, action.reason);
      const words = {
        approve: "Post approved and shown again.",
        hide: "Post hidden from members.",
        delete: done.threadDeleted ? "Opening post deleted, and its thread with it." : "Post deleted.",
      };
      return { url: done.url, message: words[action.intent] };
    }
    case "suspend": {
      const { until } = await suspendUser(user, action.userId, action.days, action.reason);
      return {
        message: `Member suspended until ${until.toISOString().slice(0, 16).replace("T", " ")} UTC; their sessions were ended.`,
      };
    }
    case "unsuspend":
      await liftSuspension(user, action.userId, action.reason);
      return { message: "Suspension lifted." };
  }
}
