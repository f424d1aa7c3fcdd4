import { afterAll, describe, expect, it } from "vitest";
import { countLinks, checkPostingLimits, describeRetry, DUPLICATE_WINDOW_MS, isNewMember, NEW_MEMBER, NEW_MEMBER_LIMITS, NEW_MEMBER_MAX_LINKS, type PostingKind } from "~/forum/limits.server";
import { createThread } from "~/forum/posting.server";
import { prisma } from "~/lib/db.server";
import { actorOf, createCategory, createThreadWithPosts, memberAged } from "./moderation-fixtures";

afterAll(() => prisma.$disconnect());

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function check(user: { id: string; role: string }, kind: PostingKind, body: string, now = new Date()) {
  return prisma.$transaction((tx) => checkPostingLimits(tx, user, kind, body, now));
}

/** `count` threads (or replies in one thread of another member) by the user, `agoMs` ago. */
async function postsAgo(userId: string, kind: PostingKind, count: number, agoMs: number) {
  const at = new Date(Date.now() - agoMs);
  if (kind === "thread") {
    for (let index = 0; index < count; index++) await createThreadWithPosts(userId, [], { at });
    return;
  }
  const other = await memberAged(30);
  await createThreadWithPosts(other.id, Array.from({ length: count }, () => userId), { at });
}

describe("the limits table (pure rules)", () => {
  it("counts links a reader could follow, once each, and not inside code", () => {
    expect(countLinks("No links here, just words.")).toBe(0);
    expect(countLinks("See [the guide](https://example.com/guide) and https://example.org/x.")).toBe(2);
    expect(countLinks("<https://a.example> and www.b.example and ![img](https://c.example/i.png)")).toBe(3);
    expect(countLinks("[ref]: https://a.example\n\nUse [ref] twice: [ref]")).toBe(1);
    expect(countLinks("```\nhttps://a.example https://b.example https://c.example\n```\nand `https://d.example`")).toBe(0);
    expect(countLinks("[internal](/kb/escalation) [two](/docs/x) [three](/kb/y)")).toBe(3);
  });

  it("a member is new during their first day, and after it until enough posts went unflagged", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    const hoursOld = (hours: number) => ({ createdAt: new Date(now.getTime() - hours * HOUR) });
    expect(isNewMember(hoursOld(2), 50, now)).toBe(true);
    expect(isNewMember(hoursOld(48), NEW_MEMBER.cleanPostsToGraduate - 1, now)).toBe(true);
    expect(isNewMember(hoursOld(48), NEW_MEMBER.cleanPostsToGraduate, now)).toBe(false);
    expect(isNewMember(hoursOld(24), NEW_MEMBER.cleanPostsToGraduate, now)).toBe(false);
  });

  it("says when the member can post again, relative and as a UTC time", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    expect(describeRetry(new Date(now.getTime() + 25 * SECOND), now)).toBe("in 25 seconds (12:00:25 UTC)");
    expect(describeRetry(new Date(now.getTime() + 20 * MINUTE), now)).toBe("in 20 minutes (12:20 UTC)");
    expect(describeRetry(new Date(now.getTime() + 14 * HOUR), now)).toBe("in 14 hours 0 minutes (2026-11-29 02:00 UTC)");
  });

  it("holds Discourse's new-member defaults", () => {
    expect([NEW_MEMBER_LIMITS.threadsPerDay.max, NEW_MEMBER_LIMITS.repliesPerDay.max, NEW_MEMBER_LIMITS.postInterval.windowMs, NEW_MEMBER_MAX_LINKS, DUPLICATE_WINDOW_MS]).toEqual([3, 10, 30 * SECOND, 2, 5 * MINUTE]);
  });
});

