import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createThread, replyToThread } from "~/forum/posting.server";
import { loadThreadPage } from "~/forum/thread-page.server";
import { prisma } from "~/lib/db.server";
import { runDueTasks, setTaskMode } from "~/lib/task-queue.server";
import { actorOf, createCategory, memberAged } from "./moderation-fixtures";

/**
 * A reply costs only what its answer needs (decision record 018): the post, its counters and its stored
 * HTML in one transaction; followers' notifications and the search index follow from the task queue.
 * These run the queue the way the server does ("background"), and by hand.
 */

const searchWrites = vi.hoisted(() => ({ indexed: [] as string[], failNext: 0 }));
vi.mock("~/search/writes.server", () => ({
  removeDocuments: async () => {},
  indexDocuments: async (_source: string, documents: { id: string }[]) => {
    if (searchWrites.failNext > 0) {
      searchWrites.failNext--;
      throw new Error("search index unavailable");
    }
    searchWrites.indexed.push(...documents.map((document) => document.id));
  },
}));

beforeEach(async () => {
  searchWrites.indexed.length = 0;
  searchWrites.failNext = 0;
  setTaskMode("background");
  // Tasks other test files' writes left in this database copy are not this test's.
  await prisma.queuedTask.deleteMany();
});
afterEach(() => setTaskMode("inline"));
afterAll(() => prisma.$disconnect());

async function threadWithFollower() {
  const [asker, replier] = await Promise.all([memberAged(30), memberAged(30)]);
  const category = await createCategory();
  const thread = await createThread(actorOf(asker), {
    category: category.slug,
    title: `Sync agent stops after the update ${Math.random().toString(36).slice(2, 8)}`,
    body: "Since this morning's update the sync agent stops every hour. Anyone else?",
    tags: [],
  });
  await runDueTasks(); // the opening post's own notices and index
  searchWrites.indexed.length = 0;
  return { asker, replier, thread };
}

const notificationsOf = (userId: string) => prisma.notification.findMany({ where: { userId } });

describe("a reply", () => {
  it("is on the thread page at once, while its notifications and search document wait in the queue", async () => {
    const { asker, replier, thread } = await threadWithFollower();
    const reply = await replyToThread(actorOf(replier), thread.id, "Restart the agent, then check the status page.");

    const page = await loadThreadPage(thread.id, thread.slug, 1, null);
    expect(page.kind === "found" && page.thread.posts.map((post) => post.number)).toEqual([1, reply.number]);
    expect(await notificationsOf(asker.id)).toEqual([]);
    expect(searchWrites.indexed).toEqual([]);
    expect(await prisma.queuedTask.count()).toBe(2);

    expect(await runDueTasks()).toBe(2);
    expect(await notificationsOf(asker.id)).toEqual([
      expect.objectContaining({ kind: "reply", url: expect.stringContaining(`#post-${reply.number}`) }),
    ]);
    expect(searchWrites.indexed).toEqual([`forum/t/${thread.id}#post-${reply.number}`]);
    expect(await prisma.queuedTask.count()).toBe(0);
  });

  it("is indexed on a later try when the search index failed the first time, and notifies once", async () => {
    const { asker, replier, thread } = await threadWithFollower();
    const reply = await replyToThread(actorOf(replier), thread.id, "Same here: it stops at :00 every hour.");
    searchWrites.failNext = 1;
    await runDueTasks();
    expect(searchWrites.indexed).toEqual([]);
    const waiting = await prisma.queuedTask.findFirstOrThrow();
    expect(waiting).toMatchObject({ kind: "forum:index-reply", attempts: 1, lastError: "search index unavailable" });

    await runDueTasks(prisma, () => new Date(Date.now() + 60_000));
    expect(searchWrites.indexed).toEqual([`forum/t/${thread.id}#post-${reply.number}`]);
    expect(await notificationsOf(asker.id)).toHaveLength(1);
    expect(await prisma.queuedTask.count()).toBe(0);
  });

  it("that is refused queues nothing", async () => {
    const { replier, thread } = await threadWithFollower();
    await prisma.forumThread.update({ where: { id: thread.id }, data: { locked: true } });
    await expect(replyToThread(actorOf(replier), thread.id, "Any news?")).rejects.toMatchObject({ status: 403 });
    expect(await prisma.queuedTask.count()).toBe(0);
  });

  it("deleted before its notices went out notifies nobody", async () => {
    const { asker, replier, thread } = await threadWithFollower();
    const reply = await replyToThread(actorOf(replier), thread.id, "Oops, wrong thread.");
    await prisma.forumPost.updateMany({
      where: { threadId: thread.id, number: reply.number },
      data: { deletedAt: new Date() },
    });
    await runDueTasks();
    expect(await notificationsOf(asker.id)).toEqual([]);
  });
});
