import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_DATABASE_INT, parsePositiveInt } from "~/lib/ids";
import { prisma } from "~/lib/db.server";
import { sessionCookieFor } from "../factories/accounts";
import { createCategory, createMember, createQuestion } from "../forum/forum-factories";
import { actionPaths } from "./build-routes";
import { rawRequest, startServer, type RunningServer } from "./running-server";

/**
 * Malformed requests get a 4xx that says why, never a 500: a body without a Content-Type, broken
 * multipart bodies (a file name with a line break among them), and ids past the database's integer
 * range in URLs, query strings and forms.
 */
const PAST_64_BITS = "9223372036854775808";
const PAST_32_BITS = String(MAX_DATABASE_INT + 1);
/**
 * The ticket forms and a chat's file upload stream their multipart bodies to the page, which reads them
 * only for a signed-in user (tests/server/uploads.test.ts, tests/server/chat-uploads.test.ts); signed out
 * they redirect to sign-in.
 */
const STREAMED_UPLOAD_ROUTES = new Set([
  "/support/new",
  "/support/tickets/sample",
  "/admin/tickets/sample",
  "/chat/sample/files",
]);

let running: RunningServer;
beforeAll(async () => {
  running = await startServer();
});
afterAll(async () => {
  await running.close();
  await prisma.$disconnect();
});

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return rawRequest(running, { method: "POST", path, headers: { Origin: running.base, ...headers }, body });
}

describe("request bodies the parsers cannot read", () => {
  it("answers a body without a Content-Type with 415 and the reason on every action route", async () => {
    const failures: string[] = [];
    for (const route of actionPaths(running.build)) {
      const response = await post(route, "email=a%40example.com&password=x");
      if (response.status !== 415 || !response.body.includes("no Content-Type"))
        failures.push(`${route}: ${response.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("still takes an empty body without a Content-Type as an empty form", async () => {
    const response = await rawRequest(running, { method: "POST", path: "/login", headers: { Origin: running.base } });
    expect(response.status).toBe(400);
    expect(response.body).not.toContain("Content-Type");
  });

  const boundary = "----probe";
  const multipart = { "Content-Type": `multipart/form-data; boundary=${boundary}` };
  const brokenBodies: Record<string, string> = {
    "cut off before its closing delimiter": `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.com\r\n`,
    "without any delimiter": "email=a%40example.com",
    "a part without Content-Disposition": `--${boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`,
    "a header line without a colon": `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\nbroken\r\n\r\nx\r\n--${boundary}--\r\n`,
    "a file name with CR LF": `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="a\r\nb.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`,
    "a file name with a bare LF": `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="a\nb.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`,
    "headers that never end": `--${boundary}\r\nContent-Disposition: form-data; name="email"`,
  };

  it.each(Object.entries(brokenBodies))(
    "answers a multipart body %s with 400 and the reason on every action route",
    async (_name, body) => {
      const failures: string[] = [];
      for (const route of actionPaths(running.build)) {
        const response = await post(route, body, multipart);
        const refused = STREAMED_UPLOAD_ROUTES.has(route)
          ? response.status < 500
          : response.status === 400 && /malformed|cut off/.test(response.body);
        if (!refused) failures.push(`${route}: ${response.status}`);
      }
      expect(failures).toEqual([]);
    },
  );

  it("lets a well-formed multipart form through", async () => {
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nnobody@example.com\r\n--${boundary}\r\nContent-Disposition: form-data; name="password"\r\n\r\nwrong-password-123\r\n--${boundary}--\r\n`;
    const response = await post("/login", body, multipart);
    // The sign-in page's own answer to a wrong password: the form was read.
    expect(response.status).toBe(401);
    expect(response.body).not.toMatch(/malformed|cut off/);
  });
});

describe("integers past the database's range", () => {
  it("parses ids in one place: digits from 1 to the largest database integer, nothing else", () => {
    expect(parsePositiveInt("1")).toBe(1);
    expect(parsePositiveInt(" 42 ")).toBe(42);
    expect(parsePositiveInt(String(MAX_DATABASE_INT))).toBe(MAX_DATABASE_INT);
    expect(parsePositiveInt(7)).toBe(7);
    for (const bad of [
      PAST_32_BITS,
      PAST_64_BITS,
      "0",
      "-1",
      "1e3",
      "0x10",
      "1.5",
      "",
      null,
      undefined,
      1.5,
      Number.NaN,
    ])
      expect(parsePositiveInt(bad), String(bad)).toBeNull();
  });

  it("answers /community/posts/<id>/… past the range with 404", async () => {
    // A moderator may open every one of these pages, so only the id decides.
    const moderator = await createMember("moderator");
    const { cookie } = await sessionCookieFor(moderator.id);
    for (const id of [PAST_64_BITS, PAST_32_BITS]) {
      for (const page of ["history", "edit", "flag", "moderate", "moderator-edit"]) {
        const response = await rawRequest(running, {
          path: `/community/posts/${id}/${page}`,
          headers: { Cookie: cookie },
        });
        expect(response.status, `${id}/${page}`).toBe(404);
      }
    }
  });

  it("shows the thread for ?quote= past the range, and answers postId, threadId and insteadIdeaId past it with 400", async () => {
    const member = await createMember();
    const { cookie } = await sessionCookieFor(member.id);
    const category = await createCategory();
    const thread = await createQuestion(member, category.slug);
    const threadPath = new URL(thread.url, running.base).pathname;
    const form = { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie };

    for (const quote of [PAST_64_BITS, PAST_32_BITS]) {
      const page = await rawRequest(running, { path: `${threadPath}?quote=${quote}`, headers: { Cookie: cookie } });
      expect(page.status, quote).toBe(200);
    }
    const refusals = [
      { path: threadPath, body: `intent=like&postId=${PAST_64_BITS}` },
      { path: threadPath, body: `intent=delete&postId=${PAST_64_BITS}` },
      { path: threadPath, body: `intent=accept&postId=${PAST_64_BITS}` },
      { path: "/notifications/follow", body: `threadId=${PAST_64_BITS}&state=following` },
      { path: "/notifications/follow", body: `threadId=${PAST_32_BITS}&state=following` },
      { path: "/ideas/new", body: `insteadIdeaId=${PAST_64_BITS}&title=Dark+mode` },
      { path: "/community/moderate", body: `intent=flag&postId=${PAST_64_BITS}&reason=spam` },
    ];
    for (const { path, body } of refusals) {
      const response = await post(path, body, form);
      expect(response.status, `${path} ${body}`).toBe(400);
    }
  });

  it("answers a moderator's threadId past the range with 400", async () => {
    const moderator = await createMember("moderator");
    const response = await post("/community/moderate", `intent=lock&threadId=${PAST_64_BITS}`, {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: (await sessionCookieFor(moderator.id)).cookie,
    });
    expect(response.status).toBe(400);
    expect(response.body).toContain("Which thread?");
  });
});
