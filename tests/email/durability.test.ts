import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // Files and search documents of this file's own, never the checkout's data/ folder.
  process.env.ATTACHMENTS_DIR = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-attachments-${process.pid}`;
  process.env.SEARCH_DB = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/email-search-${process.pid}.db`;
  delete process.env.MEILI_URL;
});
import { storeInboundMessage } from "../../app/email/receive.server";
import { findJob } from "../../app/jobs/registry.server";
import { prisma } from "../../app/lib/db.server";
import { customer, SUPPORT } from "./helpers";

/** Nothing acknowledged is lost: a crash before the 250 leaves nothing half-stored, one after it leaves the mail for the job. */

const PORT = 25260;
let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill("SIGKILL");
  child = null;
});

async function startChild(): Promise<ChildProcess> {
  // node itself (tsx as a loader), so SIGKILL reaches the process that holds the port.
  const started = spawn(process.execPath, ["--import", "tsx", "tests/email/receiver-process.ts", String(PORT)], {
    env: { ...process.env, INBOUND_AUTH: "off" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    started.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
    started.once("exit", (code) => reject(new Error(`receiver exited with ${code}`)));
  });
  return started;
}

/** A raw SMTP conversation: sends each line, waits for the reply of each command; answers the socket and the replies. */
async function converse(lines: string[]) {
  const socket = net.connect(PORT, "127.0.0.1");
  const replies: string[] = [];
  let buffered = "";
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        buffered += chunk.toString();
        const match = /^(\d{3}) .*\r\n/m.exec(buffered);
        if (match) {
          socket.off("data", onData);
          buffered = buffered.slice(match.index + match[0].length);
          replies.push(match[0].trim());
          resolve(match[0]);
        }
      };
      socket.on("data", onData);
      socket.once("close", () => reject(new Error("closed")));
    });
  await next();
  for (const line of lines) {
    socket.write(`${line}\r\n`);
    await next();
  }
  return { socket, replies, next };
}

describe("kill -9 during receipt", () => {
  it("loses nothing acknowledged: a message cut off mid-DATA is not stored; a 250 means stored", async () => {
    const { user, account } = await customer();
    child = await startChild();
    const before = await prisma.inboundEmail.count();
    const conversation = await converse([
      "EHLO client.test",
      `MAIL FROM:<${user.email}>`,
      `RCPT TO:<${SUPPORT}>`,
      "DATA",
    ]);
    conversation.socket.write(`From: ${user.email}\r\nTo: ${SUPPORT}\r\nSubject: Cut off\r\n\r\nHalf a mess`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill("SIGKILL");
    await new Promise((resolve) => child!.once("exit", resolve));
    conversation.socket.destroy();
    expect(conversation.replies.some((reply) => reply.startsWith("250 2.0.0"))).toBe(false);
    expect(await prisma.inboundEmail.count()).toBe(before);

    child = await startChild();
    const whole = await converse([
      "EHLO client.test",
      `MAIL FROM:<${user.email}>`,
      `RCPT TO:<${SUPPORT}>`,
      "DATA",
      `From: ${user.email}\r\nTo: ${SUPPORT}\r\nSubject: Whole\r\nMessage-ID: <whole@example.com>\r\n\r\nAll of it.\r\n.`,
    ]);
    expect(whole.replies.at(-1)).toMatch(/^250 2\.0\.0 Received/);
    child.kill("SIGKILL");
    whole.socket.destroy();
    const stored = await prisma.inboundEmail.findFirstOrThrow({ where: { messageId: "<whole@example.com>" } });
    expect(stored.status).toBe("ticket");
    expect(await prisma.ticket.count({ where: { accountId: account.id } })).toBe(1);
  });

  it("processes a stored mail the server never got to (stopped after the 250) with the process-inbound-mail job", async () => {
    const { user, account } = await customer();
    const raw = Buffer.from(`From: ${user.email}\r\nTo: ${SUPPORT}\r\nSubject: After a crash\r\n\r\nStill here.\r\n`);
    const receipt = await storeInboundMessage(prisma, raw, {
      via: "smtp",
      envelopeFrom: user.email,
      recipients: [SUPPORT],
      clientAddress: "127.0.0.1",
      helo: "client.test",
    });
    expect(receipt.ok).toBe(true);
    process.env.INBOUND_AUTH = "off";
    try {
      const job = findJob("process-inbound-mail")!;
      const handled = await job.run({ db: prisma, now: new Date(Date.now() + 60_000) } as Parameters<
        typeof job.run
      >[0]);
      expect(handled).toBe(1);
    } finally {
      delete process.env.INBOUND_AUTH;
    }
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { accountId: account.id } });
    expect(ticket.subject).toBe("After a crash");
  });
});
