import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findJob } from "~/jobs/registry.server";
import { runJob } from "~/jobs/runner.server";
import {
  createSmtpSender,
  deliverOutbox,
  MAX_ATTEMPTS,
  PermanentMailError,
  retryDelayMs,
  type MailSender,
} from "~/jobs/send-mail.server";
import { createPrismaClient } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { enqueueMail } from "~/lib/mailer.server";
import { createOutboxMail } from "./factories";
import { startSmtpServer, type TestSmtpServer } from "./smtp-server";

const db = createPrismaClient();
const FROM = "TechFlow Help Center <no-reply@techflow.example>";
const NOW = new Date("2026-06-01T12:00:00Z");
const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

let smtp: TestSmtpServer;
let sender: MailSender;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
beforeEach(async () => {
  await db.outboxEmail.deleteMany();
  smtp.received.length = 0;
  sender = createSmtpSender(smtp.url);
});
afterEach(() => sender.close());
afterAll(async () => {
  await smtp.close();
  await db.$disconnect();
});

const deliver = (now: Date, options: { sender?: MailSender | null } = {}) =>
  deliverOutbox(db, { now, from: FROM, sender: options.sender === undefined ? sender : options.sender });

describe("the outbox", () => {
  it("is written in the caller's transaction: a change that fails leaves no mail behind", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueueMail(tx, { to: "rolled-back@example.com", subject: "Never sent", text: "…" });
        throw new Error("the change failed halfway");
      }),
    ).rejects.toThrow("halfway");
    expect(await db.outboxEmail.count({ where: { to: "rolled-back@example.com" } })).toBe(0);

    await db.$transaction((tx) => enqueueMail(tx, { to: "committed@example.com", subject: "Sent later", text: "…" }));
    expect(await db.outboxEmail.findFirst({ where: { to: "committed@example.com" } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
  });
});

