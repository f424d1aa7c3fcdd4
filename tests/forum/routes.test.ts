import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SEARCH_DB = `${process.env.TEST_RUN_DIR}/forum-routes-search-${process.pid}.db`;
});

import { action as threadAction, loader as threadLoader } from "~/routes/community.t.$";
import { action as newThreadAction } from "~/routes/community.new";
import { loader as listLoader } from "~/routes/community._index";
import { BODY_MAX_LENGTH } from "~/forum/schemas";
import { renderPostBody } from "~/forum/render.server";
import { MARKDOWN_MAX_LENGTH } from "~/lib/markdown";
import { prisma } from "~/lib/db.server";
import { PAGE_CACHE_HEADER, PAGE_TAGS_HEADER } from "~/lib/page-cache-tags";
import { sessionCookieFor } from "../factories/accounts";
import { createCategory, createMember, createQuestion } from "./forum-factories";

const ORIGIN = "http://localhost";
type RouteArgs = Parameters<typeof threadLoader>[0];

function args(path: string, init: RequestInit = {}, params: Record<string, string> = {}): RouteArgs {
  return { request: new Request(`${ORIGIN}${path}`, init), params, context: {} } as RouteArgs;
}

async function caught(work: Promise<unknown>): Promise<Response> {
  try {
    const value = await work;
    if (value instanceof Response) return value;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a Response");
}

/** Remix's data() results carry { data, init }; this reads either that or a Response. */
function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status;
  return (result as { init?: { status?: number } }).init?.status ?? 200;
}
function dataOf<T>(result: unknown): T {
  return (result as { data: T }).data;
}

function form(fields: Record<string, string>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return body;
}

describe("thread page routes", () => {
  it("redirects a wrong or missing slug to the canonical URL with 301, keeping the page", async () => {
    const category = await createCategory();
    const author = await createMember();
    const thread = await createQuestion(author, category.slug, "What does the canonical URL look like?");
    const wrong = await caught(
      threadLoader(args(`/community/t/${thread.id}-old-title`, {}, { "*": `${thread.id}-old-title` })),
    );
    expect([wrong.status, wrong.headers.get("Location")]).toEqual([301, thread.url]);
    const bare = await caught(threadLoader(args(`/community/t/${thread.id}`, {}, { "*": String(thread.id) })));
    expect([bare.status, bare.headers.get("Location")]).toEqual([301, thread.url]);
    const missing = await threadLoader(args("/community/t/abc", {}, { "*": "abc" })).catch((error: unknown) => error);
    expect(statusOf(missing)).toBe(404);
  });

  it("serves the canonical page with the thread's cache tag, and lists with the list tag", async () => {
    const category = await createCategory();
    const author = await createMember();
    const thread = await createQuestion(author, category.slug);
    const page = await threadLoader(args(thread.url, {}, { "*": `${thread.id}-${thread.slug}` }));
    expect(statusOf(page)).toBe(200);
    expect((page as unknown as { init: { headers: Record<string, string> } }).init.headers[PAGE_TAGS_HEADER]).toBe(
      `thread:${thread.id}`,
    );
    const list = await listLoader(args("/community"));
    expect((list as unknown as { init: { headers: Record<string, string> } }).init.headers[PAGE_TAGS_HEADER]).toBe(
      "list:forum",
    );
    expect(PAGE_CACHE_HEADER).toBe("X-Page-Cache");
  });

  it("answers refusals with their status and message, never a 500", async () => {
    const category = await createCategory();
    const asker = await createMember();
    const other = await createMember();
    const thread = await createQuestion(asker, category.slug);
    const { cookie } = await sessionCookieFor(other.id);
    const own = await prisma.forumPost.findFirstOrThrow({ where: { threadId: thread.id, number: 1 } });
    const post = (fields: Record<string, string>) =>
      threadAction(
        args(
          thread.url,
          { method: "POST", body: form(fields), headers: { Cookie: cookie } },
          { "*": `${thread.id}-${thread.slug}` },
        ),
      );

    const like = await post({ intent: "like", postId: String(own.id), liked: "true", _fetch: "1" });
    expect(statusOf(like)).toBe(200);
    const twice = await post({ intent: "like", postId: String(own.id), liked: "true", _fetch: "1" });
    expect([statusOf(twice), dataOf<{ error: string }>(twice).error]).toEqual([409, "You already liked this post."]);
    const accept = await post({ intent: "accept", postId: String(own.id) });
    expect(statusOf(accept)).toBe(403);
    await prisma.forumThread.update({ where: { id: thread.id }, data: { locked: true } });
    const reply = await post({ intent: "reply", body: "Can I still reply?" });
    expect(statusOf(reply)).toBe(403);
    expect(JSON.stringify(dataOf(reply))).toContain("This thread is locked");
    const nonsense = await post({ intent: "like", postId: "abc" });
    expect(statusOf(nonsense)).toBe(400);
  });

  it("a bad new thread comes back with errors next to its fields and stores nothing", async () => {
    const author = await createMember();
    const { cookie } = await sessionCookieFor(author.id);
    const before = await prisma.forumThread.count();
    const submit = (fields: Record<string, string>) =>
      newThreadAction(
        args("/community/new", { method: "POST", body: form(fields), headers: { Cookie: cookie } }) as Parameters<
          typeof newThreadAction
        >[0],
      );
    const tooShort = await submit({
      category: "questions",
      title: "Short",
      body: "x".repeat(BODY_MAX_LENGTH + 1),
      tags: "a b c d e f",
    });
    expect(statusOf(tooShort)).toBe(400);
    const errors = dataOf<{ error: Record<string, string[]> }>(tooShort).error;
    expect(Object.keys(errors).sort()).toEqual(["body", "tags", "title"]);
    const unknown = await submit({
      category: "no-such-category",
      title: "A perfectly good question title",
      body: "Body text.",
    });
    expect(statusOf(unknown)).toBe(400);
    expect(dataOf<{ error: Record<string, string[]> }>(unknown).error.category).toEqual([
      "Choose a category from the list.",
    ]);
    expect(await prisma.forumThread.count()).toBe(before);
  });
});

describe("rendering posts", () => {
  it("turns a help-center article on its own line into a card with the article's title; a missing article stays a line", async () => {
    const html = await renderPostBody(
      "See this:\n\n/kb/how-do-i-contact-support\n\nand /kb/how-do-i-contact-support inline.\n\n/kb/no-such-article-here",
    );
    expect(html).toMatch(/<a class="forum-article-card" href="\/kb\/how-do-i-contact-support">/);
    expect(html).toContain("forum-article-card-title");
    expect(html.match(/forum-article-card"/g)).toHaveLength(1);
    expect(html).toContain("/kb/no-such-article-here");
  });

  it("never makes a card from a hand-written mark, and keeps script out", async () => {
    const html = await renderPostBody(
      '[evil](javascript:alert(1) "techflow-article-card")\n\n[x](/kb/how-do-i-contact-support "techflow-article-card")',
    );
    expect(html).not.toContain('forum-article-card"');
    expect(html).not.toMatch(/javascript:/i);
  });

  it("keeps the form's body limit equal to the Markdown pipeline's", () => {
    expect(BODY_MAX_LENGTH).toBe(MARKDOWN_MAX_LENGTH);
  });
});
