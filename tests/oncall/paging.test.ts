import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { prisma } from "~/lib/db.server";
import { runDueTasks } from "~/lib/task-queue.server";
import { ackToken, pageSecondaries } from "~/oncall/paging.server";
import { configureOnCallWebhook } from "~/oncall/webhook.server";
import { ON_CALL_PAGING } from "~/support/policy";
import { acknowledgeByToken, acknowledgeTicketPage } from "~/tickets/ticket-pages.server";
import { raisePriorityByCustomer, setPriorityByStaff, setStatusByStaff } from "~/tickets/ticket-moves.server";
import { createAgent, createCustomer, fileAt } from "../tickets/factories";
import { outcome } from "../refusals";

const MINUTE = 60_000;
const T0 = new Date("2026-06-01T03:00:00Z");
const after = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

let primary: Awaited<ReturnType<typeof createAgent>>;
let secondary: Awaited<ReturnType<typeof createAgent>>;

beforeEach(async () => {
  configureOnCallWebhook(null);
  await prisma.onCallPage.deleteMany();
  await prisma.onCallOverride.deleteMany();
  await prisma.onCallSlot.deleteMany();
  await prisma.queuedTask.deleteMany();
  primary = await createAgent();
  secondary = await createAgent();
  await prisma.onCallSlot.create({ data: { position: 0, primaryId: primary.user.id, secondaryId: secondary.user.id } });
});

afterAll(() => prisma.$disconnect());

const mailsTo = (email: string) =>
  prisma.outboxEmail.findMany({ where: { to: email, subject: { startsWith: "[PAGE]" } } });
const noticesFor = (userId: string) =>
  prisma.notification.findMany({ where: { userId, title: { startsWith: "Paged" } } });

describe("a Priority 1 ticket pages the on-call primary", () => {
  it("pages at once by mail (with an acknowledge link) and in-app; a Priority 2 pages nobody", async () => {
    const customer = await createCustomer("professional");
    await fileAt(customer, 2, T0);
    expect(await mailsTo(primary.user.email)).toHaveLength(0);
    const ticket = await fileAt(customer, 1, T0, { subject: "Everything is down" });
    const [mail] = await mailsTo(primary.user.email);
    expect(mail?.subject).toBe(`[PAGE] Priority 1 ${ticket.number}: Everything is down`);
    expect(mail?.text).toMatch(new RegExp(`/admin/tickets/${ticket.number}`));
    expect(mail?.text).toMatch(/\/admin\/on-call\/ack\/p1\./);
    expect(await noticesFor(primary.user.id)).toHaveLength(1);
    expect(await mailsTo(secondary.user.email)).toHaveLength(0);
    const events = await prisma.ticketEvent.findMany({ where: { ticketId: ticket.id, kind: "paged" } });
    expect(events).toHaveLength(1);
  });

  it("pages when an agent raises a ticket to Priority 1 (how mailed tickets become P1), once", async () => {
    const customer = await createCustomer("standard");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 3, T0);
    expect(await mailsTo(primary.user.email)).toHaveLength(0);
    await setPriorityByStaff(agent.actor, ticket, 1, after(5));
    expect(await mailsTo(primary.user.email)).toHaveLength(1);
    const raised = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    await setPriorityByStaff(agent.actor, { ...raised, emailTarget: true }, 1, after(6));
    expect(await mailsTo(primary.user.email)).toHaveLength(1);
  });

  it("pages when the customer raises their ticket to Priority 1; lowering it again resolves the page", async () => {
    const customer = await createCustomer("professional");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 2, T0);
    expect(await outcome(raisePriorityByCustomer(customer.actor, ticket, 1, "Now nobody can log in", after(1)))).toBe(
      "done",
    );
    expect(await mailsTo(primary.user.email)).toHaveLength(1);
    const raised = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    await setPriorityByStaff(agent.actor, raised, 2, after(20));
    expect((await prisma.onCallPage.findUniqueOrThrow({ where: { key: ticket.number } })).resolvedAt).toEqual(
      after(20),
    );
    expect(await pageSecondaries(prisma, after(30))).toBe(0);
  });

  it("an override for a date range pages its engineer instead of the rotation's", async () => {
    const stand = await createAgent();
    await prisma.onCallOverride.create({
      data: { startsAt: after(-60), endsAt: after(60), primaryId: stand.user.id, createdById: primary.user.id },
    });
    await fileAt(await createCustomer("enterprise"), 1, T0);
    expect(await mailsTo(stand.user.email)).toHaveLength(1);
    expect(await mailsTo(primary.user.email)).toHaveLength(0);
  });
});

