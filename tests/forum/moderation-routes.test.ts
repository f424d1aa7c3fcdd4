import { afterAll, describe, expect, it } from "vitest";
import { action as moderateAction } from "~/routes/community.moderate";
import { action as reviewAction, loader as reviewLoader } from "~/routes/admin.review";
import { loader as flagPageLoader } from "~/routes/community.posts.$postId.flag";
import { loader as moderatePageLoader } from "~/routes/community.posts.$postId.moderate";
import { prisma } from "~/lib/db.server";
import { sessionCookieFor } from "../factories/accounts";
import { createThreadWithPosts, memberAged } from "./moderation-fixtures";

/** The forms' bad input answered with a status and a sentence, never a 500 (the route actions, called as Remix calls them). */

afterAll(() => prisma.$disconnect());

type Answer = { status: number; body: { ok?: boolean; message?: string } | null; location: string | null };

async function post(
  handler: typeof moderateAction | typeof reviewAction,
  path: string,
  userId: string,
  fields: Record<string, string>,
): Promise<Answer> {
  const { cookie } = await sessionCookieFor(userId);
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  let result: unknown;
  try {
    result = await handler({ request, params: {}, context: {} });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response)
    return {
      status: result.status,
      body: result.headers.get("Content-Type")?.includes("json") ? await result.json() : null,
      location: result.headers.get("Location"),
    };
  const wrapped = result as { data: Answer["body"]; init?: { status?: number } | null };
  return { status: wrapped.init?.status ?? 200, body: wrapped.data, location: null };
}

describe("POST /community/moderate", () => {
  it("answers a member's moderator action 403, a malformed form 400, flagging twice 409 and one's own post 403", async () => {
    const [member, author] = await Promise.all([memberAged(30), memberAged(30)]);
    const thread = await createThreadWithPosts(author.id, [member.id]);
    const [opening, reply] = thread.posts;

    expect(
      await post(moderateAction, "/community/moderate", member.id, {
        intent: "lock",
        threadId: String(thread.id),
        _fetch: "1",
      }),
    ).toMatchObject({ status: 403, body: { ok: false, message: "Only moderators can lock or unlock threads." } });
    expect(
      await post(moderateAction, "/community/moderate", member.id, {
        intent: "flag",
        postId: String(reply.id),
        reason: "spam",
        _fetch: "1",
      }),
    ).toMatchObject({ status: 403, body: { message: expect.stringContaining("own post") } });
    expect(
      await post(moderateAction, "/community/moderate", member.id, {
        intent: "flag",
        postId: "abc",
        reason: "spam",
        _fetch: "1",
      }),
    ).toMatchObject({ status: 400, body: { message: "Which post? The form was incomplete." } });
    expect(
      await post(moderateAction, "/community/moderate", member.id, {
        intent: "flag",
        postId: String(opening.id),
        reason: "bogus",
        _fetch: "1",
      }),
    ).toMatchObject({ status: 400, body: { message: "Choose why you are flagging this post." } });
    expect(
      await post(moderateAction, "/community/moderate", member.id, {
        intent: "flag",
        postId: String(opening.id),
        reason: "spam",
        _fetch: "1",
      }),
    ).toMatchObject({ status: 200, body: { ok: true } });
    expect(
      await post(moderateAction, "/community/moderate", member.id, {
        intent: "flag",
        postId: String(opening.id),
        reason: "spam",
        _fetch: "1",
      }),
    ).toMatchObject({ status: 409, body: { message: expect.stringContaining("already flagged") } });
    expect(
      await post(moderateAction, "/community/moderate", member.id, { intent: "explode", _fetch: "1" }),
    ).toMatchObject({ status: 400 });
  });

  it("answers a moderator's impossible actions with 400, 404 and 409; a success without JavaScript redirects back", async () => {
    const moderator = await memberAged(100, "moderator");
    const author = await memberAged(30);
    const thread = await createThreadWithPosts(author.id);
    expect(
      await post(moderateAction, "/community/moderate", moderator.id, {
        intent: "merge",
        threadId: String(thread.id),
        target: "not a thread",
        _fetch: "1",
      }),
    ).toMatchObject({ status: 400, body: { message: expect.stringContaining("number or link") } });
    expect(
      await post(moderateAction, "/community/moderate", moderator.id, {
        intent: "merge",
        threadId: String(thread.id),
        target: `/community/t/${thread.id}-${thread.slug}`,
        _fetch: "1",
      }),
    ).toMatchObject({ status: 409 });
    expect(
      await post(moderateAction, "/community/moderate", moderator.id, {
        intent: "approve",
        postId: "999999999",
        _fetch: "1",
      }),
    ).toMatchObject({ status: 404 });
    expect(
      await post(moderateAction, "/community/moderate", moderator.id, {
        intent: "suspend",
        userId: author.id,
        days: "0",
        reason: "x",
        _fetch: "1",
      }),
    ).toMatchObject({ status: 400, body: { message: "Suspend for at least 1 day." } });
    expect(
      await post(moderateAction, "/community/moderate", moderator.id, {
        intent: "suspend",
        userId: author.id,
        days: "3",
        _fetch: "1",
      }),
    ).toMatchObject({ status: 400 });
    expect(
      await post(moderateAction, "/community/moderate", moderator.id, {
        intent: "suspend",
        userId: "nobody",
        days: "3",
        reason: "Spam",
        _fetch: "1",
      }),
    ).toMatchObject({ status: 404 });
    const locked = await post(moderateAction, "/community/moderate", moderator.id, {
      intent: "lock",
      threadId: String(thread.id),
      redirectTo: `/community/t/${thread.id}-${thread.slug}`,
    });
    expect(locked).toMatchObject({ status: 303, location: `/community/t/${thread.id}-${thread.slug}` });
    const offsite = await post(moderateAction, "/community/moderate", moderator.id, {
      intent: "unlock",
      threadId: String(thread.id),
      redirectTo: "https://evil.example/",
    });
    expect(offsite.location).toBe(`/community/t/${thread.id}-${thread.slug}`);
  });
});

