import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Files and search documents of this file's own, never the checkout's data/ folder.
  process.env.ATTACHMENTS_DIR = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-attachments-${process.pid}`;
  process.env.SEARCH_DB = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-search-${process.pid}.db`;
  delete process.env.MEILI_URL;
});
import type { DNSResolver } from "mailauth";
import { prisma } from "../../app/lib/db.server";
import { addReply } from "../../app/tickets/ticket-replies.server";
import { moveStatus } from "../../app/tickets/ticket-timeline.server";
import { ticketView } from "../../app/tickets/view.server";
import { createUser } from "../factories/accounts";
import { customer, lastInbound, send, startReceiver, SUPPORT, type Receiver } from "./helpers";

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver(25256, { INBOUND_LIMIT_PER_SENDER: 1000, INBOUND_LIMIT_PER_CLIENT: 10_000 });
});
afterAll(() => receiver.close());

/** A customer mails support@ and gets a ticket; answers the ticket and the auto-reply. */
async function mailedTicket(subject = "Sync stopped") {
  const who = await customer();
  await send(receiver.port, {
    from: who.user.email,
    to: SUPPORT,
    subject,
    text: "Sync stopped at noon.",
    messageId: `<${subject.replace(/\W/g, "")}-${Date.now()}@example.com>`,
  });
  const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: who.account.id } });
  const autoReply = await prisma.outboxEmail.findFirstOrThrow({ where: { ticketId: ticket.id } });
  return { ...who, ticket, autoReply };
}

async function agentActor() {
  const agent = await createUser({ role: "agent", name: "Alex Agent" });
  return { id: agent.id, role: "agent" as const, account: null, name: agent.name };
}