describe("acknowledging, and the secondary after the policy's minutes", () => {
  it(`nobody acknowledges: the secondary is paged at ${ON_CALL_PAGING.secondaryAfterMinutes} minutes, once`, async () => {
    const ticket = await fileAt(await createCustomer("standard"), 1, T0);
    expect(await pageSecondaries(prisma, after(ON_CALL_PAGING.secondaryAfterMinutes - 1))).toBe(0);
    expect(await mailsTo(secondary.user.email)).toHaveLength(0);
    expect(await pageSecondaries(prisma, after(ON_CALL_PAGING.secondaryAfterMinutes))).toBe(1);
    expect(await pageSecondaries(prisma, after(ON_CALL_PAGING.secondaryAfterMinutes + 5))).toBe(0);
    const [mail] = await mailsTo(secondary.user.email);
    expect(mail?.subject).toContain(ticket.number);
    expect(mail?.text).toContain("did not acknowledge");
  });

  it("acknowledging from the ticket stops the paging and is on the timeline", async () => {
    const ticket = await fileAt(await createCustomer("standard"), 1, T0);
    expect(await outcome(acknowledgeTicketPage(primary.actor, ticket, after(3)))).toBe("done");
    expect(await outcome(acknowledgeTicketPage(primary.actor, ticket, after(4)))).toEqual({
      status: 409,
      message: "This page is already acknowledged or resolved.",
    });
    expect(await pageSecondaries(prisma, after(30))).toBe(0);
    expect(await mailsTo(secondary.user.email)).toHaveLength(0);
    const acked = await prisma.ticketEvent.findFirst({ where: { ticketId: ticket.id, kind: "page-acknowledged" } });
    expect(acked?.actorId).toBe(primary.user.id);
  });

  it("the signed link in the mail acknowledges; an altered one does not", async () => {
    const ticket = await fileAt(await createCustomer("standard"), 1, T0);
    const page = await prisma.onCallPage.findUniqueOrThrow({ where: { key: ticket.number } });
    const token = ackToken(page.id, primary.user.id);
    const invalid = { status: 409, message: "This acknowledge link is not valid." };
    expect(await outcome(acknowledgeByToken(`${token.slice(0, -2)}xx`, after(2)))).toEqual(invalid);
    expect(await outcome(acknowledgeByToken(token.replace(primary.user.id, secondary.user.id), after(2)))).toEqual(
      invalid,
    );
    expect(await outcome(acknowledgeByToken(token, after(2)))).toBe("done");
    const acked = await prisma.onCallPage.findUniqueOrThrow({ where: { key: ticket.number } });
    expect(acked.acknowledgedById).toBe(primary.user.id);
    expect(await pageSecondaries(prisma, after(30))).toBe(0);
  });

  it("a ticket solved before anyone answers pages nobody further", async () => {
    const agent = await createAgent();
    const ticket = await fileAt(await createCustomer("standard"), 1, T0);
    expect(await outcome(setStatusByStaff(agent.actor, ticket, "solved", after(5)))).toBe("done");
    expect(await pageSecondaries(prisma, after(30))).toBe(0);
  });
});

