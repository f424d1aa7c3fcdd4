import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSession } from "~/auth/session.server";
import { FORUM_LIST_TAG } from "~/forum/cache-tags";
import { prisma } from "~/lib/db.server";
import { purgeCacheTags } from "~/lib/page-cache-purge.server";
import { createAppServer } from "../../server/app-server";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import { PageCache } from "../../server/page-cache";
import { createThreadWithPosts, memberAged } from "../forum/moderation-fixtures";

/**
 * No stampede through the production server (decision record 018): after a purge, 50 readers at once
 * cause one render; a soft purge (a new reply) serves the page stale to anonymous readers while one
 * render refreshes it, never to a signed-in reader; a hard purge (a hide) is never served stale.
 */

let server: ReturnType<typeof createAppServer>;
let base = "";
// refreshAfterMs 0: a softly purged page is due for a refresh at once, so the tests need no waiting.
const cache = new PageCache({ refreshAfterMs: 0 });
const renders = vi.spyOn(cache, "startRender");

beforeAll(async () => {
  if (!fs.existsSync(SERVER_BUILD)) throw new Error("Run `npm run build` before the server tests.");
  const build = (await import(SERVER_BUILD)) as ServerBuild;
  server = createAppServer({
    build,
    clientDir: CLIENT_DIR,
    manifestFile: path.resolve(".content-cache/manifest.json"),
    cache,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await prisma.$disconnect();
});
beforeEach(() => {
  cache.clear();
  renders.mockClear();
});

async function get(pathname: string, cookie?: string) {
  const response = await fetch(`${base}${pathname}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, cache: response.headers.get("x-cache"), body: await response.text() };
}

const fifty = (pathname: string) => Promise.all(Array.from({ length: 50 }, () => get(pathname)));

describe("50 anonymous readers at once", () => {
  it("after a hard purge: one render, and all 50 get the same new page", async () => {
    await get("/community");
    expect(renders).toHaveBeenCalledTimes(1);
    purgeCacheTags([FORUM_LIST_TAG]);
    const answers = await fifty("/community");
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(renders).toHaveBeenCalledTimes(2);
  });

  it("after a soft purge: one render refreshes the page while the others are served the stored copy", async () => {
    await get("/community");
    purgeCacheTags([FORUM_LIST_TAG], "soft");
    const answers = await fifty("/community");
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(renders).toHaveBeenCalledTimes(2);
    expect(answers.filter((answer) => answer.cache === "HIT").length).toBeGreaterThanOrEqual(40);
    expect((await get("/community")).cache).toBe("HIT");
  });
});

describe("stale copies", () => {
  it("reach anonymous readers only: a signed-in reader sees the new reply at once", async () => {
    const [asker, replier] = await Promise.all([memberAged(30), memberAged(30)]);
    const thread = await createThreadWithPosts(asker.id, []);
    const pathname = `/community/t/${thread.id}-${thread.slug}`;
    expect((await get(pathname)).status).toBe(200);
    const { token } = await createSession(prisma, replier.id, "stampede-test");
    const cookie = `tf_session=${token}`;
    const reply = await fetch(`${base}${pathname}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "reply", body: "Fixed for us by the 4.2.1 agent." }),
    });
    expect(reply.status).toBe(303);

    expect((await get(pathname, cookie)).body).toContain("Fixed for us by the 4.2.1 agent.");
    // Anonymous: the first request after the soft purge sets off the refresh; one of the two that follow it
    // may still get the older copy, and the page shows the reply once that render is stored.
    await Promise.all([get(pathname), get(pathname)]);
    await vi.waitFor(async () => expect((await get(pathname)).body).toContain("Fixed for us by the 4.2.1 agent."));
  });

  it("are never served after a hide: the hidden post is gone from the very next anonymous answer", async () => {
    const [asker, replier, moderator] = await Promise.all([
      memberAged(30),
      memberAged(30),
      memberAged(30, "moderator"),
    ]);
    const thread = await createThreadWithPosts(asker.id, [replier.id]);
    const pathname = `/community/t/${thread.id}-${thread.slug}`;
    const hiddenText = thread.posts[1].bodyMarkdown;
    expect((await get(pathname)).body).toContain(hiddenText);
    const { moderatePost } = await import("~/forum/review-queue.server");
    const { actorOf } = await import("../forum/moderation-fixtures");
    await moderatePost(actorOf(moderator), thread.posts[1].id, "hide");
    const answers = await fifty(pathname);
    for (const answer of answers) expect(answer.body).not.toContain(hiddenText);
  });
});
