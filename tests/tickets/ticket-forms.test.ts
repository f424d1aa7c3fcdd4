import { afterAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import { prisma } from "~/lib/db.server";
import { action as contentGapsAction } from "~/routes/admin.content-gaps._index";
import { action as agentTicketAction } from "~/routes/admin.tickets.$number";
import { action as surveyAction } from "~/routes/support.survey.$ticketId.$signature";
import { action as newTicketAction } from "~/routes/support.new";
import { action as customerTicketAction } from "~/routes/support.tickets.$number";
import { ticketFilingSchema } from "~/tickets/schemas";
import { surveyPath } from "~/tickets/survey-links.server";
import { createUser, sessionCookieFor } from "../factories/accounts";
import { actor, submitIdea } from "../ideas/factories";
import { createAgent, createCustomer, fileAt, formValues } from "./factories";

afterAll(() => prisma.$disconnect());

type Action = (args: ActionFunctionArgs) => Promise<unknown>;
type Answer = { status: number; body: Record<string, unknown>; location: string | null };

/** Posts a url-encoded form to a route's action as the browser would, and reads the answer whether it is a redirect, a data answer or a thrown one. */
async function post(
  action: Action,
  path: string,
  fields: Record<string, string>,
  cookie = "",
  params: Record<string, string> = {},
): Promise<Answer> {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
  });
  const read = (answer: unknown): Answer => {
    if (answer instanceof Response)
      return { status: answer.status, body: {}, location: answer.headers.get("Location") };
    const { data, init } = answer as { data: Record<string, unknown>; init: { status?: number } | null };
    return { status: init?.status ?? 200, body: data, location: null };
  };
  try {
    return read(await action({ request, params, context: {} }));
  } catch (thrown) {
    return read(thrown);
  }
}

async function agentOnTicket() {
  const customer = await createCustomer("professional");
  const ticket = await fileAt(customer, 3, new Date());
  const agent = await createAgent();
  const { cookie } = await sessionCookieFor(agent.user.id);
  const send = (fields: Record<string, string>) =>
    post(agentTicketAction, `/admin/tickets/${ticket.number}`, fields, cookie, { number: ticket.number });
  const stored = () => prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
  return { customer, ticket, agent, send, stored };
}

