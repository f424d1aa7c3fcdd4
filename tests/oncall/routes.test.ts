import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { ackToken } from "~/oncall/paging.server";
import { action as onCallAction, loader as onCallLoader } from "~/routes/admin.on-call";
import { action as ackAction, loader as ackLoader } from "~/routes/admin.on-call_.ack.$token";
import { action as agentTicketAction, loader as agentTicketLoader } from "~/routes/admin.tickets.$number";
import { createUser, sessionCookieFor } from "../factories/accounts";
import { createAgent, createCustomer, fileAt } from "../tickets/factories";

afterAll(() => prisma.$disconnect());

beforeEach(async () => {
  await prisma.onCallPage.deleteMany();
  await prisma.onCallOverride.deleteMany();
  await prisma.onCallSlot.deleteMany();
});

type Answer = { status: number; body: Record<string, unknown> };

function read(answer: unknown): Answer {
  if (answer instanceof Response) return { status: answer.status, body: {} };
  const { data, init } = answer as { data: Record<string, unknown>; init: { status?: number } | null };
  return { status: init?.status ?? 200, body: data };
}

async function call(
  handler: (args: ActionFunctionArgs & LoaderFunctionArgs) => Promise<unknown>,
  path: string,
  options: { cookie?: string; fields?: Record<string, string>; params?: Record<string, string> } = {},
): Promise<Answer> {
  const request = new Request(`http://localhost${path}`, {
    method: options.fields ? "POST" : "GET",
    ...(options.fields ? { body: new URLSearchParams(options.fields) } : {}),
    headers: {
      Cookie: options.cookie ?? "",
      ...(options.fields ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
    },
  });
  try {
    return read(await handler({ request, params: options.params ?? {}, context: {} }));
  } catch (thrown) {
    return read(thrown);
  }
}

describe("/admin/on-call", () => {
  it("is for staff: a customer is refused, an agent sees nobody on call until a rotation week is added", async () => {
    const member = await createUser();
    const refused = await call(onCallLoader, "/admin/on-call", { cookie: (await sessionCookieFor(member.id)).cookie });
    expect(refused.status).toBe(403);
    const agent = await createAgent();
    const other = await createAgent();
    const { cookie } = await sessionCookieFor(agent.user.id);
    const before = await call(onCallLoader, "/admin/on-call", { cookie });
    expect(before.body).toMatchObject({ board: { now: { primary: null, source: "none" } } });
    const added = await call(onCallAction, "/admin/on-call", {
      cookie,
      fields: { intent: "add-slot", primaryId: agent.user.id, secondaryId: other.user.id },
    });
    expect(added).toMatchObject({ status: 200, body: { ok: "Saved." } });
    const after = await call(onCallLoader, "/admin/on-call", { cookie });
    expect(after.body).toMatchObject({
      board: { now: { primary: { id: agent.user.id }, secondary: { id: other.user.id }, source: "rotation" } },
    });
  });

  it("refuses a secondary equal to the primary, and anyone who does not work tickets, with the reason", async () => {
    const agent = await createAgent();
    const member = await createUser();
    const { cookie } = await sessionCookieFor(agent.user.id);
    const same = await call(onCallAction, "/admin/on-call", {
      cookie,
      fields: { intent: "add-slot", primaryId: agent.user.id, secondaryId: agent.user.id },
    });
    expect(same).toMatchObject({ status: 400, body: { error: expect.stringContaining("other than the primary") } });
    const customer = await call(onCallAction, "/admin/on-call", {
      cookie,
      fields: { intent: "add-slot", primaryId: member.id },
    });
    expect(customer).toMatchObject({ status: 400, body: { error: expect.stringContaining("agents and admins") } });
    expect(await prisma.onCallSlot.count()).toBe(0);
  });

  it("an override's local times are read in the zone chosen beside them", async () => {
    const agent = await createAgent();
    const { cookie } = await sessionCookieFor(agent.user.id);
    const answer = await call(onCallAction, "/admin/on-call", {
      cookie,
      fields: {
        intent: "add-override",
        startsAt: "2099-07-10T09:00",
        endsAt: "2099-07-12T09:00",
        timeZone: "Europe/Berlin",
        primaryId: agent.user.id,
        note: "Swap",
      },
    });
    expect(answer.status).toBe(200);
    const stored = await prisma.onCallOverride.findFirstOrThrow();
    expect(stored.startsAt.toISOString()).toBe("2099-07-10T07:00:00.000Z");
    const backwards = await call(onCallAction, "/admin/on-call", {
      cookie,
      fields: {
        intent: "add-override",
        startsAt: "2099-07-12T09:00",
        endsAt: "2099-07-10T09:00",
        timeZone: "Europe/Berlin",
        primaryId: agent.user.id,
      },
    });
    expect(backwards).toMatchObject({ status: 400, body: { error: "The override must end after it starts." } });
  });
});

describe("acknowledging a page", () => {
  it("from the agent's ticket page: the panel shows the page, the button stops it", async () => {
    const agent = await createAgent();
    await prisma.onCallSlot.create({ data: { position: 0, primaryId: agent.user.id } });
    const ticket = await fileAt(await createCustomer("standard"), 1, new Date());
    const { cookie } = await sessionCookieFor(agent.user.id);
    const params = { number: ticket.number };
    const before = await call(agentTicketLoader, `/admin/tickets/${ticket.number}`, { cookie, params });
    expect(before.body).toMatchObject({ page: { primary: agent.user.name, acknowledgedAt: null } });
    const acked = await call(agentTicketAction, `/admin/tickets/${ticket.number}`, {
      cookie,
      params,
      fields: { intent: "acknowledge" },
    });
    expect(acked).toMatchObject({ status: 200, body: { ok: expect.stringContaining("Acknowledged") } });
    const after = await call(agentTicketLoader, `/admin/tickets/${ticket.number}`, { cookie, params });
    expect(after.body).toMatchObject({ page: { acknowledgedBy: agent.user.name } });
  });

  it("from the mail's link without signing in: the GET only shows it, the POST acknowledges; a forged link is 404", async () => {
    const agent = await createAgent();
    await prisma.onCallSlot.create({ data: { position: 0, primaryId: agent.user.id } });
    const ticket = await fileAt(await createCustomer("standard"), 1, new Date());
    const page = await prisma.onCallPage.findUniqueOrThrow({ where: { key: ticket.number } });
    const token = ackToken(page.id, agent.user.id);
    const forged = await call(ackLoader, "/admin/on-call/ack/x", { params: { token: `${token}x` } });
    expect(forged.status).toBe(404);
    const shown = await call(ackLoader, "/admin/on-call/ack/x", { params: { token } });
    expect(shown.body).toMatchObject({ page: { key: ticket.number, acknowledged: false } });
    expect((await prisma.onCallPage.findUniqueOrThrow({ where: { id: page.id } })).acknowledgedAt).toBeNull();
    const posted = await call(ackAction, "/admin/on-call/ack/x", { params: { token }, fields: {} });
    expect(posted.status).toBe(200);
    expect((await prisma.onCallPage.findUniqueOrThrow({ where: { id: page.id } })).acknowledgedById).toBe(
      agent.user.id,
    );
    const again = await call(ackAction, "/admin/on-call/ack/x", { params: { token }, fields: {} });
    expect(again.status).toBe(409);
  });
});
