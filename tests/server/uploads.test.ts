import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.ATTACHMENTS_DIR = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/upload-attachments-${process.pid}`;
});

import { attachmentsDir } from "~/lib/env.server";
import { prisma } from "~/lib/db.server";
import { MAX_FILE_BYTES, MAX_TICKET_BYTES, MAX_UPLOAD_REQUEST_BYTES } from "~/tickets/attachment-rules";
import { createAccountWithOwner, sessionCookieFor } from "../factories/accounts";
import { rawRequest, startServer, type RunningServer } from "./running-server";

/**
 * Ticket attachments through the production server: the ticket form and the customer's reply take
 * files up to the caps the form states (10 MB a file, 25 MB a ticket), streamed to disk; past a cap
 * the form comes back with the typed text and a message, and nothing is stored.
 */
const MB = 1024 * 1024;

let running: RunningServer;
beforeAll(async () => {
  running = await startServer();
});
afterAll(async () => {
  await running.close();
  await prisma.$disconnect();
});

type Part = { name: string; value: string } | { name: string; fileName: string; type: string; bytes: Buffer };

function multipart(parts: Part[], boundary = `----upload${Math.random().toString(16).slice(2)}`) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ("value" in part) {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.type}\r\n\r\n`,
        ),
        part.bytes,
        Buffer.from("\r\n"),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A PNG of `size` bytes: the signature, then bytes that differ per call (so no two uploads share a hash). */
function png(size: number) {
  const bytes = Buffer.alloc(size, Math.floor(Math.random() * 256));
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  bytes.writeDoubleBE(Math.random(), 8);
  return bytes;
}

const SUBJECT = "Export to CSV stops at 10,000 rows";
function ticketFields(subject = SUBJECT): Part[] {
  const values: Record<string, string> = {
    contactName: "Pat Doe",
    contactPhone: "+1 555 0100",
    subject,
    description: "The CSV export stops after 10,000 rows since Monday.",
    businessImpact: "Month-end reports are late.",
    usersAffected: "about 40",
    issueStartedAt: "2026-01-05T09:30",
    issueTimeZone: "America/New_York",
    errorMessages: "none",
    stepsToReproduce: "Export any report over 10,000 rows.",
    alreadyTried: "Another browser.",
    priority: "3",
  };
  return Object.entries(values).map(([name, value]) => ({ name, value }));
}

async function customer() {
  const { owner } = await createAccountWithOwner("professional");
  const { cookie } = await sessionCookieFor(owner.id);
  return { owner, cookie };
}

function postForm(route: string, cookie: string, parts: Part[], headers: Record<string, string> = {}) {
  const { body, contentType } = multipart(parts);
  return rawRequest(running, {
    method: "POST",
    path: route,
    headers: { Origin: running.base, Cookie: cookie, "Content-Type": contentType, Accept: "text/html", ...headers },
    body,
  });
}

function incomingFiles() {
  try {
    return readdirSync(path.join(attachmentsDir, ".incoming"));
  } catch {
    return [];
  }
}

