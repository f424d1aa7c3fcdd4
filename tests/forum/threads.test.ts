import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// Forum writes index into the app's search engine: point it at a file in this run's temp folder before any app module loads.
vi.hoisted(() => {
  process.env.SEARCH_DB = `${process.env.TEST_RUN_DIR}/forum-search-${process.pid}.db`;
});

import { acceptAnswer, createThread, deleteOwnPost, editPost, replyToThread, setLike } from "~/forum/posting.server";
import { loadPostHistory } from "~/forum/post-lookups.server";
import { markThreadRead } from "~/forum/read-markers.server";
import { listCategories, listThreads } from "~/forum/thread-lists.server";
import { loadThreadPage } from "~/forum/thread-page.server";
import { parseListQuery, POSTS_PER_PAGE } from "~/forum/paths";
import { newThreadSchema } from "~/forum/schemas";
import { MARKDOWN_MAX_LENGTH } from "~/lib/markdown";
import { prisma } from "~/lib/db.server";
import { onPurge } from "~/lib/page-cache-purge.server";
import { PAGE_TAGS_HEADER, parseCacheTags } from "~/lib/page-cache-tags";
import { loader as categoryLoader } from "~/routes/community.c.$slug";
import { embeddedEngine } from "~/search/service.server";
import { renderMarkdown } from "~/lib/markdown";
import { createCategory, createMember, createQuestion } from "./forum-factories";
import { Refusal, isRefusal } from "~/lib/refusal";

beforeAll(async () => {
  await embeddedEngine().init();
});
afterAll(async () => {
  await embeddedEngine().close();
});

