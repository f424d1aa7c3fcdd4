import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { countWrite, WRITE_LIMITS } from "~/auth/write-limits.server";
import { action as newTicketAction } from "~/routes/support.new";
import type { PriorityLevel } from "~/support/policy";
import { fileTicketWith } from "~/tickets/ticket-filing.server";
import { sessionCookieFor } from "../factories/accounts";
import { createCustomer, formValues } from "./factories";
import { outcome } from "../refusals";

afterAll(() => prisma.$disconnect());

function midWindow(windowMs: number) {
  return new Date(Math.floor(Date.now() / windowMs) * windowMs + windowMs / 2);
}

type Customer = Awaited<ReturnType<typeof createCustomer>>;

/** Files a ticket: "done", or the Refusal it met ({ status, field, message }). */
function file(customer: Customer, priority: PriorityLevel, index: number, now: Date) {
  const values = formValues({
    priority,
    subject: `Burst ticket ${index}`,
    ...(priority === 1 ? { p1Confirmed: "on" as const } : {}),
  });
  return outcome(
    fileTicketWith(
      prisma,
      customer.actor,
      { values, issueStartedAt: new Date(now.getTime() - 3_600_000), files: [], deflectionTrail: [] },
      now,
    ),
  );
}

describe("limits on filing tickets", () => {
  it("40 Priority 1 tickets at once: the day's Priority 1 allowance is filed, the rest are refused 429 on the priority field", async () => {
    const customer = await createCustomer("enterprise");
    const now = midWindow(WRITE_LIMITS.priority1TicketsPerDay.windowMs);
    const results = await Promise.all(Array.from({ length: 40 }, (_, index) => file(customer, 1, index, now)));
    const allowance = WRITE_LIMITS.priority1TicketsPerDay.limit;
    expect(await prisma.ticket.count({ where: { requesterId: customer.user.id } })).toBe(allowance);
    expect(results.filter((result) => result === "done")).toHaveLength(allowance);
    const refused = results.filter((entry) => entry !== "done");
    expect(refused).toHaveLength(40 - allowance);
    for (const result of refused)
      expect(result).toMatchObject({
        status: 429,
        field: "priority",
        message: expect.stringMatching(
          /^You can file 3 Priority 1 \(System Down\) tickets a day\..* file it as Priority 2\. You can file another Priority 1 ticket in \d+ hours/,
        ),
      });
    // A refused Priority 1 ticket counted nothing: the customer can still file at Priority 2.
    expect(await file(customer, 2, 99, now)).toBe("done");
  });

  it("tickets of any priority: the hour's allowance, then a 429 on the whole form", async () => {
    const customer = await createCustomer("professional");
    const now = midWindow(WRITE_LIMITS.ticketsPerHour.windowMs);
    const results = await Promise.all(Array.from({ length: 15 }, (_, index) => file(customer, 3, index, now)));
    expect(results.filter((result) => result === "done")).toHaveLength(WRITE_LIMITS.ticketsPerHour.limit);
    const refused = results.find((result) => result !== "done");
    expect(refused).toMatchObject({
      status: 429,
      field: "form",
      message: expect.stringMatching(/^You can file 10 tickets an hour\. You can file another ticket in \d+ minutes/),
    });
  });

  it("the new-ticket form answers a refusal with 429 and the message next to the priority", async () => {
    const customer = await createCustomer("standard");
    // This day's Priority 1 allowance used up, and the next day's, in case the request lands just after midnight UTC.
    for (const at of [new Date(), new Date(Date.now() + WRITE_LIMITS.priority1TicketsPerDay.windowMs)]) {
      for (let index = 0; index < WRITE_LIMITS.priority1TicketsPerDay.limit; index++)
        await countWrite(prisma, "priority1TicketsPerDay", customer.user.id, at);
    }
    const { cookie } = await sessionCookieFor(customer.user.id);
    const body = new FormData();
    for (const [name, value] of Object.entries(
      formValues({ priority: 1, p1Confirmed: "on", issueStartedAt: "2026-01-05T08:00" }),
    ))
      if (value !== undefined) body.set(name, String(value));
    const request = new Request("http://localhost/support/new", { method: "POST", body, headers: { Cookie: cookie } });
    const answer = (await newTicketAction({ request, params: {}, context: {} } as Parameters<
      typeof newTicketAction
    >[0])) as unknown as {
      data: { error: Record<string, string[]> };
      init: { status: number; headers: Record<string, string> };
    };
    expect(answer.init.status).toBe(429);
    // It says when to try again, as every 429 does.
    expect(Number(answer.init.headers["Retry-After"])).toBeGreaterThan(0);
    expect(answer.data.error.priority?.[0]).toContain("You can file 3 Priority 1 (System Down) tickets a day.");
    expect(await prisma.ticket.count({ where: { requesterId: customer.user.id } })).toBe(0);
  });
});
