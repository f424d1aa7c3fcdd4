import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Files and search documents of this file's own, never the checkout's data/ folder.
  process.env.ATTACHMENTS_DIR = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-attachments-${process.pid}`;
  process.env.SEARCH_DB = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-search-${process.pid}.db`;
  delete process.env.MEILI_URL;
});

import { acceptInboundMail } from "../../app/email/inbound.server";
import { pruneUnusedMail, UNUSED_MAIL_KEPT_DAYS } from "../../app/email/prune.server";
import { inboundSettings } from "../../app/email/settings.server";
import { prisma } from "../../app/lib/db.server";
import { confirmDeletion } from "../../app/privacy/deletion.server";
import { deleteExpiredTickets } from "../../app/tickets/jobs.server";
import { createUser } from "../factories/accounts";
import { customer, SUPPORT } from "./helpers";

/** Received mail does not outlive what it became: unused mail after a while, ticket mail with its ticket. */

const settings = { ...inboundSettings({}), INBOUND_AUTH: "off" as const };
const DAY_MS = 24 * 60 * 60_000;

async function mail(from: string, extra = "") {
  const raw = Buffer.from(`From: ${from}\r\nTo: ${SUPPORT}\r\n${extra}Subject: Kept?\r\n\r\nBody\r\n`);
  const accepted = await acceptInboundMail(
    prisma,
    raw,
    { via: "webhook", envelopeFrom: from, recipients: [SUPPORT], clientAddress: "", helo: "" },
    { settings, indexSearch: false },
  );
  if (!accepted.ok) throw new Error(accepted.refusal.message);
  return accepted;
}

describe("retention of received mail", () => {
  it(`deletes automatic mail after ${UNUSED_MAIL_KEPT_DAYS} days, and keeps it before`, async () => {
    const robot = await mail("someone@example.com", "Auto-Submitted: auto-replied\r\n");
    expect(robot.status).toBe("ignored");
    await pruneUnusedMail(prisma, new Date(Date.now() + (UNUSED_MAIL_KEPT_DAYS - 1) * DAY_MS));
    expect(await prisma.inboundEmail.count({ where: { id: robot.id } })).toBe(1);
    await pruneUnusedMail(prisma, new Date(Date.now() + (UNUSED_MAIL_KEPT_DAYS + 1) * DAY_MS));
    expect(await prisma.inboundEmail.count({ where: { id: robot.id } })).toBe(0);
  });

  it("deletes a ticket's received mail, reply keys and copied colleagues with the ticket", async () => {
    const { user, account } = await customer();
    const accepted = await mail(user.email);
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
    expect(await prisma.emailReplyKey.count({ where: { ticketId: ticket.id } })).toBe(1);
    await prisma.ticket.update({
      where: { id: ticket.id },
      data: { status: "closed", closedAt: new Date(Date.now() - 20 * 365 * DAY_MS) },
    });
    await deleteExpiredTickets(prisma, new Date());
    expect(await prisma.ticket.count({ where: { id: ticket.id } })).toBe(0);
    expect(await prisma.inboundEmail.count({ where: { id: accepted.id } })).toBe(0);
    expect(await prisma.emailReplyKey.count({ where: { ticketId: ticket.id } })).toBe(0);
  });
});

describe("a customer's data deletion", () => {
  it("deletes the mail they sent that reached no ticket and ends their reply addresses", async () => {
    const { user, account } = await customer();
    const stray = await mail(user.email, "Precedence: bulk\r\n");
    expect(stray.status).toBe("ignored");
    await mail(user.email);
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
    const admin = await createUser({ role: "admin" });
    const request = await prisma.dataDeletionRequest.create({ data: { userId: user.id } });
    await confirmDeletion({ id: admin.id, role: "admin", account: null }, request.id);
    expect(await prisma.inboundEmail.count({ where: { id: stray.id } })).toBe(0);
    expect(await prisma.inboundEmail.count({ where: { ticketId: ticket.id } })).toBe(1);
    expect(await prisma.emailReplyKey.count({ where: { userId: user.id } })).toBe(0);
  });
});
