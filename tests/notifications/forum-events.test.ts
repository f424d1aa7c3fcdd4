import { describe, expect, it } from "vitest";
import { autoFollow, followState, setFollowState } from "~/forum/follow.server";
import { inRetriedTransaction } from "~/lib/transactions.server";
import { postPath } from "~/forum/paths";
import { prisma } from "~/lib/db.server";
import { onAnswerAccepted, onPostLiked } from "~/forum/activity-notices.server";
import { setEmailPreference } from "~/notifications/preferences.server";
import { verifyUnsubscribeToken } from "~/notifications/unsubscribe-token.server";
import { createMember, mailTo, notificationsOf, startThread, writePost } from "./factories";
import { outcome } from "../refusals";

/**
 * The forum's notification rules, driven through onForumPostCreated / onAnswerAccepted / onPostLiked
 * inside real transactions (the way the forum's model modules call them).
 */

async function eventOf(postId: number) {
  const post = await prisma.forumPost.findUniqueOrThrow({ where: { id: postId }, include: { thread: true } });
  return {
    threadId: post.threadId,
    threadTitle: post.thread.title,
    threadUrl: `/community/t/${post.threadId}-${post.thread.slug}`,
    postId: post.id,
    postNumber: post.number,
    authorId: post.authorId,
    bodyMarkdown: post.bodyMarkdown,
  };
}

