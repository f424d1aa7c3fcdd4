import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ideaDocumentId } from "~/ideas/search-documents.server";
import { mergeIdea } from "~/ideas/merge.server";
import { changeStatus, setHidden } from "~/ideas/staff-actions.server";
import { prisma } from "~/lib/db.server";
import { runDueTasks, setTaskMode } from "~/lib/task-queue.server";
import { actor, submitIdea } from "./factories";

/**
 * An idea's search document is rewritten from the task queue after the write commits (decision record
 * 018): the staff member's action never waits on, or fails with, the search engine.
 */

const searchWrites = vi.hoisted(() => ({ indexed: [] as string[], removed: [] as string[], failNext: 0 }));
vi.mock("~/search/writes.server", () => ({
  removeDocuments: async (_source: string, ids: string[]) => {
    searchWrites.removed.push(...ids);
  },
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
  searchWrites.removed.length = 0;
  searchWrites.failNext = 0;
  setTaskMode("background");
  await prisma.queuedTask.deleteMany();
});
afterEach(() => setTaskMode("inline"));
afterAll(() => prisma.$disconnect());

describe("an idea's search document", () => {
  it("waits in the queue while the new idea is saved, and is written once however many changes come first", async () => {
    const [author, pm] = await Promise.all([actor(), actor("moderator")]);
    const idea = await submitIdea(author, "Single sign-on with our identity provider");
    await changeStatus(pm, idea.id, "under-review", "");
    expect(searchWrites.indexed).toEqual([]);
    expect(await prisma.queuedTask.count({ where: { kind: "ideas:index" } })).toBe(1);

    expect(await runDueTasks()).toBe(1);
    expect(searchWrites.indexed).toEqual([ideaDocumentId(idea.id)]);
  });

  it("is retried when the search engine is down, and the staff action succeeds meanwhile", async () => {
    const [author, pm] = await Promise.all([actor(), actor("moderator")]);
    const idea = await submitIdea(author);
    await runDueTasks();
    searchWrites.indexed.length = 0;

    searchWrites.failNext = 1;
    await expect(changeStatus(pm, idea.id, "under-review", "")).resolves.toMatchObject({ status: "under-review" });
    await runDueTasks();
    expect(await prisma.queuedTask.findFirstOrThrow({ where: { kind: "ideas:index" } })).toMatchObject({
      attempts: 1,
      lastError: "search index unavailable",
    });
    await runDueTasks(prisma, () => new Date(Date.now() + 60_000));
    expect(searchWrites.indexed).toEqual([ideaDocumentId(idea.id)]);
    expect(await prisma.queuedTask.count()).toBe(0);
  });

  it("leaves the index when the idea is hidden or merged", async () => {
    const [author, pm] = await Promise.all([actor(), actor("moderator")]);
    const [kept, merged, hidden] = [await submitIdea(author), await submitIdea(author), await submitIdea(author)];
    await runDueTasks();
    await mergeIdea(pm, merged.id, kept.id);
    await setHidden(pm, hidden.id, true, "spam");
    await runDueTasks();
    expect(searchWrites.removed).toEqual(
      expect.arrayContaining([ideaDocumentId(merged.id), ideaDocumentId(hidden.id)]),
    );
    expect(searchWrites.indexed).toContain(ideaDocumentId(kept.id));
  });
});
