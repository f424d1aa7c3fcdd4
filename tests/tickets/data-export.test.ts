import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { loader as exportLoader } from "~/routes/settings.export";
import { addReply } from "~/tickets/ticket-replies.server";
import { sessionCookieFor } from "../factories/accounts";
import { createAgent, createCustomer, fileAt } from "./factories";

afterAll(() => prisma.$disconnect());

const T0 = new Date("2026-06-01T12:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * 24 * 60 * 60_000);

/** GET /settings/export as the customer: the JSON download, parsed. */
async function download(userId: string) {
  const { cookie } = await sessionCookieFor(userId);
  const response = await exportLoader({
    request: new Request("http://localhost/settings/export", { headers: { Cookie: cookie } }),
    params: {},
    context: {},
  } as Parameters<typeof exportLoader>[0]);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="techflow-help-center-data-/);
  return {
    text: await response.clone().text(),
    data: (await response.json()) as {
      profile: { email: string };
      tickets: { number: string; attachments: { fileName: string }[] }[];
    },
  };
}

/** A file row on the ticket, as uploads leave it (the export reads rows; the bytes stay on disk). */
function attach(ticketId: string, uploaderId: string, messageId: string | null, fileName: string) {
  return prisma.ticketAttachment.create({
    data: { ticketId, messageId, uploaderId, fileName, contentType: "text/plain", size: 42, sha256: "0".repeat(64) },
  });
}

describe("the data export (/settings/export)", () => {
  it("holds the customer's profile and tickets with public replies only", async () => {
    const customer = await createCustomer("standard");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 3, T0);
    await addReply(
      agent.actor,
      ticket,
      { body: "Internal: customer on old version", visibility: "internal", files: [] },
      at(0.1),
    );
    await addReply(
      agent.actor,
      await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } }),
      { body: "Please update to the latest version.", visibility: "public", files: [] },
      at(0.2),
    );
    const { data, text } = await download(customer.user.id);
    expect(data.profile.email).toBe(customer.user.email);
    expect(data.tickets.map((entry) => entry.number)).toEqual([ticket.number]);
    expect(text).toContain("Please update to the latest version.");
    expect(text).not.toContain("customer on old version");
  });

  it("lists the files filed with the ticket and on public replies, never the name of a file on an agent's internal note", async () => {
    const customer = await createCustomer("professional");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 2, T0);
    await addReply(
      agent.actor,
      ticket,
      { body: "Note for the team: see the attached log.", visibility: "internal", files: [] },
      at(0.1),
    );
    await addReply(
      agent.actor,
      await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } }),
      { body: "Here is the fix.", visibility: "public", files: [] },
      at(0.2),
    );
    const [internal, publicReply] = await prisma.ticketMessage.findMany({
      where: { ticketId: ticket.id },
      orderBy: { createdAt: "asc" },
    });
    expect([internal.visibility, publicReply.visibility]).toEqual(["internal", "public"]);
    await attach(ticket.id, customer.user.id, null, "screenshot-from-customer.png");
    await attach(ticket.id, agent.user.id, internal.id, "acme-churn-risk-do-not-share.xlsx");
    await attach(ticket.id, agent.user.id, publicReply.id, "fix-instructions.pdf");

    const { data, text } = await download(customer.user.id);
    expect(data.tickets[0].attachments.map((file) => file.fileName).sort()).toEqual([
      "fix-instructions.pdf",
      "screenshot-from-customer.png",
    ]);
    expect(text).not.toContain("acme-churn-risk-do-not-share");
  });
});
