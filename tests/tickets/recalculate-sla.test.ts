import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { ESCALATION_LEVELS, priorityTargetMinutes } from "~/support/policy";
import { escalateTickets, recalculateSlaDueTimes } from "~/tickets/jobs.server";
import { easternDate } from "~/support/eastern-time";
import { firstResponseDueAt } from "~/tickets/sla";
import { setPriorityByStaff, setStatusByStaff } from "~/tickets/ticket-moves.server";
import { createAgent, createCustomer, fileAt } from "./factories";

/** Policy changes reach open tickets (with a controllable clock: every run gets `now`). */

afterAll(() => prisma.$disconnect());

const MINUTE = 60_000;
// A Friday, 14:00 Eastern: a Standard P3 target runs over the weekend.
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

  it("a holiday added on the due day moves the due time later (covered time only)", async () => {
    const customer = await createCustomer("standard");
    const ticket = await fileAt(customer, 3, T0);
    const dueDay = easternDate(ticket.firstResponseDueAt);
    await prisma.supportHoliday.create({ data: { date: dueDay, name: "Test holiday" } });
    try {
      await recalculateSlaDueTimes(prisma, at(10));
      const moved = (await reload(ticket.id)).firstResponseDueAt;
      expect(moved.getTime()).toBeGreaterThan(ticket.firstResponseDueAt.getTime());
      expect(moved.toISOString()).toBe(firstResponseDueAt(T0, "standard", 3, new Set([dueDay])).toISOString());
      expect(priorityTargetMinutes("standard", 3)).toBeGreaterThan(0);
    } finally {
      await prisma.supportHoliday.delete({ where: { date: dueDay } });
    }
  });

  it("solved and closed tickets are left alone; a P1 lowered to P2 loses its update clock and is not escalated", async () => {
    const customer = await createCustomer("enterprise");
    const agent = await createAgent();
    const solved = await fileAt(customer, 1, T0);
    await setStatusByStaff(prisma, solved, agent.actor, "solved", at(1));
    await prisma.ticket.update({ where: { id: solved.id }, data: { firstResponseDueAt: at(-1000) } });
    const lowered = await fileAt(customer, 1, T0);
    await setPriorityByStaff(prisma, lowered, agent.actor, 2, at(2));
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
