import { markdownToPlainText } from "../lib/markdown";
import { autoFollow, threadAudience } from "./follow.server";
import { findMentionedUsers } from "./mentions.server";
import { postPath } from "./paths";
import type { Prisma } from "../generated/prisma/client";
import { toPlainLine } from "../lib/plain-text";
import { countWrite } from "../auth/write-limits.server";
import { enqueueNotificationEmail, quoteBlock, quoteInline } from "../notifications/email.server";
import { publishToThread } from "./live-hub.server";
import { notify } from "../notifications/notify.server";
import { emailPreferencesOf } from "../notifications/preferences.server";

/**
 * What the forum tells the notification system. Each `on…` runs inside the transaction that made the
 * change, so a rolled-back reply notifies nobody; `publishThreadActivity` runs after the commit.
 *
 * The rules for a new post (tests/notifications/forum-events.test.ts):
 * - Its author follows the thread (autoFollow; an earlier mute stays) and is never notified of it.
 * - Members who muted the thread hear nothing from it, mentions included.
 * - A mentioned member gets one "mention" notification and no "reply" one for the same post, even if
 *   they follow the thread: the mention is the more specific reason, so it wins (dedupe).
 * - Every other follower gets a "reply" notification (not for the opening post: there is no one to
 *   follow a thread before it exists).
 * - Email: a mention (if the mentioned member keeps mention emails on, and at most one mention email
 *   per member an hour, however many posts name them), and a reply in a thread the recipient started
 *   (if they keep reply emails on and have not muted it). At most one email per member per post.
 */
export type ForumPostEvent = {
  threadId: number;
  threadTitle: string;
  threadUrl: string;
  postId: number;
  postNumber: number;
  authorId: string;
  bodyMarkdown: string;
};

type Tx = Prisma.TransactionClient;

/** The start of the post a notification is about: plain text of its first lines (notify() shortens it). */
function postExcerpt(bodyMarkdown: string): string {
  return markdownToPlainText(bodyMarkdown.slice(0, 2_000));
}

/** A title inside an in-app notification (shown as text, so one line is all it needs). */
const quoted = (title: string) => {
  const line = toPlainLine(title);
  return `"${line.length > 80 ? `${line.slice(0, 79)}…` : line}"`;
};

async function threadOf(tx: Tx, threadId: number) {
  return tx.forumThread.findUniqueOrThrow({
    where: { id: threadId },
    select: { id: true, slug: true, authorId: true },
  });
}

