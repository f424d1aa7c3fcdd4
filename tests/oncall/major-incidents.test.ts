import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import "~/composition.server";
import { TicketIncidentPanel } from "~/components/support/incident-parts";
import { outgoing } from "~/jobs/send-mail.server";
import { prisma } from "~/lib/db.server";
import { readOutbox } from "~/lib/mailer.server";
import { incidentOfTicket } from "~/status/incident-links.server";
import { scheduleReview } from "~/status/incident-review.server";
import { openIncident, postUpdate } from "~/status/incident-writes.server";
import { statusPage } from "~/status/status-page.server";
import { RESOLUTION_COMMITMENTS } from "~/support/policy";
import { linkToIncident } from "~/tickets/major-incidents.server";
import { ticketView } from "~/tickets/view.server";
import { createUser } from "../factories/accounts";
import { createAgent, createCustomer, fileAt } from "../tickets/factories";

const MINUTE = 60_000;
const T0 = new Date("2026-06-01T03:00:00Z");
const after = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const ROOT_CAUSE = "A certificate on the payment gateway expired; renewals are now monitored and alerted.";

afterAll(() => prisma.$disconnect());

let componentId: string;
beforeEach(async () => {
  await prisma.onCallSlot.deleteMany();
  const name = `Payments ${randomUUID().slice(0, 6)}`;
  componentId = (await prisma.statusComponent.create({ data: { slug: name.toLowerCase().replace(/\s/g, "-"), name } }))
    .id;
});

const newIncident = (impact: "minor" | "major" | "critical" = "critical") => ({
  newIncident: {
    title: `Payments down ${randomUUID().slice(0, 5)}`,
    impact,
    status: "investigating" as const,
    message: "Payments fail for many customers. We are investigating.",
    components: [{ componentId, state: "major-outage" as const }],
  },
});

/** Two Priority 1 tickets of two accounts, linked to one new incident by an agent; the first responses sent. */
async function twoLinkedTickets() {
  const agent = await createAgent();
  const first = await createCustomer("enterprise");
  const second = await createCustomer("professional");
  const one = await fileAt(first, 1, T0, { subject: "Checkout fails" });
  const two = await fileAt(second, 1, after(1), { subject: "Cannot take payments" });
  const incident = await linkToIncident(prisma, one, agent.actor, newIncident("minor"), after(2));
  await linkToIncident(prisma, two, agent.actor, { incidentId: incident.id }, after(3));
  // The first response was given on each ticket: the 4-hour cadence runs from here.
  await prisma.ticket.updateMany({
    where: { id: { in: [one.id, two.id] } },
    data: { firstRespondedAt: after(5), nextUpdateDueAt: after(5 + RESOLUTION_COMMITMENTS.priority1UpdateEvery) },
  });
  return { agent, first, second, one, two, incident };
}

describe("linking Priority 1 tickets to a status-page incident", () => {
  it("links to a new incident (on the status page at once) or an open one, on the timeline both sides see", async () => {
    const { first, one, two, incident } = await twoLinkedTickets();
    const links = await prisma.incidentTicket.findMany({ where: { incidentId: incident.id } });
    expect(links.map((link) => link.ticketId).sort()).toEqual([one.id, two.id].sort());
    expect((await statusPage(after(4))).open.map((entry) => entry.id)).toContain(incident.id);
    const customerView = await ticketView(first.actor, one);
    expect(customerView.events.find((event) => event.kind === "incident-linked")?.to).toBe(incident.title);
  });

  it("refuses customers, tickets below Priority 1, and resolved incidents", async () => {
    const agent = await createAgent();
    const customer = await createCustomer("enterprise");
    const p1 = await fileAt(customer, 1, T0);
    const p2 = await fileAt(customer, 2, T0);
    await expect(linkToIncident(prisma, p1, customer.actor, newIncident())).rejects.toMatchObject({ status: 403 });
    await expect(linkToIncident(prisma, p2, agent.actor, newIncident())).rejects.toMatchObject({ status: 409 });
    const resolved = await openIncident(agent.actor, newIncident("minor").newIncident, T0);
    await postUpdate(agent.actor, resolved.id, { status: "resolved", message: "Fixed now." }, after(1));
    await expect(linkToIncident(prisma, p1, agent.actor, { incidentId: resolved.id })).rejects.toMatchObject({
      status: 409,
    });
    expect(await prisma.incidentTicket.count({ where: { ticketId: { in: [p1.id, p2.id] } } })).toBe(0);
  });
});

