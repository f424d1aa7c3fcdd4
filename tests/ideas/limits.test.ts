import { afterAll, describe, expect, it } from "vitest";
import { createIdea } from "~/ideas/submit.server";
import { prisma } from "~/lib/db.server";
import { NEW_MEMBER, NEW_MEMBER_LIMITS, WRITE_LIMITS } from "~/auth/write-limits.server";
import { action as newIdeaAction } from "~/routes/ideas.new";
import { sessionCookieFor } from "../factories/accounts";
import { actor, createArea, type TestActor } from "./factories";
import { Refusal } from "~/lib/refusal";

afterAll(() => prisma.$disconnect());

const DAY = 24 * 60 * 60 * 1000;

/** A month-old member with enough clean forum posts: past the new-member limits. */
async function establishedActor(role: "member" | "moderator" = "member"): Promise<TestActor> {
  const member = await actor(role);
  const monthAgo = new Date(Date.now() - 30 * DAY);
  await prisma.user.update({ where: { id: member.id }, data: { createdAt: monthAgo } });
  const category = await prisma.forumCategory.create({
    data: {
      slug: `ideas-history-${member.id.slice(-8)}`,
      name: "Earlier posts",
      description: "Posts that make a member established.",
    },
  });
  await prisma.forumThread.create({
    data: {
      categoryId: category.id,
      authorId: member.id,
      title: "An earlier thread",
      slug: "an-earlier-thread",
      postCount: NEW_MEMBER.cleanPostsToGraduate,
      lastPostNumber: NEW_MEMBER.cleanPostsToGraduate,
      createdAt: monthAgo,
      lastPostAt: monthAgo,
      posts: {
        create: Array.from({ length: NEW_MEMBER.cleanPostsToGraduate }, (_, index) => ({
          number: index + 1,
          authorId: member.id,
          bodyMarkdown: `Earlier ${index}`,
          bodyHtml: `<p>Earlier ${index}</p>`,
          createdAt: monthAgo,
        })),
      },
    },
  });
  return member;
}

function midWindow(windowMs: number) {
  return new Date(Math.floor(Date.now() / windowMs) * windowMs + windowMs / 2);
}

async function burst(author: TestActor, count: number, now?: Date) {
  const area = await createArea();
  const attempts = await Promise.allSettled(
    Array.from({ length: count }, (_, index) =>
      createIdea(author, { title: `Burst idea number ${index}`, description: `Idea ${index}.`, area: area.slug }, now),
    ),
  );
  const refused = attempts
    .filter((attempt): attempt is PromiseRejectedResult => attempt.status === "rejected")
    .map((attempt) => attempt.reason as Refusal);
  return { created: await prisma.idea.count({ where: { areaId: area.id } }), refused };
}

describe("limits on submitting ideas", () => {
  it("30 ideas at once from an established member: the hour's allowance gets in, the rest are refused 429 with when to retry", async () => {
    const { created, refused } = await burst(
      await establishedActor(),
      30,
      midWindow(WRITE_LIMITS.ideasPerHour.windowMs),
    );
    expect(created).toBe(WRITE_LIMITS.ideasPerHour.limit);
    expect(refused).toHaveLength(30 - WRITE_LIMITS.ideasPerHour.limit);
    for (const refusal of refused) {
      expect(refusal).toBeInstanceOf(Refusal);
      expect(refusal.status).toBe(429);
      expect(refusal.message).toMatch(
        /^You can submit 5 ideas an hour\. You can submit another idea in \d+ minutes\.$/,
      );
    }
  });

  it("a minutes-old account: 20 ideas at once, the new-member allowance gets in and the message says when it lifts", async () => {
    const { created, refused } = await burst(await actor(), 20);
    expect(created).toBe(NEW_MEMBER_LIMITS.ideasPerDay.max);
    expect(refused.every((refusal) => refusal.status === 429)).toBe(true);
    expect(refused[0].message).toMatch(
      /^New members can submit 3 ideas a day\. You can submit another idea in \d+ hours[^.]*\. These limits lift after your first day/,
    );
  });

  it("exempts staff", async () => {
    const { created, refused } = await burst(await establishedActor("moderator"), 8);
    expect([created, refused.length]).toEqual([8, 0]);
  });

  it("the form answers a refusal with 429 and the message", async () => {
    const author = await actor();
    const area = await createArea();
    for (let index = 0; index < NEW_MEMBER_LIMITS.ideasPerDay.max; index++)
      await createIdea(author, { title: `Earlier idea number ${index}`, description: "Earlier.", area: area.slug });
    const { cookie } = await sessionCookieFor(author.id);
    const body = new FormData();
    for (const [name, value] of Object.entries({
      title: "One idea too many today",
      description: "Please.",
      area: area.slug,
    }))
      body.set(name, value);
    const request = new Request("http://localhost/ideas/new", { method: "POST", body, headers: { Cookie: cookie } });
    const answer = (await newIdeaAction({ request, params: {}, context: {} } as Parameters<
      typeof newIdeaAction
    >[0])) as unknown as { data: { error: Record<string, string[]> }; init: { status: number } };
    expect(answer.init.status).toBe(429);
    expect(answer.data.error[""]?.[0]).toContain("New members can submit 3 ideas a day.");
  });
});
