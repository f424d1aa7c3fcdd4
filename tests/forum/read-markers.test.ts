import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Forum writes index into the app's search engine: point it at a file in this run's temp folder before any app module loads.
vi.hoisted(() => {
  process.env.SEARCH_DB = `${process.env.TEST_RUN_DIR}/forum-read-search-${process.pid}.db`;
});

import { replyToThread } from "~/forum/posting.server";
import { listThreads } from "~/forum/thread-lists.server";
import { parseListQuery } from "~/forum/paths";
import { prisma } from "~/lib/db.server";
import { action as readAction, loader as readLoader } from "~/routes/api.forum.read";
import { loader as threadLoader } from "~/routes/community.t.$";
import { embeddedEngine } from "~/search/service.server";
import { sessionCookieFor } from "../factories/accounts";
import { createCategory, createMember, createQuestion } from "./forum-factories";

beforeAll(async () => {
  await embeddedEngine().init();
});
afterAll(async () => {
  await embeddedEngine().close();
  await prisma.$disconnect();
});

const LATEST = parseListQuery(new URLSearchParams());

async function readReport(fields: Record<string, string>, cookie = "") {
  const request = new Request("http://localhost/api/forum/read", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
  });
  const response = await readAction({ request, params: {}, context: {} });
  return {
    status: response.status,
    error: response.status === 204 ? null : ((await response.json()) as { error: string }).error,
  };
}

async function readerWithThread() {
  const category = await createCategory();
  const asker = await createMember();
  const reader = await createMember();
  const thread = await createQuestion(asker, category.slug);
  await replyToThread(asker, thread.id, "One more thing.");
  await replyToThread(asker, thread.id, "And another.");
  const { cookie } = await sessionCookieFor(reader.id);
  const unread = async () => (await listThreads({ categoryId: category.id }, LATEST, reader)).threads[0].unread;
  const marker = () =>
    prisma.forumReadMarker.findUnique({ where: { userId_threadId: { userId: reader.id, threadId: thread.id } } });
  return { thread, reader, cookie, unread, marker };
}

describe("read markers", () => {
  it("opening a thread page (its GET) writes nothing, even for a signed-in reader", async () => {
    const { thread, cookie, marker, unread } = await readerWithThread();
    const page = await threadLoader({
      request: new Request(`http://localhost${thread.url}`, { headers: { Cookie: cookie } }),
      params: { "*": `${thread.id}-${thread.slug}` },
      context: {},
    });
    expect((page as unknown as { data: { thread: { posts: unknown[] } } }).data.thread.posts).toHaveLength(3);
    expect(await marker()).toBeNull();
    expect(await unread(), "a thread never marked read shows no count").toBeNull();
  });

  it("the page's report marks the thread read up to the post shown, never past its last post", async () => {
    const { thread, cookie, marker, unread } = await readerWithThread();
    expect(await readReport({ threadId: String(thread.id), upTo: "2" }, cookie)).toEqual({ status: 204, error: null });
    expect(await unread()).toBe(1);
    expect(await readReport({ threadId: String(thread.id), upTo: "1" }, cookie)).toEqual({ status: 204, error: null });
    expect((await marker())?.lastReadNumber, "a report of an earlier page does not take the marker back").toBe(2);
    expect(await readReport({ threadId: String(thread.id), upTo: "999" }, cookie)).toEqual({
      status: 204,
      error: null,
    });
    expect((await marker())?.lastReadNumber).toBe(3);
    expect(await unread()).toBe(0);
  });

  it("is refused for visitors, for malformed reports and for threads the reader cannot open", async () => {
    const { thread, cookie, marker } = await readerWithThread();
    expect(await readReport({ threadId: String(thread.id), upTo: "3" })).toMatchObject({ status: 401 });
    expect(await readReport({ threadId: "abc", upTo: "3" }, cookie)).toEqual({ status: 400, error: "Which thread?" });
    expect(await readReport({ threadId: String(thread.id) }, cookie)).toEqual({
      status: 400,
      error: "Up to which post?",
    });
    expect(await readReport({ threadId: "99999999999", upTo: "3" }, cookie)).toEqual({
      status: 400,
      error: "Which thread?",
    });
    expect(await readReport({ threadId: "2147483647", upTo: "3" }, cookie)).toMatchObject({ status: 404 });
    await prisma.forumThread.update({ where: { id: thread.id }, data: { hiddenAt: new Date() } });
    expect(await readReport({ threadId: String(thread.id), upTo: "3" }, cookie)).toMatchObject({ status: 404 });
    expect(await marker()).toBeNull();
    expect((await readLoader()).status).toBe(405);
  });
});
