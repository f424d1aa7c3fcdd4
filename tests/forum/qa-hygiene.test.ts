import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { findJob } from "~/jobs/registry.server";
import { moderatePost } from "~/forum/review-queue.server";
import { mergeThread } from "~/forum/thread-merge.server";
import { acceptAnswer, deleteOwnPost, replyToThread } from "~/forum/posting.server";
import {
  closeAsDuplicate,
  confirmAcceptedAnswer,
  flagAnswerOutdated,
  loadOutdatedAnswers,
  remindAskersToAccept,
  reopenDuplicate,
} from "~/forum/qa-hygiene.server";
import { forumSearchSource } from "~/forum/search-documents.server";
import { listThreads } from "~/forum/thread-lists.server";
import { loadThreadPage } from "~/forum/thread-page.server";
import { prisma } from "~/lib/db.server";
import { setEmailPreference } from "~/notifications/preferences.server";
import { actorOf, createCategory, createThreadWithPosts, memberAged } from "./moderation-fixtures";

/** Which documents each action writes and removes; the engines are tested in tests/search. */
const searchWrites = vi.hoisted(() => ({
  removed: [] as string[],
  indexed: [] as { id: string; pageId: string; url: string }[],
}));
vi.mock("~/search/writes.server", () => ({
  removeDocuments: async (_source: string, ids: string[]) => {
    searchWrites.removed.push(...ids);
  },
  indexDocuments: async (_source: string, documents: { id: string; pageId: string; url: string }[]) => {
    searchWrites.indexed.push(...documents.map(({ id, pageId, url }) => ({ id, pageId, url })));
  },
}));

beforeEach(() => {
  searchWrites.removed.length = 0;
  searchWrites.indexed.length = 0;
});
afterAll(() => prisma.$disconnect());

const DAY = 24 * 60 * 60 * 1000;

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return { status: (error as { status?: number }).status, message: (error as Error).message };
  }
  throw new Error("expected a refusal");
}

/** A question by `asker` with replies by two others, the first reply accepted. */
async function answeredQuestion() {
  const asker = actorOf(await memberAged(60));
  const [answerer, other, reader] = await Promise.all([memberAged(60), memberAged(60), memberAged(60)]);
  const category = await createCategory({ isQuestions: true });
  const thread = await createThreadWithPosts(asker.id, [answerer.id, other.id], { categoryId: category.id });
  await acceptAnswer(asker, thread.id, thread.posts[1].id);
  return { asker, answerer: actorOf(answerer), other: actorOf(other), reader: actorOf(reader), thread, category };
}

