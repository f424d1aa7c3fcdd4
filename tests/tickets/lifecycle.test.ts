import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.ATTACHMENTS_DIR = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/attachments-${process.pid}`;
});

import { attachmentsDir } from "~/lib/env.server";
import { prisma } from "~/lib/db.server";
import { SOLVED_TICKET_CLOSES_AFTER_DAYS } from "~/support/policy";
import { MAX_FILE_BYTES, MAX_TICKET_BYTES } from "~/tickets/attachment-rules";
import { discardUploads, receiveUpload } from "~/tickets/attachments.server";
import { closeSolvedTickets, deleteExpiredTickets, retentionCutoff, retentionDryRun } from "~/tickets/jobs.server";
import { addReply } from "~/tickets/ticket-replies.server";
import { setStatusByStaff } from "~/tickets/ticket-moves.server";
import { answerSurvey, surveyPath, verifySurveySignature } from "~/tickets/survey-links.server";
import { createAgent, createCustomer, fileAt } from "./factories";

afterAll(() => prisma.$disconnect());

const DAY = 24 * 60 * 60_000;
const T0 = new Date("2026-06-01T12:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);

describe("solved → closed and the satisfaction survey", () => {
  it("closes after the policy's days without a customer reply, sends the survey once by outbox, takes one answer", async () => {
    const customer = await createCustomer("standard");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 3, T0);
    await setStatusByStaff(agent.actor, ticket, "solved", at(1));
    await closeSolvedTickets(prisma, at(1 + SOLVED_TICKET_CLOSES_AFTER_DAYS - 0.01));
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("solved");
    await closeSolvedTickets(prisma, at(1 + SOLVED_TICKET_CLOSES_AFTER_DAYS));
    await closeSolvedTickets(prisma, at(2 + SOLVED_TICKET_CLOSES_AFTER_DAYS));
    const closed = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(closed.status).toBe("closed");
    const mails = await prisma.outboxEmail.findMany({
      where: { to: customer.user.email, subject: { contains: "How did we do" } },
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(surveyPath(ticket.id));
    const signature = surveyPath(ticket.id).split("/").pop()!;
    expect(verifySurveySignature(ticket.id, signature)).toBe(true);
    expect(
      verifySurveySignature(
        ticket.id,
        signature.replace(/.$/, (c) => (c === "a" ? "b" : "a")),
      ),
    ).toBe(false);
    expect(await answerSurvey(prisma, ticket.id, 5, "Quick and kind")).toBe(true);
    expect(await answerSurvey(prisma, ticket.id, 1, "Changed my mind")).toBe(false);
    const survey = await prisma.ticketSurvey.findUniqueOrThrow({ where: { ticketId: ticket.id } });
    expect([survey.rating, survey.comment]).toEqual([5, "Quick and kind"]);
  });

  it("a customer reply to a solved ticket reopens it, so it does not close", async () => {
    const customer = await createCustomer("standard");
    const agent = await createAgent();
    const ticket = await fileAt(customer, 3, T0);
    await setStatusByStaff(agent.actor, ticket, "solved", at(1));
    await addReply(
      customer.actor,
      await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } }),
      { body: "It is back", visibility: "public", files: [] },
      at(2),
    );
    await closeSolvedTickets(prisma, at(30));
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("open");
  });
});

describe("retention", () => {
  it("deletes exactly the tickets closed longer ago than the retention period, with messages and stored files", async () => {
    const customer = await createCustomer("standard");
    const now = new Date("2028-09-01T00:00:00Z");
    const cutoff = retentionCutoff(now);
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      1,
      2,
      3,
      Math.floor(Math.random() * 255),
    ]);
    const checked = await receiveUpload("old.png", chunks(png), Number.POSITIVE_INFINITY);
    if (checked.kind !== "file") throw new Error(`not stored: ${checked.kind}`);
    const old = await fileAt(customer, 4, new Date("2026-01-01T00:00:00Z"));
    const agent = await createAgent();
    await addReply(
      agent.actor,
      old,
      { body: "Answer", visibility: "public", files: [checked.file] },
      new Date("2026-01-02T00:00:00Z"),
    );
    const justInside = await fileAt(customer, 4, new Date("2026-01-01T00:00:00Z"));
    await prisma.ticket.update({
      where: { id: old.id },
      data: { status: "closed", closedAt: new Date(cutoff.getTime() - 1000) },
    });
    await prisma.ticket.update({
      where: { id: justInside.id },
      data: { status: "closed", closedAt: new Date(cutoff.getTime() + 1000) },
    });
    const stored = path.join(attachmentsDir, checked.file.sha256.slice(0, 2), checked.file.sha256);
    expect(existsSync(stored)).toBe(true);

    const preview = await retentionDryRun(prisma, now);
    expect(preview.some((line) => line.includes(old.number))).toBe(true);
    expect(preview.some((line) => line.includes(justInside.number))).toBe(false);
    expect(await prisma.ticket.count({ where: { id: old.id } })).toBe(1);

    await deleteExpiredTickets(prisma, now);
    expect(await prisma.ticket.count({ where: { id: old.id } })).toBe(0);
    expect(await prisma.ticketMessage.count({ where: { ticketId: old.id } })).toBe(0);
    expect(await prisma.ticketAttachment.count({ where: { ticketId: old.id } })).toBe(0);
    expect(existsSync(stored)).toBe(false);
    expect(await prisma.ticket.count({ where: { id: justInside.id } })).toBe(1);
  });

  it("the cutoff is the policy's retention in months", () => {
    expect(retentionCutoff(new Date("2028-09-01T00:00:00Z")).toISOString()).toBe("2026-09-01T00:00:00.000Z");
  });
});

/** An upload as the multipart parser hands it over: in chunks. */
async function* chunks(bytes: Uint8Array, size = 64 * 1024) {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

describe("attachments", () => {
  const received = (fileName: string, bytes: Uint8Array, room = MAX_TICKET_BYTES) =>
    receiveUpload(fileName, chunks(bytes), room);

  it("sniffs the type from the bytes, whatever the name says, and refuses other types with 415", async () => {
    expect(await received("screenshot.png", new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]))).toMatchObject({
      kind: "refused",
      problem: { status: 415 },
    });
    const har = await received("trace.har", new TextEncoder().encode('{"log":{"entries":[]}}'));
    expect(har.kind === "file" && har.file.contentType).toBe("application/json");
    const log = await received("console.txt", new TextEncoder().encode("TypeError: export timed out\n"));
    expect(log.kind === "file" && log.file.contentType).toBe("text/plain");
    // A multi-byte character split across two chunks is still text.
    const split = await receiveUpload(
      "note.txt",
      (async function* () {
        yield new Uint8Array([0x63, 0x61, 0x66, 0xc3]);
        yield new Uint8Array([0xa9]);
      })(),
      MAX_TICKET_BYTES,
    );
    expect(split.kind === "file" && split.file.contentType).toBe("text/plain");
  });

  it("writes an accepted upload to disk with its size and SHA-256, and leaves nothing behind for a refused one", async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024).fill(65);
    const accepted = await received("big.txt", bytes);
    if (accepted.kind !== "file") throw new Error(accepted.kind);
    expect(accepted.file.size).toBe(bytes.length);
    expect(accepted.file.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(readFileSync(accepted.file.temporaryPath).equals(Buffer.from(bytes))).toBe(true);
    await discardUploads([accepted.file]);
    expect(existsSync(accepted.file.temporaryPath)).toBe(false);
    const before = readdirSync(path.join(attachmentsDir, ".incoming")).length;
    expect(await received("huge.txt", new Uint8Array(MAX_FILE_BYTES + 1).fill(65))).toMatchObject({
      kind: "refused",
      problem: { status: 413 },
    });
    expect(readdirSync(path.join(attachmentsDir, ".incoming"))).toHaveLength(before);
  });

  it("takes a file of exactly 10 MB, refuses one byte more, and refuses a file past the room left on the ticket", async () => {
    expect(await received("exact.txt", new Uint8Array(MAX_FILE_BYTES).fill(65))).toMatchObject({
      kind: "file",
      file: { size: MAX_FILE_BYTES },
    });
    const over = await received("over.txt", new Uint8Array(MAX_FILE_BYTES + 1).fill(65));
    expect(over.kind === "refused" && over.problem.message).toContain("larger than 10 MB");
    const full = await received("a.txt", new Uint8Array(9 * 1024 * 1024).fill(65), MAX_TICKET_BYTES - 17 * 1024 * 1024);
    expect(full.kind === "refused" && full.problem.message).toContain("add up to 25 MB");
  });

  it("skips an empty upload (a file input left empty)", async () => {
    expect(await received("", new Uint8Array(0))).toEqual({ kind: "empty" });
  });
});
