import { bodyHashOf } from "~/forum/limits.server";
import { randomUUID } from "node:crypto";
import type { Actor } from "~/auth/permissions";
import type { Role } from "~/auth/roles";
import { prisma } from "~/lib/db.server";
import { createUser } from "../factories/accounts";

/** Rows for the moderation and limits suites: each test makes its own category, threads and members. */

const DAY = 24 * 60 * 60 * 1000;

export function actorOf(user: { id: string; role: string }): Actor {
  return { id: user.id, role: user.role as Role, account: null };
}

/** A member whose account is `ageDays` old (limits depend on it). */
export async function memberAged(ageDays: number, role: Role = "member") {
  const user = await createUser({ role });
  return prisma.user.update({ where: { id: user.id }, data: { createdAt: new Date(Date.now() - ageDays * DAY) } });
}

export async function createCategory(overrides: { isQuestions?: boolean } = {}) {
  const slug = `cat-${randomUUID().slice(0, 8)}`;
  return prisma.forumCategory.create({
    data: { slug, name: `Category ${slug}`, description: "For tests", isQuestions: overrides.isQuestions ?? false },
  });
}

let bodySequence = 0;

/**
 * A thread with its opening post by `authorId` and one reply per entry of `replies` (author ids),
 * written straight to the tables with consistent counters, `at` as every post's time.
 */
export async function createThreadWithPosts(
  authorId: string,
  replies: string[] = [],
  options: { categoryId?: string; at?: Date; title?: string } = {},
) {
  const categoryId = options.categoryId ?? (await createCategory()).id;
  // An hour ago by default: the posts are settled history, clear of the 30-second posting interval.
  const at = options.at ?? new Date(Date.now() - 60 * 60 * 1000);
  const title = options.title ?? `A test thread ${randomUUID().slice(0, 6)}`;
  const authors = [authorId, ...replies];
  return prisma.forumThread.create({
    data: {
      categoryId,
      authorId,
      title,
      slug: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
      postCount: authors.length,
      lastPostNumber: authors.length,
      lastPostAt: at,
      createdAt: at,
      posts: {
        create: authors.map((author, index) => {
          bodySequence += 1;
          const text = `Post ${index + 1} number ${bodySequence} about escalation timers`;
          return {
            number: index + 1,
            authorId: author,
            bodyMarkdown: text,
            bodyHash: bodyHashOf(text),
            bodyHtml: `<p>${text}</p>`,
            createdAt: at,
          };
        }),
      },
    },
    include: { posts: { orderBy: { number: "asc" } }, category: true },
  });
}
