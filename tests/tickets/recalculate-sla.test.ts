import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { BUSINESS_HOURS_OPTION, ESCALATION_LEVELS, priorityTargetMinutes } from "~/support/policy";
import { escalateTickets, recalculateSlaDueTimes } from "~/tickets/jobs.server";
import { firstResponseDueAt } from "~/tickets/sla";
import { setPriorityByStaff, setStatusByStaff } from "~/tickets/ticket-moves.server";
import { createAgent, createCustomer, fileAt } from "./factories";

/** Policy changes reach open tickets (with a controllable clock: every run gets `now`). */

afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;
// A Friday, 14:00 Eastern Time (ET): a Standard P3 target runs into the weekend.
const T0 = new Date("2026-06-05T18:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const reload = (id: string) => prisma.ticket.findUniqueOrThrow({ where: { id } });
const timeline = (ticketId: string) => prisma.ticketEvent.findMany({ where: { ticketId, kind: "sla-recalculated" } });

describe("recalculate-sla", () => {
  it("a due time computed under old targets is recomputed from the current policy, once, on the timeline", async () => {
    const customer = await createCustomer("standard");
    const ticket = await fileAt(customer, 3, T0);
    const current = ticket.firstResponseDueAt;
    // As if filed when the Standard P3 target was a day shorter.
    await prisma.ticket.update({
      where: { id: ticket.id },
      data: { firstResponseDueAt: new Date(current.getTime() - 24 * 60 * MINUTE) },
    });
    expect(await recalculateSlaDueTimes(prisma, at(5))).toBeGreaterThanOrEqual(1);
    expect((await reload(ticket.id)).firstResponseDueAt.toISOString()).toBe(current.toISOString());
    const events = await timeline(ticket.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.note).toContain("first response due");
    await recalculateSlaDueTimes(prisma, at(6));
    expect(await timeline(ticket.id)).toHaveLength(1);
  });

  it("a ticket timed in business hours is re-timed around the clock (the policy's reading of the guide)", async () => {
    const customer = await createCustomer("standard");
    const ticket = await fileAt(customer, 3, T0);
    const aroundTheClock = new Date(T0.getTime() + priorityTargetMinutes("standard", 3) * MINUTE);
    expect(ticket.firstResponseDueAt.toISOString()).toBe(aroundTheClock.toISOString());
    // As filed before the change: Friday 2 PM plus a day of business hours lands on the next Tuesday.
    const businessHours = firstResponseDueAt(T0, "standard", 3, 0, {
      kind: "business-hours",
      hours: BUSINESS_HOURS_OPTION,
    });
    expect(businessHours.getTime() - T0.getTime()).toBeGreaterThan(3 * 24 * 60 * MINUTE);
    await prisma.ticket.update({ where: { id: ticket.id }, data: { firstResponseDueAt: businessHours } });

    await recalculateSlaDueTimes(prisma, at(10));
    expect((await reload(ticket.id)).firstResponseDueAt.toISOString()).toBe(aroundTheClock.toISOString());
    const [event] = await timeline(ticket.id);
    expect(event!.note).toContain(`${businessHours.toISOString()} → ${aroundTheClock.toISOString()}`);
  });

  it("time an unanswered ticket spent waiting on the customer stays off its first-response clock", async () => {
    const customer = await createCustomer("professional");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 2, T0);
    await setStatusByStaff(agent.actor, ticket, "waiting-on-customer", at(10));
    await setStatusByStaff(agent.actor, await reload(ticket.id), "open", at(70));
    const expected = new Date(T0.getTime() + (priorityTargetMinutes("professional", 2) + 60) * MINUTE);
    expect((await reload(ticket.id)).firstResponseDueAt.toISOString()).toBe(expected.toISOString());
    await recalculateSlaDueTimes(prisma, at(80));
    expect((await reload(ticket.id)).firstResponseDueAt.toISOString()).toBe(expected.toISOString());
    expect(await timeline(ticket.id)).toHaveLength(0);
  });

  it("solved and closed tickets are left alone; a P1 lowered to P2 loses its update clock and is not escalated", async () => {
    const customer = await createCustomer("enterprise");
    const agent = await createAgent();
    const solved = await fileAt(customer, 1, T0);
    await setStatusByStaff(agent.actor, solved, "solved", at(1));
    await prisma.ticket.update({ where: { id: solved.id }, data: { firstResponseDueAt: at(-1000) } });
    const lowered = await fileAt(customer, 1, T0);
    await setPriorityByStaff(agent.actor, lowered, 2, at(2));
    await prisma.ticket.update({ where: { id: lowered.id }, data: { nextUpdateDueAt: at(240) } });

    await recalculateSlaDueTimes(prisma, at(3));
    expect((await reload(solved.id)).firstResponseDueAt.toISOString()).toBe(at(-1000).toISOString());
    expect(await timeline(solved.id)).toHaveLength(0);
    expect((await reload(lowered.id)).nextUpdateDueAt).toBeNull();

    const lastStep = Math.max(...ESCALATION_LEVELS.map((entry) => entry.priority1EscalationAfter ?? 0));
    await escalateTickets(prisma, at(lastStep + 60));
    expect((await reload(solved.id)).escalationLevel).toBe(1);
    expect((await reload(lowered.id)).escalationLevel).toBe(1);
  });
});