describe("send-mail through SMTP", () => {
  it("delivers pending mail and marks it sent", async () => {
    const mail = await createOutboxMail(db, { nextAttemptAt: at(-MINUTE) });

    expect(await deliver(NOW)).toBe(1);

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual([mail.to]);
    expect(smtp.received[0].from).toBe("no-reply@techflow.example");
    expect(smtp.received[0].data).toContain(`Subject: ${mail.subject}`);
    expect(smtp.received[0].data).toContain(".A line that starts with a dot.");
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({
      status: "sent",
      attempts: 1,
      sentAt: NOW,
      lastError: null,
    });
    // Sent mail is never sent again.
    expect(await deliver(at(MINUTE))).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it("leaves mail alone until its next attempt is due", async () => {
    const later = await createOutboxMail(db, { nextAttemptAt: at(MINUTE) });
    expect(await deliver(NOW)).toBe(0);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
    expect(smtp.received).toHaveLength(0);
  });

  it("retries a temporary refusal later, with the error kept, and then delivers", async () => {
    const mail = await createOutboxMail(db, { nextAttemptAt: NOW });
    smtp.failNext("451 4.3.0 Mailbox temporarily unavailable");

    expect(await deliver(NOW)).toBe(1);
    const afterFailure = await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } });
    expect(afterFailure).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: at(retryDelayMs(1)) });
    expect(afterFailure.lastError).toContain("451");

    // Not before the backoff is over…
    expect(await deliver(at(retryDelayMs(1) - 1))).toBe(0);
    // …then it goes through.
    expect(await deliver(at(retryDelayMs(1)))).toBe(1);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({
      status: "sent",
      attempts: 2,
      lastError: null,
    });
    expect(smtp.received.map((message) => message.to)).toEqual([[mail.to]]);
  });

  it("retries when the connection drops mid-message", async () => {
    const mail = await createOutboxMail(db, { nextAttemptAt: NOW });
    smtp.dropNext();
    expect(await deliver(NOW)).toBe(1);
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toBeTruthy();
  });

  it("backs off exponentially and marks the mail failed after the last attempt", async () => {
    const mail = await createOutboxMail(db, { nextAttemptAt: NOW });
    smtp.failNext("421 4.7.0 Try again later", MAX_ATTEMPTS);
    let clock = NOW;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliver(clock)).toBe(1);
      const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(row.status).toBe("pending");
        waits.push(row.nextAttemptAt.getTime() - clock.getTime());
        clock = row.nextAttemptAt;
      } else {
        expect(row.status).toBe("failed");
        expect(row.lastError).toContain("421");
      }
    }
    expect(waits.slice(0, 4)).toEqual([1, 2, 4, 8].map((minutes) => minutes * MINUTE));
    expect(Math.max(...waits)).toBeLessThanOrEqual(60 * MINUTE);
    // A failed message is not tried again, however much later.
    expect(await deliver(at(30 * 24 * 60 * MINUTE))).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it("fails at once on a permanent refusal (5xx) instead of retrying", async () => {
    const mail = await createOutboxMail(db, { nextAttemptAt: NOW });
    smtp.failNext("550 5.1.1 No such user here");
    expect(await deliver(NOW)).toBe(1);
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } });
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.lastError).toContain("550");
  });

  it("retries when the SMTP server cannot be reached", async () => {
    const mail = await createOutboxMail(db, { nextAttemptAt: NOW });
    const down = await startSmtpServer();
    await down.close();
    const unreachable = createSmtpSender(down.url);
    try {
      expect(await deliver(NOW, { sender: unreachable })).toBe(1);
    } finally {
      unreachable.close();
    }
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
  });

  it("keeps failures of one message from holding up the others", async () => {
    const first = await createOutboxMail(db, { nextAttemptAt: at(-2 * MINUTE) });
    const second = await createOutboxMail(db, { nextAttemptAt: at(-MINUTE) });
    smtp.failNext("550 5.7.1 Rejected");
    expect(await deliver(NOW)).toBe(2);
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("failed");
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("sent");
  });

  it("counts an attempt before sending, so two senders never send one message twice", async () => {
    const mail = await createOutboxMail(db, { nextAttemptAt: NOW });
    let sends = 0;
    const slow: MailSender = {
      send: async () => void (sends++, await new Promise((resolve) => setTimeout(resolve, 50))),
      close() {},
    };
    await Promise.all([deliver(NOW, { sender: slow }), deliver(NOW, { sender: slow })]);
    expect(sends).toBe(1);
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({
      status: "sent",
      attempts: 1,
    });
  });

  it("treats a PermanentMailError from any sender as final", async () => {
    const mail = await createOutboxMail(db, { nextAttemptAt: NOW });
    const refusing: MailSender = { send: () => Promise.reject(new PermanentMailError("address rejected")), close() {} };
    await deliver(NOW, { sender: refusing });
    expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({
      status: "failed",
      lastError: "address rejected",
    });
  });
});

describe("send-mail without SMTP_URL", () => {
  it("holds pending mail for the admin to read and leaves sent and failed mail as it was", async () => {
    const pending = await createOutboxMail(db, { nextAttemptAt: at(MINUTE) });
    const sent = await createOutboxMail(db, { status: "sent", attempts: 1 });
    const failed = await createOutboxMail(db, { status: "failed", attempts: MAX_ATTEMPTS });

    expect(await deliver(NOW, { sender: null })).toBe(1);
    const statuses = Object.fromEntries((await db.outboxEmail.findMany()).map((row) => [row.id, row.status]));
    expect(statuses).toEqual({ [pending.id]: "held", [sent.id]: "sent", [failed.id]: "failed" });

    // Held mail stays held when SMTP appears later: an old reset link is not mailed out by surprise.
    expect(await deliver(at(2 * MINUTE))).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it("is what the registered send-mail job does in this environment (SMTP_URL unset), recorded as a run", async () => {
    expect(env.SMTP_URL, "the tests run without SMTP_URL").toBeUndefined();
    const mail = await createOutboxMail(db);
    const outcome = await runJob(db, findJob("send-mail")!, { now: NOW });
    expect(outcome).toMatchObject({ status: "succeeded", rowsAffected: 1 });
    expect((await db.outboxEmail.findUniqueOrThrow({ where: { id: mail.id } })).status).toBe("held");
  });
});
