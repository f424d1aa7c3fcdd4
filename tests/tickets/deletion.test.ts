import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { DELETED_USER_NAME, confirmDeletion, requestDeletion } from "~/privacy/deletion.server";
import { createUser, sessionCookieFor } from "../factories/accounts";
import { outcome } from "../refusals";
import { startThread, writePost } from "../notifications/factories";
import { createCustomer, fileAt } from "./factories";

afterAll(() => prisma.$disconnect());

async function createAdmin() {
  const user = await createUser({ role: "admin" });
  return { id: user.id, email: user.email, role: "admin" as const, account: null };
}

describe("data deletion on request", () => {
  it("a customer asks, an admin confirms: posts keep their words under 'Deleted user', sessions end, personal fields clear, tickets stay, audit logged", async () => {
    const customer = await createCustomer("standard");
    const { thread } = await startThread(customer.user.id, {
      title: "Exports time out at midnight",
      body: "Every night the export stops.",
    });
    await writePost(thread.id, customer.user.id, "Still happening for me, the 23:59 run fails.");
    const ticket = await fileAt(customer, 3, new Date());
    await sessionCookieFor(customer.user.id);
    expect(await prisma.session.count({ where: { userId: customer.user.id } })).toBe(1);

    const asked = await requestDeletion(customer.actor, "Leaving the company");
    expect(asked).toMatchObject({ userId: customer.user.id, status: "pending" });
    const again = await requestDeletion(customer.actor, "");
    expect(again.id).toBe(asked.id);

    const admin = await createAdmin();
    const result = await confirmDeletion(admin, asked.id);
    expect(result).toMatchObject({ moved: { threads: 1, posts: 2 }, sessionsRevoked: 1, ticketsKept: 1 });

    const posts = await prisma.forumPost.findMany({
      where: { threadId: thread.id },
      include: { author: { select: { name: true } } },
    });
    expect(posts.map((post) => post.author.name)).toEqual([DELETED_USER_NAME, DELETED_USER_NAME]);
    expect(posts.map((post) => post.bodyMarkdown)).toContain("Still happening for me, the 23:59 run fails.");
    expect(posts.every((post) => post.authorId !== customer.user.id)).toBe(true);

    const user = await prisma.user.findUniqueOrThrow({ where: { id: customer.user.id } });
    expect(user.name).toBe(DELETED_USER_NAME);
    expect(user.email).not.toContain(customer.user.email.split("@")[0]!);
    expect(user.username).toBeNull();
    expect(await prisma.session.count({ where: { userId: customer.user.id } })).toBe(0);
    expect(await prisma.ticket.findUnique({ where: { id: ticket.id } })).not.toBeNull();

    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: "user.delete-data", subjectId: customer.user.id },
    });
    expect(audit.actorId).toBe(admin.id);

    expect(await outcome(confirmDeletion(admin, asked.id))).toEqual({
      status: 409,
      message: "This request is already confirmed.",
    });
  });

  it("only administrators confirm; an agent is refused and nothing changes", async () => {
    const customer = await createCustomer("standard");
    const asked = await requestDeletion(customer.actor, "");
    const agent = await createUser({ role: "agent" });
    const refused = await outcome(confirmDeletion({ id: agent.id, role: "agent", account: null }, asked.id));
    expect(refused).toEqual({ status: 403, message: "Only administrators confirm data deletion." });
    expect(await outcome(requestDeletion({ id: agent.id, role: "agent", account: null }, ""))).toEqual({
      status: 400,
      message: "Staff accounts are removed by an administrator, not by a deletion request.",
    });
    expect(await outcome(confirmDeletion(await createAdmin(), "no-such-request"))).toEqual({
      status: 404,
      message: "No such deletion request.",
    });
    expect((await prisma.dataDeletionRequest.findUniqueOrThrow({ where: { id: asked.id } })).status).toBe("pending");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: customer.user.id } })).name).toBe(customer.user.name);
  });
});