async function refusalOf(work: Promise<unknown>): Promise<Refusal> {
  try {
    await work;
  } catch (error) {
    if (isRefusal(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal, but the write succeeded");
}

const LATEST = parseListQuery(new URLSearchParams());

describe("thread life cycle", () => {
  it("creates a thread with its opening post, replies in order, lists it, and keeps the counters", async () => {
    const category = await createCategory();
    const asker = await createMember();
    const helper = await createMember();
    const thread = await createQuestion(asker, category.slug, "How do I choose a ticket priority for slow pages?");
    expect(thread.url).toBe(`/community/t/${thread.id}-how-do-i-choose-a-ticket-priority-for-slow-pages`);

    const first = await replyToThread(helper, thread.id, "Try **Priority 2** when many users are affected.");
    const second = await replyToThread(asker, thread.id, "Thanks!");
    expect([first.number, second.number]).toEqual([2, 3]);
    expect(first.url).toBe(`${thread.url}#post-2`);

    const page = await loadThreadPage(thread.id, thread.slug, 1, null);
    if (page.kind !== "found") throw new Error(page.kind);
    expect(page.thread.posts.map((post) => post.number)).toEqual([1, 2, 3]);
    expect(page.thread.posts[1].html).toContain("<strong>Priority 2</strong>");
    expect(page.thread.postCount).toBe(3);

    const stored = await prisma.forumThread.findUniqueOrThrow({ where: { id: thread.id } });
    expect(stored.lastPostNumber).toBe(3);
    const list = await listThreads({ categoryId: category.id }, LATEST, null);
    expect(list.threads.map((item) => [item.id, item.replyCount])).toEqual([[thread.id, 2]]);
    const categories = await listCategories();
    expect(categories.find((entry) => entry.slug === category.slug)).toMatchObject({
      threadCount: 1,
      replyCount: 2,
      latest: { url: thread.url },
    });
  });

  it("edits keep the earlier text as a revision and mark the post edited; others cannot edit", async () => {
    const category = await createCategory();
    const author = await createMember();
    const other = await createMember();
    const thread = await createQuestion(author, category.slug, undefined, "First text.");
    const post = await prisma.forumPost.findFirstOrThrow({ where: { threadId: thread.id, number: 1 } });

    expect((await refusalOf(editPost(other, post.id, "Hijacked."))).status).toBe(403);
    await editPost(author, post.id, "Second text.");
    const edited = await prisma.forumPost.findUniqueOrThrow({ where: { id: post.id } });
    expect(edited.bodyHtml).toContain("Second text.");
    expect(edited.editedAt).not.toBeNull();
    const history = await loadPostHistory(post.id, null, renderMarkdown);
    expect(history?.versions.map((version) => version.html.replace(/<[^>]+>/g, "").trim())).toEqual([
      "Second text.",
      "First text.",
    ]);

    const late = new Date(Date.now() + 2 * 60 * 60 * 1000);
    const refusal = await refusalOf(editPost(author, post.id, "Too late.", late));
    expect(refusal.status).toBe(403);
    expect(refusal.message).toMatch(/minutes after posting/);
  });

  it("deleting your own post leaves 'deleted by author' in place, keeps the replies, and refuses others", async () => {
    const category = await createCategory();
    const author = await createMember();
    const other = await createMember();
    const thread = await createQuestion(author, category.slug);
    const reply = await replyToThread(author, thread.id, "A reply I regret.");
    await replyToThread(other, thread.id, "A reply after it.");
    const post = await prisma.forumPost.findFirstOrThrow({ where: { threadId: thread.id, number: reply.number } });

    expect((await refusalOf(deleteOwnPost(other, post.id))).status).toBe(403);
    await deleteOwnPost(author, post.id);
    expect((await refusalOf(deleteOwnPost(author, post.id))).status).toBe(409);
    const page = await loadThreadPage(thread.id, thread.slug, 1, null);
    if (page.kind !== "found") throw new Error(page.kind);
    expect(page.thread.posts.map((entry) => [entry.number, entry.deleted, entry.html === ""])).toEqual([
      [1, false, false],
      [2, true, true],
      [3, false, false],
    ]);
  });

  it("refuses replies to a locked thread (403) and to a deleted one (409), storing nothing", async () => {
    const category = await createCategory();
    const author = await createMember();
    const locked = await createQuestion(author, category.slug);
    const deleted = await createQuestion(author, category.slug);
    await prisma.forumThread.update({ where: { id: locked.id }, data: { locked: true } });
    await prisma.forumThread.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });

    const lockedRefusal = await refusalOf(replyToThread(author, locked.id, "Let me in."));
    expect([lockedRefusal.status, lockedRefusal.message]).toEqual([
      403,
      "This thread is locked: it takes no new replies.",
    ]);
    expect((await refusalOf(replyToThread(author, deleted.id, "Anyone?"))).status).toBe(409);
    expect((await refusalOf(replyToThread(author, 987_654_321, "Nowhere."))).status).toBe(404);
    expect(await prisma.forumPost.count({ where: { threadId: { in: [locked.id, deleted.id] } } })).toBe(2);
    expect((await prisma.forumThread.findUniqueOrThrow({ where: { id: locked.id } })).lastPostNumber).toBe(1);
  });

  it("lets only staff start threads in a staff-only category; everyone may reply there", async () => {
    const announcements = await createCategory({ staffOnlyThreads: true, isQuestions: false });
    const member = await createMember();
    const agent = await createMember("agent");
    const refusal = await refusalOf(
      createThread(member, {
        category: announcements.slug,
        title: "An announcement by a member",
        body: "No.",
        tags: [],
      }),
    );
    expect(refusal.status).toBe(403);
    const thread = await createThread(agent, {
      category: announcements.slug,
      title: "Maintenance on Saturday night",
      body: "Details.",
      tags: [],
    });
    expect((await replyToThread(member, thread.id, "Thanks for the notice.")).number).toBe(2);
  });
});

describe("unread markers", () => {
  it("a signed-in member's lists count the posts they have not read, and link to the first of them", async () => {
    const category = await createCategory();
    const asker = await createMember();
    const reader = await createMember();
    const thread = await createQuestion(asker, category.slug);
    const unreadOf = async () => (await listThreads({ categoryId: category.id }, LATEST, reader)).threads[0];
    expect((await unreadOf()).unread).toBeNull();
    await markThreadRead(reader.id, thread.id, 1);
    await replyToThread(asker, thread.id, "One more thing.");
    await replyToThread(asker, thread.id, "And another.");
    expect(await unreadOf()).toMatchObject({ unread: 2, unreadUrl: `${thread.url}#post-2` });
    await markThreadRead(reader.id, thread.id, 3);
    await markThreadRead(reader.id, thread.id, 2);
    expect((await unreadOf()).unread).toBe(0);
    expect((await listThreads({ categoryId: category.id }, LATEST, null)).threads[0].unread).toBeNull();
  });
});

describe("accepted answers", () => {
  it("the asker accepts a reply, can change it, and the thread reads as solved in lists", async () => {
    const category = await createCategory();
    const asker = await createMember();
    const helper = await createMember();
    const thread = await createQuestion(asker, category.slug);
    await replyToThread(helper, thread.id, "Answer one.");
    await replyToThread(helper, thread.id, "Answer two.");
    const [one, two] = await prisma.forumPost.findMany({
      where: { threadId: thread.id, number: { in: [2, 3] } },
      orderBy: { number: "asc" },
    });

    await acceptAnswer(asker, thread.id, one.id);
    expect((await refusalOf(acceptAnswer(asker, thread.id, one.id))).status).toBe(409);
    await acceptAnswer(asker, thread.id, two.id);
    const page = await loadThreadPage(thread.id, thread.slug, 1, asker);
    if (page.kind !== "found") throw new Error(page.kind);
    expect(page.thread.solved).toBe(true);
    expect(page.thread.accepted?.number).toBe(3);
    expect(page.thread.posts.find((post) => post.number === 3)?.isAccepted).toBe(true);

    const solved = await listThreads(
      { categoryId: category.id },
      parseListQuery(new URLSearchParams("solved=solved")),
      null,
    );
    const unsolved = await listThreads(
      { categoryId: category.id },
      parseListQuery(new URLSearchParams("solved=unsolved")),
      null,
    );
    expect(solved.threads.map((item) => item.id)).toEqual([thread.id]);
    expect(unsolved.threads).toEqual([]);
  });

  it("refuses someone else's thread (403), the question itself and a deleted reply (409); a moderator may accept", async () => {
    const category = await createCategory();
    const asker = await createMember();
    const stranger = await createMember();
    const moderator = await createMember("moderator");
    const thread = await createQuestion(asker, category.slug);
    await replyToThread(stranger, thread.id, "Answer.");
    await replyToThread(stranger, thread.id, "Regretted answer.");
    const posts = await prisma.forumPost.findMany({ where: { threadId: thread.id }, orderBy: { number: "asc" } });

    const refusal = await refusalOf(acceptAnswer(stranger, thread.id, posts[1].id));
    expect(refusal.status).toBe(403);
    expect(refusal.message).toMatch(/member who asked/);
    expect((await refusalOf(acceptAnswer(asker, thread.id, posts[0].id))).status).toBe(409);
    await deleteOwnPost(stranger, posts[2].id);
    expect((await refusalOf(acceptAnswer(asker, thread.id, posts[2].id))).status).toBe(409);
    await acceptAnswer(moderator, thread.id, posts[1].id);
    expect((await prisma.forumThread.findUniqueOrThrow({ where: { id: thread.id } })).acceptedPostId).toBe(posts[1].id);
  });
});

describe("likes", () => {
  it("one like per member per post, counted on the post and the thread; taking it back undoes it", async () => {
    const category = await createCategory();
    const author = await createMember();
    const fan = await createMember();
    const thread = await createQuestion(author, category.slug);
    const post = await prisma.forumPost.findFirstOrThrow({ where: { threadId: thread.id, number: 1 } });

    expect((await setLike(fan, post.id, true)).likeCount).toBe(1);
    const twice = await refusalOf(setLike(fan, post.id, true));
    expect([twice.status, twice.message]).toEqual([409, "You already liked this post."]);
    expect((await prisma.forumPost.findUniqueOrThrow({ where: { id: post.id } })).likeCount).toBe(1);
    expect((await prisma.forumThread.findUniqueOrThrow({ where: { id: thread.id } })).likeCount).toBe(1);

    expect((await setLike(fan, post.id, false)).likeCount).toBe(0);
    expect((await refusalOf(setLike(fan, post.id, false))).status).toBe(409);
    expect(await prisma.forumLike.count({ where: { postId: post.id } })).toBe(0);
    expect((await prisma.forumThread.findUniqueOrThrow({ where: { id: thread.id } })).likeCount).toBe(0);
  });

  it("refuses liking your own post with 403 and a message", async () => {
    const category = await createCategory();
    const author = await createMember();
    const thread = await createQuestion(author, category.slug);
    const post = await prisma.forumPost.findFirstOrThrow({ where: { threadId: thread.id, number: 1 } });
    const refusal = await refusalOf(setLike(author, post.id, true));
    expect([refusal.status, refusal.message]).toEqual([403, "You cannot like your own post."]);
    expect(await prisma.forumLike.count({ where: { postId: post.id } })).toBe(0);
  });

  it("counts parallel likes from many members exactly", async () => {
    const category = await createCategory();
    const author = await createMember();
    const thread = await createQuestion(author, category.slug);
    const post = await prisma.forumPost.findFirstOrThrow({ where: { threadId: thread.id, number: 1 } });
    const fans = await Promise.all(Array.from({ length: 8 }, () => createMember()));
    await Promise.all(fans.map((fan) => setLike(fan, post.id, true)));
    expect((await prisma.forumPost.findUniqueOrThrow({ where: { id: post.id } })).likeCount).toBe(8);
    expect((await prisma.forumThread.findUniqueOrThrow({ where: { id: thread.id } })).likeCount).toBe(8);
  });
});

describe("concurrent replies", () => {
  it("20 parallel replies make 20 posts numbered 2..21, none lost, counters exact", async () => {
    const category = await createCategory();
    const asker = await createMember();
    const repliers = await Promise.all(Array.from({ length: 5 }, () => createMember()));
    const thread = await createQuestion(asker, category.slug);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        replyToThread(repliers[index % repliers.length], thread.id, `Parallel reply ${index}.`),
      ),
    );
    expect(results.map((result) => result.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, index) => index + 2),
    );
    const posts = await prisma.forumPost.findMany({
      where: { threadId: thread.id },
      select: { number: true, bodyMarkdown: true },
    });
    expect(posts.map((post) => post.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 21 }, (_, index) => index + 1),
    );
    expect(new Set(posts.map((post) => post.bodyMarkdown)).size).toBe(21);
    const stored = await prisma.forumThread.findUniqueOrThrow({ where: { id: thread.id } });
    expect([stored.postCount, stored.lastPostNumber]).toEqual([21, 21]);
  });
});

