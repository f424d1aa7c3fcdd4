import { afterAll, describe, expect, it } from "vitest";
import { onIdeaStatusChanged } from "~/ideas/events.server";
import { changeStatus } from "~/ideas/staff-actions.server";
import { prisma } from "~/lib/db.server";
import { linkIdea } from "~/tickets/ticket-moves.server";
import { actor, notificationsOf, refusal, submitIdea } from "../ideas/factories";
import { createAgent, createCustomer, fileAt } from "./factories";
import { outcome } from "../refusals";

afterAll(() => prisma.$disconnect());

describe("tickets linked to an idea", () => {
  it("staff link a ticket; when the idea ships its customer is told once, with the voters", async () => {
    const [author, pm] = await Promise.all([actor(), actor("moderator")]);
    const { id } = await submitIdea(author, "Scheduled exports to SFTP");
    const customer = await createCustomer("professional");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 3, new Date());

    expect(await outcome(linkIdea(agent.actor, ticket, 999_999_999))).toEqual({
      status: 404,
      field: "ideaId",
      message: "There is no idea #999999999.",
    });
    expect(await outcome(linkIdea(customer.actor, ticket, id))).toEqual({
      status: 403,
      message: "Only staff link tickets to ideas.",
    });
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).ideaId).toBeNull();
    expect(await outcome(linkIdea(agent.actor, ticket, id))).toBe("done");
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).ideaId).toBe(id);
    expect(await prisma.ticketEvent.count({ where: { ticketId: ticket.id, kind: "idea-linked" } })).toBe(1);
    // A second ticket of the same customer linked to the same idea: still one customer to tell.
    const second = await fileAt(customer, 4, new Date());
    expect(await outcome(linkIdea(agent.actor, second, id))).toBe("done");

    for (const status of ["under-review", "planned", "in-progress", "shipped"] as const)
      await changeStatus(pm, id, status, status === "shipped" ? "Out now." : "");
    const shipped = async (userId: string) =>
      (await notificationsOf(userId)).filter((row) => row.title.startsWith("Shipped:"));
    expect(await shipped(customer.user.id)).toHaveLength(1);
    expect(await shipped(author.id)).toHaveLength(1);
  });

  it("shipping an idea twice is refused, and a ship event delivered again tells no one twice", async () => {
    const [author, pm] = await Promise.all([actor(), actor("moderator")]);
    const { id } = await submitIdea(author, "Audit log export");
    const customer = await createCustomer("enterprise");
    const agent = await createAgent();
    expect(await outcome(linkIdea(agent.actor, await fileAt(customer, 3, new Date()), id))).toBe("done");
    for (const status of ["under-review", "planned", "in-progress", "shipped"] as const)
      await changeStatus(pm, id, status, "");
    const shipped = async (userId: string) =>
      (await notificationsOf(userId)).filter((row) => row.title.startsWith("Shipped:"));
    expect(await shipped(customer.user.id)).toHaveLength(1);

    expect(await refusal(changeStatus(pm, id, "shipped", "Still out."))).toEqual({
      status: 409,
      message: "The idea is already Shipped.",
    });
    // The same event once more (as a retried delivery would bring it): everyone was told already.
    const idea = await prisma.idea.findUniqueOrThrow({ where: { id }, select: { id: true, slug: true, title: true } });
    expect(
      await prisma.$transaction((tx) =>
        onIdeaStatusChanged(tx, { idea, from: "in-progress", to: "shipped", comment: "", actorId: pm.id }),
      ),
    ).toBe(0);
    expect(await shipped(customer.user.id)).toHaveLength(1);
    expect(await shipped(author.id)).toHaveLength(1);
  });

  it("a ticket that is not linked hears nothing", async () => {
    const [author, pm] = await Promise.all([actor(), actor("moderator")]);
    const { id } = await submitIdea(author, "Dark mode for invoices");
    const customer = await createCustomer("standard");
    await fileAt(customer, 3, new Date());
    for (const status of ["under-review", "planned", "in-progress", "shipped"] as const)
      await changeStatus(pm, id, status, "");
    expect((await notificationsOf(customer.user.id)).filter((row) => row.title.startsWith("Shipped:"))).toHaveLength(0);
  });
});