/** The documented Events API v2 shape (tests/oncall/fixtures), as a schema the sent events must fit. */
const fixture = JSON.parse(readFileSync(path.join(__dirname, "fixtures/pagerduty-events-v2.json"), "utf8")) as {
  documentedTriggerExample: unknown;
  documentedAcknowledgeExample: unknown;
  documentedResolveExample: unknown;
  rules: { summaryMaxLength: number; dedupKeyMaxLength: number; severity: [string, ...string[]] };
};
const eventSchema = z
  .object({
    routing_key: z.string().min(1),
    event_action: z.enum(["trigger", "acknowledge", "resolve"]),
    dedup_key: z.string().min(1).max(fixture.rules.dedupKeyMaxLength).optional(),
    payload: z
      .object({
        summary: z.string().min(1).max(fixture.rules.summaryMaxLength),
        source: z.string().min(1),
        severity: z.enum(fixture.rules.severity),
        timestamp: z.string().datetime({ offset: true }).optional(),
        component: z.string().optional(),
        group: z.string().optional(),
        class: z.string().optional(),
        custom_details: z.record(z.unknown()).optional(),
      })
      .strict()
      .optional(),
    links: z.array(z.object({ href: z.string().url(), text: z.string().optional() }).strict()).optional(),
    images: z
      .array(
        z.object({ src: z.string().url(), href: z.string().url().optional(), alt: z.string().optional() }).strict(),
      )
      .optional(),
    client: z.string().optional(),
    client_url: z.string().url().optional(),
  })
  .strict()
  .refine((event) => event.event_action !== "trigger" || event.payload, "a trigger needs a payload")
  // Acknowledge and resolve find the alert by its key: without one they are dropped.
  .refine((event) => event.event_action === "trigger" || event.dedup_key, "acknowledge and resolve need the dedup_key");

describe("the PagerDuty webhook", () => {
  let server: Server;
  let received: unknown[] = [];
  let url = "";

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push(JSON.parse(body));
        response.writeHead(202, { "Content-Type": "application/json" });
        response.end('{"status":"success","message":"Event processed"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/v2/enqueue`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("the fixture's own documented examples fit the schema the tests hold events to", () => {
    expect(eventSchema.safeParse(fixture.documentedTriggerExample).success).toBe(true);
    expect(eventSchema.safeParse(fixture.documentedAcknowledgeExample).success).toBe(true);
    expect(eventSchema.safeParse(fixture.documentedResolveExample).success).toBe(true);
    expect(eventSchema.safeParse({ routing_key: "k", event_action: "trigger", dedup_key: "d" }).success).toBe(false);
  });

  it("sends a trigger keyed by the ticket number, then acknowledge and resolve on the same key", async () => {
    received = [];
    configureOnCallWebhook({ url, routingKey: "R0UT1NGKEY0000000000000000000000" });
    const agent = await createAgent();
    const ticket = await fileAt(await createCustomer("standard"), 1, T0, { subject: "Data loss in reports" });
    await acknowledgeTicketPage(agent.actor, ticket, after(2));
    const row = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    await setStatusByStaff(agent.actor, row, "solved", after(30));
    for (const event of received) expect(eventSchema.safeParse(event).error?.issues ?? []).toEqual([]);
    const events = received as z.infer<typeof eventSchema>[];
    expect(events.map((event) => event.event_action)).toEqual(["trigger", "acknowledge", "resolve"]);
    expect(new Set(events.map((event) => event.dedup_key))).toEqual(new Set([ticket.number]));
    expect(events[0]?.payload).toMatchObject({ severity: "critical", timestamp: T0.toISOString() });
    expect(events[0]?.payload?.summary).toContain("Data loss in reports");
    expect(events[0]?.links?.[0]?.href).toMatch(new RegExp(`/admin/tickets/${ticket.number}$`));
  });

  it("a dead webhook URL never blocks filing: the page still goes by mail, the delivery waits to retry", async () => {
    // A port nothing listens on: take one from the system, then close it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const deadPort = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    configureOnCallWebhook({ url: `http://127.0.0.1:${deadPort}/v2/enqueue`, routingKey: "key" });
    const ticket = await fileAt(await createCustomer("standard"), 1, T0);
    expect(ticket.priority).toBe(1);
    expect(await mailsTo(primary.user.email)).toHaveLength(1);
    const [task] = await prisma.queuedTask.findMany({ where: { kind: "oncall-webhook" } });
    expect(task).toMatchObject({ status: "pending", attempts: 1 });
    expect(task?.lastError).toBeTruthy();
    expect(task!.runAfter.getTime()).toBeGreaterThan(Date.now());
    // Once the receiver answers, the retry delivers it.
    received = [];
    configureOnCallWebhook({ url, routingKey: "key" });
    await runDueTasks(prisma, () => new Date(Date.now() + 60 * MINUTE));
    expect((received as { dedup_key: string }[]).map((event) => event.dedup_key)).toEqual([ticket.number]);
  });
});