describe("outdated accepted answers", () => {
  it("a reader's flag shows 'may be outdated' until the asker confirms it; staff see the flag with its note", async () => {
    const { asker, reader, thread } = await answeredQuestion();
    const moderator = actorOf(await memberAged(100, "moderator"));

    expect(await refusal(flagAnswerOutdated(reader, thread.id, "   "))).toMatchObject({ status: 400 });
    await flagAnswerOutdated(
      reader,
      thread.id,
      "The portal moved this setting to Admin › Routing in the last release.",
    );
    expect(await refusal(flagAnswerOutdated(reader, thread.id, "again"))).toMatchObject({ status: 409 });

    const anonymous = await loadThreadPage(thread.id, thread.slug, 1, null);
    if (anonymous.kind !== "found") throw new Error("thread not found");
    expect(anonymous.thread.outdated).toMatchObject({ flagCount: 1, notes: [] });
    const staffView = await loadThreadPage(thread.id, thread.slug, 1, moderator);
    if (staffView.kind !== "found") throw new Error("thread not found");
    expect(staffView.thread.outdated?.notes[0].note).toContain("Admin › Routing");
    expect(staffView.thread.viewer.canConfirmAnswer).toBe(true);

    const queue = await loadOutdatedAnswers(moderator);
    expect(queue?.find((item) => item.thread.id === thread.id)?.flags).toHaveLength(1);
    expect(await loadOutdatedAnswers(reader)).toBeNull();

    // Only the asker or staff confirm.
    expect(await refusal(confirmAcceptedAnswer(reader, thread.id))).toMatchObject({ status: 403 });
    await confirmAcceptedAnswer(asker, thread.id);
    const after = await loadThreadPage(thread.id, thread.slug, 1, null);
    if (after.kind !== "found") throw new Error("thread not found");
    expect(after.thread.outdated).toBeNull();
    expect((await loadOutdatedAnswers(moderator))?.some((item) => item.thread.id === thread.id)).toBe(false);
    expect(await prisma.forumOutdatedFlag.findFirstOrThrow({ where: { threadId: thread.id } })).toMatchObject({
      resolution: "confirmed",
      resolvedById: asker.id,
    });
    // Nothing left to confirm.
    expect(await refusal(confirmAcceptedAnswer(asker, thread.id))).toMatchObject({ status: 409 });
  });

  it("accepting another reply replaces the flagged answer and clears the notice", async () => {
    const { asker, reader, thread } = await answeredQuestion();
    await flagAnswerOutdated(reader, thread.id, "Outdated since the new plans.");
    await acceptAnswer(asker, thread.id, thread.posts[2].id);
    const page = await loadThreadPage(thread.id, thread.slug, 1, reader);
    if (page.kind !== "found") throw new Error("thread not found");
    expect(page.thread.outdated).toBeNull();
    // The reader may flag the new answer: it is another answer.
    expect(page.thread.viewer.canFlagOutdated).toBe(true);
    expect(await prisma.forumOutdatedFlag.findFirstOrThrow({ where: { threadId: thread.id } })).toMatchObject({
      resolution: "replaced",
    });
  });

  it("a question without an accepted answer cannot be flagged outdated; suspended members cannot flag", async () => {
    const asker = actorOf(await memberAged(60));
    const reader = await memberAged(60);
    const thread = await createThreadWithPosts(asker.id, [reader.id], {
      categoryId: (await createCategory({ isQuestions: true })).id,
    });
    expect(await refusal(flagAnswerOutdated(actorOf(reader), thread.id, "Old"))).toMatchObject({ status: 409 });
    const answered = await answeredQuestion();
    await prisma.user.update({ where: { id: reader.id }, data: { suspendedUntil: new Date(Date.now() + DAY) } });
    expect(await refusal(flagAnswerOutdated(actorOf(reader), answered.thread.id, "Old"))).toMatchObject({
      status: 403,
    });
  });
});

