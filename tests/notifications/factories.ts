import { bodyHashOf } from "~/forum/limits.server";
import { randomUUID } from "node:crypto";
import { slugify, threadPath } from "~/forum/paths";
import { prisma } from "~/lib/db.server";
import { onForumPostCreated } from "~/forum/activity-notices.server";

/**
 * Forum rows for the notification tests, written the way the forum's model modules write them:
 * the post and the thread's counters in one transaction that also calls onForumPostCreated.
 */

/** A member with a unique username (these tests never sign in with a password, so the hash is a placeholder). */
export async function createMember(username?: string) {
  const id = randomUUID().replace(/-/g, "").slice(0, 12);
  const handle = username ?? `m${id}`;
  return prisma.user.create({
    data: {
      email: `member-${id}@example.com`,
      name: `Member ${id.slice(0, 5)}`,
      passwordHash: "not-a-password-hash",
      emailVerifiedAt: new Date(),
      username: handle,
    },
  });
}

export async function createCategory(name = "Questions & answers") {
  const suffix = randomUUID().slice(0, 8);
  return prisma.forumCategory.create({
    data: { slug: `${slugify(name)}-${suffix}`, name, description: `${name} (test)`, isQuestions: true },
  });
}

/** A post in a thread, through the same transaction shape as the forum (counters, then the event). */
export async function writePost(threadId: number, authorId: string, bodyMarkdown: string, createdAt = new Date()) {
  return prisma.$transaction(async (tx) => {
    const thread = await tx.forumThread.update({
      where: { id: threadId },
      data: { lastPostNumber: { increment: 1 }, postCount: { increment: 1 }, lastPostAt: createdAt },
    });
    const post = await tx.forumPost.create({
      data: {
        threadId,
        number: thread.lastPostNumber,
        authorId,
        bodyMarkdown,
        bodyHash: bodyHashOf(bodyMarkdown),
        bodyHtml: `<p>${bodyMarkdown}</p>`,
        createdAt,
      },
    });
    await onForumPostCreated(tx, {
      threadId,
      threadTitle: thread.title,
      threadUrl: threadPath(thread),
      postId: post.id,
      postNumber: post.number,
      authorId,
      bodyMarkdown,
      isFirstPost: post.number === 1,
      categoryId: thread.categoryId,
    });
    return post;
  });
}

export async function startThread(
  authorId: string,
  options: { title?: string; body?: string; categoryId?: string; createdAt?: Date } = {},
) {
  const categoryId = options.categoryId ?? (await createCategory()).id;
  const title = options.title ?? `How do I escalate a ticket ${randomUUID().slice(0, 6)}?`;
  const createdAt = options.createdAt ?? new Date();
  const thread = await prisma.forumThread.create({
    data: { categoryId, authorId, title, slug: slugify(title), createdAt, lastPostAt: createdAt },
  });
  const first = await writePost(
    thread.id,
    authorId,
    options.body ?? "What does the escalation path look like?",
    createdAt,
  );
  return { thread, first };
}

export function notificationsOf(userId: string) {
  return prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

export function mailTo(email: string) {
  return prisma.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
}
