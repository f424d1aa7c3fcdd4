import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { loader as mentionsLoader } from "~/routes/api.users.mentions";
import { sessionCookieFor } from "../factories/accounts";
import { createMember, startThread, writePost } from "./factories";

afterAll(() => prisma.$disconnect());

/**
 * GET /api/users/mentions suggests the people a writer can reach in the thread they reply to (who
 * posted there, staff included), never the member list.
 */
async function lookup(path: string, userId?: string) {
  const headers = userId ? { Cookie: (await sessionCookieFor(userId)).cookie } : undefined;
  const response = await mentionsLoader({
    request: new Request(`http://localhost${path}`, { headers }),
    params: {},
    context: {},
  } as Parameters<typeof mentionsLoader>[0]);
  return {
    status: response.status,
    body: (await response.json()) as { users?: { username: string; name: string }[]; error?: string },
  };
}

describe("@mention suggestions", () => {
  it("lists only the thread's participants (staff who answered included), not every member, and not the writer", async () => {
    const prefix = `p${randomUUID().replace(/-/g, "").slice(0, 8)}`;
    const [asker, helper, agent, hiddenPoster, stranger, writer] = await Promise.all(
      ["asker", "helper", "agent", "hidden", "stranger", "writer"].map((role) => createMember(`${prefix}-${role}`)),
    );
    await prisma.user.update({ where: { id: agent.id }, data: { role: "agent" } });
    const { thread } = await startThread(asker.id);
    await writePost(thread.id, helper.id, "Try the escalation settings.");
    await writePost(thread.id, agent.id, "Support here: that is the right setting.");
    const hidden = await writePost(thread.id, hiddenPoster.id, "Spam.");
    await prisma.forumPost.update({
      where: { id: hidden.id },
      data: { hiddenAt: new Date(), hiddenReason: "flagged" },
    });
    await writePost(thread.id, writer.id, "Following.");
    const { thread: elsewhere } = await startThread(stranger.id);

    const answer = await lookup(`/api/users/mentions?thread=${thread.id}&q=${prefix}`, writer.id);
    expect(answer.status).toBe(200);
    expect(answer.body.users?.map((user) => user.username)).toEqual([
      `${prefix}-agent`,
      `${prefix}-asker`,
      `${prefix}-helper`,
    ]);
    // The one-letter probe that listed every member now lists this thread's people at most.
    const probe = await lookup(`/api/users/mentions?thread=${thread.id}&q=a`, writer.id);
    expect(probe.body.users?.every((user) => user.username.startsWith(prefix))).toBe(true);
    expect(
      (await lookup(`/api/users/mentions?thread=${elsewhere.id}&q=${prefix}`, writer.id)).body.users?.map(
        (user) => user.username,
      ),
    ).toEqual([`${prefix}-stranger`]);
  });

  it("answers nothing without a thread (400 with the reason), 404 for a missing or deleted thread, 401 when signed out", async () => {
    const member = await createMember();
    const { thread } = await startThread(member.id);
    const noThread = await lookup("/api/users/mentions?q=a", member.id);
    expect(noThread.status).toBe(400);
    expect(noThread.body.error).toContain("thread is required");
    expect(noThread.body.users).toBeUndefined();
    expect((await lookup("/api/users/mentions?thread=abc&q=a", member.id)).status).toBe(400);
    expect((await lookup(`/api/users/mentions?thread=${thread.id + 100_000}&q=a`, member.id)).status).toBe(404);
    await prisma.forumThread.update({ where: { id: thread.id }, data: { deletedAt: new Date() } });
    expect((await lookup(`/api/users/mentions?thread=${thread.id}&q=a`, member.id)).status).toBe(404);
    expect((await lookup(`/api/users/mentions?thread=${thread.id}&q=a`)).status).toBe(401);
  });
});
