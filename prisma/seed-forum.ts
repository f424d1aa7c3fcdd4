import { bodyHashOf } from "../app/forum/limits.server";
import { randomUUID } from "node:crypto";
import { hashPassword } from "../app/auth/password.server";
import { renderPostBody } from "../app/forum/render.server";
import { slugify } from "../app/forum/paths";
import type { PrismaClient } from "../app/generated/prisma/client";
import { SEED_CATEGORIES, SEED_COMMUNITY_MEMBERS, SEED_THREADS, SEED_USERNAMES } from "./seed-forum-content";

/**
 * The community's seed: categories, usernames for the demo users, a few more members, and the
 * threads of ./seed-forum-content.ts with their replies, likes and accepted answers. Idempotent: a
 * thread is created once (found again by its title), so running the seed twice changes nothing.
 */
export async function seedForum(db: PrismaClient, now = new Date()) {
  for (const category of SEED_CATEGORIES) {
    await db.forumCategory.upsert({
      where: { slug: category.slug },
      create: { ...category },
      update: { name: category.name, description: category.description, position: category.position },
    });
  }
  const categories = new Map((await db.forumCategory.findMany()).map((category) => [category.slug, category]));

  for (const [email, username] of Object.entries(SEED_USERNAMES)) {
    await db.user.updateMany({ where: { email, username: null }, data: { username } });
    // The demo users read as long-standing members in the seeded threads, not as "New member".
    await db.user.updateMany({
      where: { email, createdAt: { gt: new Date(now.getTime() - 60 * 86_400_000) } },
      data: { createdAt: new Date(now.getTime() - 90 * 86_400_000) },
    });
  }
  for (const member of SEED_COMMUNITY_MEMBERS) {
    const existing = await db.user.findUnique({ where: { email: member.email } });
    if (existing) continue;
    await db.user.create({
      data: {
        email: member.email,
        name: member.name,
        username: member.username,
        isExpert: member.isExpert ?? false,
        // Seeded voices, not demo logins: nobody knows this password.
        passwordHash: await hashPassword(randomUUID()),
        emailVerifiedAt: now,
        createdAt: new Date(now.getTime() - 120 * 86_400_000),
      },
    });
  }
  const users = new Map(
    (await db.user.findMany({ where: { username: { not: null } }, select: { id: true, username: true } })).map(
      (user) => [user.username as string, user.id],
    ),
  );
  const userId = (username: string) => {
    const id = users.get(username);
    if (!id) throw new Error(`seed-forum: no user @${username}`);
    return id;
  };

  let created = 0;
  let replies = 0;
  for (const spec of SEED_THREADS) {
    const authorId = userId(spec.by);
    const category = categories.get(spec.category);
    if (!category) throw new Error(`seed-forum: no category ${spec.category}`);
    if (await db.forumThread.findFirst({ where: { title: spec.title, authorId } })) continue;
    const start = new Date(now.getTime() - spec.daysAgo * 86_400_000);
    // Replies arrive over the hours after the question, each a little later than the one before.
    const replyTimes = spec.replies.map(
      (_, index) => new Date(start.getTime() + (index + 1) * (2 + index) * 3_600_000),
    );
    const lastPostAt = replyTimes.at(-1) ?? start;
    const bodies = await Promise.all(
      [spec.body, ...spec.replies.map((reply) => reply.body)].map((markdown) => renderPostBody(markdown)),
    );
    await db.$transaction(async (tx) => {
      const thread = await tx.forumThread.create({
        data: {
          categoryId: category.id,
          authorId,
          title: spec.title,
          slug: slugify(spec.title),
          pinned: spec.pinned ?? false,
          postCount: spec.replies.length + 1,
          lastPostNumber: spec.replies.length + 1,
          lastPostAt,
          createdAt: start,
          tags: { create: spec.tags.map((tag) => ({ tag })) },
        },
      });
      const posts: { id: number; likeCount: number }[] = [];
      const all = [
        { by: spec.by, body: spec.body, likes: spec.likes ?? [] },
        ...spec.replies.map((reply) => ({ ...reply, likes: reply.likes ?? [] })),
      ];
      for (const [index, post] of all.entries()) {
        posts.push(
          await tx.forumPost.create({
            data: {
              threadId: thread.id,
              number: index + 1,
              authorId: userId(post.by),
              bodyMarkdown: post.body,
              bodyHash: bodyHashOf(post.body),
              bodyHtml: bodies[index],
              likeCount: post.likes.filter((liker) => liker !== post.by).length,
              createdAt: index === 0 ? start : replyTimes[index - 1],
            },
          }),
        );
        const likers = post.likes.filter((liker) => liker !== post.by);
        if (likers.length)
          await tx.forumLike.createMany({
            data: likers.map((liker) => ({ postId: posts[index].id, userId: userId(liker) })),
          });
      }
      const likeCount = posts.reduce((sum, post) => sum + post.likeCount, 0);
      const accepted = spec.accepted === undefined ? null : posts[spec.accepted + 1].id;
      await tx.forumThread.update({ where: { id: thread.id }, data: { likeCount, acceptedPostId: accepted } });
    });
    created++;
    replies += spec.replies.length;
  }
  return { threads: created, replies };
}