describe("the agent's ticket page forms", () => {
  it("links an idea named by its number, #number or link, unlinks on an empty field, and refuses anything else with the reason", async () => {
    const { send, stored } = await agentOnTicket();
    const { id } = await submitIdea(await actor());
    for (const reference of [
      String(id),
      `#${id}`,
      ` /ideas/${id}-scheduled-exports `,
      `https://help.example.com/ideas/${id}`,
    ]) {
      await send({ intent: "idea", ideaId: "" });
      expect((await stored()).ideaId).toBeNull();
      expect(await send({ intent: "idea", ideaId: reference })).toMatchObject({ status: 200, body: { ok: "Saved." } });
      expect((await stored()).ideaId, reference).toBe(id);
    }
    for (const reference of ["twelve", "#", "/ideas/", `${id}x`, "/community/t/12-thread"]) {
      expect(await send({ intent: "idea", ideaId: reference }), reference).toMatchObject({
        status: 400,
        body: { error: "Give the idea's number (e.g. 12) or its link." },
      });
    }
    expect((await stored()).ideaId).toBe(id);
  });

  it("sets status, priority, level and assignee, and refuses values outside the lists with the model's words", async () => {
    const { send, stored, agent } = await agentOnTicket();
    expect(await send({ intent: "status", status: "open" })).toMatchObject({ status: 200, body: { ok: "Saved." } });
    expect(await send({ intent: "priority", priority: "2" })).toMatchObject({ status: 200, body: { ok: "Saved." } });
    expect(await send({ intent: "level", level: "3" })).toMatchObject({ status: 200, body: { ok: "Saved." } });
    expect(await send({ intent: "assign", assigneeId: agent.user.id })).toMatchObject({
      status: 200,
      body: { ok: "Saved." },
    });
    expect(await stored()).toMatchObject({
      status: "open",
      priority: 2,
      escalationLevel: 3,
      assigneeId: agent.user.id,
    });
    expect(await send({ intent: "assign", assigneeId: "" })).toMatchObject({ status: 200 });
    expect((await stored()).assigneeId).toBeNull();

    expect(await send({ intent: "status", status: "archived" })).toMatchObject({
      status: 400,
      body: { error: "Unknown status." },
    });
    expect(await send({ intent: "status", status: "new" })).toMatchObject({
      status: 400,
      body: { error: "A open ticket cannot be set to new." },
    });
    for (const priority of ["0", "5", "", "high"])
      expect(await send({ intent: "priority", priority }), priority).toMatchObject({
        status: 400,
        body: { error: "Unknown priority." },
      });
    for (const level of ["0", "9", ""])
      expect(await send({ intent: "level", level }), level).toMatchObject({
        status: 400,
        body: { error: "Unknown escalation level." },
      });
    const member = await createUser();
    expect(await send({ intent: "assign", assigneeId: member.id })).toMatchObject({
      status: 400,
      body: { error: "Tickets are assigned to agents." },
    });
    expect(await send({ intent: "archive" })).toMatchObject({ status: 400, body: { error: "Unknown action." } });
    expect(await send({})).toMatchObject({ status: 400, body: { error: "Unknown action." } });
    expect(await stored()).toMatchObject({ status: "open", priority: 2, escalationLevel: 3 });
  });

  it("a reply without a mode is refused and goes nowhere; an empty one comes back to its mode", async () => {
    const { send, ticket } = await agentOnTicket();
    expect(await send({ intent: "reply", body: "Try clearing the cache." })).toMatchObject({
      status: 400,
      body: { error: "Choose Public reply or Internal note." },
    });
    expect(await send({ intent: "reply", visibility: "internal", body: "" })).toMatchObject({
      status: 400,
      body: { refused: { visibility: "internal", draft: "", error: "A message is required." } },
    });
    const sent = await send({ intent: "reply", visibility: "internal", body: "Looks like the cache." });
    expect(sent.status).toBe(302);
    expect(sent.location).toMatch(new RegExp(`^/admin/tickets/${ticket.number}#message-`));
    expect(await prisma.ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(1);
  });
});

describe("the customer's ticket page forms", () => {
  async function customerOnTicket(plan: "standard" | "enterprise" = "standard") {
    const customer = await createCustomer(plan);
    const ticket = await fileAt(customer, 3, new Date());
    const { cookie } = await sessionCookieFor(customer.user.id);
    const send = (fields: Record<string, string>) =>
      post(customerTicketAction, `/support/tickets/${ticket.number}`, fields, cookie, { number: ticket.number });
    return { ticket, send, stored: () => prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } }) };
  }

  it("replies, raises the priority with a reason, and says what is wrong with each refused form", async () => {
    const { send, stored, ticket } = await customerOnTicket();
    expect(await send({ intent: "reply", body: "   " })).toMatchObject({
      status: 400,
      body: { error: "A message is required.", field: "body" },
    });
    expect((await send({ intent: "reply", body: "Still failing today." })).location).toMatch(
      new RegExp(`^/support/tickets/${ticket.number}#message-`),
    );
    expect(await send({ intent: "raise", priority: "2" })).toMatchObject({
      status: 400,
      body: { error: "A reason is required.", field: "raise" },
    });
    expect(await send({ intent: "raise", priority: "1", reason: "Nobody can sign in" })).toMatchObject({
      status: 400,
      body: { field: "raise", error: expect.stringContaining("Confirm the service is down") },
    });
    expect(await send({ intent: "raise", priority: "3", reason: "Same" })).toMatchObject({
      status: 409,
      body: { error: "Choose a higher priority than the current one.", field: "raise" },
    });
    expect(await send({ intent: "raise", priority: "2", reason: "Month end is tomorrow" })).toMatchObject({
      status: 200,
      body: { ok: "Priority raised to 2." },
    });
    expect((await stored()).priority).toBe(2);
    expect(await send({ intent: "escalate", reason: "Please" })).toMatchObject({
      status: 409,
      body: { error: expect.stringContaining("Enterprise plan") },
    });
    expect(await send({ intent: "close-forever" })).toMatchObject({ status: 400, body: { error: "Unknown action." } });
    expect(await send({ intent: "solved" })).toMatchObject({
      status: 200,
      body: { ok: expect.stringContaining("Marked solved") },
    });
    expect((await stored()).status).toBe("solved");
  });

  it("an Enterprise customer's escalation takes an optional reason, kept to 2,000 characters", async () => {
    const { send, stored, ticket } = await customerOnTicket("enterprise");
    expect(await send({ intent: "escalate", reason: "x".repeat(3_000) })).toMatchObject({
      status: 200,
      body: { ok: expect.stringContaining("Escalation requested") },
    });
    expect((await stored()).escalationLevel).toBe(2);
    const event = await prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, kind: "escalated" } });
    expect(event.note).toBe("x".repeat(2_000));
    expect(await send({ intent: "escalate" })).toMatchObject({ status: 200 });
    expect((await stored()).escalationLevel).toBe(3);
  });
});