describe("the incident's updates reach the linked tickets", () => {
  it("on the timeline, in the customer's notifications and mail, and as the ticket's Priority 1 update", async () => {
    const { agent, first, one, two, incident } = await twoLinkedTickets();
    await postUpdate(
      agent.actor,
      incident.id,
      { status: "identified", message: "An expired **certificate** on the gateway." },
      after(30),
    );
    for (const ticket of [one, two]) {
      const [event] = await prisma.ticketEvent.findMany({ where: { ticketId: ticket.id, kind: "incident-update" } });
      expect(event).toMatchObject({ toValue: "Identified", note: "An expired certificate on the gateway." });
      const stored = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
      expect(stored.nextUpdateDueAt).toEqual(
        new Date(after(30).getTime() + RESOLUTION_COMMITMENTS.priority1UpdateEvery * MINUTE),
      );
      expect(await prisma.ticketEvent.count({ where: { ticketId: ticket.id, kind: "update-on-time" } })).toBe(1);
      const mails = await prisma.outboxEmail.findMany({
        where: { ticketId: ticket.id, subject: { contains: "Incident update" } },
      });
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toBe(`[${ticket.number}] Incident update (Identified): ${incident.title}`);
      expect(mails[0]!.text).toContain("An expired certificate on the gateway.");
      expect(mails[0]!.text).toContain(`/support/tickets/${ticket.number}`);
      const notices = await prisma.notification.findMany({
        where: { userId: ticket.requesterId, title: { startsWith: "Incident update" } },
      });
      expect(notices.map((notice) => notice.url)).toEqual([`/support/tickets/${ticket.number}#incident`]);
    }
    // The customer's page shows the update in the incident panel and on the history.
    const view = await ticketView(first.actor, one);
    expect(view.events.find((event) => event.kind === "incident-update")?.note).toContain("certificate");
    const panel = await incidentOfTicket(prisma, one.id);
    expect(panel?.updates[0]).toMatchObject({ statusLabel: "Identified" });
    expect(panel?.updates[0]?.bodyHtml).toContain("<strong>certificate</strong>");
  });
});