describe("replies both ways", () => {
  it("mails an agent's reply threaded, and the customer's emailed answer lands in the ticket without its quoted history", async () => {
    const { user, ticket, autoReply } = await mailedTicket();
    const inbound = await prisma.inboundEmail.findFirstOrThrow({ where: { ticketId: ticket.id } });
    const agent = await agentActor();
    const result = await addReply(agent, ticket, {
      body: "Please restart the sync agent.",
      visibility: "public",
      files: [],
    });
    expect(result.messageId).toBeTruthy();
    const mailed = await prisma.outboxEmail.findFirstOrThrow({
      where: { ticketId: ticket.id, id: { not: autoReply.id } },
    });
    expect(mailed).toMatchObject({ to: user.email, inReplyTo: inbound.messageId, replyTo: autoReply.replyTo });
    expect(mailed.references).toContain(inbound.messageId);
    expect(mailed.subject).toBe(`[${ticket.number}] Re: Sync stopped`);
    expect(mailed.text).toContain("Please restart the sync agent.");
    expect(mailed.autoSubmitted).toBe("");

    // The agent waits on the customer: the clock pauses, and the customer's mail restarts it.
    const row = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    await prisma.$transaction((tx) => moveStatus(tx, row, "waiting-on-customer", agent.id, new Date()));
    await send(receiver.port, {
      from: user.email,
      to: mailed.replyTo,
      subject: `Re: ${mailed.subject}`,
      inReplyTo: mailed.messageId,
      references: [inbound.messageId, mailed.messageId],
      text: `Restarted, it works again.\n\nThanks,\nCasey\n\nOn Mon, Dec 7, 2026 at 10:00 AM TechFlow <support@techflowsolutions.com> wrote:\n> Please restart the sync agent.\n`,
    });
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.status).toBe("open");
    expect(after.slaPausedAt).toBeNull();
    const messages = await prisma.ticketMessage.findMany({
      where: { ticketId: ticket.id },
      orderBy: { createdAt: "asc" },
    });
    expect(messages.at(-1)).toMatchObject({ authorId: user.id, byStaff: false, visibility: "public" });
    expect(messages.at(-1)!.bodyMarkdown).toBe("Restarted, it works again.\n\nThanks,\nCasey");
    expect((await lastInbound()).status).toBe("reply");
  });

  it("matches a reply by In-Reply-To only when the From is on the ticket's account", async () => {
    const { user, ticket, autoReply } = await mailedTicket("Threaded");
    await send(receiver.port, {
      from: user.email,
      to: SUPPORT,
      subject: "Re: Threaded",
      inReplyTo: autoReply.messageId,
      text: "One more detail.",
    });
    expect(await prisma.ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(1);
    // The page marks the message as mailed; staff also read its sender check.
    const fresh = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect((await ticketView(await agentActor(), fresh)).messages[0]!.viaEmail).toBe("By email · Sender not verified");
    const own = { id: user.id, role: "member" as const, account: { id: fresh.accountId, role: "owner" as const } };
    expect((await ticketView(own, fresh)).messages[0]!.viaEmail).toBe("By email");
    // Someone else quoting the same Message-ID (a forged reply) does not reach the ticket.
    const other = await customer();
    await send(receiver.port, {
      from: other.user.email,
      to: SUPPORT,
      subject: "Re: Threaded",
      inReplyTo: autoReply.messageId,
      text: "Let me in.",
    });
    expect(await prisma.ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(1);
    const row = await lastInbound();
    expect(row.status).toBe("unmatched");
    expect(row.note).toMatch(/not on that ticket's account/);
  });

  it("does not let a forged From use someone's reply address", async () => {
    const { ticket, autoReply } = await mailedTicket("Keyed");
    await send(receiver.port, { from: "intruder@example.net", to: autoReply.replyTo, text: "Injected." });
    expect(await prisma.ticketMessage.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect((await lastInbound()).status).toBe("unmatched");
    await send(receiver.port, {
      from: "intruder@example.net",
      to: `reply+${"a".repeat(26)}@techflowsolutions.com`,
      text: "Guessing.",
    });
    expect((await lastInbound()).note).toMatch(/reply address we never gave out/);
  });

  it("opens a follow-up linked to a closed ticket instead of reopening it", async () => {
    const { user, ticket, autoReply } = await mailedTicket("Closed one");
    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "closed", closedAt: new Date() } });
    await send(receiver.port, {
      from: user.email,
      to: autoReply.replyTo,
      subject: "Re: Closed one",
      text: "It broke again.",
    });
    const closed = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(closed.status).toBe("closed");
    const followUp = await prisma.ticket.findFirstOrThrow({ where: { relatedTicketNumbers: ticket.number } });
    expect(followUp.subject).toBe(`Follow-up to ${ticket.number}: Re: Closed one`);
    expect(followUp.descriptionMarkdown).toBe("It broke again.");
    expect((await lastInbound()).status).toBe("follow-up");
    expect(await prisma.ticketEvent.count({ where: { ticketId: ticket.id, kind: "follow-up" } })).toBe(1);
  });

  it("processes the same mail delivered twice once", async () => {
    const { user, account } = await customer();
    const mail = { from: user.email, to: SUPPORT, subject: "Twice", text: "Once.", messageId: "<twice@example.com>" };
    await send(receiver.port, mail);
    await send(receiver.port, mail);
    expect(await prisma.ticket.count({ where: { accountId: account.id } })).toBe(1);
    expect((await lastInbound()).status).toBe("duplicate");
  });
});