describe("the new-ticket form's start time", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const filing = (issueStartedAt: string, issueTimeZone = "UTC") =>
    ticketFilingSchema(now).safeParse({ ...formValues({ issueStartedAt, issueTimeZone }) });
  const message = (result: ReturnType<typeof filing>) =>
    result.success ? null : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);

  it("is turned into the instant it names in the chosen zone", () => {
    const result = filing("2026-06-01T10:00", "Europe/Berlin");
    expect(result.success && result.data.issueStartedAt.toISOString()).toBe("2026-06-01T08:00:00.000Z");
  });

  it("may be up to 5 minutes past the server's clock, not more", () => {
    expect(filing("2026-06-01T12:05").success).toBe(true);
    expect(message(filing("2026-06-01T12:06"))).toEqual([
      "issueStartedAt: When the issue started cannot be in the future.",
    ]);
  });

  it("in a zone that does not exist is refused on the field", () => {
    expect(message(filing("2026-06-01T10:00", "Mars/Olympus_Mons"))).toEqual([
      "issueStartedAt: Enter a valid date and time and choose your time zone.",
    ]);
  });

  it("in the future is refused by the new-ticket form on its field with a 400, and nothing is filed", async () => {
    const customer = await createCustomer("standard");
    const { cookie } = await sessionCookieFor(customer.user.id);
    const fields = Object.fromEntries(
      Object.entries(formValues({ issueStartedAt: "2099-01-01T08:00" })).map(([name, value]) => [name, String(value)]),
    );
    const answer = await post(newTicketAction, "/support/new", fields, cookie);
    expect(answer).toMatchObject({
      status: 400,
      body: { error: { issueStartedAt: ["When the issue started cannot be in the future."] } },
    });
    expect(await prisma.ticket.count({ where: { requesterId: customer.user.id } })).toBe(0);
  });

  it("is checked only once the other fields are right, so its message never stacks on theirs", () => {
    const result = ticketFilingSchema(now).safeParse({
      ...formValues({ issueStartedAt: "2027-01-01T00:00" }),
      subject: "",
    });
    expect(message(result)).toEqual(["subject: A subject is required."]);
  });
});

describe("the survey and content-gap forms", () => {
  it("the survey refuses a missing or out-of-range rating with the reason and takes one answer", async () => {
    const customer = await createCustomer("standard");
    const ticket = await fileAt(customer, 3, new Date());
    // The close job sends the survey; here it is as if sent.
    await prisma.ticketSurvey.create({ data: { ticketId: ticket.id } });
    const [, , ticketId, signature] = surveyPath(ticket.id).split("/").slice(1);
    const send = (fields: Record<string, string>) =>
      post(surveyAction, surveyPath(ticket.id), fields, "", { ticketId, signature });
    for (const rating of ["", "0", "6", "great"])
      expect(await send({ rating }), rating).toMatchObject({
        status: 400,
        body: { error: "Choose a rating from 1 to 5.", done: false },
      });
    expect(await send({ rating: "5" })).toMatchObject({ status: 200, body: { error: null, done: true } });
    expect(await send({ rating: "4" })).toMatchObject({ status: 409, body: { done: true } });
    expect(await prisma.ticketSurvey.findUniqueOrThrow({ where: { ticketId: ticket.id } })).toMatchObject({
      rating: 5,
    });
  });

  it("a content gap is dismissed only with its key and a reason of at least 3 characters", async () => {
    const admin = await createUser({ role: "admin" });
    const { cookie } = await sessionCookieFor(admin.id);
    const send = (fields: Record<string, string>) => post(contentGapsAction, "/admin/content-gaps", fields, cookie);
    expect(await send({ reason: "Covered elsewhere" })).toMatchObject({
      status: 400,
      body: { error: "Which group? The form was incomplete." },
    });
    expect(await send({ key: "  ", reason: "ok" })).toMatchObject({
      status: 400,
      body: { error: "Which group? The form was incomplete." },
    });
    expect(await send({ key: "zorblax widget", reason: " ab " })).toMatchObject({
      status: 400,
      body: { error: "Say why this group is dismissed (at least 3 characters)." },
    });
    const key = `gap-${admin.id}`;
    expect(await send({ key: ` ${key} `, reason: " Covered by the setup guide " })).toMatchObject({
      status: 303,
      location: "/admin/content-gaps",
    });
    expect(await prisma.auditLog.findFirst({ where: { actorId: admin.id, subjectId: key } })).toMatchObject({
      reason: "Covered by the setup guide",
    });
  });
});