describe("resolving a major incident asks for the root cause analysis", () => {
  it("refuses to resolve without one (or with a few words), then shows it on the status page and the tickets", async () => {
    const { agent, one, incident } = await twoLinkedTickets();
    // Minor impact, but Priority 1 tickets are linked: a major incident.
    await expect(
      postUpdate(agent.actor, incident.id, { status: "resolved", message: "Payments work again." }, after(60)),
    ).rejects.toMatchObject({ status: 400, field: "rootCause" });
    await expect(
      postUpdate(
        agent.actor,
        incident.id,
        { status: "resolved", message: "Payments work again.", rootCause: "Certificate." },
        after(60),
      ),
    ).rejects.toMatchObject({ status: 400, field: "rootCause" });
    expect((await prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("investigating");

    await postUpdate(
      agent.actor,
      incident.id,
      { status: "resolved", message: "Payments work again.", rootCause: ROOT_CAUSE },
      after(60),
    );
    const onStatusPage = (await statusPage(after(61))).history.find((entry) => entry.id === incident.id);
    expect(onStatusPage?.rootCauseHtml).toContain("renewals are now monitored");
    expect((await incidentOfTicket(prisma, one.id))?.rootCauseHtml).toContain("renewals are now monitored");
    const [mail] = await prisma.outboxEmail.findMany({
      where: { ticketId: one.id, subject: { contains: "(Resolved)" } },
    });
    expect(mail?.text).toContain("Root cause analysis:");
    expect(mail?.text).toContain("renewals are now monitored");
  });

  it("lets a minor incident with no linked tickets resolve without one", async () => {
    const agent = await createAgent();
    const incident = await openIncident(agent.actor, newIncident("minor").newIncident, T0);
    await postUpdate(agent.actor, incident.id, { status: "resolved", message: "Blip over." }, after(5));
    expect((await prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("resolved");
  });
});

describe("the post-incident review meeting", () => {
  it("invites each linked ticket's requester and account owner with an .ics the calendar shows in its own zone", async () => {
    const { agent, first, second, incident } = await twoLinkedTickets();
    // A colleague who filed a linked ticket in the first account is invited too; a mere member is not.
    const colleague = await createUser({ accountId: first.account.id, accountRole: "member" });
    const bystander = await createUser({ accountId: second.account.id, accountRole: "member" });
    const colleagueCustomer = {
      ...first,
      user: colleague,
      actor: { ...first.actor, id: colleague.id, account: { ...first.actor.account, role: "member" as const } },
    };
    const third = await fileAt(colleagueCustomer as unknown as typeof first, 1, after(4));
    await linkToIncident(prisma, third, agent.actor, { incidentId: incident.id }, after(5));
    const meeting = new Date("2026-06-03T15:30:00Z");
    await expect(
      scheduleReview(agent.actor, incident.id, { startsAt: meeting, minutes: 60, location: "" }, after(10)),
    ).rejects.toMatchObject({ status: 409 });
    await postUpdate(
      agent.actor,
      incident.id,
      { status: "resolved", message: "Payments work again.", rootCause: ROOT_CAUSE },
      after(60),
    );
    await expect(
      scheduleReview(agent.actor, incident.id, { startsAt: after(30), minutes: 60, location: "" }, after(61)),
    ).rejects.toMatchObject({ status: 400 });
    await scheduleReview(
      agent.actor,
      incident.id,
      { startsAt: meeting, minutes: 45, location: "https://meet.example/review" },
      after(70),
    );

    const invitations = await prisma.outboxEmail.findMany({
      where: { subject: `Invitation: post-incident review of "${incident.title}"` },
      orderBy: { to: "asc" },
    });
    expect(invitations.map((mail) => mail.to)).toEqual([first.user.email, second.user.email, colleague.email].sort());
    expect(invitations.map((mail) => mail.to)).not.toContain(bystander.email);
    const ics = invitations.find((mail) => mail.to === second.user.email)!.calendar;
    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain("METHOD:REQUEST");
    // UTC date-times (no TZID): every invitee's calendar shows 15:30 UTC in its own zone.
    expect(unfolded).toContain("\r\nDTSTART:20260603T153000Z\r\n");
    expect(unfolded).toContain("\r\nDTEND:20260603T161500Z\r\n");
    expect(unfolded).toContain(`UID:incident-review-${incident.id}@`);
    expect(unfolded).toContain("SEQUENCE:1");
    expect(unfolded).toContain(`:mailto:${second.user.email}`);
    expect(unfolded).toContain("LOCATION:https://meet.example/review");
    expect(ics.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    // SMTP gets it as the mail's calendar part (Accept / Decline in mail clients); admins see it in the outbox.
    const sent = outgoing(
      invitations.find((mail) => mail.to === second.user.email)!,
      "help@example.test",
    );
    expect(sent.icalEvent).toMatchObject({ method: "REQUEST", filename: "invite.ics", content: ics });
    const { emails } = await readOutbox({ limit: 20 });
    expect(emails.find((mail) => mail.to === second.user.email)?.calendar).toBe(ics);
    // The mail's text names the support zone (a mail cannot know the reader's): 11:30 AM in New York in June.
    expect(invitations[0]!.text).toContain("11:30 AM Eastern Time (ET)");

    // The ticket page shows the meeting as a <time> the browser turns into the viewer's zone.
    const panel = await incidentOfTicket(
      prisma,
      (await prisma.ticket.findFirstOrThrow({ where: { requesterId: second.user.id } })).id,
    );
    expect(panel?.review).toMatchObject({ startsAt: meeting.toISOString(), minutes: 45 });
    const html = renderToStaticMarkup(createElement(TicketIncidentPanel, { incident: panel! }));
    expect(html).toContain(`dateTime="${meeting.toISOString()}"`);
    expect(html).toContain("renewals are now monitored");

    // Rescheduling replaces the invitation in calendars: same UID, next SEQUENCE.
    await scheduleReview(
      agent.actor,
      incident.id,
      { startsAt: new Date("2026-06-04T15:30:00Z"), minutes: 45, location: "" },
      after(80),
    );
    const again = await prisma.outboxEmail.findMany({
      where: { to: second.user.email, subject: { startsWith: "Invitation: post-incident review" } },
      orderBy: { createdAt: "asc" },
    });
    expect(again).toHaveLength(2);
    expect(again[1]!.calendar).toContain("SEQUENCE:2");
    expect(again[1]!.calendar).toContain(`UID:incident-review-${incident.id}@`);
  });
});
