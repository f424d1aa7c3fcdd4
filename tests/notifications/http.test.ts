import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { prisma } from "~/lib/db.server";
import { liveListenerCount } from "~/forum/live-hub.server";
import { getEmailPreferences } from "~/notifications/preferences.server";
import { createUnsubscribeToken } from "~/notifications/unsubscribe-token.server";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import { createAppServer } from "../../server/app-server";
import { PageCache } from "../../server/page-cache";
import { createMember, startThread, writePost } from "./factories";

/**
 * The notification routes through the real app server (page cache on), as a browser reaches them.
 */

let server: ReturnType<typeof createAppServer>;
let base = "";

beforeAll(async () => {
  if (!fs.existsSync(SERVER_BUILD))
    throw new Error("Run `npm run build` (or BUILD_DIR=… npx remix vite:build) before the server tests.");
  const build = (await import(SERVER_BUILD)) as ServerBuild;
  server = createAppServer({
    build,
    clientDir: CLIENT_DIR,
    manifestFile: path.resolve(".content-cache/manifest.json"),
    cache: new PageCache(),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function cookieFor(userId: string) {
  const { token } = await createSession(prisma, userId, "notifications-test");
  return `tf_session=${token}`;
}

function post(pathname: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${base}${pathname}`, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { Origin: base, ...headers },
    redirect: "manual",
  });
}

describe("the bell's count", () => {
  it("is 0 and not signed in for anonymous visitors, the member's unread count otherwise, never cached", async () => {
    const anonymous = await fetch(`${base}/notifications/count`);
    expect(await anonymous.json()).toEqual({ signedIn: false, unread: 0 });
    expect(anonymous.headers.get("cache-control")).toContain("no-store");
    const [asker, replier] = await Promise.all([createMember(), createMember()]);
    const { thread } = await startThread(asker.id);
    await writePost(thread.id, replier.id, "A reply");
    const response = await fetch(`${base}/notifications/count`, { headers: { Cookie: await cookieFor(asker.id) } });
    expect(await response.json()).toEqual({ signedIn: true, unread: 1 });
  });
});

describe("/notifications", () => {
  it("lists the member's notifications; opening one marks it read and redirects to the post; mark all read", async () => {
    const [asker, replier] = await Promise.all([createMember(), createMember()]);
    const cookie = await cookieFor(asker.id);
    const { thread } = await startThread(asker.id, { title: "How long are tickets kept?" });
    await writePost(thread.id, replier.id, "First reply");
    await writePost(thread.id, replier.id, "Second reply");
    const page = await fetch(`${base}/notifications`, { headers: { Cookie: cookie } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("2 unread");
    expect(html).toContain("replied to &quot;How long are tickets kept?&quot;");

    const [newest] = await prisma.notification.findMany({
      where: { userId: asker.id },
      orderBy: { createdAt: "desc" },
    });
    const open = await fetch(`${base}/notifications/${newest.id}`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(open.status).toBe(302);
    expect(open.headers.get("location")).toBe(`/community/t/${thread.id}-${thread.slug}#post-3`);
    expect(
      (
        await fetch(`${base}/notifications/${newest.id}`, {
          headers: { Cookie: await cookieFor(replier.id) },
          redirect: "manual",
        })
      ).status,
    ).toBe(404);

    const marked = await post("/notifications", { intent: "mark-all-read" }, { Cookie: cookie });
    expect(marked.status).toBe(200);
    expect(await prisma.notification.count({ where: { userId: asker.id, readAt: null } })).toBe(0);
    expect((await fetch(`${base}/notifications`, { redirect: "manual" })).status).toBe(302);
  });
});

describe("follow form without JavaScript", () => {
  it("follows and mutes a thread and comes back to the page; bad input is a 400, a missing thread a 404", async () => {
    const [asker, reader] = await Promise.all([createMember(), createMember()]);
    const cookie = await cookieFor(reader.id);
    const { thread } = await startThread(asker.id);
    const back = `/community/t/${thread.id}-${thread.slug}`;
    const followed = await post(
      "/notifications/follow",
      { threadId: String(thread.id), state: "following", redirectTo: back },
      { Cookie: cookie },
    );
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toBe(back);
    expect(
      await prisma.forumSubscription.findFirst({ where: { userId: reader.id, threadId: thread.id } }),
    ).toMatchObject({ state: "following" });
    const muted = await post(
      "/notifications/follow",
      { threadId: String(thread.id), state: "muted", redirectTo: "https://evil.example/" },
      { Cookie: cookie },
    );
    expect(muted.headers.get("location")).toBe("/notifications");
    expect(
      await prisma.forumSubscription.findFirst({ where: { userId: reader.id, threadId: thread.id } }),
    ).toMatchObject({ state: "muted" });
    expect(
      (await post("/notifications/follow", { threadId: "abc", state: "following" }, { Cookie: cookie })).status,
    ).toBe(400);
    expect(
      (await post("/notifications/follow", { threadId: "99999999", state: "following" }, { Cookie: cookie })).status,
    ).toBe(404);
    expect((await post("/notifications/follow", { threadId: String(thread.id), state: "following" })).status).toBe(302);
  });
});

describe("/settings/notifications and /unsubscribe", () => {
  it("saves email preferences from the settings form", async () => {
    const member = await createMember();
    const cookie = await cookieFor(member.id);
    const page = await fetch(`${base}/settings/notifications`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("When someone @mentions you");
    expect((await post("/settings/notifications", { mention: "on" }, { Cookie: cookie })).status).toBe(200);
    expect(await getEmailPreferences(member.id)).toMatchObject({ reply: false, mention: true, digest: false });
  });

  it("GET shows a confirm button and changes nothing; POST unsubscribes without signing in; a bad token is a 400", async () => {
    const member = await createMember();
    const token = createUnsubscribeToken(member.id, "reply");
    const page = await fetch(`${base}/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await page.text();
    expect(html).toContain("Replies to threads you started");
    expect(html).not.toContain(member.email);
    expect((await getEmailPreferences(member.id)).reply).toBe(true);

    const done = await post("/unsubscribe", { token });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("you will no longer get emails");
    expect(await getEmailPreferences(member.id)).toMatchObject({ reply: false, mention: true, digest: true });

    expect((await fetch(`${base}/unsubscribe?token=${encodeURIComponent(`${token}x`)}`)).status).toBe(400);
    expect((await post("/unsubscribe", { token: token.replace(member.id, "someone-else") })).status).toBe(400);
  });
});

describe("/api/users/mentions", () => {
  it("answers signed-in members only, with the people who posted in the thread they reply to", async () => {
    const prefix = `mx${Date.now().toString(36)}`;
    const member = await createMember(`${prefix}-one`);
    const asker = await createMember(`${prefix}-two`);
    const { thread } = await startThread(asker.id);
    const path = `/api/users/mentions?thread=${thread.id}&q=${prefix}`;
    expect((await fetch(`${base}${path}`)).status).toBe(401);
    const response = await fetch(`${base}${path}`, { headers: { Cookie: await cookieFor(member.id) } });
    expect(await response.json()).toEqual({ users: [{ username: `${prefix}-two`, name: asker.name }] });
    expect(
      (await fetch(`${base}/api/users/mentions?q=${prefix}`, { headers: { Cookie: await cookieFor(member.id) } }))
        .status,
    ).toBe(400);
    expect(
      (
        await fetch(`${base}/api/users/mentions?thread=${thread.id}&q=${"a".repeat(41)}`, {
          headers: { Cookie: await cookieFor(member.id) },
        })
      ).status,
    ).toBe(400);
  });
});

/** Reads an event stream through a raw socket (fetch would buffer nothing, but this lets the test hang up). */
function openStream(pathname: string) {
  return new Promise<{
    status: number;
    headers: http.IncomingHttpHeaders;
    next: (pattern: RegExp) => Promise<string>;
    close: () => void;
  }>((resolve, reject) => {
    const request = http.get(`${base}${pathname}`, (response) => {
      let text = "";
      const waiters: { pattern: RegExp; resolve: (text: string) => void }[] = [];
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        text += chunk;
        for (const waiter of [...waiters]) {
          if (!waiter.pattern.test(text)) continue;
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(text);
        }
      });
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        next: (pattern) =>
          pattern.test(text) ? Promise.resolve(text) : new Promise((done) => waiters.push({ pattern, resolve: done })),
        close: () => request.destroy(),
      });
    });
    request.on("error", reject);
  });
}

async function until(check: () => boolean) {
  for (let attempt = 0; attempt < 200 && !check(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
}

describe("live updates over Server-Sent Events", () => {
  it("stream a thread's new posts to its readers through the app server, uncached, and free the reader on hang-up", async () => {
    const [asker, replier] = await Promise.all([createMember(), createMember()]);
    const { thread } = await startThread(asker.id);
    const stream = await openStream(`/community/t/${thread.id}/events`);
    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(stream.headers["cache-control"]).toContain("no-store");
    expect(stream.headers["x-cache"]).toBeUndefined();
    await stream.next(/event: hello\ndata: \{"threadId":\d+,"lastPostNumber":1\}/);
    expect(liveListenerCount(thread.id)).toBe(1);

    // A second anonymous reader is not served a stored copy: it gets its own live stream.
    const second = await openStream(`/community/t/${thread.id}/events`);
    expect(second.headers["x-cache"]).toBeUndefined();
    await second.next(/event: hello/);

    await writePost(thread.id, replier.id, "A new reply");
    const { publishThreadActivity } = await import("~/forum/activity-notices.server");
    publishThreadActivity(thread.id, 2);
    expect(await stream.next(/event: post\ndata: \{"postNumber":2\}/)).toContain("id: 2");
    await second.next(/event: post/);

    stream.close();
    second.close();
    // The app server notices the hang-up and cancels the stream: no event has to arrive first.
    expect(await until(() => liveListenerCount(thread.id) === 0)).toBe(true);
  });

  it("answer 404 for a thread that does not exist", async () => {
    expect((await fetch(`${base}/community/t/99999999/events`)).status).toBe(404);
    expect((await fetch(`${base}/community/t/not-a-thread/events`)).status).toBe(404);
  });
});