describe("reminding askers to accept an answer", () => {
  async function unanswered(replyAgeDays: number, options: { askerEmail?: boolean } = {}) {
    const asker = await memberAged(60);
    const answerer = await memberAged(60);
    if (options.askerEmail === false) await setEmailPreference(asker.id, "answer-reminder", false);
    const category = await createCategory({ isQuestions: true });
    const thread = await createThreadWithPosts(asker.id, [answerer.id], {
      categoryId: category.id,
      at: new Date(Date.now() - replyAgeDays * DAY),
    });
    return { asker, answerer, thread };
  }
  const remindersOf = (userId: string) => prisma.notification.findMany({ where: { userId, kind: "answer-reminder" } });
  const mailsTo = (email: string) => prisma.outboxEmail.findMany({ where: { to: email } });

  it("reminds once after 3 days, in-app and by email; a rerun reminds nobody again", async () => {
    const due = await unanswered(4);
    const early = await unanswered(2);
    const now = new Date();
    await remindAskersToAccept(prisma, now);
    expect(await remindersOf(due.asker.id)).toHaveLength(1);
    expect((await remindersOf(due.asker.id))[0].url).toBe(`/community/t/${due.thread.id}-${due.thread.slug}`);
    const mails = await mailsTo(due.asker.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("/unsubscribe?token=");
    expect(await remindersOf(early.asker.id)).toHaveLength(0);

    // Idempotent: the same run again, or a day later, sends nothing more.
    await remindAskersToAccept(prisma, now);
    await remindAskersToAccept(prisma, new Date(now.getTime() + DAY));
    expect(await remindersOf(due.asker.id)).toHaveLength(1);
    expect(await mailsTo(due.asker.email)).toHaveLength(1);

    // The 2-day-old question comes due with the clock.
    await remindAskersToAccept(prisma, new Date(now.getTime() + 1.5 * DAY));
    expect(await remindersOf(early.asker.id)).toHaveLength(1);
  });

  it("respects the asker's email preference, skips accepted, duplicate and self-replied questions", async () => {
    const quiet = await unanswered(4, { askerEmail: false });
    const accepted = await unanswered(4);
    await prisma.forumThread.update({
      where: { id: accepted.thread.id },
      data: { acceptedPostId: accepted.thread.posts[1].id },
    });
    const duplicate = await unanswered(4);
    const original = await unanswered(4);
    await prisma.forumThread.update({
      where: { id: duplicate.thread.id },
      data: { duplicateOfId: original.thread.id },
    });
    const selfOnly = await memberAged(60);
    const selfThread = await createThreadWithPosts(selfOnly.id, [selfOnly.id], {
      categoryId: (await createCategory({ isQuestions: true })).id,
      at: new Date(Date.now() - 4 * DAY),
    });

    await remindAskersToAccept(prisma, new Date());
    expect(await remindersOf(quiet.asker.id)).toHaveLength(1);
    expect(await mailsTo(quiet.asker.email)).toHaveLength(0);
    expect(await remindersOf(accepted.asker.id)).toHaveLength(0);
    expect(await remindersOf(duplicate.asker.id)).toHaveLength(0);
    expect(await remindersOf(selfOnly.id)).toHaveLength(0);
    expect(await prisma.forumThread.findUniqueOrThrow({ where: { id: selfThread.id } })).toMatchObject({
      answerReminderAt: null,
    });
  });

  it("is a registered job", () => {
    expect(findJob("forum-answer-reminders")).toBeDefined();
  });
});

describe("closing a question as a duplicate", () => {
  it("links to the original, keeps replies readable, refuses new replies and sends search to the original", async () => {
    const moderator = actorOf(await memberAged(100, "moderator"));
    const asker = actorOf(await memberAged(60));
    const replier = await memberAged(60);
    const category = await createCategory({ isQuestions: true });
    const original = await createThreadWithPosts(asker.id, [replier.id], {
      categoryId: category.id,
      title: "How are Priority 2 tickets escalated",
    });
    const duplicate = await createThreadWithPosts(asker.id, [replier.id], {
      categoryId: category.id,
      title: "Escalating a P2 ticket after hours",
    });

    expect(await refusal(closeAsDuplicate(asker, duplicate.id, original.id))).toMatchObject({ status: 403 });
    expect(await refusal(closeAsDuplicate(moderator, duplicate.id, duplicate.id))).toMatchObject({ status: 409 });
    await closeAsDuplicate(moderator, duplicate.id, original.id, "Asked before");
    expect(await refusal(closeAsDuplicate(moderator, original.id, duplicate.id))).toMatchObject({
      status: 409,
      message: expect.stringContaining("itself a duplicate"),
    });

    const page = await loadThreadPage(duplicate.id, duplicate.slug, 1, actorOf(replier));
    if (page.kind !== "found") throw new Error("duplicate should stay readable");
    expect(page.thread.duplicateOf).toMatchObject({
      id: original.id,
      url: `/community/t/${original.id}-${original.slug}`,
    });
    expect(page.thread.posts.map((post) => post.html)).toEqual(duplicate.posts.map((post) => post.bodyHtml));
    expect(page.thread.viewer.canReply).toBe(false);
    expect(await refusal(replyToThread(actorOf(replier), duplicate.id, "One more answer here"))).toMatchObject({
      status: 409,
    });

    // Search: the duplicate's one document points at the original (and groups with its page); its replies leave.
    const written = searchWrites.indexed.filter((document) => document.id.startsWith(`forum/t/${duplicate.id}`));
    expect(written).toEqual([
      {
        id: `forum/t/${duplicate.id}`,
        pageId: `forum/t/${original.id}`,
        url: `/community/t/${original.id}-${original.slug}`,
      },
    ]);
    expect(searchWrites.removed).toContain(`forum/t/${duplicate.id}#post-2`);
    const listed = (await forumSearchSource.listDocuments()).filter((document) =>
      document.id.startsWith(`forum/t/${duplicate.id}`),
    );
    expect(listed.map((document) => document.url)).toEqual([`/community/t/${original.id}-${original.slug}`]);

    // Not waiting for an answer any more.
    const unsolved = await listThreads(
      { categoryId: category.id },
      { sort: "latest", period: "all", solved: "unsolved", page: 1 },
      null,
    );
    expect(unsolved.threads.map((thread) => thread.id)).toEqual([original.id]);

    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { subjectType: "thread", subjectId: String(duplicate.id), action: "thread.duplicate" },
    });
    expect(audit).toMatchObject({ actorId: moderator.id, reason: "Asked before" });

    await reopenDuplicate(moderator, duplicate.id);
    expect((await replyToThread(actorOf(replier), duplicate.id, "Reopened, so this reply is welcome")).number).toBe(3);
  });
});

