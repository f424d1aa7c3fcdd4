import { can, type Actor } from "../auth/permissions";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import type { MentionLinks } from "../lib/markdown-enhance";
import { mentionedNamesOffThread } from "../lib/markdown-threads.server";
import { memberPath } from "./paths";
import { hitRateLimit } from "../lib/rate-limit.server";

/**
 * @mentions in a post's Markdown. A mention is "@" and a username (letters, digits, "-", "_") that
 * does not follow a word character, so "sam@acme.example" mentions nobody; text inside code, links
 * and their URLs is not read, so quoting `@sam` in code does not ping Sam. Only members who exist
 * are notified, at most MAX_MENTIONS_PER_POST of them (Discourse's default), so one post cannot
 * ping the whole forum.
 */

export const MAX_MENTIONS_PER_POST = 10;

type Db = PrismaClient | Prisma.TransactionClient;

/** The usernames mentioned (lower-cased, first mention first, each once); long posts are read off the main thread. */
export function extractMentions(markdown: string): Promise<string[]> {
  return mentionedNamesOffThread(markdown);
}

/** The members behind the mentioned usernames (unknown names are ignored), in mention order, capped. */
export async function findMentionedUsers(tx: Db, markdown: string) {
  const names = (await extractMentions(markdown)).slice(0, MAX_MENTIONS_PER_POST * 2);
  if (names.length === 0) return [];
  const users = await tx.user.findMany({
    where: { username: { in: names } },
    select: { id: true, username: true, name: true, email: true },
  });
  return names
    .map((name) => users.find((user) => user.username === name))
    .filter((user): user is (typeof users)[number] => !!user)
    .slice(0, MAX_MENTIONS_PER_POST);
}

/** The links a post's @mentions get: every mentioned member who exists (not only the ten who are notified). */
export async function mentionLinksFor(markdown: string, db: Db = prisma): Promise<MentionLinks> {
  const names = (await extractMentions(markdown)).slice(0, 100);
  if (names.length === 0) return {};
  const users = await db.user.findMany({ where: { username: { in: names } }, select: { username: true } });
  return Object.fromEntries(
    users.flatMap((user) => (user.username ? [[user.username, memberPath(user.username)] as const] : [])),
  );
}

export type MentionSuggestion = { username: string; name: string };

/**
 * Usernames starting with what was typed after "@", for the reply box's autocomplete: only people
 * the writer can reach in that thread, i.e. those who posted in it (staff who answered there
 * included), never the member list. null when the thread does not exist or the writer cannot read it
 * (a deleted thread; a hidden one unless they moderate).
 */
export async function suggestMentions(
  viewer: Actor,
  threadId: number,
  typed: string,
  limit = 8,
  db: Db = prisma,
): Promise<MentionSuggestion[] | null> {
  const thread = await db.forumThread.findUnique({
    where: { id: threadId },
    select: { deletedAt: true, hiddenAt: true },
  });
  if (!thread || thread.deletedAt || (thread.hiddenAt && !can(viewer, "forum:review"))) return null;
  const prefix = typed.trim().replace(/^@/, "").toLowerCase();
  if (!/^[a-z0-9][a-z0-9_-]{0,38}$/.test(prefix)) return [];
  const users = await db.user.findMany({
    where: {
      id: { not: viewer.id },
      username: { startsWith: prefix },
      // Posts members can see: a deleted or hidden post does not make its author reachable here.
      forumPosts: { some: { threadId, deletedAt: null, hiddenAt: null } },
    },
    orderBy: { username: "asc" },
    take: limit,
    select: { username: true, name: true },
  });
  return users.filter((user): user is MentionSuggestion => user.username !== null);
}

const MENTION_LOOKUPS = { limit: 60, windowMs: 60_000 } as const;

/** The autocomplete asks on each keystroke; a minute's allowance keeps it from listing every username. */
export function limitMentionLookups(userId: string) {
  return hitRateLimit(prisma, `mention-lookup:${userId}`, MENTION_LOOKUPS);
}
