import { describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { formatMinutes, priority } from "~/support/policy";
import { seedForum } from "../../prisma/seed-forum";
import { SEED_USERNAMES } from "../../prisma/seed-forum-content";
import { createUser } from "../factories/accounts";

describe("forum seed", () => {
  it("makes a realistic community once: 30+ threads, 100+ replies, accepted answers, likes, a pinned announcement; a second run adds nothing", async () => {
    // The demo users come from prisma/seed.ts; the forum seed gives them usernames.
    for (const email of Object.keys(SEED_USERNAMES)) {
      if (!(await prisma.user.findUnique({ where: { email } })))
        await createUser({ email, role: email.includes("techflow") ? "agent" : "member" });
    }
    const first = await seedForum(prisma);
    expect(first.threads).toBeGreaterThanOrEqual(30);
    expect(first.replies).toBeGreaterThanOrEqual(100);
    const counts = async () => ({
      threads: await prisma.forumThread.count({
        where: { category: { slug: { in: ["questions", "tips", "discussions", "announcements"] } } },
      }),
      posts: await prisma.forumPost.count(),
      likes: await prisma.forumLike.count(),
      accepted: await prisma.forumThread.count({ where: { acceptedPostId: { not: null } } }),
      pinned: await prisma.forumThread.count({ where: { pinned: true, category: { slug: "announcements" } } }),
    });
    const before = await counts();
    expect(before.accepted).toBeGreaterThanOrEqual(5);
    expect(before.likes).toBeGreaterThan(20);
    expect(before.pinned).toBe(1);
    expect(await seedForum(prisma)).toEqual({ threads: 0, replies: 0 });
    expect(await counts()).toEqual(before);

    // Numbers in answers come from the support policy, not typed by hand.
    const thread = await prisma.forumThread.findFirstOrThrow({
      where: { title: "How fast does support respond to a Priority 1 ticket on the Professional plan?" },
      include: { posts: true },
    });
    expect(thread.posts.map((post) => post.bodyMarkdown).join("\n")).toContain(
      formatMinutes(priority(1).responseTarget.professional),
    );
    // Likes and counters agree with the rows.
    const likes = await prisma.forumLike.count({ where: { post: { threadId: thread.id } } });
    expect((await prisma.forumThread.findUniqueOrThrow({ where: { id: thread.id } })).likeCount).toBe(likes);
    expect(await prisma.user.count({ where: { username: "sam" } })).toBe(1);
  });
});
