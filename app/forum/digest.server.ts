import { threadPath } from "./paths";
import type { PrismaClient } from "../generated/prisma/client";
import { toPlainLine } from "../lib/plain-text";
import { absoluteUrl, enqueueNotificationEmail, quoteInline } from "../notifications/email.server";
import { emailPreferencesOf } from "../notifications/preferences.server";
import { inRetriedTransaction } from "../lib/transactions.server";

/**
 * The daily digest: to each member who follows categories, one email listing the threads started in
 * them during the previous UTC day (not their own). Each member's digest for a day is recorded
 * (NotificationDigest) in the same transaction as the outbox row, so running the job again that day,
 * on this instance or another, sends nothing twice, and a failed run can simply be run again.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_THREADS_LISTED = 30;

export function digestDay(now: Date): { day: string; from: Date; to: Date } {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { day: to.toISOString().slice(0, 10), from: new Date(to.getTime() - DAY_MS), to };
}

/** Sends the digests due at `now`; answers how many emails it wrote to the outbox. */
export async function sendForumDigests(db: PrismaClient, now: Date): Promise<number> {
  const { day, from, to } = digestDay(now);
  const follows = await db.forumSubscription.findMany({
    where: { categoryId: { not: null }, state: "following" },
    select: { userId: true, categoryId: true },
  });
  const categoriesByUser = new Map<string, Set<string>>();
  for (const follow of follows) {
    if (!follow.categoryId) continue;
    const set = categoriesByUser.get(follow.userId) ?? new Set<string>();
    set.add(follow.categoryId);
    categoriesByUser.set(follow.userId, set);
  }
  if (categoriesByUser.size === 0) return 0;

  const alreadySent = new Set(
    (await db.notificationDigest.findMany({ where: { day }, select: { userId: true } })).map((row) => row.userId),
  );
  const due = [...categoriesByUser.keys()].filter((userId) => !alreadySent.has(userId));
  if (due.length === 0) return 0;
  const followedIds = [
    ...new Set(follows.map((follow) => follow.categoryId).filter((id): id is string => id !== null)),
  ];
  const threads = await db.forumThread.findMany({
    where: {
      categoryId: { in: followedIds },
      createdAt: { gte: from, lt: to },
      deletedAt: null,
      hiddenAt: null,
      mergedIntoId: null,
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      authorId: true,
      categoryId: true,
      category: { select: { name: true } },
      author: { select: { name: true } },
    },
  });
  if (threads.length === 0) return 0;
  const preferences = await emailPreferencesOf(due, db);
  const users = await db.user.findMany({ where: { id: { in: due } }, select: { id: true, email: true, name: true } });

  let sent = 0;
  for (const user of users) {
    if (!preferences.get(user.id)?.digest) continue;
    const followed = categoriesByUser.get(user.id) ?? new Set<string>();
    const mine = threads.filter((thread) => followed.has(thread.categoryId) && thread.authorId !== user.id);
    if (mine.length === 0) continue;
    const wrote = await inRetriedTransaction(
      async (tx) => {
        // Checked again inside the transaction: another run may have sent this digest meanwhile.
        if (await tx.notificationDigest.findUnique({ where: { userId_day: { userId: user.id, day } } })) return false;
        await tx.notificationDigest.create({ data: { userId: user.id, day, threadCount: mine.length, sentAt: now } });
        const listed = mine.slice(0, MAX_THREADS_LISTED);
        await enqueueNotificationEmail(tx, {
          to: user,
          kind: "digest",
          subject: `${mine.length} new ${mine.length === 1 ? "thread" : "threads"} in the TechFlow community`,
          paragraphs: [
            `New threads on ${from.toISOString().slice(0, 10)} (UTC) in the categories you follow:`,
            // Titles and names are members' words: quoted and kept to one line, so none can pass for a line of ours.
            listed
              .map(
                (thread) =>
                  `- [${toPlainLine(thread.category.name)}] ${quoteInline(thread.title)} (by ${quoteInline(thread.author.name, 60)})\n  ${absoluteUrl(threadPath(thread))}`,
              )
              .join("\n"),
            ...(mine.length > listed.length ? [`…and ${mine.length - listed.length} more.`] : []),
          ],
          path: "/community",
        });
        return true;
      },
      { db },
    );
    if (wrote) sent += 1;
  }
  return sent;
}