async function download(id: string, cookie: string) {
  const response = await fetch(`${running.base}/support/attachments/${id}`, { headers: { Cookie: cookie } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("ticket attachments at the sizes the form states", () => {
  it("files a ticket with a 3 MB and a 10 MB file, and each downloads with the same bytes", async () => {
    const { owner, cookie } = await customer();
    const small = png(3 * MB);
    const largest = png(MAX_FILE_BYTES);
    const response = await postForm("/support/new", cookie, [
      ...ticketFields(),
      { name: "attachments", fileName: "screen.png", type: "image/png", bytes: small },
      { name: "attachments", fileName: "full.png", type: "image/png", bytes: largest },
    ]);
    expect(response.status).toBe(302);
    const ticket = await prisma.ticket.findFirstOrThrow({
      where: { requesterId: owner.id },
      include: { attachments: { orderBy: { fileName: "desc" } } },
    });
    expect(response.headers.location).toBe(`/support/tickets/${ticket.number}?filed=1`);
    expect(ticket.attachments.map((file) => [file.fileName, file.size, file.contentType])).toEqual([
      ["screen.png", small.length, "image/png"],
      ["full.png", largest.length, "image/png"],
    ]);
    for (const [file, bytes] of [
      [ticket.attachments[0]!, small],
      [ticket.attachments[1]!, largest],
    ] as const) {
      const got = await download(file.id, cookie);
      expect(got.status).toBe(200);
      expect(got.bytes.length).toBe(bytes.length);
      expect(sha256(got.bytes)).toBe(sha256(bytes));
    }
    expect(incomingFiles()).toEqual([]);
  });

  it("refuses 26 MB in all with the reason, keeps the typed text, and stores nothing", async () => {
    const { owner, cookie } = await customer();
    const subject = "Twenty-six megabytes of screenshots";
    const files: Part[] = [png(10 * MB), png(10 * MB), png(6 * MB)].map((bytes, index) => ({
      name: "attachments",
      fileName: `part-${index}.png`,
      type: "image/png",
      bytes,
    }));
    const response = await postForm("/support/new", cookie, [...ticketFields(subject), ...files]);
    expect(response.status).toBe(413);
    expect(response.body).toContain(`Attachments on one ticket may add up to ${MAX_TICKET_BYTES / MB} MB`);
    // The form is the page again, with what the customer typed.
    expect(response.body).toContain(subject);
    expect(response.body).toContain("The CSV export stops after 10,000 rows since Monday.");
    expect(await prisma.ticket.count({ where: { requesterId: owner.id } })).toBe(0);
    expect(incomingFiles()).toEqual([]);
  });

  it("refuses one file over 10 MB with the reason and keeps the typed text", async () => {
    const { owner, cookie } = await customer();
    const response = await postForm("/support/new", cookie, [
      ...ticketFields(),
      { name: "attachments", fileName: "too-big.png", type: "image/png", bytes: png(MAX_FILE_BYTES + 1) },
    ]);
    expect(response.status).toBe(413);
    expect(response.body).toContain("“too-big.png” is larger than 10 MB");
    expect(response.body).toContain(SUBJECT);
    expect(await prisma.ticket.count({ where: { requesterId: owner.id } })).toBe(0);
    expect(incomingFiles()).toEqual([]);
  });

  it("takes a reply's file within the room left on the ticket and refuses one past it, keeping the reply's text", async () => {
    const { owner, cookie } = await customer();
    await postForm("/support/new", cookie, [
      ...ticketFields(),
      { name: "attachments", fileName: "first.png", type: "image/png", bytes: png(10 * MB) },
      { name: "attachments", fileName: "second.png", type: "image/png", bytes: png(10 * MB) },
    ]);
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { requesterId: owner.id } });
    const route = `/support/tickets/${ticket.number}`;

    const log = Buffer.from("TypeError: export worker timed out\n".repeat(1000));
    const accepted = await postForm(route, cookie, [
      { name: "intent", value: "reply" },
      { name: "body", value: "The log you asked for." },
      { name: "attachments", fileName: "console.txt", type: "text/plain", bytes: log },
    ]);
    expect(accepted.status).toBe(302);
    const stored = await prisma.ticketAttachment.findFirstOrThrow({
      where: { ticketId: ticket.id, fileName: "console.txt" },
    });
    expect(sha256((await download(stored.id, cookie)).bytes)).toBe(sha256(log));

    const refused = await postForm(route, cookie, [
      { name: "intent", value: "reply" },
      { name: "body", value: "And the screen recording." },
      { name: "attachments", fileName: "recording.png", type: "image/png", bytes: png(5 * MB) },
    ]);
    expect(refused.status).toBe(413);
    expect(refused.body).toContain("may add up to 25 MB");
    expect(refused.body).toContain("And the screen recording.");
    expect(
      await prisma.ticketMessage.count({ where: { ticketId: ticket.id, bodyMarkdown: "And the screen recording." } }),
    ).toBe(0);
    expect(incomingFiles()).toEqual([]);
  });
});

describe("upload requests the server refuses", () => {
  it("refuses a ticket form declaring more than the upload limit before reading it", async () => {
    const { cookie } = await customer();
    const response = await rawRequest(running, {
      method: "POST",
      path: "/support/new",
      headers: {
        Origin: running.base,
        Cookie: cookie,
        "Content-Type": "multipart/form-data; boundary=x",
        "Content-Length": String(MAX_UPLOAD_REQUEST_BYTES + 1),
      },
      body: "--x--\r\n".padEnd(1024, " "),
    }).catch((error: Error) => ({ status: 0, body: error.message, headers: {} }));
    expect(response.status).toBe(413);
    expect(response.body).toContain(`limit is ${MAX_UPLOAD_REQUEST_BYTES / MB} MB`);
  });

  it("keeps the 64 KB form limit everywhere else, multipart included", async () => {
    const { cookie } = await customer();
    const response = await postForm("/login", cookie, [
      { name: "email", value: "a@example.com" },
      { name: "attachments", fileName: "big.png", type: "image/png", bytes: png(200 * 1024) },
    ]);
    expect(response.status).toBe(413);
    expect(response.body).toContain("limit is 64 KB");
  });

  it("answers a broken upload form with 400, a file name with CR LF included, and drops a bare control character from a name", async () => {
    const { owner, cookie } = await customer();
    const boundary = "broken";
    const cutOff = `--${boundary}\r\nContent-Disposition: form-data; name="subject"\r\n\r\nHalf a form`;
    const lineBreak = `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="a\r\nb.txt"\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`;
    for (const body of [cutOff, lineBreak]) {
      const response = await rawRequest(running, {
        method: "POST",
        path: "/support/new",
        headers: { Origin: running.base, Cookie: cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(response.status).toBe(400);
      expect(response.body).toContain("We could not read the attached files");
    }
    const bareLineFeed = await postForm("/support/new", cookie, [
      ...ticketFields(),
      { name: "attachments", fileName: "report\nfinal.txt", type: "text/plain", bytes: Buffer.from("hello") },
    ]);
    expect(bareLineFeed.status).toBe(302);
    const ticket = await prisma.ticket.findFirstOrThrow({
      where: { requesterId: owner.id },
      include: { attachments: true },
    });
    expect(ticket.attachments.map((file) => file.fileName)).toEqual(["reportfinal.txt"]);
    expect(incomingFiles()).toEqual([]);
  });

  it("answers a file name with “;” (which the multipart parser cannot read) with 400 and the reason, keeping the text typed before the file", async () => {
    const { owner, cookie } = await customer();
    const response = await postForm("/support/new", cookie, [
      ...ticketFields(),
      { name: "attachments", fileName: "Q3 report; final.png", type: "image/png", bytes: png(1024) },
    ]);
    expect(response.status).toBe(400);
    expect(response.body).toContain("If a file name contains “;” or “=”, rename the file");
    expect(response.body).toContain(SUBJECT);
    expect(await prisma.ticket.count({ where: { requesterId: owner.id } })).toBe(0);
    expect(incomingFiles()).toEqual([]);
  });

  it("leaves no temporary file behind when the customer's connection drops mid-upload, and keeps serving", async () => {
    const { cookie } = await customer();
    const { body, contentType } = multipart([
      ...ticketFields(),
      { name: "attachments", fileName: "half.png", type: "image/png", bytes: png(8 * MB) },
    ]);
    const request = http.request({
      host: "127.0.0.1",
      port: running.port,
      method: "POST",
      path: "/support/new",
      agent: false,
      headers: {
        Host: `127.0.0.1:${running.port}`,
        Origin: running.base,
        Cookie: cookie,
        "Content-Type": contentType,
        "Content-Length": String(body.length),
      },
    });
    request.on("error", () => {});
    request.write(body.subarray(0, 3 * MB));
    // The server is writing the file to disk when the customer hangs up.
    await expect.poll(() => incomingFiles().length, { timeout: 5_000 }).toBe(1);
    request.destroy();
    await expect.poll(() => incomingFiles(), { timeout: 5_000 }).toEqual([]);
    expect((await rawRequest(running, { path: "/healthz" })).status).toBe(200);
  });

  it("answers more than 1,000 parts with 413, and a signed-out upload with the sign-in redirect, and keeps serving", async () => {
    const { cookie } = await customer();
    const many = Array.from({ length: 1001 }, (_, index) => ({ name: `f${index}`, value: "x" }));
    const refused = await postForm("/support/new", cookie, many);
    expect(refused.status).toBe(413);
    expect(refused.body).toContain("more than 1,000 fields");
    const signedOut = await postForm("/support/new", "", [
      ...ticketFields(),
      { name: "attachments", fileName: "x.png", type: "image/png", bytes: png(5 * MB) },
    ]);
    expect(signedOut.status).toBe(302);
    expect((await rawRequest(running, { path: "/healthz" })).status).toBe(200);
  });
});