describe("merging and deleting keep readers' state", () => {
  it("merge moves follows, read markers and tags to the target, without duplicates", async () => {
    const moderator = actorOf(await memberAged(100, "moderator"));
    const [a, b, c] = await Promise.all([memberAged(60), memberAged(60), memberAged(60)]);
    const category = await createCategory();
    const target = await createThreadWithPosts(a.id, [b.id], { categoryId: category.id });
    const source = await createThreadWithPosts(c.id, [a.id, b.id], { categoryId: category.id });
    await prisma.forumThreadTag.createMany({
      data: [
        { threadId: target.id, tag: "sso" },
        { threadId: source.id, tag: "sso" },
        { threadId: source.id, tag: "escalation" },
      ],
    });
    await prisma.forumSubscription.createMany({
      data: [
        { userId: a.id, threadId: target.id, state: "following" },
        { userId: a.id, threadId: source.id, state: "muted" },
        { userId: c.id, threadId: source.id, state: "following" },
      ],
    });
    await prisma.forumReadMarker.createMany({
      data: [
        { userId: a.id, threadId: target.id, lastReadNumber: 2 },
        { userId: a.id, threadId: source.id, lastReadNumber: 3 },
        { userId: c.id, threadId: source.id, lastReadNumber: 2 },
      ],
    });

    await mergeThread(moderator, source.id, target.id);

    expect(
      (await prisma.forumThreadTag.findMany({ where: { threadId: target.id }, orderBy: { tag: "asc" } })).map(
        (row) => row.tag,
      ),
    ).toEqual(["escalation", "sso"]);
    expect(await prisma.forumThreadTag.count({ where: { threadId: source.id } })).toBe(0);
    const follows = await prisma.forumSubscription.findMany({
      where: { threadId: { in: [source.id, target.id] } },
      orderBy: { userId: "asc" },
    });
    expect(follows.every((row) => row.threadId === target.id)).toBe(true);
    // a had chosen for the target already: that choice stands; c's follow moved.
    expect(follows.find((row) => row.userId === a.id)?.state).toBe("following");
    expect(follows.filter((row) => row.userId === a.id)).toHaveLength(1);
    expect(follows.find((row) => row.userId === c.id)?.state).toBe("following");
    // a had read all of the target (2 posts) and all of the source (3): now posts 3–5, all read. c never opened the target: starts at its top.
    expect(
      await prisma.forumReadMarker.findUnique({ where: { userId_threadId: { userId: a.id, threadId: target.id } } }),
    ).toMatchObject({ lastReadNumber: 5 });
    expect(
      await prisma.forumReadMarker.findUnique({ where: { userId_threadId: { userId: c.id, threadId: target.id } } }),
    ).toMatchObject({ lastReadNumber: 0 });
    expect(await prisma.forumReadMarker.count({ where: { threadId: source.id } })).toBe(0);
  });

  it("a post deleted by a moderator says so; one deleted by its author says that", async () => {
    const moderator = actorOf(await memberAged(100, "moderator"));
    const [author, other] = await Promise.all([memberAged(60), memberAged(60)]);
    const thread = await createThreadWithPosts(author.id, [author.id, other.id]);
    await deleteOwnPost(actorOf(author), thread.posts[1].id);
    await moderatePost(moderator, thread.posts[2].id, "delete", "Spam");
    const page = await loadThreadPage(thread.id, thread.slug, 1, null);
    if (page.kind !== "found") throw new Error("thread not found");
    expect(page.thread.posts.map((post) => post.deletedBy)).toEqual([null, "author", "moderator"]);
  });
});
