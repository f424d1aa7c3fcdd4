import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { FLAGS_TO_HIDE, flagPost } from "~/forum/flags.server";
import { editPostAsModerator } from "~/forum/moderator-post-edit.server";
import { loadReviewQueue, moderatePost } from "~/forum/review-queue.server";
import { liftSuspension, suspendUser } from "~/forum/suspensions.server";
import { mergeThread } from "~/forum/thread-merge.server";
import { moveThread, setThreadLocked, setThreadPinned } from "~/forum/thread-moderation.server";
import { editPost, replyToThread, setLike } from "~/forum/posting.server";
import { loadThreadPage } from "~/forum/thread-page.server";
import { onPurge } from "~/lib/page-cache-purge.server";
import { prisma } from "~/lib/db.server";
import { listAuditLog } from "~/audit/audit.server";
import { actorOf, createCategory, createThreadWithPosts, memberAged } from "./moderation-fixtures";

/** The search index is the engines' business (tests/search); here: which documents each action removes and writes. */
const searchWrites = vi.hoisted(() => ({ removed: [] as string[], indexed: [] as string[] }));
vi.mock("~/search/writes.server", () => ({
  removeDocuments: async (_source: string, ids: string[]) => {
    searchWrites.removed.push(...ids);
  },
  indexDocuments: async (_source: string, documents: { id: string }[]) => {
    searchWrites.indexed.push(...documents.map((document) => document.id));
  },
}));

const purged: string[] = [];
onPurge((tags) => purged.push(...tags));

beforeEach(() => {
  searchWrites.removed.length = 0;
  searchWrites.indexed.length = 0;
  purged.length = 0;
});
afterAll(() => prisma.$disconnect());

async function moderator() {
  return actorOf(await memberAged(100, "moderator"));
}

/** Established members: month-old accounts with three unflagged posts (their flags count toward hiding). */
async function members(count: number) {
  return Promise.all(Array.from({ length: count }, () => establishedMember()));
}

async function establishedMember(role: "member" | "agent" = "member") {
  const user = await memberAged(30, role);
  await createThreadWithPosts(user.id, [user.id, user.id], { at: new Date(Date.now() - 20 * 24 * 60 * 60 * 1000) });
  return actorOf(user);
}

/** Accounts made minutes ago, without a post: the accounts a troll makes to hide someone's post. */
async function newcomers(count: number) {
  return Promise.all(Array.from({ length: count }, () => memberAged(0).then(actorOf)));
}

/** A thread by one member with one reply by another: the reply is the post under test. */
async function threadWithReply() {
  const [asker, author] = await members(2);
  const thread = await createThreadWithPosts(asker.id, [author.id]);
  return { thread, asker, author, reply: thread.posts[1] };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return { status: (error as { status?: number }).status, message: (error as Error).message };
  }
  throw new Error("expected a refusal");
}

async function auditFor(subjectType: string, subjectId: string | number) {
  return prisma.auditLog.findMany({
    where: { subjectType, subjectId: String(subjectId) },
    orderBy: { createdAt: "asc" },
  });
}

