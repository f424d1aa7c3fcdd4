/**
 * The bench database's forum fixtures (run by scripts/bench/forum.ts with the bench DATABASE_URL):
 * a question with 100 replies (the "long thread" the signed-in page is measured on), an empty
 * question the repliers write to, and 8 repliers. The repliers are staff agents: a load test writes
 * far more than any member may (app/auth/write-limits.server.ts), and staff are exempt from those
 * limits in the capability table, as in Discourse; nothing in the application is bypassed. Their
 * accounts are 30 days old with 3 clean posts from that time. The signed-in pages are read by a ninth
 * account, an established member (a member's view, not staff's). Prints JSON on its last line.
 */
import { hashPassword } from "../../app/auth/password.server";
import { slugify } from "../../app/forum/paths";
import { renderPostBody } from "../../app/forum/render.server";
import { prisma } from "../../app/lib/db.server";

const DAY_MS = 86_400_000;
export const BENCH_REPLIERS = 8;
const PASSWORD = "bench-replier-lantern-4821";

async function main() {
  const now = Date.now();
  const category = await prisma.forumCategory.findUniqueOrThrow({ where: { slug: "questions" } });
  const passwordHash = await hashPassword(PASSWORD);
  const members: { id: string; email: string; password: string }[] = [];
  for (let index = 1; index <= BENCH_REPLIERS; index++) {
    const email = `bench-replier-${index}@bench.example`;
    const user = await prisma.user.create({
      data: {
        email,
        name: `Bench Replier ${index}`,
        username: `bench_replier_${index}`,
        role: "agent",
        passwordHash,
        emailVerifiedAt: new Date(now - 30 * DAY_MS),
        createdAt: new Date(now - 30 * DAY_MS),
      },
    });
    members.push({ id: user.id, email, password: PASSWORD });
  }
  const readerEmail = "bench-reader@bench.example";
  await prisma.user.create({
    data: {
      email: readerEmail,
      name: "Bench Reader",
      username: "bench_reader",
      passwordHash,
      emailVerifiedAt: new Date(now - 30 * DAY_MS),
      createdAt: new Date(now - 30 * DAY_MS),
    },
  });

  const longBodies = await Promise.all(
    Array.from({ length: 101 }, (_, n) =>
      renderPostBody(
        n === 0
          ? "How do I route **Priority 2** tickets to the on-call team after hours?"
          : `Reply ${n}: check the escalation settings, then the team calendar. \`route --team on-call\` works for us.`,
      ),
    ),
  );
  const long = await prisma.$transaction(async (tx) => {
    const thread = await tx.forumThread.create({
      data: {
        categoryId: category.id,
        authorId: members[0].id,
        title: "Bench: routing after-hours tickets (100 replies)",
        slug: slugify("Bench: routing after-hours tickets (100 replies)"),
        postCount: 101,
        lastPostNumber: 101,
        lastPostAt: new Date(now - DAY_MS),
        createdAt: new Date(now - 20 * DAY_MS),
      },
    });
    await tx.forumPost.createMany({
      data: longBodies.map((bodyHtml, n) => ({
        threadId: thread.id,
        number: n + 1,
        authorId: members[n % members.length].id,
        bodyMarkdown: `bench long thread post ${n + 1}`,
        bodyHtml,
        createdAt: new Date(now - 20 * DAY_MS + n * 60_000),
      })),
    });
    return thread;
  });
  // Three clean posts each, 29 days ago: with the 30-day-old accounts, no new-member limit applies.
  const oldPosts = await prisma.$transaction(async (tx) => {
    const thread = await tx.forumThread.create({
      data: {
        categoryId: category.id,
        authorId: members[0].id,
        title: "Bench: introductions",
        slug: "bench-introductions",
        postCount: members.length * 3,
        lastPostNumber: members.length * 3,
        lastPostAt: new Date(now - 29 * DAY_MS),
        createdAt: new Date(now - 29 * DAY_MS),
      },
    });
    const html = await renderPostBody("Hello from the bench.");
    await tx.forumPost.createMany({
      data: Array.from({ length: members.length * 3 }, (_, n) => ({
        threadId: thread.id,
        number: n + 1,
        authorId: members[n % members.length].id,
        bodyMarkdown: `introduction ${n + 1}`,
        bodyHtml: html,
        createdAt: new Date(now - 29 * DAY_MS + n * 60_000),
      })),
    });
    return thread;
  });
  const target = await prisma.forumThread.create({
    data: {
      categoryId: category.id,
      authorId: members[0].id,
      title: "Bench: where replies race",
      slug: "bench-where-replies-race",
      postCount: 1,
      lastPostNumber: 1,
      lastPostAt: new Date(now - DAY_MS),
      createdAt: new Date(now - DAY_MS),
      posts: {
        create: {
          number: 1,
          authorId: members[0].id,
          bodyMarkdown: "Replies race here.",
          bodyHtml: await renderPostBody("Replies race here."),
          createdAt: new Date(now - DAY_MS),
        },
      },
    },
  });
  console.log(
    JSON.stringify({
      longThread: `/community/t/${long.id}-${long.slug}`,
      introductions: oldPosts.id,
      raceThread: { id: target.id, path: `/community/t/${target.id}-${target.slug}` },
      members: members.map(({ email, password }) => ({ email, password })),
      reader: { email: readerEmail, password: PASSWORD },
    }),
  );
}

await main().finally(() => prisma.$disconnect());