/** The member's name on one line (names stored before the plain-line rule may hold line breaks). */
async function nameOf(tx: Tx, userId: string) {
  return (
    toPlainLine((await tx.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? "") || "Someone"
  );
}

export async function onForumPostCreated(
  tx: Tx,
  event: ForumPostEvent & { isFirstPost: boolean; categoryId: string },
): Promise<void> {
  await autoFollow(tx, event.authorId, event.threadId);
  const thread = await threadOf(tx, event.threadId);
  const url = postPath(thread, event.postNumber);
  const actorName = await nameOf(tx, event.authorId);
  const audience = await threadAudience(tx, event.threadId);
  const excerpt = postExcerpt(event.bodyMarkdown);

  const mentioned = (await findMentionedUsers(tx, event.bodyMarkdown)).filter(
    (user) => user.id !== event.authorId && !audience.muted.has(user.id),
  );
  const replyRecipients = event.isFirstPost
    ? []
    : [...audience.following].filter(
        (userId) => userId !== event.authorId && !mentioned.some((user) => user.id === userId),
      );
  const threadAuthorGetsReply = replyRecipients.includes(thread.authorId);

  const preferences = await emailPreferencesOf(
    [...mentioned.map((user) => user.id), ...(threadAuthorGetsReply ? [thread.authorId] : [])],
    tx,
  );

  const mailedMentions = await mentionMailsDue(
    tx,
    mentioned.filter((user) => preferences.get(user.id)?.mention),
  );
  for (const user of mentioned) {
    await notify(tx, {
      userId: user.id,
      kind: "mention",
      title: `${actorName} mentioned you in ${quoted(event.threadTitle)}`,
      url,
      actorId: event.authorId,
      excerpt,
    });
    if (mailedMentions.has(user.id)) {
      await enqueueNotificationEmail(tx, {
        to: user,
        kind: "mention",
        subject: `${actorName} mentioned you in ${quoted(event.threadTitle)}`,
        paragraphs: [
          `${quoteInline(actorName)} mentioned you in a post in the TechFlow community thread ${quoteInline(event.threadTitle)}. They wrote:`,
          quoteBlock(event.bodyMarkdown),
          "Further mentions in the next hour appear in your notifications (and the daily digest) rather than as more emails.",
        ],
        path: url,
      });
    }
  }

  for (const userId of replyRecipients) {
    await notify(tx, {
      userId,
      kind: "reply",
      title: `${actorName} replied to ${quoted(event.threadTitle)}`,
      url,
      actorId: event.authorId,
      excerpt,
    });
  }
  if (threadAuthorGetsReply && preferences.get(thread.authorId)?.reply) {
    const threadAuthor = await tx.user.findUnique({
      where: { id: thread.authorId },
      select: { id: true, email: true, name: true },
    });
    if (threadAuthor) {
      await enqueueNotificationEmail(tx, {
        to: threadAuthor,
        kind: "reply",
        subject: `New reply to your thread ${quoted(event.threadTitle)}`,
        paragraphs: [
          `${quoteInline(actorName)} replied to your thread ${quoteInline(event.threadTitle)} in the TechFlow community. They wrote:`,
          quoteBlock(event.bodyMarkdown),
        ],
        path: url,
      });
    }
  }
}

/**
 * Which of these members may get a mention email now: one per member per window
 * (WRITE_LIMITS.mentionEmailsPerRecipient), however many posts name them; the rest still get the
 * in-app notification. Counted in the post's transaction, in id order so that two posts naming the
 * same members take their counters in the same order (no deadlock between them on PostgreSQL).
 */
async function mentionMailsDue(tx: Tx, recipients: readonly { id: string }[]): Promise<Set<string>> {
  const due = new Set<string>();
  for (const id of recipients.map((user) => user.id).sort()) {
    if ((await countWrite(tx, "mentionEmailsPerRecipient", id)).allowed) due.add(id);
  }
  return due;
}

/** The answer's author hears that their answer was accepted (not when they accepted it themselves). */
export async function onAnswerAccepted(tx: Tx, event: ForumPostEvent & { acceptedById: string }): Promise<void> {
  const thread = await threadOf(tx, event.threadId);
  const muted = (await threadAudience(tx, event.threadId)).muted;
  if (muted.has(event.authorId)) return;
  const actorName = await nameOf(tx, event.acceptedById);
  // Accepting, changing and re-accepting the same answer leaves one unread notification, not several.
  await notify(tx, {
    userId: event.authorId,
    kind: "accepted",
    title: `${actorName} accepted your answer in ${quoted(event.threadTitle)}`,
    url: postPath(thread, event.postNumber),
    actorId: event.acceptedById,
    groupKey: `accepted:post:${event.postId}`,
    excerpt: postExcerpt(event.bodyMarkdown),
  });
}

/**
 * Likes on one post fold into one unread notification ("3 people liked your post"). A member who
 * unlikes and likes again is not counted twice in a row.
 */
export async function onPostLiked(tx: Tx, event: ForumPostEvent & { likedById: string }): Promise<void> {
  if (event.likedById === event.authorId) return;
  const groupKey = `like:post:${event.postId}`;
  const open = await tx.notification.findFirst({
    where: { userId: event.authorId, groupKey, readAt: null },
    select: { actorId: true },
  });
  if (open?.actorId === event.likedById) return;
  const thread = await threadOf(tx, event.threadId);
  const actorName = await nameOf(tx, event.likedById);
  await notify(tx, {
    userId: event.authorId,
    kind: "like",
    title: (count) =>
      count === 1
        ? `${actorName} liked your post in ${quoted(event.threadTitle)}`
        : `${count} people liked your post in ${quoted(event.threadTitle)}`,
    url: postPath(thread, event.postNumber),
    actorId: event.likedById,
    groupKey,
    excerpt: postExcerpt(event.bodyMarkdown),
  });
}

/** After the transaction commits: tells live readers of the thread that post `postNumber` exists. */
export function publishThreadActivity(threadId: number, postNumber: number): void {
  publishToThread({ threadId, postNumber });
}