describe("checkPostingLimits for a new member", () => {
  it("allows 3 new threads in the first day and refuses the 4th, saying when the oldest leaves the window", async () => {
    const member = await memberAged(0);
    await postsAgo(member.id, "thread", 3, 2 * HOUR);
    const now = new Date();
    const verdict = await check(member, "thread", "A fourth question", now);
    expect(verdict).toMatchObject({ allowed: false, status: 429 });
    if (verdict.allowed) return;
    expect(verdict.message).toContain("New members can start 3 threads a day");
    expect(verdict.message).toMatch(/You can post again in \d+ hours/);
    expect(verdict.retryAt!.getTime()).toBeGreaterThan(now.getTime() + 21 * HOUR);
    expect(verdict.retryAt!.getTime()).toBeLessThanOrEqual(now.getTime() + 22 * HOUR);
    // Replies are a separate allowance.
    expect(await check(member, "reply", "A reply instead")).toEqual({ allowed: true });
  });

  it("allows 10 replies in the first day and refuses the 11th", async () => {
    const member = await memberAged(0);
    await postsAgo(member.id, "reply", 9, HOUR);
    expect(await check(member, "reply", "Reply ten")).toEqual({ allowed: true });
    await postsAgo(member.id, "reply", 1, HOUR);
    expect(await check(member, "reply", "Reply eleven")).toMatchObject({ allowed: false, status: 429, message: expect.stringContaining("10 replies a day") });
  });

  it("counts deleted posts too: deleting and reposting does not get around the limit", async () => {
    const member = await memberAged(0);
    await postsAgo(member.id, "thread", 3, HOUR);
    await prisma.forumPost.updateMany({ where: { authorId: member.id }, data: { deletedAt: new Date() } });
    expect(await check(member, "thread", "Again")).toMatchObject({ allowed: false, status: 429 });
  });

  it("allows one post per 30 seconds", async () => {
    const member = await memberAged(0);
    await postsAgo(member.id, "reply", 1, 10 * SECOND);
    const now = new Date();
    const verdict = await check(member, "thread", "Too soon", now);
    expect(verdict).toMatchObject({ allowed: false, status: 429, message: expect.stringContaining("once every 30 seconds") });
    if (!verdict.allowed) expect(Math.round((verdict.retryAt!.getTime() - now.getTime()) / SECOND)).toBeGreaterThanOrEqual(19);

    const patient = await memberAged(0);
    await postsAgo(patient.id, "reply", 1, 31 * SECOND);
    expect(await check(patient, "thread", "After the wait")).toEqual({ allowed: true });
  });

  it("allows 2 links in a post and refuses 3", async () => {
    const member = await memberAged(0);
    expect(await check(member, "reply", "See https://a.example and [b](https://b.example)")).toEqual({ allowed: true });
    const verdict = await check(member, "reply", "See https://a.example, https://b.example and https://c.example");
    expect(verdict).toMatchObject({ allowed: false, status: 403, message: expect.stringContaining("at most 2 links in a post; this one has 3") });
  });

  it("lifts the limits after the first day once 3 posts went unflagged, and not before", async () => {
    const veteran = await memberAged(2);
    await postsAgo(veteran.id, "thread", 3, 2 * HOUR);
    expect(await check(veteran, "thread", "Fourth, with https://a.example https://b.example https://c.example")).toEqual({ allowed: true });

    const flagged = await memberAged(2);
    await postsAgo(flagged.id, "thread", 3, 2 * HOUR);
    await prisma.forumPost.updateMany({ where: { authorId: flagged.id, number: 1 }, data: { flagCount: 0 } });
    const one = await prisma.forumPost.findFirstOrThrow({ where: { authorId: flagged.id } });
    await prisma.forumPost.update({ where: { id: one.id }, data: { flagCount: 1 } });
    expect(await check(flagged, "thread", "Fourth")).toMatchObject({ allowed: false, status: 429 });

    const firstDay = await memberAged(0.5);
    await postsAgo(firstDay.id, "thread", 3, 2 * HOUR);
    expect(await check(firstDay, "thread", "Fourth on day one")).toMatchObject({ allowed: false, status: 429 });
  });

  it("exempts staff from the new-member limits", async () => {
    for (const role of ["agent", "moderator", "admin"] as const) {
      const staff = await memberAged(0, role);
      await postsAgo(staff.id, "thread", 3, 5 * SECOND);
      expect(await check(staff, "thread", "Announcement with https://a.example https://b.example https://c.example")).toEqual({ allowed: true });
    }
  });
});

describe("duplicates and suspension (everyone)", () => {
  it("refuses the same body from the same author within 5 minutes, and allows it after", async () => {
    const member = await memberAged(30);
    const other = await memberAged(30);
    const thread = await createThreadWithPosts(other.id, [member.id], { at: new Date(Date.now() - 2 * MINUTE) });
    const body = thread.posts[1].bodyMarkdown;
    const verdict = await check(member, "reply", `  ${body.replace(/ /g, "  ")}\n`);
    expect(verdict).toMatchObject({ allowed: false, status: 409, message: expect.stringContaining("You already posted exactly this") });
    // Another member may say the same thing; the author may say something else.
    expect(await check(other, "reply", body)).toEqual({ allowed: true });
    expect(await check(member, "reply", `${body}, and one more thing`)).toEqual({ allowed: true });

    const later = await memberAged(30);
    const old = await createThreadWithPosts(other.id, [later.id], { at: new Date(Date.now() - 6 * MINUTE) });
    expect(await check(later, "reply", old.posts[1].bodyMarkdown)).toEqual({ allowed: true });
  });

  it("refuses staff duplicates too", async () => {
    const moderator = await memberAged(30, "moderator");
    const thread = await createThreadWithPosts(moderator.id, [], { at: new Date(Date.now() - MINUTE) });
    expect(await check(moderator, "thread", thread.posts[0].bodyMarkdown)).toMatchObject({ allowed: false, status: 409 });
  });

  it("refuses a suspended member, saying until when", async () => {
    const member = await memberAged(30);
    const until = new Date(Date.now() + 3 * DAY);
    await prisma.user.update({ where: { id: member.id }, data: { suspendedUntil: until } });
    expect(await check(member, "reply", "Hello")).toMatchObject({ allowed: false, status: 403, message: expect.stringContaining(`suspended until ${until.toISOString().slice(0, 10)}`) });
    await prisma.user.update({ where: { id: member.id }, data: { suspendedUntil: new Date(Date.now() - MINUTE) } });
    expect(await check(member, "reply", "Hello again")).toEqual({ allowed: true });
  });
});

describe("through the forum's own posting", () => {
  it("counts inside the write transaction: two threads at once at the limit, one gets in", async () => {
    const member = await memberAged(0);
    const category = await createCategory();
    await postsAgo(member.id, "thread", NEW_MEMBER_LIMITS.threadsPerDay.max - 1, HOUR);
    const attempts = await Promise.allSettled(
      ["first", "second"].map((word) => createThread(actorOf(member), { category: category.slug, title: `Racing thread number ${word}`, body: `Racing body ${word}`, tags: [] })),
    );
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
    const refused = attempts.find((attempt) => attempt.status === "rejected");
    expect(refused && refused.status === "rejected" && (refused.reason as { status?: number }).status).toBe(429);
    expect(await prisma.forumThread.count({ where: { authorId: member.id } })).toBe(NEW_MEMBER_LIMITS.threadsPerDay.max);
  });
});
