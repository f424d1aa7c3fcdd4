import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