describe("colleagues copied on the mail", () => {
  it("adds a Cc'd colleague of the same account (not an outsider); agent replies reach both, and the colleague can answer", async () => {
    const { user, account } = await customer();
    const colleague = await createUser({ accountId: account.id, accountRole: "member" });
    await send(receiver.port, {
      from: user.email,
      to: SUPPORT,
      cc: [colleague.email, "outsider@example.com"],
      subject: "Copied",
      text: "Please keep my colleague posted.",
    });
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
    expect((await prisma.ticketCc.findMany({ where: { ticketId: ticket.id } })).map((row) => row.userId)).toEqual([
      colleague.id,
    ]);
    await addReply(await agentActor(), ticket, { body: "Looking into it.", visibility: "public", files: [] });
    const mailed = await prisma.outboxEmail.findMany({ where: { ticketId: ticket.id, autoSubmitted: "" } });
    expect(mailed.map((row) => row.to).sort()).toEqual([user.email, colleague.email].sort());
    expect(new Set(mailed.map((row) => row.replyTo)).size).toBe(2);
    const colleagueMail = mailed.find((row) => row.to === colleague.email)!;
    await send(receiver.port, { from: colleague.email, to: colleagueMail.replyTo, text: "Thanks, I am following." });
    const last = await prisma.ticketMessage.findFirstOrThrow({
      where: { ticketId: ticket.id },
      orderBy: { createdAt: "desc" },
    });
    expect(last).toMatchObject({ authorId: colleague.id, bodyMarkdown: "Thanks, I am following." });
  });
});

describe("sender verification", () => {
  it("takes a trusted relay's DMARC verdict: pass is verified, fail never reaches a ticket", async () => {
    const relay = await startReceiver(25257, {
      INBOUND_AUTH: "relay",
      INBOUND_TRUSTED_AUTHSERV_ID: "mx.techflow.test",
      INBOUND_LIMIT_PER_SENDER: 100,
    });
    try {
      const { user, account } = await customer();
      const domain = user.email.split("@")[1];
      await send(relay.port, {
        from: user.email,
        to: SUPPORT,
        subject: "Verified",
        text: "Hello",
        headers: { "Authentication-Results": `mx.techflow.test; dmarc=pass header.from=${domain}` },
      });
      const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
      expect(ticket.senderVerification).toBe("pass");
      await send(relay.port, {
        from: user.email,
        to: SUPPORT,
        subject: "Forged",
        text: "Hello",
        headers: { "Authentication-Results": `mx.techflow.test; dmarc=fail header.from=${domain}` },
      });
      expect(await prisma.ticket.count({ where: { accountId: account.id } })).toBe(2 - 1);
      const row = await lastInbound();
      expect(row).toMatchObject({ status: "unmatched", authResult: "fail" });
      // A header from anyone else (the sender itself) is not believed.
      await send(relay.port, {
        from: user.email,
        to: SUPPORT,
        subject: "Self-certified",
        text: "Hello",
        headers: { "Authentication-Results": `evil.example; dmarc=pass header.from=${domain}` },
      });
      expect((await prisma.ticket.findFirstOrThrow({ where: { subject: "Self-certified" } })).senderVerification).toBe(
        "none",
      );
    } finally {
      await relay.close();
    }
  });

  it("verifies a DKIM signature with mailauth (the key served by the sender's DNS)", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const keyData = publicKey.export({ type: "spki", format: "der" }).toString("base64");
    const { user, account } = await customer();
    const domain = user.email.split("@")[1]!;
    const dnsWithKey: DNSResolver = async (name, type) => {
      if (type === "TXT" && name === `sel1._domainkey.${domain}`) return [[`v=DKIM1; k=rsa; p=${keyData}`]];
      if (type === "TXT" && name === `_dmarc.${domain}`) return [["v=DMARC1; p=reject"]];
      throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: "ENOTFOUND" });
    };
    const signed = await startReceiver(25258, { INBOUND_LIMIT_PER_SENDER: 100 }, dnsWithKey);
    try {
      await send(signed.port, {
        from: user.email,
        to: SUPPORT,
        subject: "Signed",
        text: "Signed mail.",
        dkim: {
          domainName: domain,
          keySelector: "sel1",
          privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        },
      });
      const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
      expect(ticket.senderVerification).toBe("pass");
      expect((await lastInbound()).authDetails).toMatch(/dkim=pass/);
    } finally {
      await signed.close();
    }
  });
});
