import { deflateRawSync } from "node:zlib";
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
  receiver = await startReceiver(25254, { INBOUND_LIMIT_PER_SENDER: 1000, INBOUND_LIMIT_PER_CLIENT: 10_000 });
});
afterAll(() => receiver.close());

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5c3e5b70000000049454e44ae426082",
  "hex",
);

async function ticketOf(accountId: string) {
  return prisma.ticket.findFirstOrThrow({ where: { accountId }, include: { attachments: true } });
}

describe("what of a mail reaches the ticket", () => {
  it("keeps a multipart mail's text and its accepted attachments", async () => {
    const { user, account } = await customer();
    await send(receiver.port, {
      from: user.email,
      to: SUPPORT,
      subject: "Screenshot",
      text: "See the screenshot.",
      html: "<p>See the <b>screenshot</b>.</p>",
      attachments: [{ filename: "screen.png", content: PNG }],
    });
    const ticket = await ticketOf(account.id);
    expect(ticket.descriptionMarkdown).toBe("See the screenshot.");
    expect(ticket.attachments).toHaveLength(1);
    expect(ticket.attachments[0]).toMatchObject({ fileName: "screen.png", contentType: "image/png" });
  });

  it("turns HTML-only mail into text through the sanitizer: no script, no raw HTML", async () => {
    const { user, account } = await customer();
    await send(receiver.port, {
      from: user.email,
      to: SUPPORT,
      subject: "HTML only",
      html: '<p>Export <b>fails</b> <img src="x" onerror="alert(1)"></p><script>alert(2)</script><p><a href="javascript:alert(3)">here</a></p>',
    });
    const ticket = await ticketOf(account.id);
    expect(ticket.descriptionMarkdown).toContain("Export fails");
    expect(ticket.descriptionHtml).not.toMatch(/<script|<img|onerror|href="javascript:/i);
    // The link's target is shown as text, never made a link.
    expect(ticket.descriptionHtml).toContain("here [javascript:alert(3)]");
  });

  it("refuses a zip bomb attachment (not an accepted type) and says so on the ticket", async () => {
    const { user, account } = await customer();
    const bomb = deflateRawSync(Buffer.alloc(20 * 1024 * 1024));
    await send(receiver.port, {
      from: user.email,
      to: SUPPORT,
      subject: "Logs",
      text: "Logs attached.",
      attachments: [{ filename: "logs.zip", content: bomb, contentType: "application/zip" }],
    });
    const ticket = await ticketOf(account.id);
    expect(ticket.attachments).toHaveLength(0);
    expect(ticket.descriptionMarkdown).toMatch(/Attachment not added: “logs\.zip” is not a file type we accept/);
  });

  it("keeps line breaks out of subjects (header injection) in the ticket and the auto-reply", async () => {
    const { user, account } = await customer();
    const injected = Buffer.from("Help\r\nBcc: victim@example.com\r\nX-Evil: 1").toString("base64");
    await send(receiver.port, {
      envelope: { from: user.email, to: [SUPPORT] },
      raw: `From: ${user.email}\r\nTo: ${SUPPORT}\r\nSubject: =?utf-8?B?${injected}?=\r\n\r\nBody\r\n`,
    });
    const ticket = await ticketOf(account.id);
    expect(ticket.subject).not.toMatch(/[\r\n]/);
    const reply = await prisma.outboxEmail.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(reply.subject).not.toMatch(/[\r\n]/);
    expect(reply.subject).toContain("Bcc: victim@example.com");
  });

  it("reads non-UTF-8 charsets (ISO-8859-1 and Windows-1252)", async () => {
    const { user, account } = await customer();
    const body = Buffer.from("Caf\xe9 cr\xe8me \x80 5", "latin1");
    const raw = Buffer.concat([
      Buffer.from(
        `From: ${user.email}\r\nTo: ${SUPPORT}\r\nSubject: =?iso-8859-1?Q?R=E9sum=E9?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
      ),
      body,
      Buffer.from("\r\n"),
    ]);
    await send(receiver.port, { envelope: { from: user.email, to: [SUPPORT] }, raw });
    const ticket = await ticketOf(account.id);
    expect(ticket.subject).toBe("Résumé");
    expect(ticket.descriptionMarkdown).toBe("Café crème € 5");
  });

  it("handles malformed MIME (a multipart without its boundary) without losing the mail", async () => {
    const { user, account } = await customer();
    const answer = await send(receiver.port, {
      envelope: { from: user.email, to: [SUPPORT] },
      raw: `From: ${user.email}\r\nTo: ${SUPPORT}\r\nSubject: Broken\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="never-closed"\r\n\r\n--never-closed\r\nContent-Type: text/plain\r\n\r\nThe text survives.\r\n--wrong\r\n`,
    });
    expect(answer.ok).toBe(true);
    const ticket = await ticketOf(account.id);
    expect(ticket.descriptionMarkdown).toContain("The text survives.");
  });

  it("takes a burst of 50 mails in parallel: 50 acknowledged, 50 tickets, none lost", async () => {
    const { user, account } = await customer();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        send(receiver.port, { from: user.email, to: SUPPORT, subject: `Burst ${index}`, text: `Mail ${index}` }),
      ),
    );
    expect(answers.filter((answer) => answer.ok)).toHaveLength(50);
    const tickets = await prisma.ticket.findMany({ where: { accountId: account.id }, select: { number: true } });
    expect(new Set(tickets.map((ticket) => ticket.number)).size).toBe(50);
    expect((await lastInbound()).status).toBe("ticket");
  });
});
