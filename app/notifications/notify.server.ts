import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { NOTIFICATIONS_PER_PAGE, type NotificationKind } from "./kinds";

type Db = PrismaClient | Prisma.TransactionClient;

export type NotifyInput = {
  userId: string;
  kind: NotificationKind;
  /** A fixed title, or (for grouped notifications) one written from how many events the row now holds. */
  title: string | ((count: number) => string);
  /** A site path ("/community/t/12-slug#post-3"), never an absolute URL. */
  url: string;
  actorId?: string | null;
  /**
   * Events with the same key fold into the member's one unread row for it ("3 people liked your
   * post"); once that row is read, the next event starts a new one.
   */
  groupKey?: string | null;
  /** A line of what happened (the start of the reply), shown under the title; at most EXCERPT_LENGTH characters are kept. */
  excerpt?: string;
};

const EXCERPT_LENGTH = 200;

function shortExcerpt(text: string | undefined): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
}

export type NotifyOutcome = "created" | "grouped" | "skipped";

/**
 * The one way to notify a member in-app: call it inside the transaction that made the change, so a
 * rolled-back change notifies nobody. Nobody is notified of their own action.
 */
export async function notify(tx: Db, input: NotifyInput): Promise<NotifyOutcome> {
  if (input.actorId && input.actorId === input.userId) return "skipped";
  const titleFor = (count: number) => (typeof input.title === "string" ? input.title : input.title(count));
  if (input.groupKey) {
    const open = await tx.notification.findFirst({
      where: { userId: input.userId, groupKey: input.groupKey, readAt: null },
      orderBy: { createdAt: "desc" },
    });
    if (open) {
      const count = open.count + 1;
      // The row moves to the top of the list again, as Discourse does with grouped likes.
      await tx.notification.update({
        where: { id: open.id },
        data: {
          count,
          title: titleFor(count),
          actorId: input.actorId ?? null,
          createdAt: new Date(),
          // The newest event's line; a group without one keeps what it had.
          ...(input.excerpt ? { excerpt: shortExcerpt(input.excerpt) } : {}),
        },
      });
      return "grouped";
    }
  }
  await tx.notification.create({
    data: {
      userId: input.userId,
      kind: input.kind,
      groupKey: input.groupKey ?? null,
      title: titleFor(1),
      url: input.url,
      actorId: input.actorId ?? null,
      excerpt: shortExcerpt(input.excerpt),
    },
  });
  return "created";
}

export type NotificationView = {
  id: string;
  kind: string;
  title: string;
  excerpt: string;
  url: string;
  count: number;
  actorName: string | null;
  read: boolean;
  at: string;
};

export type NotificationPage = {
  notifications: NotificationView[];
  page: number;
  pageCount: number;
  total: number;
  unread: number;
};

/** One page of the member's notifications, newest first. */
export async function listNotifications(
  userId: string,
  requestedPage: number,
  db: Db = prisma,
): Promise<NotificationPage> {
  const [total, unread] = await Promise.all([db.notification.count({ where: { userId } }), countUnread(userId, db)]);
  const pageCount = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const rows = await db.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * NOTIFICATIONS_PER_PAGE,
    take: NOTIFICATIONS_PER_PAGE,
  });
  const actorIds = [...new Set(rows.map((row) => row.actorId).filter((id): id is string => !!id))];
  const actors = actorIds.length
    ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(actors.map((actor) => [actor.id, actor.name]));
  return {
    notifications: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      excerpt: row.excerpt,
      url: row.url,
      count: row.count,
      actorName: row.actorId ? (names.get(row.actorId) ?? null) : null,
      read: row.readAt !== null,
      at: row.createdAt.toISOString(),
    })),
    page,
    pageCount,
    total,
    unread,
  };
}

export function countUnread(userId: string, db: Db = prisma): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/**
 * Marks one of the member's notifications read and answers where it leads; null when it is not
 * theirs (or does not exist), so nobody learns about or touches another member's notifications.
 */
export async function openNotification(
  userId: string,
  id: string,
  now = new Date(),
  db: Db = prisma,
): Promise<string | null> {
  const row = await db.notification.findFirst({ where: { id, userId }, select: { url: true, readAt: true } });
  if (!row) return null;
  if (!row.readAt) await db.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: now } });
  return row.url;
}

/** Marks every unread notification of the member read; answers how many. */
export async function markAllRead(userId: string, now = new Date(), db: Db = prisma): Promise<number> {
  return (await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } })).count;
}