describe("bad input", () => {
  const valid = { category: "questions", title: "A perfectly fine title", body: "Body.", tags: "api, sso" };
  const errorsOf = (input: Record<string, string>) => {
    const result = newThreadSchema.safeParse(input);
    return result.success ? {} : result.error.flatten().fieldErrors;
  };

  it("the form schema names the field: short and long titles, an empty or oversized body, too many or malformed tags", () => {
    expect(errorsOf(valid)).toEqual({});
    expect(newThreadSchema.parse(valid).tags).toEqual(["api", "sso"]);
    expect(errorsOf({ ...valid, title: "Too short" }).title?.[0]).toMatch(/at least 10/);
    expect(errorsOf({ ...valid, title: "x".repeat(121) }).title?.[0]).toMatch(/under 121/);
    expect(errorsOf({ ...valid, body: "   " }).body?.[0]).toMatch(/Write something/);
    expect(errorsOf({ ...valid, body: "x".repeat(MARKDOWN_MAX_LENGTH + 1) }).body?.[0]).toMatch(/50,000/);
    expect(errorsOf({ ...valid, tags: "a b c d e f" }).tags?.[0]).toMatch(/at most 5/);
    expect(errorsOf({ ...valid, tags: "<script>" }).tags?.[0]).toMatch(/lower-case/);
    expect(errorsOf({ ...valid, category: "" }).category?.[0]).toMatch(/Choose a category/);
  });

  it("an unknown category is a field error and stores nothing", async () => {
    const author = await createMember();
    const before = await prisma.forumThread.count();
    const refusal = await refusalOf(
      createThread(author, {
        category: "no-such-category",
        title: "A question about nothing",
        body: "Body.",
        tags: [],
      }),
    );
    expect([refusal.status, refusal.field]).toEqual([400, "category"]);
    expect(await prisma.forumThread.count()).toBe(before);
  });

  it("XSS in titles, bodies, names and tags is stored as text or sanitized HTML", async () => {
    const category = await createCategory();
    const author = await createMember("member", `<img src=x onerror="window.__xss=1">`);
    const title = `<script>alert(1)</script> "quoted" & <b>bold</b>`;
    const body = `[click](javascript:alert(1)) <img src=x onerror=alert(1)> <script>alert(2)</script>\n\n<a href="javascript:alert(3)">raw</a>`;
    const thread = await createThread(author, { category: category.slug, title, body, tags: [] });
    const page = await loadThreadPage(thread.id, thread.slug, 1, null);
    if (page.kind !== "found") throw new Error(page.kind);
    expect(page.thread.title).toBe(title);
    const html = page.thread.posts[0].html;
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
    expect(thread.slug).toMatch(/^[a-z0-9-]+$/);
  });
});

