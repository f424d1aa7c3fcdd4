import { afterAll, describe, expect, it } from "vitest";
import {
  deflectionFunnel,
  deflectionTrail,
  ownSession,
  recordConfirmed,
  recordOffered,
  recordOpened,
  settleDeflections,
} from "~/deflection/deflection.server";
import { prisma } from "~/lib/db.server";
import type { SearchHit } from "~/search/types";
import { DEFLECTION_HOLD_DAYS } from "~/support/policy";
import { TICKET_NUMBER_PATTERN } from "~/tickets/statuses";
import { fileTicketWith } from "~/tickets/ticket-filing.server";
import { createCustomer, formValues } from "../tickets/factories";

afterAll(() => prisma.$disconnect());

const DAY = 24 * 60 * 60_000;
const T0 = new Date("2026-06-01T12:00:00Z");
const hit = (id: string): SearchHit => ({
  id,
  type: "article",
  url: `/kb/${id}`,
  title: `Article ${id}`,
  section: "",
  category: "tickets",
  snippet: "",
  titleHighlighted: "",
});

describe("the deflection funnel", () => {
  it("records offered → opened → confirmed, and the flow belongs to its visitor only", async () => {
    const who = { userId: null, visitorId: `visitor-${Math.random().toString(36).slice(2)}-xxxxxxxx` };
    const sessionId = await recordOffered(who, null, "Export times out", [hit("a"), hit("b")], T0);
    expect(await recordOpened({ userId: null, visitorId: "someone-else-entirely-123" }, sessionId, "a")).toBe(false);
    expect(await recordOpened(who, sessionId, "a")).toBe(true);
    expect(await recordConfirmed(who, sessionId, "not-offered")).toBeNull();
    expect((await recordConfirmed(who, sessionId, "a"))?.documentId).toBe("a");
    const rows = await prisma.deflectionSuggestion.findMany({ where: { sessionId }, orderBy: { position: "asc" } });
    expect(rows.map((row) => [row.documentId, row.openedAt !== null, row.confirmedAt !== null])).toEqual([
      ["a", true, true],
      ["b", false, false],
    ]);
    expect((await ownSession(who, sessionId))?.outcome).toBe("confirmed");
  });

  it("a confirmed deflection followed by a ticket on the same problem within the hold period does not count", async () => {
    const customer = await createCustomer("standard");
    const who = { userId: customer.user.id, visitorId: null };
    const sessionId = await recordOffered(who, null, "Reports export fails with an error", [hit("export")], T0);
    await recordConfirmed(who, sessionId, "export", T0);
    await prisma.deflectionSession.update({ where: { id: sessionId }, data: { updatedAt: T0 } });
    // Two days later the customer files a ticket about the same problem.
    const filed = await fileTicketWith(
      prisma,
      customer.actor,
      { values: formValues({ subject: "Reports export fails" }), issueStartedAt: T0, files: [], deflectionTrail: [] },
      new Date(T0.getTime() + 2 * DAY),
    );
    expect(filed.number).toMatch(TICKET_NUMBER_PATTERN);

    const held = await recordOffered(
      { userId: null, visitorId: `v-${Math.random().toString(36).slice(2)}-yyyyyyyy` },
      null,
      "Password reset email never arrives",
      [hit("pw")],
      T0,
    );
    await recordConfirmed(
      {
        userId: null,
        visitorId: (await prisma.deflectionSession.findUniqueOrThrow({ where: { id: held } })).visitorId,
      },
      held,
      "pw",
      T0,
    );
    await prisma.deflectionSession.update({ where: { id: held }, data: { updatedAt: T0 } });

    await settleDeflections(prisma, new Date(T0.getTime() + (DEFLECTION_HOLD_DAYS - 1) * DAY));
    expect((await prisma.deflectionSession.findUniqueOrThrow({ where: { id: sessionId } })).settledAt).toBeNull();
    const settleAt = new Date(T0.getTime() + (DEFLECTION_HOLD_DAYS + 1) * DAY);
    await settleDeflections(prisma, settleAt);
    await settleDeflections(prisma, settleAt);
    expect(await prisma.deflectionSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
      held: false,
      outcome: "confirmed",
    });
    expect(await prisma.deflectionSession.findUniqueOrThrow({ where: { id: held } })).toMatchObject({ held: true });
    const funnel = await deflectionFunnel(prisma, new Date(T0.getTime() - DAY));
    expect(funnel.confirmed).toBeGreaterThanOrEqual(2);
    expect(funnel.held).toBeGreaterThanOrEqual(1);
    expect(funnel.notHeld).toBeGreaterThanOrEqual(1);
  });

  it("a ticket filed from the flow records the searches and answers seen", async () => {
    const customer = await createCustomer("standard");
    const who = { userId: customer.user.id, visitorId: null };
    const sessionId = await recordOffered(who, null, "Integration sync stopped", [hit("sync"), hit("crm")], T0);
    await recordOpened(who, sessionId, "crm", T0);
    const trail = await deflectionTrail(await ownSession(who, sessionId));
    expect(trail[0]?.shown.map((entry) => [entry.url, entry.opened])).toEqual([
      ["/kb/sync", false],
      ["/kb/crm", true],
    ]);
    const filed = await fileTicketWith(
      prisma,
      customer.actor,
      { values: formValues({ deflectionSessionId: sessionId }), issueStartedAt: T0, files: [], deflectionTrail: trail },
      T0,
    );
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { id: filed.ticketId } });
    expect(JSON.parse(ticket.deflectionTrail)).toEqual(trail);
    expect(await prisma.deflectionSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
      outcome: "ticket",
      ticketId: ticket.id,
    });
  });
});