describe("following", () => {
  it("starting a thread or replying follows it; a mute stays a mute after replying", async () => {
    const [asker, helper, muter] = await Promise.all([createMember(), createMember(), createMember()]);
    const { thread } = await startThread(asker.id);
    expect(await followState(asker.id, { threadId: thread.id })).toBe("following");
    await writePost(thread.id, helper.id, "Level 2 takes over after the target is missed.");
    expect(await followState(helper.id, { threadId: thread.id })).toBe("following");
    await setFollowState(muter.id, { threadId: thread.id }, "muted");
    await writePost(thread.id, muter.id, "Same question here.");
    expect(await followState(muter.id, { threadId: thread.id })).toBe("muted");
  });

  it("five of a member's replies notified at the same moment follow the thread once, none of them failing", async () => {
    const [asker, helper] = await Promise.all([createMember(), createMember()]);
    const { thread } = await startThread(asker.id);
    // Five notification tasks (two task workers, or tasks run inline) each find no row and follow:
    // on PostgreSQL, reading then inserting let four of them clash on the unique key and fail.
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        inRetriedTransaction((tx) => autoFollow(tx, helper.id, thread.id), { attempts: 1 }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(Array(5).fill("fulfilled"));
    expect(await followState(helper.id, { threadId: thread.id })).toBe("following");
    expect(await prisma.forumSubscription.count({ where: { userId: helper.id, threadId: thread.id } })).toBe(1);
  });

  it("refuses to follow a missing thread or to mute a category", async () => {
    const member = await createMember();
    expect(await outcome(setFollowState(member.id, { threadId: 999_999 }, "following"))).toMatchObject({
      status: 404,
      message: "That thread or category does not exist (or was removed).",
    });
    const { thread } = await startThread(member.id);
    expect(await outcome(setFollowState(member.id, { categoryId: thread.categoryId }, "muted"))).toMatchObject({
      status: 400,
      message: "Categories can be followed or not; mute a thread instead.",
    });
    expect(await followState(member.id, { categoryId: thread.categoryId })).toBe("none");
    expect(await setFollowState(member.id, { categoryId: thread.categoryId }, "following")).toBe("following");
    expect(await setFollowState(member.id, { threadId: thread.id }, "none")).toBe("none");
    expect(await followState(member.id, { threadId: thread.id })).toBe("none");
  });
});

describe("a reply", () => {
  it("notifies the thread's followers, but not its author, nor members who muted it, nor non-followers", async () => {
    const [asker, follower, muter, bystander, replier] = await Promise.all([
      createMember(),
      createMember(),
      createMember(),
      createMember(),
      createMember(),
    ]);
    const { thread } = await startThread(asker.id, { title: "Which plan includes phone support?" });
    await setFollowState(follower.id, { threadId: thread.id }, "following");
    await setFollowState(muter.id, { threadId: thread.id }, "muted");

    const reply = await writePost(thread.id, replier.id, "Professional and Enterprise do.");

    for (const user of [asker, follower]) {
      const rows = await notificationsOf(user.id);
      expect(rows.map((row) => [row.kind, row.title, row.url, row.actorId])).toEqual([
        [
          "reply",
          `${replier.name} replied to "Which plan includes phone support?"`,
          postPath(thread, reply.number),
          replier.id,
        ],
      ]);
    }
    expect(await notificationsOf(replier.id)).toEqual([]);
    expect(await notificationsOf(muter.id)).toEqual([]);
    expect(await notificationsOf(bystander.id)).toEqual([]);
    // The opening post notified nobody: nobody could follow the thread before it existed.
    expect((await notificationsOf(asker.id)).length).toBe(1);
  });

  it("in a transaction that rolls back notifies nobody and mails nobody", async () => {
    const [asker, replier] = await Promise.all([createMember(), createMember()]);
    const { thread } = await startThread(asker.id);
    const { onForumPostCreated } = await import("~/forum/activity-notices.server");
    await expect(
      prisma.$transaction(async (tx) => {
        await onForumPostCreated(tx, {
          threadId: thread.id,
          threadTitle: thread.title,
          threadUrl: "/x",
          postId: 0,
          postNumber: 2,
          authorId: replier.id,
          bodyMarkdown: "hi",
          isFirstPost: false,
          categoryId: thread.categoryId,
        });
        throw new Error("the reply failed to save");
      }),
    ).rejects.toThrow("the reply failed to save");
    expect(await notificationsOf(asker.id)).toEqual([]);
    expect(await mailTo(asker.email)).toEqual([]);
  });
});

describe("mentions", () => {
  it("notify a mentioned member once, as a mention, even when they also follow the thread", async () => {
    const [asker, expert, replier] = await Promise.all([createMember(), createMember(), createMember()]);
    const { thread } = await startThread(asker.id);
    await setFollowState(expert.id, { threadId: thread.id }, "following");
    await writePost(
      thread.id,
      replier.id,
      `@${expert.username} can you confirm? Also @${(expert.username ?? "").toUpperCase()} again and @nobody-by-this-name.`,
    );
    const rows = await notificationsOf(expert.id);
    expect(rows.map((row) => row.kind)).toEqual(["mention"]);
    expect(rows[0].title).toContain(`${replier.name} mentioned you`);
    // The asker follows (auto-follow) and is not mentioned: a plain reply notification.
    expect((await notificationsOf(asker.id)).map((row) => row.kind)).toEqual(["reply"]);
  });

  it("ignore code, links and email addresses, the author mentioning themselves, and members who muted the thread", async () => {
    const [asker, coded, linked, mailed, muter] = await Promise.all([
      createMember(),
      createMember(),
      createMember(),
      createMember(),
      createMember(),
    ]);
    const { thread } = await startThread(asker.id);
    await setFollowState(muter.id, { threadId: thread.id }, "muted");
    await writePost(
      thread.id,
      asker.id,
      [
        `Run \`notify @${coded.username}\``,
        `[@${linked.username}](https://example.com/@${linked.username})`,
        `write to ${mailed.username}@acme.example`,
        `@${asker.username} @${muter.username}`,
      ].join("\n\n"),
    );
    for (const user of [coded, linked, mailed, muter, asker]) expect(await notificationsOf(user.id)).toEqual([]);
  });

  it("email the mentioned member with an unsubscribe link for mentions, unless they turned mention emails off", async () => {
    const [asker, wantsMail, noMail] = await Promise.all([createMember(), createMember(), createMember()]);
    await setEmailPreference(noMail.id, "mention", false);
    const { thread } = await startThread(asker.id);
    await writePost(thread.id, asker.id, `Thanks @${wantsMail.username} and @${noMail.username}`);
    const [mail] = await mailTo(wantsMail.email);
    expect(mail.subject).toContain(`${asker.name} mentioned you`);
    expect(mail.text).toContain(`/community/t/${thread.id}-${thread.slug}`);
    const link = /Unsubscribe from these emails in one click: (\S+)/.exec(mail.text)?.[1] ?? "";
    expect(link).toMatch(/^http:\/\/localhost:\d+\/unsubscribe\?token=/);
    expect(verifyUnsubscribeToken(new URL(link).searchParams.get("token"))).toEqual({
      userId: wantsMail.id,
      kind: "mention",
    });
    expect(await mailTo(noMail.email)).toEqual([]);
    expect((await notificationsOf(noMail.id)).map((row) => row.kind)).toEqual(["mention"]);
  });
});

describe("reply emails", () => {
  it("go to the thread's author only, while they keep reply emails on and have not muted the thread", async () => {
    const [asker, follower, replier] = await Promise.all([createMember(), createMember(), createMember()]);
    const { thread } = await startThread(asker.id, { title: "Can I change my ticket priority later?" });
    await setFollowState(follower.id, { threadId: thread.id }, "following");
    await writePost(thread.id, replier.id, "Yes, ask the agent.");
    const mails = await mailTo(asker.email);
    expect(mails.map((mail) => mail.subject)).toEqual([
      'New reply to your thread "Can I change my ticket priority later?"',
    ]);
    expect(mails[0].text).toContain("Yes, ask the agent.");
    expect(mails[0].text).toMatch(/unsubscribe\?token=u1\./);
    expect(await mailTo(follower.email)).toEqual([]);

    await setEmailPreference(asker.id, "reply", false);
    await writePost(thread.id, replier.id, "Second reply.");
    expect(await mailTo(asker.email)).toHaveLength(1);
    expect(await notificationsOf(asker.id)).toHaveLength(2);

    await setEmailPreference(asker.id, "reply", true);
    await setFollowState(asker.id, { threadId: thread.id }, "muted");
    await writePost(thread.id, replier.id, "Third reply.");
    expect(await mailTo(asker.email)).toHaveLength(1);
    expect(await notificationsOf(asker.id)).toHaveLength(2);
  });
});

describe("accepted answers", () => {
  it("notify the answer's author once, and not when they accepted it themselves", async () => {
    const [asker, helper] = await Promise.all([createMember(), createMember()]);
    const { thread } = await startThread(asker.id, { title: "Where do I find my account ID?" });
    const answer = await writePost(thread.id, helper.id, "In Settings.");
    const event = { ...(await eventOf(answer.id)), acceptedById: asker.id };
    await prisma.$transaction((tx) => onAnswerAccepted(tx, event));
    await prisma.$transaction((tx) => onAnswerAccepted(tx, event));
    const rows = (await notificationsOf(helper.id)).filter((row) => row.kind === "accepted");
    expect(rows.map((row) => row.title)).toEqual([
      `${asker.name} accepted your answer in "Where do I find my account ID?"`,
    ]);

    const own = await writePost(thread.id, asker.id, "Found it myself.");
    await prisma.$transaction(async (tx) =>
      onAnswerAccepted(tx, { ...(await eventOf(own.id)), acceptedById: asker.id }),
    );
    expect((await notificationsOf(asker.id)).filter((row) => row.kind === "accepted")).toEqual([]);
  });
});

describe("likes", () => {
  it("fold into one unread notification per post, counted, and start a new one once it was read", async () => {
    const author = await createMember();
    const likers = await Promise.all([createMember(), createMember(), createMember(), createMember()]);
    const { thread, first } = await startThread(author.id, { title: "Tip: use templates for ticket replies" });
    const event = await eventOf(first.id);
    const like = (userId: string) => prisma.$transaction((tx) => onPostLiked(tx, { ...event, likedById: userId }));

    await like(likers[0].id);
    expect((await notificationsOf(author.id)).map((row) => [row.title, row.count])).toEqual([
      [`${likers[0].name} liked your post in "Tip: use templates for ticket replies"`, 1],
    ]);
    await like(likers[1].id);
    await like(likers[1].id); // unliked and liked again: not a new person
    await like(likers[2].id);
    let rows = await notificationsOf(author.id);
    expect(rows.map((row) => [row.kind, row.title, row.count, row.readAt])).toEqual([
      ["like", '3 people liked your post in "Tip: use templates for ticket replies"', 3, null],
    ]);
    expect(rows[0].url).toBe(postPath(thread, 1));

    await prisma.notification.update({ where: { id: rows[0].id }, data: { readAt: new Date() } });
    await like(likers[3].id);
    rows = await notificationsOf(author.id);
    expect(rows.map((row) => [row.count, row.readAt === null])).toEqual([
      [3, false],
      [1, true],
    ]);
  });
});