describe("/admin/review", () => {
  it("is for moderators: a member gets 403, an agent too", async () => {
    for (const role of ["member", "agent"] as const) {
      const user = await memberAged(30, role);
      const { cookie } = await sessionCookieFor(user.id);
      const answer = await reviewLoader({
        request: new Request("http://localhost/admin/review", { headers: { Cookie: cookie } }),
        params: {},
        context: {},
      }).catch((thrown: unknown) => thrown);
      expect((answer as { init?: { status?: number } }).init?.status).toBe(403);
      expect(await post(reviewAction, "/admin/review", user.id, { intent: "approve", postId: "1" })).toMatchObject({
        status: 403,
      });
    }
  });
});

/** A loader's answer as Remix would send it: its data, or the status of what it threw. */
async function load(loader: typeof flagPageLoader | typeof moderatePageLoader, postId: string, userId: string) {
  const { cookie } = await sessionCookieFor(userId);
  const request = new Request(`http://localhost/community/posts/${postId}/x`, { headers: { Cookie: cookie } });
  try {
    return {
      status: 200,
      data: (await loader({ request, params: { postId }, context: {} })) as {
        post: { number: number; url: string; alreadyFlagged: boolean; canSuspend: boolean };
      },
    };
  } catch (thrown) {
    return {
      status:
        thrown instanceof Response ? thrown.status : ((thrown as { init?: { status?: number } }).init?.status ?? 500),
      data: null,
    };
  }
}

describe("the no-JavaScript flag and moderate pages (/community/posts/<id>/flag, /moderate)", () => {
  it("give a member the flag form for someone else's post only, and the moderator forms to moderators only", async () => {
    const [member, author] = await Promise.all([memberAged(30), memberAged(30)]);
    const moderator = await memberAged(100, "moderator");
    const thread = await createThreadWithPosts(author.id, [member.id]);
    const [opening, reply] = thread.posts;

    expect(await load(flagPageLoader, String(opening.id), member.id)).toMatchObject({
      status: 200,
      data: { post: { number: 1, alreadyFlagged: false } },
    });
    expect((await load(flagPageLoader, String(reply.id), member.id)).status).toBe(404);
    expect((await load(flagPageLoader, "abc", member.id)).status).toBe(404);
    expect((await load(flagPageLoader, "999999999", member.id)).status).toBe(404);
    await post(moderateAction, "/community/moderate", member.id, {
      intent: "flag",
      postId: String(opening.id),
      reason: "spam",
      _fetch: "1",
    });
    expect(await load(flagPageLoader, String(opening.id), member.id)).toMatchObject({
      status: 200,
      data: { post: { alreadyFlagged: true } },
    });

    expect((await load(moderatePageLoader, String(reply.id), member.id)).status).toBe(403);
    expect(await load(moderatePageLoader, String(reply.id), moderator.id)).toMatchObject({
      status: 200,
      data: { post: { number: reply.number, canSuspend: true } },
    });
  });
});
