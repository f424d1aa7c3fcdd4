import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Files and search documents of this file's own, never the checkout's data/ folder.
  process.env.ATTACHMENTS_DIR = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-attachments-${process.pid}`;
  process.env.SEARCH_DB = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-search-${process.pid}.db`;
  delete process.env.MEILI_URL;
});
import { handleInboundWebhook } from "../../app/email/webhook.server";
import { prisma } from "../../app/lib/db.server";
import { rawRequest, startServer, type RunningServer } from "../server/running-server";
import { customer, SUPPORT } from "./helpers";

/** POST /api/inbound-email through the production server: the request gate, the route and the shared accept path. */

const SECRET = "webhook-secret-for-tests-0123456789";
let running: RunningServer;
beforeAll(async () => {
  process.env.INBOUND_EMAIL_SECRET = SECRET;
  process.env.INBOUND_AUTH = "off";
  running = await startServer();
});
afterAll(async () => {
  delete process.env.INBOUND_EMAIL_SECRET;
  await running.close();
});

function post(body: string | Buffer, headers: Record<string, string> = {}, query = "") {
  return rawRequest(running, {
    method: "POST",
    path: `/api/inbound-email${query}`,
    headers: { Authorization: `Bearer ${SECRET}`, "Content-Type": "message/rfc822", ...headers },
    body,
  });
}

const message = (from: string, subject = "By webhook", to = SUPPORT) =>
  `From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, "")}.${Date.now()}@example.com>\r\n\r\nSent through the provider.\r\n`;

describe("POST /api/inbound-email", () => {
  it("stores and processes a raw message like SMTP does: 202, a ticket on the customer's account", async () => {
    const { user, account } = await customer();
    const answer = await post(message(user.email), {}, `?recipient=${encodeURIComponent(SUPPORT)}`);
    expect(answer.status).toBe(202);
    expect(JSON.parse(answer.body)).toMatchObject({ status: "ticket" });
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
    expect(ticket).toMatchObject({ channel: "email", subject: "By webhook" });
    expect((await prisma.inboundEmail.findFirstOrThrow({ where: { ticketId: ticket.id } })).via).toBe("webhook");
  });

  it("refuses without the bearer secret (401), and bad input with a 4xx and its reason, never a 5xx", async () => {
    const { user } = await customer();
    const unauthorized = await post(message(user.email), { Authorization: "Bearer wrong-secret" });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers["www-authenticate"]).toMatch(/Bearer/);
    const cases: [string | Buffer, number, RegExp, string?][] = [
      ["", 400, /body is empty/],
      [`To: ${SUPPORT}\r\nSubject: x\r\n\r\nno from\r\n`, 400, /no From address/],
      [message(user.email, "Elsewhere", "ceo@techflowsolutions.com"), 422, /no mailbox here/],
      [Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]), 400, /no From address/],
    ];
    for (const [body, status, reason] of cases) {
      const answer = await post(body);
      expect(answer.status, String(reason)).toBe(status);
      expect(JSON.parse(answer.body).error).toMatch(reason);
    }
    const huge = await post(Buffer.alloc(26 * 1024 * 1024, 0x61));
    expect(huge.status).toBe(413);
  });

  it("answers 404 when no secret is configured", async () => {
    delete process.env.INBOUND_EMAIL_SECRET;
    try {
      const answer = await post(message("a@example.com"));
      expect(answer.status).toBe(404);
    } finally {
      process.env.INBOUND_EMAIL_SECRET = SECRET;
    }
  });
});

describe("the webhook's envelope", () => {
  it("finds a reply address in Delivered-To, or in a recipient parameter whose + was not encoded", async () => {
    const { user, account } = await customer();
    await post(message(user.email, "Envelope"), {}, `?recipient=${encodeURIComponent(SUPPORT)}`);
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
    const { replyTo } = await prisma.outboxEmail.findFirstOrThrow({ where: { ticketId: ticket.id } });
    const reply = (text: string, extra = "") =>
      `From: ${user.email}\r\nTo: Support <${SUPPORT}>\r\n${extra}Subject: Re: Envelope\r\n\r\n${text}\r\n`;
    const byHeader = await handleInboundWebhook(
      new Request("http://localhost/api/inbound-email", {
        method: "POST",
        headers: { Authorization: `Bearer ${SECRET}` },
        body: reply("Through Delivered-To.", `Delivered-To: ${replyTo}\r\n`),
      }),
    );
    expect(byHeader.status).toBe(202);
    const byParameter = await handleInboundWebhook(
      new Request(`http://localhost/api/inbound-email?recipient=${replyTo}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${SECRET}` },
        body: reply("Through the parameter."),
      }),
    );
    expect(byParameter.status).toBe(202);
    const bodies = (await prisma.ticketMessage.findMany({ where: { ticketId: ticket.id } })).map(
      (row) => row.bodyMarkdown,
    );
    expect(bodies.sort()).toEqual(["Through Delivered-To.", "Through the parameter."]);
  });
});