describe("long threads", () => {
  it("paginate by POSTS_PER_PAGE; a page past the end redirects to the last; a wrong slug redirects to the canonical URL", async () => {
    const category = await createCategory();
    const asker = await createMember();
    const helper = await createMember();
    const thread = await createQuestion(asker, category.slug);
    for (let index = 0; index < POSTS_PER_PAGE + 2; index++) await replyToThread(helper, thread.id, `Reply ${index}.`);
    const second = await loadThreadPage(thread.id, thread.slug, 2, null);
    if (second.kind !== "found") throw new Error(second.kind);
    expect(second.thread.posts.map((post) => post.number)).toEqual([21, 22, 23]);
    expect(second.thread.posts[0].url).toBe(`${thread.url}?page=2#post-21`);
    expect(await loadThreadPage(thread.id, thread.slug, 9, null)).toEqual({
      kind: "redirect",
      to: `${thread.url}?page=2`,
    });
    expect(await loadThreadPage(thread.id, "old-slug", 1, null)).toEqual({ kind: "redirect", to: thread.url });
    expect(await loadThreadPage(thread.id + 10_000, "", 1, null)).toEqual({ kind: "missing" });
  });
});

describe("page cache", () => {
  const purged: string[][] = [];
  let stop: () => void = () => {};
  beforeAll(() => {
    stop = onPurge((tags) => purged.push([...tags]));
  });
  afterAll(() => stop());
  afterEach(() => {
    purged.length = 0;
  });

  /** The cache tags the category page declares (what a purge must name for that page to refresh). */
  async function categoryPageTags(slug: string) {
    const request = new Request(`http://localhost/community/c/${slug}`);
    const answer = (await categoryLoader({ request, params: { slug }, context: {} })) as unknown as {
      init?: { headers?: Record<string, string> };
    };
    return parseCacheTags(answer.init?.headers?.[PAGE_TAGS_HEADER]);
  }

  it("a reply, a like, an accepted answer and a new thread purge the thread's page, the lists and the category", async () => {
    const category = await createCategory();
    const asker = await createMember();
    const helper = await createMember();
    const thread = await createQuestion(asker, category.slug);
    const categoryTags = await categoryPageTags(category.slug);
    expect(categoryTags).toContain(`category:${category.slug}`);
    const reachesCategoryPage = () => purged.flat().some((tag) => categoryTags.includes(tag));
    expect(purged.flat()).toEqual(expect.arrayContaining(["list:forum", `thread:${thread.id}`]));
    expect(reachesCategoryPage()).toBe(true);
    for (const write of [
      () => replyToThread(helper, thread.id, "A reply."),
      async () =>
        setLike(
          helper,
          (await prisma.forumPost.findFirstOrThrow({ where: { threadId: thread.id, number: 1 } })).id,
          true,
        ),
      async () =>
        acceptAnswer(
          asker,
          thread.id,
          (await prisma.forumPost.findFirstOrThrow({ where: { threadId: thread.id, number: 2 } })).id,
        ),
    ]) {
      purged.length = 0;
      await write();
      expect(purged.flat()).toEqual(expect.arrayContaining(["list:forum", `thread:${thread.id}`]));
      expect(reachesCategoryPage()).toBe(true);
    }
  });

  it("a refused write purges nothing", async () => {
    const category = await createCategory();
    const author = await createMember();
    const thread = await createQuestion(author, category.slug);
    await prisma.forumThread.update({ where: { id: thread.id }, data: { locked: true } });
    purged.length = 0;
    await refusalOf(replyToThread(author, thread.id, "Locked out."));
    expect(purged).toEqual([]);
  });
});