describe("flags", () => {
  it(`hide a post once ${FLAGS_TO_HIDE} different members flagged it, and it leaves the search index at once`, async () => {
    const { thread, author, reply } = await threadWithReply();
    const flaggers = await members(FLAGS_TO_HIDE);
    for (const [index, flagger] of flaggers.entries()) {
      const result = await flagPost(flagger, reply.id, {
        reason: index === 0 ? "spam" : "other",
        note: index === 0 ? "" : "Selling something",
      });
      expect(result.hidden).toBe(index === FLAGS_TO_HIDE - 1);
      if (index < FLAGS_TO_HIDE - 1) expect(searchWrites.removed).toEqual([]);
    }
    const post = await prisma.forumPost.findUniqueOrThrow({ where: { id: reply.id } });
    expect(post.hiddenAt).not.toBeNull();
    expect(post.hiddenReason).toBe("flagged");
    expect(post.flagCount).toBe(FLAGS_TO_HIDE);
    expect(searchWrites.removed).toContain(`forum/t/${thread.id}#post-2`);
    expect(purged).toEqual(expect.arrayContaining([`thread:${thread.id}`, "list:forum"]));
    // Members see the placeholder, not the text.
    const page = await loadThreadPage(thread.id, thread.slug, 1, flaggers[0]);
    expect(page.kind === "found" && page.thread.posts[1]).toMatchObject({ hidden: true, html: "" });
    expect((await auditFor("post", reply.id)).map((row) => row.action)).toEqual(["post.hide-by-flags"]);
    expect(author.id).not.toBe(flaggers[0].id);
  });

  it("refuses the author's own flag (403), a second flag by the same member (409), a missing reason note (400) and a missing post (404)", async () => {
    const { author, reply } = await threadWithReply();
    const [flagger] = await members(1);
    expect(await refusal(flagPost(author, reply.id, { reason: "spam" }))).toMatchObject({
      status: 403,
      message: expect.stringContaining("own post"),
    });
    await flagPost(flagger, reply.id, { reason: "off-topic" });
    expect(await refusal(flagPost(flagger, reply.id, { reason: "spam" }))).toMatchObject({
      status: 409,
      message: expect.stringContaining("already flagged"),
    });
    expect(await refusal(flagPost(flagger, reply.id + 100_000, { reason: "spam" }))).toMatchObject({ status: 404 });
    const [other] = await members(1);
    expect(await refusal(flagPost(other, reply.id, { reason: "other", note: "  " }))).toMatchObject({ status: 400 });
    const post = await prisma.forumPost.findUniqueOrThrow({ where: { id: reply.id } });
    expect([post.flagCount, post.hiddenAt]).toEqual([1, null]);
    expect(await prisma.forumFlag.count({ where: { postId: reply.id } })).toBe(1);
  });

  it("counts flags sent at the same moment: exactly one hides the post", async () => {
    const { reply } = await threadWithReply();
    const flaggers = await members(FLAGS_TO_HIDE + 1);
    const results = await Promise.all(flaggers.map((flagger) => flagPost(flagger, reply.id, { reason: "spam" })));
    expect(results.filter((result) => result.hiddenNow)).toHaveLength(1);
    const post = await prisma.forumPost.findUniqueOrThrow({ where: { id: reply.id } });
    expect(post.flagCount).toBe(FLAGS_TO_HIDE + 1);
    expect(await prisma.forumFlag.count({ where: { postId: reply.id } })).toBe(FLAGS_TO_HIDE + 1);
  });
});

