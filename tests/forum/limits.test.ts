import { afterAll, describe, expect, it } from "vitest";
import { countLinks, checkPostingLimits, type PostingKind } from "~/forum/limits.server";
import {
  countWrite,
  describeRetry,
  isNewMember,
  NEW_MEMBER,
  NEW_MEMBER_LIMITS,
  newMemberVerdict,
  WRITE_LIMITS,
} from "~/auth/write-limits.server";
import { RATE_LIMIT_WINDOW_RETENTION_MS } from "~/jobs/prune.server";
import { action as newThreadAction } from "~/routes/community.new";
import { sessionCookieFor } from "../factories/accounts";
import { createThread, replyToThread } from "~/forum/posting.server";
import { prisma } from "~/lib/db.server";
import { actorOf, createCategory, createThreadWithPosts, memberAged } from "./moderation-fixtures";
import { Refusal } from "~/lib/refusal";

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
  await createThreadWithPosts(
    other.id,
    Array.from({ length: count }, () => userId),
    { at },
  );
}

describe("the limits table (pure rules)", () => {
  it("counts links a reader could follow, once each, and not inside code", () => {
    expect(countLinks("No links here, just words.")).toBe(0);
    expect(countLinks("See [the guide](https://example.com/guide) and https://example.org/x.")).toBe(2);
    expect(countLinks("<https://a.example> and www.b.example and ![img](https://c.example/i.png)")).toBe(3);
    expect(countLinks("[ref]: https://a.example\n\nUse [ref] twice: [ref]")).toBe(1);
    expect(countLinks("```\nhttps://a.example https://b.example https://c.example\n```\nand `https://d.example`")).toBe(
      0,
    );
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

  it("says when the member can post again, relative (right in any time zone)", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    expect(describeRetry(new Date(now.getTime() + 25 * SECOND), now)).toBe("in 25 seconds");
    expect(describeRetry(new Date(now.getTime() + 20 * MINUTE), now)).toBe("in 20 minutes");
    expect(describeRetry(new Date(now.getTime() + 14 * HOUR), now)).toBe("in 14 hours");
    expect(describeRetry(new Date(now.getTime() + 14 * HOUR + 5 * MINUTE), now)).toBe("in 14 hours 5 minutes");
  });

  it("refuses a new member at the allowance, saying the limit and when the oldest counted post leaves the window", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const threads = NEW_MEMBER_LIMITS.threadsPerDay;
    expect(newMemberVerdict(threads, [ago(1 * HOUR), ago(2 * HOUR)], now, "You can post again")).toEqual({
      allowed: true,
    });
    expect(newMemberVerdict(threads, [ago(1 * HOUR), ago(2 * HOUR), ago(3 * HOUR)], now, "You can post again")).toEqual(
      {
        allowed: false,
        retryAt: new Date("2026-11-29T09:00:00Z"),
        message:
          "New members can start 3 threads a day. You can post again in 21 hours. These limits lift after your first day, once 3 of your forum posts have gone unflagged.",
      },
    );
    // A post 10 seconds ago: the interval answers with the seconds left; one 30 seconds ago is outside it (not counted).
    const interval = newMemberVerdict(NEW_MEMBER_LIMITS.postInterval, [ago(10 * SECOND)], now, "You can post again");
    expect(interval).toMatchObject({ allowed: false, retryAt: new Date("2026-11-28T12:00:20Z") });
    expect(interval.allowed ? "" : interval.message).toMatch(
      /^New members can post once every 30 seconds\. You can post again in 20 seconds\./,
    );
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
    expect(await check(member, "reply", "Reply eleven")).toMatchObject({
      allowed: false,
      status: 429,
      message: expect.stringContaining("10 replies a day"),
    });
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
    expect(verdict).toMatchObject({
      allowed: false,
      status: 429,
      message: expect.stringContaining("once every 30 seconds"),
    });
    if (!verdict.allowed)
      expect(Math.round((verdict.retryAt!.getTime() - now.getTime()) / SECOND)).toBeGreaterThanOrEqual(19);

    const patient = await memberAged(0);
    await postsAgo(patient.id, "reply", 1, 31 * SECOND);
    expect(await check(patient, "thread", "After the wait")).toEqual({ allowed: true });
  });

  it("allows 2 links in a post and refuses 3", async () => {
    const member = await memberAged(0);
    expect(await check(member, "reply", "See https://a.example and [b](https://b.example)")).toEqual({ allowed: true });
    const verdict = await check(member, "reply", "See https://a.example, https://b.example and https://c.example");
    expect(verdict).toMatchObject({
      allowed: false,
      status: 403,
      message: expect.stringContaining("at most 2 links in a post; this one has 3"),
    });
  });

  it("lifts the limits after the first day once 3 posts went unflagged, and not before", async () => {
    const veteran = await memberAged(2);
    await postsAgo(veteran.id, "thread", 3, 2 * HOUR);
    expect(
      await check(veteran, "thread", "Fourth, with https://a.example https://b.example https://c.example"),
    ).toEqual({ allowed: true });

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
      expect(
        await check(staff, "thread", "Announcement with https://a.example https://b.example https://c.example"),
      ).toEqual({ allowed: true });
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
    expect(verdict).toMatchObject({
      allowed: false,
      status: 409,
      message: expect.stringContaining("You already posted exactly this"),
    });
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
    expect(await check(moderator, "thread", thread.posts[0].bodyMarkdown)).toMatchObject({
      allowed: false,
      status: 409,
    });
  });

  it("refuses a suspended member, saying until when", async () => {
    const member = await memberAged(30);
    const until = new Date(Date.now() + 3 * DAY);
    await prisma.user.update({ where: { id: member.id }, data: { suspendedUntil: until } });
    expect(await check(member, "reply", "Hello")).toMatchObject({
      allowed: false,
      status: 403,
      message: expect.stringContaining(`suspended until ${until.toISOString().slice(0, 10)}`),
    });
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
      ["first", "second"].map((word) =>
        createThread(actorOf(member), {
          category: category.slug,
          title: `Racing thread number ${word}`,
          body: `Racing body ${word}`,
          tags: [],
        }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
    const refused = attempts.find((attempt) => attempt.status === "rejected");
    expect(refused && refused.status === "rejected" && (refused.reason as { status?: number }).status).toBe(429);
    expect(await prisma.forumThread.count({ where: { authorId: member.id } })).toBe(
      NEW_MEMBER_LIMITS.threadsPerDay.max,
    );
  });
});

// ---------------------------------------------------------------------------
// Every member's write limits (established members too; staff exempt)

/** A month-old member with 3 clean posts: past every new-member limit. */
async function established(role: "member" | "moderator" = "member", username?: string) {
  const member = await memberAged(30, role);
  await postsAgo(member.id, "thread", NEW_MEMBER.cleanPostsToGraduate, 2 * DAY);
  return username ? prisma.user.update({ where: { id: member.id }, data: { username } }) : member;
}

/** The middle of the current fixed window of `windowMs`: a burst written "at" it never straddles two windows. */
function midWindow(windowMs: number) {
  return new Date(Math.floor(Date.now() / windowMs) * windowMs + windowMs / 2);
}

function refusalsOf(attempts: PromiseSettledResult<unknown>[]) {
  return attempts
    .filter((attempt): attempt is PromiseRejectedResult => attempt.status === "rejected")
    .map((attempt) => attempt.reason as Refusal);
}

describe("write limits for every member", () => {
  it("keeps its windows within what the prune job keeps, so no counting window is dropped early", () => {
    for (const rule of Object.values(WRITE_LIMITS))
      expect(rule.windowMs).toBeLessThanOrEqual(RATE_LIMIT_WINDOW_RETENTION_MS);
  });

  it("40 threads at once from an established member: the 10-minute allowance gets in, the rest are refused 429 with when to retry", async () => {
    const member = await established();
    const category = await createCategory();
    const now = midWindow(WRITE_LIMITS.threadsPerTenMinutes.windowMs);
    const attempts = await Promise.allSettled(
      Array.from({ length: 40 }, (_, index) =>
        createThread(
          actorOf(member),
          { category: category.slug, title: `Burst thread number ${index}`, body: `Burst body ${index}`, tags: [] },
          now,
        ),
      ),
    );
    const allowance = WRITE_LIMITS.threadsPerTenMinutes.limit;
    expect(await prisma.forumThread.count({ where: { categoryId: category.id } })).toBe(allowance);
    const refused = refusalsOf(attempts);
    expect(refused).toHaveLength(40 - allowance);
    for (const refusal of refused) {
      expect(refusal).toBeInstanceOf(Refusal);
      expect(refusal.status).toBe(429);
      expect(refusal.message).toMatch(
        /^You can start 5 threads every 10 minutes\. You can start another thread in \d+ (seconds|minutes)\.$/,
      );
    }
  });

  it("100 replies, ten at a time, from an established member: the 10-minute allowance gets in, numbered without gaps", async () => {
    const member = await established();
    const other = await established();
    const category = await createCategory();
    const now = midWindow(WRITE_LIMITS.repliesPerTenMinutes.windowMs);
    const thread = await createThread(
      actorOf(other),
      { category: category.slug, title: "A thread the burst replies to", body: "Opening post.", tags: [] },
      now,
    );
    // Ten at a time: as many as a PostgreSQL pool of the default size serves at once.
    const attempts: PromiseSettledResult<unknown>[] = [];
    for (let batch = 0; batch < 10; batch++) {
      attempts.push(
        ...(await Promise.allSettled(
          Array.from({ length: 10 }, (_, index) =>
            replyToThread(actorOf(member), thread.id, `Burst reply ${batch}.${index}`, now),
          ),
        )),
      );
    }
    const allowance = WRITE_LIMITS.repliesPerTenMinutes.limit;
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(allowance);
    expect(
      refusalsOf(attempts).every(
        (refusal) => refusal.status === 429 && refusal.message.startsWith(WRITE_LIMITS.repliesPerTenMinutes.says),
      ),
    ).toBe(true);
    const numbers = (await prisma.forumPost.findMany({ where: { threadId: thread.id }, select: { number: true } }))
      .map((post) => post.number)
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: allowance + 1 }, (_, index) => index + 1));
  });

  it("exempts staff: a moderator's 8 announcements at once all get in", async () => {
    const moderator = await established("moderator");
    const category = await createCategory();
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        createThread(actorOf(moderator), {
          category: category.slug,
          title: `Staff announcement ${index}`,
          body: `Announcement ${index}`,
          tags: [],
        }),
      ),
    );
    expect(refusalsOf(attempts)).toEqual([]);
  });

  it("counts @mentions per author, and mails each member at most one mention an hour (the rest stay in-app)", async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const named = await Promise.all(
      Array.from({ length: 10 }, (_, index) => established("member", `named${index}_${suffix}`)),
    );
    const author = await established();
    const second = await established();
    const category = await createCategory();
    const now = midWindow(WRITE_LIMITS.mentionsPerHour.windowMs);
    const thread = await createThread(
      actorOf(second),
      { category: category.slug, title: "Who knows about escalation timers?", body: "Asking around.", tags: [] },
      now,
    );
    const everyone = named.map((user) => `@${user.username}`).join(" ");

    const outcomes: (number | string)[] = [];
    for (let index = 0; index < 20; index++) {
      const outcome = await replyToThread(
        actorOf(author),
        thread.id,
        `Post ${index}: ${everyone}, any idea?`,
        now,
      ).then(
        () => 201,
        (error: Refusal) => `${error.status} ${error.message}`,
      );
      outcomes.push(outcome);
    }
    const allowedPosts = WRITE_LIMITS.mentionsPerHour.limit / named.length;
    expect(outcomes.slice(0, allowedPosts)).toEqual(Array.from({ length: allowedPosts }, () => 201));
    for (const refusal of outcomes.slice(allowedPosts))
      expect(refusal).toMatch(
        /^429 You can @mention 30 members an hour, and this post would go over that\. Remove the @mentions to post it now/,
      );
    // The refused posts counted nothing: the same author can still reply without naming anyone.
    await expect(replyToThread(actorOf(author), thread.id, "No names this time.", now)).resolves.toMatchObject({
      number: expect.any(Number),
    });

    // Another author names the same ten: each gets the in-app notification, and no second email within the hour.
    await replyToThread(actorOf(second), thread.id, `Also pinging ${everyone}`, now);
    for (const user of named) {
      expect(await prisma.notification.count({ where: { userId: user.id, kind: "mention" } })).toBe(allowedPosts + 1);
      const mails = await prisma.outboxEmail.findMany({
        where: { to: user.email, subject: { contains: "mentioned you" } },
      });
      expect(mails).toHaveLength(1);
      expect(mails[0].text).toContain("Further mentions in the next hour appear in your notifications");
    }
  });

  it("a refused thread comes back to the form as a 429 with the message, and nothing is stored", async () => {
    const member = await established();
    const category = await createCategory();
    // Use up this window's allowance, and the next one's in case the request lands just after the boundary.
    for (const at of [new Date(), new Date(Date.now() + WRITE_LIMITS.threadsPerTenMinutes.windowMs)]) {
      for (let index = 0; index < WRITE_LIMITS.threadsPerTenMinutes.limit; index++)
        await countWrite(prisma, "threadsPerTenMinutes", member.id, at);
    }
    const { cookie } = await sessionCookieFor(member.id);
    const body = new FormData();
    for (const [name, value] of Object.entries({
      category: category.slug,
      title: "One thread too many today",
      body: "Is anyone there?",
    }))
      body.set(name, value);
    const request = new Request("http://localhost/community/new", {
      method: "POST",
      body,
      headers: { Cookie: cookie },
    });
    const answer = (await newThreadAction({ request, params: {}, context: {} } as Parameters<
      typeof newThreadAction
    >[0])) as unknown as { data: { error: Record<string, string[]> }; init: { status: number } };
    expect(answer.init.status).toBe(429);
    expect(answer.data.error[""]?.[0]).toMatch(
      /^You can start 5 threads every 10 minutes\. You can start another thread in /,
    );
    expect(await prisma.forumThread.count({ where: { categoryId: category.id } })).toBe(0);
  });
});
