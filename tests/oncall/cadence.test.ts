import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { ticketSection } from "~/insights/ticket-insights.server";
import { parseRange } from "~/insights/range";
import { prisma } from "~/lib/db.server";
import { RESOLUTION_COMMITMENTS } from "~/support/policy";
import { alertOverdueTickets } from "~/tickets/jobs.server";
import { addReply } from "~/tickets/ticket-replies.server";
import { assignTicket } from "~/tickets/ticket-moves.server";
import { ticketView } from "~/tickets/view.server";
import { createAgent, createCustomer, fileAt } from "../tickets/factories";

afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;
const EVERY = RESOLUTION_COMMITMENTS.priority1UpdateEvery * MINUTE;
// 23:00 on Saturday 7 March 2026 in New York; clocks jump from 02:00 to 03:00 that night.
const FILED = new Date("2026-03-08T04:00:00Z");

let primary: Awaited<ReturnType<typeof createAgent>>;

beforeEach(async () => {
  await prisma.onCallPage.deleteMany();
  await prisma.onCallSlot.deleteMany();
  primary = await createAgent();
  await prisma.onCallSlot.create({ data: { position: 0, primaryId: primary.user.id } });
});

const overdueNotices = (userId: string, number: string) =>
  prisma.notification.findMany({ where: { userId, title: `Priority 1 update overdue on ${number}` } });

describe("Priority 1 updates at the policy's interval", () => {
  it("customer and agent both see when the next update is due; it is the interval in real time across the DST jump", async () => {
    const customer = await createCustomer("standard");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 1, FILED);
    const due = new Date(FILED.getTime() + EVERY).toISOString();
    expect((await ticketView(customer.actor, ticket)).nextUpdateDueAt).toBe(due);
    expect((await ticketView(agent.actor, ticket)).nextUpdateDueAt).toBe(due);
  });

  it("an agent's public reply resets it; an internal note does not", async () => {
    const customer = await createCustomer("standard");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 1, FILED);
    const noteAt = new Date(FILED.getTime() + 60 * MINUTE);
    await addReply(agent.actor, ticket, { body: "Looking", visibility: "internal", files: [] }, noteAt);
    const afterNote = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(afterNote.nextUpdateDueAt?.getTime()).toBe(FILED.getTime() + EVERY);
    const replyAt = new Date(FILED.getTime() + 3 * 60 * MINUTE);
    await addReply(agent.actor, afterNote, { body: "Update: fix deploying", visibility: "public", files: [] }, replyAt);
    const afterReply = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(afterReply.nextUpdateDueAt?.getTime()).toBe(replyAt.getTime() + EVERY);
  });

  it("a missed update alerts the assignee and the on-call primary, once, not a minute early", async () => {
    const customer = await createCustomer("standard");
    const assignee = await createAgent();
    const ticket = await fileAt(customer, 1, FILED);
    await assignTicket(assignee.actor, ticket, assignee.user.id, FILED);
    await alertOverdueTickets(prisma, new Date(FILED.getTime() + EVERY - MINUTE));
    expect(await overdueNotices(primary.user.id, ticket.number)).toHaveLength(0);
    await alertOverdueTickets(prisma, new Date(FILED.getTime() + EVERY));
    await alertOverdueTickets(prisma, new Date(FILED.getTime() + EVERY + 5 * MINUTE));
    expect(await overdueNotices(primary.user.id, ticket.number)).toHaveLength(1);
    expect(await overdueNotices(assignee.user.id, ticket.number)).toHaveLength(1);
  });
});

describe("the timeline shows the cadence kept or missed", () => {
  it("each P1 update after the first response is marked on time or late against the due time it answered", async () => {
    const customer = await createCustomer("standard");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 1, FILED);
    const reply = async (at: Date) => {
      const row = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
      await addReply(agent.actor, row, { body: "Update", visibility: "public", files: [] }, at);
    };
    const first = new Date(FILED.getTime() + 10 * MINUTE);
    await reply(first);
    await reply(new Date(first.getTime() + EVERY));
    await reply(new Date(first.getTime() + 2 * EVERY + MINUTE));
    const kinds = await prisma.ticketEvent.findMany({
      where: { ticketId: ticket.id, kind: { startsWith: "update-" } },
      orderBy: { createdAt: "asc" },
      select: { kind: true },
    });
    expect(kinds.map((event) => event.kind)).toEqual(["update-on-time", "update-late"]);

    // Insights report the attainment over the range (this file's other tickets are on earlier days).
    const parsed = parseRange(new URLSearchParams("from=2026-03-08&to=2026-03-09"), new Date("2026-03-10T00:00:00Z"));
    if (!parsed.ok) throw new Error(parsed.message);
    const section = await ticketSection(prisma, parsed.range, new Date("2026-03-10T00:00:00Z"));
    const table = section.tables.find((entry) => entry.id === "p1-update-cadence");
    expect(table?.rows[0]?.[0]).toBe(1);
    expect(table?.rows[0]?.[1]).toBe(1);
    expect(table?.rows[0]?.[3]).toBe("50.0 %");
  });
});