describe("flags that cannot hide a post", () => {
  it("three brand-new accounts flag a staff reply, then a member's: neither is hidden, and the flags wait in the review queue", async () => {
    const asker = await establishedMember();
    const agent = await establishedMember("agent");
    const author = await establishedMember();
    const thread = await createThreadWithPosts(asker.id, [agent.id, author.id]);
    const [staffReply, memberReply] = [thread.posts[1], thread.posts[2]];
    for (const flagger of await newcomers(FLAGS_TO_HIDE)) {
      expect(await flagPost(flagger, staffReply.id, { reason: "spam" })).toMatchObject({
        hidden: false,
        hiddenNow: false,
      });
      expect(await flagPost(flagger, memberReply.id, { reason: "spam" })).toMatchObject({
        hidden: false,
        hiddenNow: false,
      });
    }
    for (const post of [staffReply, memberReply]) {
      expect(await prisma.forumPost.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({
        hiddenAt: null,
        flagCount: FLAGS_TO_HIDE,
      });
    }
    const queue = (await loadReviewQueue(await moderator()))!;
    for (const post of [staffReply, memberReply])
      expect(queue.find((entry) => entry.post.id === post.id)?.flags).toHaveLength(FLAGS_TO_HIDE);
    expect(await auditFor("post", memberReply.id)).toEqual([]);
  });

  it("new members' flags do not count toward hiding; established members' do, from the third one", async () => {
    const { reply } = await threadWithReply();
    for (const flagger of await newcomers(2)) await flagPost(flagger, reply.id, { reason: "spam" });
    const established = await members(FLAGS_TO_HIDE);
    const results = [];
    for (const flagger of established) results.push((await flagPost(flagger, reply.id, { reason: "spam" })).hiddenNow);
    expect(results).toEqual([false, false, true]);
    expect((await auditFor("post", reply.id)).map((row) => row.reason)).toEqual([
      `${FLAGS_TO_HIDE} members flagged it`,
    ]);
  });

  it("never hides a staff post, however many established members flag it", async () => {
    const asker = await establishedMember();
    const agent = await establishedMember("agent");
    const thread = await createThreadWithPosts(asker.id, [agent.id]);
    const results = await Promise.all(
      (await members(FLAGS_TO_HIDE + 2)).map((flagger) =>
        flagPost(flagger, thread.posts[1].id, { reason: "inappropriate", note: "" }),
      ),
    );
    expect(results.every((result) => !result.hidden)).toBe(true);
    expect(await prisma.forumPost.findUniqueOrThrow({ where: { id: thread.posts[1].id } })).toMatchObject({
      hiddenAt: null,
      flagCount: FLAGS_TO_HIDE + 2,
    });
  });
});

describe("the review queue", () => {
  it("lists flagged posts with their flags for moderators only; approve shows the post again and clears the flags from its author's record", async () => {
    const { thread, reply } = await threadWithReply();
    const flaggers = await members(FLAGS_TO_HIDE);
    for (const flagger of flaggers) await flagPost(flagger, reply.id, { reason: "inappropriate", note: "Rude" });
    const mod = await moderator();
    expect(await loadReviewQueue(flaggers[0])).toBeNull();
    const queue = await loadReviewQueue(mod);
    const item = queue!.find((entry) => entry.post.id === reply.id);
    expect(item).toMatchObject({
      post: { hidden: true, hiddenReason: "flagged", flagCount: FLAGS_TO_HIDE },
      thread: { id: thread.id },
    });
    expect(item!.flags.map((flag) => flag.reason)).toEqual(Array(FLAGS_TO_HIDE).fill("inappropriate"));

    expect(await refusal(moderatePost(flaggers[0], reply.id, "approve"))).toMatchObject({ status: 403 });
    searchWrites.indexed.length = 0;
    await moderatePost(mod, reply.id, "approve", "Blunt, not abusive");
    const post = await prisma.forumPost.findUniqueOrThrow({ where: { id: reply.id } });
    expect([post.hiddenAt, post.hiddenReason, post.flagCount]).toEqual([null, null, 0]);
    expect(await prisma.forumFlag.count({ where: { postId: reply.id, resolvedAt: null } })).toBe(0);
    expect(await prisma.forumFlag.count({ where: { postId: reply.id, resolution: "approved" } })).toBe(FLAGS_TO_HIDE);
    expect(searchWrites.indexed).toContain(`forum/t/${thread.id}#post-2`);
    expect((await loadReviewQueue(mod))!.some((entry) => entry.post.id === reply.id)).toBe(false);
    const audit = await auditFor("post", reply.id);
    expect(audit.map((row) => [row.action, row.actorId, row.reason])).toEqual([
      ["post.hide-by-flags", flaggers[FLAGS_TO_HIDE - 1].id, `${FLAGS_TO_HIDE} members flagged it`],
      ["post.approve", mod.id, "Blunt, not abusive"],
    ]);
    expect(await refusal(moderatePost(mod, reply.id, "approve"))).toMatchObject({ status: 409 });
  });

  it("delete removes a flagged post (soft) and its document; deleting an opening post deletes its thread", async () => {
    const { thread, reply } = await threadWithReply();
    const [flagger] = await members(1);
    await flagPost(flagger, reply.id, { reason: "spam" });
    const mod = await moderator();
    await moderatePost(mod, reply.id, "delete", "Spam link");
    const post = await prisma.forumPost.findUniqueOrThrow({ where: { id: reply.id } });
    expect(post.deletedAt).not.toBeNull();
    expect(post.deletedById).toBe(mod.id);
    expect(await prisma.forumFlag.findFirstOrThrow({ where: { postId: reply.id } })).toMatchObject({
      resolution: "deleted",
    });
    expect(searchWrites.removed).toContain(`forum/t/${thread.id}#post-2`);
    expect(await refusal(moderatePost(mod, reply.id, "delete"))).toMatchObject({ status: 409 });

    const result = await moderatePost(mod, thread.posts[0].id, "delete", "Spam thread");
    expect(result.threadDeleted).toBe(true);
    expect((await prisma.forumThread.findUniqueOrThrow({ where: { id: thread.id } })).deletedAt).not.toBeNull();
    expect(searchWrites.removed).toContain(`forum/t/${thread.id}`);
    expect(await auditFor("post", thread.posts[0].id)).toMatchObject([
      { action: "post.delete", reason: "Spam thread" },
    ]);
  });

  it("hide keeps the post for moderators and out of members' sight", async () => {
    const { thread, reply } = await threadWithReply();
    const mod = await moderator();
    await moderatePost(mod, reply.id, "hide", "Personal details");
    expect(await prisma.forumPost.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({
      hiddenReason: "moderator",
    });
    const asModerator = await loadThreadPage(thread.id, thread.slug, 1, mod);
    expect(asModerator.kind === "found" && asModerator.thread.posts[1].html).toContain("escalation");
    expect(await refusal(moderatePost(mod, reply.id, "hide"))).toMatchObject({ status: 409 });
  });
});

describe("suspension", () => {
  it("ends every session of the member and refuses their posts, likes and flags until it ends", async () => {
    const { thread, author, reply } = await threadWithReply();
    const other = await createThreadWithPosts((await members(1))[0].id);
    const sessions = await Promise.all([
      createSession(prisma, author.id, "laptop"),
      createSession(prisma, author.id, "phone"),
    ]);
    const mod = await moderator();

    expect(await refusal(suspendUser(author, mod.id, 3, "no"))).toMatchObject({ status: 403 });
    expect(await refusal(suspendUser(mod, (await moderator()).id, 3, "Staff"))).toMatchObject({
      status: 403,
      message: expect.stringContaining("Staff"),
    });
    const { until } = await suspendUser(mod, author.id, 3, "Repeated spam");

    for (const session of sessions) expect(await validateSessionToken(prisma, session.token)).toBeNull();
    expect(await prisma.session.count({ where: { userId: author.id } })).toBe(0);
    expect(await refusal(replyToThread(author, thread.id, "Still here"))).toMatchObject({
      status: 403,
      message: expect.stringContaining("suspended"),
    });
    expect(await refusal(setLike(author, other.posts[0].id, true))).toMatchObject({ status: 403 });
    expect(await refusal(flagPost(author, other.posts[0].id, { reason: "spam" }))).toMatchObject({
      status: 403,
      message: expect.stringContaining("suspended until"),
    });
    expect(await prisma.forumFlag.count({ where: { userId: author.id } })).toBe(0);
    expect(await auditFor("user", author.id)).toMatchObject([
      {
        action: "user.suspend",
        actorId: mod.id,
        reason: "Repeated spam",
        details: expect.stringContaining(until.toISOString()),
      },
    ]);

    await liftSuspension(mod, author.id, "Appealed");
    const reply2 = await replyToThread(author, thread.id, "Back, and sorry");
    expect(reply2.number).toBe(3);
    expect(reply.number).toBe(2);
    expect((await auditFor("user", author.id)).map((row) => row.action)).toEqual(["user.suspend", "user.unsuspend"]);
  });
});

describe("thread controls", () => {
  it("lock refuses replies until unlocked; pin and move change the lists; each is audited and purges the pages", async () => {
    const { thread, author } = await threadWithReply();
    const mod = await moderator();
    expect(await refusal(setThreadLocked(author, thread.id, true))).toMatchObject({ status: 403 });

    await setThreadLocked(mod, thread.id, true, "Resolved; please open a new thread");
    expect(purged).toEqual(
      expect.arrayContaining([`thread:${thread.id}`, "list:forum", `category:${thread.category.slug}`]),
    );
    expect(await refusal(replyToThread(author, thread.id, "One more"))).toMatchObject({
      status: 403,
      message: expect.stringContaining("locked"),
    });
    expect(await refusal(setThreadLocked(mod, thread.id, true))).toMatchObject({ status: 409 });
    await setThreadLocked(mod, thread.id, false);

    await setThreadPinned(mod, thread.id, true);
    const target = await createCategory();
    purged.length = 0;
    await moveThread(mod, thread.id, target.slug, "Belongs with tips");
    expect(purged).toEqual(expect.arrayContaining([`category:${thread.category.slug}`, `category:${target.slug}`]));
    expect(await prisma.forumThread.findUniqueOrThrow({ where: { id: thread.id } })).toMatchObject({
      categoryId: target.id,
      pinned: true,
      locked: false,
    });
    expect(await refusal(moveThread(mod, thread.id, target.slug))).toMatchObject({ status: 409 });
    expect(await refusal(moveThread(mod, thread.id, "no-such-category"))).toMatchObject({ status: 404 });
    expect(await refusal(setThreadPinned(author, thread.id, false))).toMatchObject({ status: 403 });

    const audit = await auditFor("thread", thread.id);
    expect(audit.map((row) => row.action)).toEqual(["thread.lock", "thread.unlock", "thread.pin", "thread.move"]);
    expect(JSON.parse(audit[3].details)).toEqual({ from: thread.category.slug, to: target.slug });
  });

  it("merge moves the posts after the target's last, keeps numbers unique, updates counts, and redirects the source", async () => {
    const [a, b, c] = await members(3);
    const target = await createThreadWithPosts(a.id, [b.id, c.id]);
    const source = await createThreadWithPosts(b.id, [a.id], { at: new Date(Date.now() - 30 * 60 * 1000) });
    await prisma.forumThread.update({ where: { id: source.id }, data: { likeCount: 2 } });
    const mod = await moderator();
    expect(await refusal(mergeThread(a, source.id, target.id))).toMatchObject({ status: 403 });
    expect(await refusal(mergeThread(mod, source.id, source.id))).toMatchObject({ status: 409 });

    const result = await mergeThread(mod, source.id, target.id, "Same question");
    expect(result.movedPosts).toBe(2);
    const posts = await prisma.forumPost.findMany({ where: { threadId: target.id }, orderBy: { number: "asc" } });
    expect(posts.map((post) => post.number)).toEqual([1, 2, 3, 4, 5]);
    expect(posts.slice(3).map((post) => post.id)).toEqual(source.posts.map((post) => post.id));
    expect(await prisma.forumThread.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      postCount: 5,
      lastPostNumber: 5,
      likeCount: 2,
    });
    expect(await prisma.forumThread.findUniqueOrThrow({ where: { id: source.id } })).toMatchObject({
      mergedIntoId: target.id,
      postCount: 0,
    });
    expect(await prisma.forumPost.count({ where: { threadId: source.id } })).toBe(0);

    const redirect = await loadThreadPage(source.id, source.slug, 1, null);
    expect(redirect).toEqual({ kind: "redirect", to: `/community/t/${target.id}-${target.slug}` });
    expect(searchWrites.removed).toEqual(
      expect.arrayContaining([`forum/t/${source.id}`, `forum/t/${source.id}#post-2`]),
    );
    expect(searchWrites.indexed).toEqual(
      expect.arrayContaining([`forum/t/${target.id}#post-4`, `forum/t/${target.id}#post-5`]),
    );

    // The next reply takes the number after the moved posts; the source takes none.
    expect((await replyToThread(c, target.id, "After the merge")).number).toBe(6);
    expect(await refusal(replyToThread(c, source.id, "To the old one"))).toMatchObject({ status: 409 });
    expect(await refusal(mergeThread(mod, source.id, target.id))).toMatchObject({ status: 409 });
    const other = await createThreadWithPosts(c.id);
    expect(await refusal(mergeThread(mod, other.id, source.id))).toMatchObject({
      status: 409,
      message: expect.stringContaining(`merge into that one`),
    });

    const [audit] = await auditFor("thread", source.id);
    expect(audit).toMatchObject({ action: "thread.merge", actorId: mod.id, reason: "Same question" });
    expect(JSON.parse(audit.details)).toEqual({ into: target.id, movedPosts: 2, numbers: { 1: 4, 2: 5 } });
  });

  it("a moderator edits any post with history kept and the edit audited; members cannot", async () => {
    const { reply, asker } = await threadWithReply();
    await prisma.forumPost.update({
      where: { id: reply.id },
      data: { createdAt: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000) },
    });
    const mod = await moderator();
    expect(await refusal(editPostAsModerator(asker, reply.id, "Vandalised"))).toMatchObject({ status: 403 });
    await editPostAsModerator(mod, reply.id, "Removed a phone number. The rest stands.", "Personal data");
    const post = await prisma.forumPost.findUniqueOrThrow({ where: { id: reply.id }, include: { revisions: true } });
    expect(post.bodyMarkdown).toBe("Removed a phone number. The rest stands.");
    expect(post.bodyHtml).toContain("<p>Removed a phone number");
    expect(post.editedAt).not.toBeNull();
    expect(post.revisions).toMatchObject([{ editorId: mod.id, bodyMarkdown: reply.bodyMarkdown }]);
    expect(await auditFor("post", reply.id)).toMatchObject([{ action: "post.edit", reason: "Personal data" }]);

    // The forum's own edit form, used by a moderator on someone else's post, is audited too; the author's own edit is not.
    await editPost(mod, reply.id, "Tidied once more.");
    const own = await replyToThread(asker, reply.threadId, "My own words");
    const ownPost = await prisma.forumPost.findFirstOrThrow({
      where: { threadId: reply.threadId, number: own.number },
    });
    await editPost(asker, ownPost.id, "My own words, edited");
    expect((await auditFor("post", reply.id)).map((row) => [row.action, row.actorId])).toEqual([
      ["post.edit", mod.id],
      ["post.edit", mod.id],
    ]);
    expect(await auditFor("post", ownPost.id)).toEqual([]);
  });
});

describe("the audit log", () => {
  it("is for staff, newest first, filtered by subject", async () => {
    const { thread, reply } = await threadWithReply();
    const mod = await moderator();
    await setThreadLocked(mod, thread.id, true, "Heated");
    await moderatePost(mod, reply.id, "hide", "Insult");
    const [member] = await members(1);
    expect(await listAuditLog(member)).toBeNull();
    const agent = actorOf(await memberAged(10, "agent"));
    const forPost = await listAuditLog(agent, { subjectType: "post", subjectId: String(reply.id) });
    expect(forPost!.entries).toMatchObject([
      {
        action: "post.hide",
        reason: "Insult",
        actor: { id: mod.id },
        subjectType: "post",
        subjectId: String(reply.id),
      },
    ]);
    const all = await listAuditLog(agent);
    expect(
      all!.entries.findIndex((entry) => entry.action === "post.hide" && entry.subjectId === String(reply.id)),
    ).toBeLessThan(
      all!.entries.findIndex((entry) => entry.action === "thread.lock" && entry.subjectId === String(thread.id)),
    );
  });
});
