import { afterAll, describe, expect, it } from "vitest";
import { changeStatus } from "~/ideas/writes.server";
import { prisma } from "~/lib/db.server";
import { linkIdea } from "~/tickets/tickets.server";
import { actor, notificationsOf, submitIdea } from "../ideas/factories";
import { createAgent, createCustomer, fileAt } from "./factories";

afterAll(() => prisma.$disconnect());

describe("tickets linked to an idea", () => {
  it("staff link a ticket; when the idea ships its customer is told once, with the voters", async () => {
    const [author, pm] = await Promise.all([actor(), actor("moderator")]);
    const { id } = await submitIdea(author, "Scheduled exports to SFTP");
    const customer = await createCustomer("professional");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 3, new Date());

    expect(await linkIdea(prisma, ticket, agent.actor, 999_999_999)).toMatchObject({ ok: false });
    expect(await linkIdea(prisma, ticket, customer.actor, id)).toMatchObject({ ok: false });
    expect(await linkIdea(prisma, ticket, agent.actor, id)).toEqual({ ok: true });
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).ideaId).toBe(id);
    expect(await prisma.ticketEvent.count({ where: { ticketId: ticket.id, kind: "idea-linked" } })).toBe(1);

    for (const status of ["under-review", "planned", "in-progress", "shipped"] as const) await changeStatus(pm, id, status, status === "shipped" ? "Out now." : "");
    const shipped = async (userId: string) => (await notificationsOf(userId)).filter((row) => row.title.startsWith("Shipped:"));
    expect(await shipped(customer.user.id)).toHaveLength(1);
    expect(await shipped(author.id)).toHaveLength(1);

    // Told once: a second link (another ticket of the same customer) and a repeated ship event tell no one again.
    const second = await fileAt(customer, 4, new Date());
    await linkIdea(prisma, second, agent.actor, id);
    await changeStatus(pm, id, "shipped", "Still out.").catch(() => undefined);
    expect(await shipped(customer.user.id)).toHaveLength(1);
  });

  it("a ticket that is not linked hears nothing", async () => {
    const [author, pm] = await Promise.all([actor(), actor("moderator")]);
    const { id } = await submitIdea(author, "Dark mode for invoices");
    const customer = await createCustomer("standard");
    await fileAt(customer, 3, new Date());
    for (const status of ["under-review", "planned", "in-progress", "shipped"] as const) await changeStatus(pm, id, status, "");
    expect((await notificationsOf(customer.user.id)).filter((row) => row.title.startsWith("Shipped:"))).toHaveLength(0);
  });
});
