import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.ATTACHMENTS_DIR = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/attachments-${process.pid}`;
});

import { prisma } from "~/lib/db.server";
import { ESCALATION_LEVELS, RESOLUTION_COMMITMENTS, priorityTargetMinutes } from "~/support/policy";
import { alertOverdueTickets, escalateTickets } from "~/tickets/jobs.server";
import { readableTicket } from "~/tickets/ticket-reads.server";
import { addReply } from "~/tickets/ticket-replies.server";
import { setStatusByStaff } from "~/tickets/ticket-moves.server";
import { createAgent, createCustomer, fileAt } from "./factories";

/**
 * The SLA clocks and the escalation job with a controllable clock: every run gets `now`, nothing sleeps.
 */

afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;
const T0 = new Date("2026-06-01T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const l2After = ESCALATION_LEVELS.find((entry) => entry.level === 2)!.priority1EscalationAfter!;
const l3After = ESCALATION_LEVELS.find((entry) => entry.level === 3)!.priority1EscalationAfter!;

async function reload(id: string) {
  return prisma.ticket.findUniqueOrThrow({ where: { id } });
}

describe("escalation timers", () => {
  it("an Enterprise P1 moves to L2 and L3 at the policy's times, once each, on the timeline and notified", async () => {
    const customer = await createCustomer("enterprise");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 1, T0);
    await prisma.ticket.update({ where: { id: ticket.id }, data: { assigneeId: agent.user.id } });

    await escalateTickets(prisma, at(l2After - 1));
    expect((await reload(ticket.id)).escalationLevel).toBe(1);

    await escalateTickets(prisma, at(l2After));
    let row = await reload(ticket.id);
    expect(row.escalationLevel).toBe(2);
    expect(row.status).toBe("escalated");
    // Idempotent: a second run at the same instant changes nothing.
    await escalateTickets(prisma, at(l2After));
    await escalateTickets(prisma, at(l3After - 1));
    expect((await reload(ticket.id)).escalationLevel).toBe(2);

    await escalateTickets(prisma, at(l3After));
    row = await reload(ticket.id);
    expect(row.escalationLevel).toBe(3);
    const events = await prisma.ticketEvent.findMany({
      where: { ticketId: ticket.id, kind: "escalated" },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => [event.fromValue, event.toValue, event.createdAt.toISOString()])).toEqual([
      ["L1", "L2", at(l2After).toISOString()],
      ["L2", "L3", at(l3After).toISOString()],
    ]);
    expect(
      await prisma.notification.count({
        where: { userId: customer.user.id, kind: "ticket", url: `/support/tickets/${ticket.number}` },
      }),
    ).toBe(2);
    expect(
      await prisma.notification.count({ where: { userId: agent.user.id, kind: "ticket" } }),
    ).toBeGreaterThanOrEqual(2);
  });

  it("leaves P2 tickets, solved P1 tickets and time waiting on the customer alone", async () => {
    const customer = await createCustomer("enterprise");
    const agent = await createAgent();
    const p2 = await fileAt(customer, 2, T0);
    const solved = await fileAt(customer, 1, T0);
    await setStatusByStaff(agent.actor, solved, "solved", at(10));
    const waiting = await fileAt(customer, 1, T0);
    await setStatusByStaff(agent.actor, waiting, "waiting-on-customer", at(30));
    await setStatusByStaff(agent.actor, await reload(waiting.id), "open", at(90));

    await escalateTickets(prisma, at(l2After));
    expect((await reload(p2.id)).escalationLevel).toBe(1);
    expect((await reload(solved.id)).escalationLevel).toBe(1);
    // 60 minutes waited: the resolution clock reaches the L2 time an hour later.
    expect((await reload(waiting.id)).escalationLevel).toBe(1);
    await escalateTickets(prisma, at(l2After + 60));
    expect((await reload(waiting.id)).escalationLevel).toBe(2);
    const pauses = await prisma.ticketEvent.findMany({
      where: { ticketId: waiting.id, kind: { in: ["sla-paused", "sla-resumed"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(pauses.map((event) => event.kind)).toEqual(["sla-paused", "sla-resumed"]);
  });
});

describe("first response and update alerts", () => {
  it("the first public staff reply stops the first-response clock; internal notes and customer replies do not", async () => {
    const customer = await createCustomer("professional");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 2, T0);
    expect(ticket.firstResponseDueAt.getTime()).toBeGreaterThan(T0.getTime());
    await addReply(customer.actor, ticket, { body: "More detail", visibility: "public", files: [] }, at(1));
    await addReply(agent.actor, await reload(ticket.id), { body: "Looking", visibility: "internal", files: [] }, at(2));
    expect((await reload(ticket.id)).firstRespondedAt).toBeNull();
    await addReply(
      agent.actor,
      await reload(ticket.id),
      { body: "We are on it.", visibility: "public", files: [] },
      at(3),
    );
    const row = await reload(ticket.id);
    expect(row.firstRespondedAt?.toISOString()).toBe(at(3).toISOString());
    expect(row.status).toBe("open");
    // A later run past the due time raises no breach for an answered ticket.
    await alertOverdueTickets(prisma, new Date(row.firstResponseDueAt.getTime() + MINUTE));
    expect((await reload(ticket.id)).firstResponseBreachAlertedAt).toBeNull();
  });

  it("a breached first response raises one alert and notifies the staff on duty", async () => {
    const customer = await createCustomer("enterprise");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 2, T0);
    await prisma.ticket.update({ where: { id: ticket.id }, data: { assigneeId: agent.user.id } });
    const target = priorityTargetMinutes("enterprise", 2);
    await alertOverdueTickets(prisma, at(target - 1));
    expect((await reload(ticket.id)).firstResponseBreachAlertedAt).toBeNull();
    await alertOverdueTickets(prisma, at(target));
    await alertOverdueTickets(prisma, at(target + 5));
    expect((await reload(ticket.id)).firstResponseBreachAlertedAt?.toISOString()).toBe(at(target).toISOString());
    expect(await prisma.ticketEvent.count({ where: { ticketId: ticket.id, kind: "first-response-breached" } })).toBe(1);
    expect(
      await prisma.notification.count({
        where: { userId: agent.user.id, title: { contains: "First response overdue" } },
      }),
    ).toBe(1);
  });

  it("a P1 update is due every interval while open: missed → alert; a public reply resets the clock", async () => {
    const customer = await createCustomer("enterprise");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 1, T0);
    const every = RESOLUTION_COMMITMENTS.priority1UpdateEvery;
    await addReply(agent.actor, ticket, { body: "Investigating.", visibility: "public", files: [] }, at(5));
    expect((await reload(ticket.id)).nextUpdateDueAt?.toISOString()).toBe(at(5 + every).toISOString());
    await alertOverdueTickets(prisma, at(5 + every - 1));
    expect((await reload(ticket.id)).updateOverdueAlertedAt).toBeNull();
    await alertOverdueTickets(prisma, at(5 + every));
    expect((await reload(ticket.id)).updateOverdueAlertedAt).not.toBeNull();
    expect(await prisma.ticketEvent.count({ where: { ticketId: ticket.id, kind: "update-overdue" } })).toBe(1);
    await addReply(
      agent.actor,
      await reload(ticket.id),
      { body: "Update: fix rolling out.", visibility: "public", files: [] },
      at(6 + every),
    );
    const row = await reload(ticket.id);
    expect(row.updateOverdueAlertedAt).toBeNull();
    expect(row.nextUpdateDueAt?.toISOString()).toBe(at(6 + 2 * every).toISOString());
  });
});

describe("who can read a ticket", () => {
  it("another account's customer gets nothing (the route answers 404); staff and colleagues get the ticket", async () => {
    const customer = await createCustomer("standard");
    const other = await createCustomer("standard");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 3, T0);
    expect(await readableTicket(other.actor, ticket.number)).toBeNull();
    expect((await readableTicket(agent.actor, ticket.number))?.id).toBe(ticket.id);
    const colleague = {
      ...other.actor,
      id: "colleague",
      account: { ...customer.actor.account, role: "member" as const },
    };
    expect((await readableTicket(colleague, ticket.number))?.id).toBe(ticket.id);
  });

  it("related ticket numbers must be the same account's tickets", async () => {
    const customer = await createCustomer("standard");
    const other = await createCustomer("standard");
    const theirs = await fileAt(other, 3, T0);
    await expect(fileAt(customer, 3, T0, { relatedTicketNumbers: theirs.number })).rejects.toThrow(
      /not a ticket of your account/,
    );
    const mine = await fileAt(customer, 3, T0);
    const related = await fileAt(customer, 4, T0, { relatedTicketNumbers: mine.number });
    expect(related.relatedTicketNumbers).toBe(mine.number);
  });
});
