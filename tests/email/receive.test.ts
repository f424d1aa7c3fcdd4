import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Files and search documents of this file's own, never the checkout's data/ folder.
  process.env.ATTACHMENTS_DIR = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-attachments-${process.pid}`;
  process.env.SEARCH_DB = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-search-${process.pid}.db`;
  delete process.env.MEILI_URL;
});
import { prisma } from "../../app/lib/db.server";
import { customer, lastInbound, send, startReceiver, SUPPORT, type Receiver } from "./helpers";

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver(25251);
});
afterAll(() => receiver.close());

describe("mail from a known customer", () => {
  it("becomes a ticket on their account with the plan's email target and an RFC 3834 auto-reply", async () => {
    const { user, account } = await customer("professional");
    const before = Date.now();
    const answer = await send(receiver.port, {
      from: `Casey <${user.email}>`,
      to: SUPPORT,
      subject: "Export fails",
      text: "The monthly export fails with an error.",
      messageId: "<first-mail@example.com>",
    });
    expect(answer.ok).toBe(true);
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
    expect(ticket).toMatchObject({ channel: "email", queue: "general", emailTarget: true, requesterId: user.id });
    expect(ticket.subject).toBe("Export fails");
    expect(ticket.descriptionMarkdown).toContain("monthly export fails");
    // Professional: the email target is 4 hours, counted from receipt.
    const due = ticket.firstResponseDueAt.getTime() - ticket.createdAt.getTime();
    expect(due).toBe(4 * 3_600_000);
    expect(ticket.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(ticket.senderVerification).toBe("none");
    const reply = await prisma.outboxEmail.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(reply.to).toBe(user.email);
    expect(reply.subject).toBe(`[${ticket.number}] Re: Export fails`);
    expect(reply.autoSubmitted).toBe("auto-replied");
    expect(reply.inReplyTo).toBe("<first-mail@example.com>");
    expect(reply.replyTo).toMatch(/^reply\+[a-z0-9]{26}@techflowsolutions\.com$/);
    expect(reply.messageId).toMatch(/^<.+@.+>$/);
    expect(reply.text).toContain(`/support/tickets/${ticket.number}`);
    expect(reply.text).toContain("4 hours");
    // Only the key's hash is stored.
    const key = reply.replyTo.split("+")[1]!.split("@")[0]!;
    const keys = await prisma.emailReplyKey.findMany({ where: { ticketId: ticket.id } });
    expect(keys).toHaveLength(1);
    expect(keys[0]!.keyHash).not.toContain(key);
    expect((await lastInbound()).status).toBe("ticket");
  });
});

describe("queues and who gets a ticket", () => {
  it("files mail to billing@ in the billing queue", async () => {
    const { user, account } = await customer();
    await send(receiver.port, {
      from: user.email,
      to: "billing@techflowsolutions.com",
      subject: "Invoice",
      text: "Wrong VAT.",
    });
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
    expect(ticket.queue).toBe("billing");
  });

  it("keeps mail from an unknown sender in the unmatched queue: no ticket, no reply", async () => {
    const answer = await send(receiver.port, {
      from: "stranger@example.org",
      to: SUPPORT,
      subject: "Hello",
      text: "Who are you?",
    });
    expect(answer.ok).toBe(true);
    const row = await lastInbound();
    expect(row).toMatchObject({ status: "unmatched", fromAddress: "stranger@example.org", ticketId: null });
    expect(row.note).toMatch(/No customer has this address/);
    expect(await prisma.outboxEmail.count({ where: { to: "stranger@example.org" } })).toBe(0);
  });

  it("does not file a ticket for an address its owner has not verified", async () => {
    const { user, account } = await customer("standard", { verified: false });
    await send(receiver.port, { from: user.email, to: SUPPORT, subject: "Hi", text: "Unverified." });
    expect(await prisma.ticket.count({ where: { accountId: account.id } })).toBe(0);
    expect((await lastInbound()).note).toMatch(/not verified/);
  });
});

describe("no mail loops, no backscatter", () => {
  const robots: [string, Record<string, string>, string?][] = [
    ["Auto-Submitted: auto-replied", { "Auto-Submitted": "auto-replied" }],
    ["Precedence: bulk", { Precedence: "bulk" }],
    ["Precedence: list", { Precedence: "list" }],
    ["Precedence: junk", { Precedence: "junk" }],
  ];
  for (const [name, headers] of robots) {
    it(`ignores mail with ${name}`, async () => {
      const { user, account } = await customer();
      expect(
        (await send(receiver.port, { from: user.email, to: SUPPORT, subject: "Out of office", text: "Away.", headers }))
          .ok,
      ).toBe(true);
      expect(await prisma.ticket.count({ where: { accountId: account.id } })).toBe(0);
      expect(await prisma.outboxEmail.count({ where: { to: user.email } })).toBe(0);
      expect((await lastInbound()).status).toBe("ignored");
    });
  }

  it("ignores mail from mailer-daemon, postmaster, an empty envelope sender and our own addresses", async () => {
    for (const from of [
      "MAILER-DAEMON@example.com",
      "postmaster@example.com",
      SUPPORT,
      "no-reply@techflowsolutions.com",
    ]) {
      await send(receiver.port, { from, to: SUPPORT, subject: "Undelivered", text: "Bounce." });
      expect((await lastInbound()).status, from).toBe("ignored");
    }
    const { user } = await customer();
    await send(receiver.port, {
      from: user.email,
      to: SUPPORT,
      subject: "x",
      text: "y",
      envelope: { from: "", to: [SUPPORT] },
    });
    expect((await lastInbound()).status).toBe("ignored");
    expect(await prisma.outboxEmail.count({ where: { to: user.email } })).toBe(0);
  });
});

describe("refusals at the SMTP stage", () => {
  it("refuses an address the site does not serve with 550 and the addresses it does", async () => {
    const count = await prisma.inboundEmail.count();
    const answer = await send(receiver.port, { from: "a@example.com", to: "ceo@techflowsolutions.com", text: "x" });
    expect(answer).toMatchObject({ ok: false, code: 550 });
    expect(answer.ok || answer.response).toMatch(/no mailbox here.*support@techflowsolutions\.com/);
    expect(await prisma.inboundEmail.count()).toBe(count);
  });

  it("refuses a 30 MB message with 552 and says the limit", async () => {
    const count = await prisma.inboundEmail.count();
    const answer = await send(receiver.port, {
      from: "big@example.com",
      to: SUPPORT,
      text: "x".repeat(30 * 1024 * 1024),
    });
    expect(answer).toMatchObject({ ok: false, code: 552 });
    expect(answer.ok || answer.response).toMatch(/25 MB/);
    expect(await prisma.inboundEmail.count()).toBe(count);
    // 30 MB through a real SMTP conversation: minutes, not seconds, on a machine busy with other suites.
  }, 120_000);

  it("refuses a message without From with a reason", async () => {
    const answer = await send(receiver.port, {
      envelope: { from: "someone@example.com", to: [SUPPORT] },
      raw: `To: ${SUPPORT}\r\nSubject: nobody\r\n\r\nWho wrote me?\r\n`,
    });
    expect(answer).toMatchObject({ ok: false, code: 550 });
    expect(answer.ok || answer.response).toMatch(/no From address/);
  });

  it("takes 1,000 recipients only where they are ours, and at most 20 of those", async () => {
    const strangers = Array.from({ length: 990 }, (_, index) => `person${index}@example.com`);
    const ours = Array.from({ length: 10 }, (_, index) => `reply+${"k".repeat(20)}${index}@techflowsolutions.com`);
    const answer = await send(receiver.port, {
      from: "spammer@example.com",
      to: [SUPPORT, ...ours, ...strangers],
      subject: "Offer",
      text: "Buy now",
    });
    expect(answer.ok).toBe(true);
    if (answer.ok) expect(answer.rejected).toHaveLength(990);
    const many = Array.from({ length: 25 }, (_, index) => `reply+${"m".repeat(20)}${index}@techflowsolutions.com`);
    const crowded = await send(receiver.port, { from: "spammer@example.com", to: many, text: "x" });
    expect(crowded.ok).toBe(true);
    if (crowded.ok) expect(crowded.rejected).toHaveLength(5);
  });
});

describe("rate limits", () => {
  it("refuses a sender over its limit with 450 and when to try again, and a client address over its limit at connect", async () => {
    const limited = await startReceiver(25252, { INBOUND_LIMIT_PER_SENDER: 2, INBOUND_LIMIT_PER_CLIENT: 1000 });
    try {
      const mail = { from: "eager@example.net", to: SUPPORT, text: "again" };
      expect((await send(limited.port, mail)).ok).toBe(true);
      expect((await send(limited.port, mail)).ok).toBe(true);
      const third = await send(limited.port, mail);
      expect(third).toMatchObject({ ok: false, code: 450 });
      expect(third.ok || third.response).toMatch(
        /Too many messages from <eager@example.net>: try again in \d+ minutes/,
      );
    } finally {
      await limited.close();
    }
    // The connections above counted against 127.0.0.1 too: start this window from zero.
    await prisma.rateLimitWindow.deleteMany({ where: { key: { startsWith: "inbound-mail:client:" } } });
    const oneClient = await startReceiver(25253, { INBOUND_LIMIT_PER_CLIENT: 1 });
    try {
      expect((await send(oneClient.port, { from: "a@example.net", to: SUPPORT, text: "one" })).ok).toBe(true);
      const second = await send(oneClient.port, { from: "b@example.net", to: SUPPORT, text: "two" });
      expect(second).toMatchObject({ ok: false, code: 421 });
      expect(second.ok || second.response).toMatch(/Too many messages from your address \(127\.0\.0\.1\)/);
    } finally {
      await oneClient.close();
    }
  });
});
