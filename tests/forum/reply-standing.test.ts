import { afterAll, describe, expect, it } from "vitest";
import { replyToThread } from "~/forum/posting.server";
import { prisma } from "~/lib/db.server";
import { Refusal } from "~/lib/refusal";
import { actorOf, createThreadWithPosts, memberAged } from "./moderation-fixtures";

/**
 * A reply reads its author's standing (the account, a suspension, the same body posted a moment ago)
 * in the same statement that takes the thread's next number (decision record 018). A refusal must
 * still leave the thread as it was: no post, no number used up.
 */
afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;

async function refusalOf(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Refusal);
  return { status: (error as Refusal).status, message: (error as Refusal).message };
}

async function threadState(threadId: number) {
  const thread = await prisma.forumThread.findUniqueOrThrow({
    where: { id: threadId },
    select: { lastPostNumber: true, postCount: true, _count: { select: { posts: true } } },
  });
  return { lastPostNumber: thread.lastPostNumber, postCount: thread.postCount, posts: thread._count.posts };
}

describe("a reply's author standing", () => {
  it("refuses a staff member's repeat of their own reply with 409 and leaves the thread as it was", async () => {
    const moderator = await memberAged(30, "moderator");
    const thread = await createThreadWithPosts((await memberAged(30)).id);
    const first = await replyToThread(
      actorOf(moderator),
      thread.id,
      "Restart the sync agent, then check the status page.",
    );
    expect(first.number).toBe(2);
    const before = await threadState(thread.id);
    expect(
      await refusalOf(
        replyToThread(actorOf(moderator), thread.id, "Restart the sync agent,  then check the status page.\n"),
      ),
    ).toMatchObject({ status: 409, message: expect.stringContaining("You already posted exactly this") });
    expect(await threadState(thread.id)).toEqual(before);
    // Something else is a new reply, numbered next.
    expect((await replyToThread(actorOf(moderator), thread.id, "And clear the cache.")).number).toBe(3);
  });

  it("refuses a suspended member until the suspension ends, without using up a number", async () => {
    const member = await memberAged(30);
    const thread = await createThreadWithPosts((await memberAged(30)).id);
    const until = new Date(Date.now() + 2 * 24 * 60 * MINUTE);
    await prisma.user.update({ where: { id: member.id }, data: { suspendedUntil: until } });
    const before = await threadState(thread.id);
    expect(await refusalOf(replyToThread(actorOf(member), thread.id, "Any news on this?"))).toMatchObject({
      status: 403,
      message: expect.stringContaining(`suspended until ${until.toISOString().slice(0, 10)}`),
    });
    expect(await threadState(thread.id)).toEqual(before);

    await prisma.user.update({ where: { id: member.id }, data: { suspendedUntil: new Date(Date.now() - MINUTE) } });
    const reply = await replyToThread(actorOf(member), thread.id, "Any news on this?");
    expect(reply.number).toBe(before.lastPostNumber + 1);
  });

  it("refuses an account that no longer exists, and a thread that does not exist with 404", async () => {
    const thread = await createThreadWithPosts((await memberAged(30)).id);
    const gone = { id: "no-such-user", role: "member" };
    expect(await refusalOf(replyToThread(actorOf(gone), thread.id, "Hello"))).toMatchObject({
      status: 403,
      message: "Your account no longer exists.",
    });
    expect(await refusalOf(replyToThread(actorOf(await memberAged(30)), 2_000_000_000, "Hello"))).toMatchObject({
      status: 404,
    });
  });
});
