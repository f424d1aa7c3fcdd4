import { bodyHashOf } from "~/forum/limits.server";
import { randomUUID } from "node:crypto";
import type { Actor } from "../../app/auth/permissions";
import type { Role } from "../../app/auth/roles";
import { createThread } from "../../app/forum/posting.server";
import { prisma } from "../../app/lib/db.server";
import { createUser } from "../factories/accounts";

/** Forum factories: each test makes its own categories, members and threads. */

export async function createCategory(overrides: { isQuestions?: boolean; staffOnlyThreads?: boolean } = {}) {
  const slug = `cat-${randomUUID().slice(0, 8)}`;
  return prisma.forumCategory.create({
    data: {
      slug,
      name: `Category ${slug}`,
      description: "A category made by a test.",
      isQuestions: overrides.isQuestions ?? true,
      staffOnlyThreads: overrides.staffOnlyThreads ?? false,
    },
  });
}

let history: Promise<{ id: string }> | null = null;

/**
 * An established member: a month-old account with three earlier posts, so the new-member limits
 * (app/forum/limits.server.ts) do not apply and these suites test the forum itself.
 */
export async function createMember(role: Role = "member", name = "Forum Member"): Promise<Actor & { name: string }> {
  const user = await createUser({ role, name });
  const monthAgo = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
  await prisma.user.update({ where: { id: user.id }, data: { createdAt: monthAgo } });
  history ??= prisma.forumCategory.create({
    data: {
      slug: `history-${randomUUID().slice(0, 8)}`,
      name: "Earlier posts",
      description: "Posts that make test members established.",
    },
  });
  const category = await history;
  await prisma.forumThread.create({
    data: {
      categoryId: category.id,
      authorId: user.id,
      title: "An earlier thread",
      slug: "an-earlier-thread",
      postCount: 3,
      lastPostNumber: 3,
      createdAt: monthAgo,
      lastPostAt: monthAgo,
      posts: {
        create: [1, 2, 3].map((number) => ({
          number,
          authorId: user.id,
          bodyMarkdown: `Earlier post ${number}.`,
          bodyHash: bodyHashOf(`Earlier post ${number}.`),
          bodyHtml: `<p>Earlier post ${number}.</p>`,
          createdAt: monthAgo,
        })),
      },
    },
  });
  return { id: user.id, role, account: null, name: user.name };
}

export async function createQuestion(
  author: Actor,
  categorySlug: string,
  title = `How do I ask a question number ${randomUUID().slice(0, 6)}?`,
  body = `The opening post of test thread ${randomUUID().slice(0, 8)}.`,
) {
  return createThread(author, { category: categorySlug, title, body, tags: ["testing"] });
}