describe("search", () => {
  const search = async (query: string) =>
    (await embeddedEngine().search({ query, filters: { type: ["thread"] } })).hits.map((hit) => ({
      id: hit.id,
      url: hit.url,
    }));

  it("indexes the thread and each reply (linking to #post-n), and drops a deleted reply at once", async () => {
    const category = await createCategory();
    const asker = await createMember();
    const helper = await createMember();
    const thread = await createQuestion(
      asker,
      category.slug,
      "Quixotic zeppelin integration keeps failing",
      "Our zeppelin integration fails every night.",
    );
    expect(await search("quixotic zeppelin")).toEqual([{ id: `forum/t/${thread.id}`, url: thread.url }]);

    await replyToThread(helper, thread.id, "Rotate the marmalade credentials, then retry.");
    expect(await search("marmalade credentials")).toEqual([
      { id: `forum/t/${thread.id}#post-2`, url: `${thread.url}#post-2` },
    ]);

    const reply = await prisma.forumPost.findFirstOrThrow({ where: { threadId: thread.id, number: 2 } });
    await deleteOwnPost(helper, reply.id);
    expect(await search("marmalade credentials")).toEqual([]);
    expect(await search("quixotic zeppelin")).toHaveLength(1);
  });

  it("puts the accepted answer in the thread's own document, and a hidden thread leaves the index", async () => {
    const category = await createCategory();
    const asker = await createMember();
    const helper = await createMember();
    const thread = await createQuestion(asker, category.slug, "Why does the gazebo report time out?", "It times out.");
    await replyToThread(helper, thread.id, "The xylophone filter is too broad.");
    const answer = await prisma.forumPost.findFirstOrThrow({ where: { threadId: thread.id, number: 2 } });
    await acceptAnswer(asker, thread.id, answer.id);
    const hits = await embeddedEngine().search({ query: "xylophone filter", filters: { type: ["thread"] } });
    expect(hits.hits[0]?.id).toBe(`forum/t/${thread.id}`);

    await prisma.forumThread.update({ where: { id: thread.id }, data: { hiddenAt: new Date() } });
    const { syncThreadSearch } = await import("~/forum/search-documents.server");
    await syncThreadSearch(thread.id);
    expect(await search("gazebo")).toEqual([]);
  });

  it("the forum source lists every visible thread for a rebuild", async () => {
    const { forumSearchSource } = await import("~/forum/search-documents.server");
    const category = await createCategory();
    const asker = await createMember();
    const thread = await createQuestion(asker, category.slug, "Rebuild me from the forum source please");
    const documents = await forumSearchSource.listDocuments();
    expect(documents.find((document) => document.id === `forum/t/${thread.id}`)).toMatchObject({
      type: "thread",
      source: "forum",
      url: thread.url,
      visibility: "public",
    });
  });
});
