import { prisma } from "../../app/lib/db.server";
import type { Plan, PriorityLevel } from "../../app/support/policy";
import type { TicketFormValues } from "../../app/tickets/schemas";
import { fileTicketWith } from "../../app/tickets/ticket-filing.server";
import { createAccount, createUser } from "../factories/accounts";

/** A customer (owner of a fresh account on `plan`) as the ticket model sees a signed-in user. */
export async function createCustomer(plan: Plan = "standard") {
  const account = await createAccount({ plan });
  const user = await createUser({ accountId: account.id, accountRole: "owner" });
  return {
    account,
    user,
    actor: {
      id: user.id,
      email: user.email,
      role: "member" as const,
      account: { id: account.id, plan, role: "owner" as const },
    },
  };
}

export async function createAgent() {
  const user = await createUser({ role: "agent" });
  return { user, actor: { id: user.id, email: user.email, role: "agent" as const, account: null } };
}

export function formValues(overrides: Partial<TicketFormValues> = {}): TicketFormValues {
  return {
    subject: "Reports export fails",
    contactName: "Casey Customer",
    contactPhone: "+1 555 0100",
    description: "The monthly export fails with an error.",
    businessImpact: "Finance cannot close the month.",
    usersAffected: "12",
    issueStartedAt: "2026-06-01T08:00",
    issueTimeZone: "America/New_York",
    errorMessages: "Export failed (500)",
    stepsToReproduce: "Open Reports, click Export",
    alreadyTried: "Another browser",
    priority: 2,
    systemSpecs: "",
    recentChanges: "",
    relatedTicketNumbers: "",
    ...overrides,
  };
}

/** Files a ticket through the model at `now` and returns the stored row. */
export async function fileAt(
  customer: Awaited<ReturnType<typeof createCustomer>>,
  priority: PriorityLevel,
  now: Date,
  overrides: Partial<TicketFormValues> = {},
) {
  const result = await fileTicketWith(
    prisma,
    customer.actor,
    {
      values: formValues({ priority, ...(priority === 1 ? { p1Confirmed: "on" } : {}), ...overrides }),
      issueStartedAt: new Date(now.getTime() - 3_600_000),
      files: [],
      deflectionTrail: [],
    },
    now,
  );
  return prisma.ticket.findUniqueOrThrow({ where: { id: result.ticketId } });
}
