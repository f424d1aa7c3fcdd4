import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.ATTACHMENTS_DIR = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/chat-upload-files-${process.pid}`;
});

import { startChat } from "~/chat/conversations.server";
import { CHAT_FILE_RULE } from "~/chat/rules";
import { attachmentsDir } from "~/lib/env.server";
import { prisma } from "~/lib/db.server";
import { MAX_FILE_BYTES } from "~/tickets/attachment-rules";
import { sessionCookieFor } from "../factories/accounts";
import { chatCustomer } from "../chat/helpers";
import { rawRequest, startServer, type RunningServer } from "./running-server";

/**
 * Files in chat through the production server: the panel says "up to 10 MB" (CHAT_FILE_RULE), so a
 * file of exactly 10 MB goes through the server's body limit for the upload route and is stored, and
 * one byte more is refused with the reason, as is a file whose bytes are not an accepted type.
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

function multipart(caption: string, file: { fileName: string; type: string; bytes: Buffer }) {
  const boundary = `----chat${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n${caption}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function png(size: number) {
  const bytes = Buffer.alloc(size, Math.floor(Math.random() * 256));
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  bytes.writeDoubleBE(Math.random(), 8);
  return bytes;
}

async function openChat(name: string) {
  const customer = await chatCustomer("enterprise", name);
  const { conversationId } = await startChat(prisma, customer.actor, {
    message: "The export page shows an error",
    path: "/",
    timeZone: "UTC",
  });
  const { cookie } = await sessionCookieFor(customer.user.id);
  return { customer, conversationId, cookie };
}

function sendFile(conversationId: string, cookie: string, caption: string, file: Parameters<typeof multipart>[1]) {
  const { body, contentType } = multipart(caption, file);
  return rawRequest(running, {
    method: "POST",
    path: `/chat/${conversationId}/files`,
    headers: { Origin: running.base, Cookie: cookie, "Content-Type": contentType, Accept: "application/json" },
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

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("files in chat at the size the panel states", () => {
  it("the panel states the ticket form's per-file cap", () => {
    expect(CHAT_FILE_RULE).toContain(`up to ${MAX_FILE_BYTES / MB} MB`);
  });

  it("takes a file of exactly 10 MB, which downloads with the same bytes for the customer and 404s for another", async () => {
    const { conversationId, cookie } = await openChat("Casey");
    const bytes = png(MAX_FILE_BYTES);
    const response = await sendFile(conversationId, cookie, "The full-size screenshot", {
      fileName: "full.png",
      type: "image/png",
      bytes,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true });
    const row = await prisma.chatAttachment.findFirstOrThrow({ where: { conversationId } });
    expect(row).toMatchObject({ fileName: "full.png", size: MAX_FILE_BYTES, contentType: "image/png" });

    const got = await fetch(`${running.base}/chat/files/${row.id}`, { headers: { Cookie: cookie } });
    expect(got.status).toBe(200);
    expect(sha256(Buffer.from(await got.arrayBuffer()))).toBe(sha256(bytes));
    const other = await openChat("Other");
    expect((await fetch(`${running.base}/chat/files/${row.id}`, { headers: { Cookie: other.cookie } })).status).toBe(
      404,
    );
    expect(incomingFiles()).toEqual([]);
  });

  it("refuses a file one byte over 10 MB with the reason (413) and stores nothing", async () => {
    const { conversationId, cookie } = await openChat("Casey");
    const response = await sendFile(conversationId, cookie, "", {
      fileName: "too-big.png",
      type: "image/png",
      bytes: png(MAX_FILE_BYTES + 1),
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({
      ok: false,
      message: expect.stringContaining("larger than 10 MB"),
    });
    expect(await prisma.chatAttachment.count({ where: { conversationId } })).toBe(0);
    expect(incomingFiles()).toEqual([]);
  });

  it("refuses a file whose bytes are not an accepted type, whatever its name says (415)", async () => {
    const { conversationId, cookie } = await openChat("Casey");
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(4096, 0)]);
    const response = await sendFile(conversationId, cookie, "", {
      fileName: "photo.png",
      type: "image/png",
      bytes: elf,
    });
    expect(response.status).toBe(415);
    expect(JSON.parse(response.body).message).toContain("is not a file type we accept");
    expect(await prisma.chatAttachment.count({ where: { conversationId } })).toBe(0);
  });

  it("answers a broken multipart body with 400 and the reason, never a 500", async () => {
    const { conversationId, cookie } = await openChat("Casey");
    const boundary = "----broken";
    const response = await rawRequest(running, {
      method: "POST",
      path: `/chat/${conversationId}/files`,
      headers: {
        Origin: running.base,
        Cookie: cookie,
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        Accept: "application/json",
      },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="a\r\nb.png"\r\nContent-Type: image/png\r\n\r\nx\r\n--${boundary}--\r\n`,
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, message: expect.stringContaining("malformed") });
  });

  it("the server refuses a body far past the route's limit before the page runs, saying the limit", async () => {
    const { conversationId, cookie } = await openChat("Casey");
    const response = await sendFile(conversationId, cookie, "", {
      fileName: "huge.png",
      type: "image/png",
      bytes: png(11 * MB),
    });
    expect(response.status).toBe(413);
    expect(response.body).toContain("10 MB");
    expect(await prisma.chatAttachment.count({ where: { conversationId } })).toBe(0);
  });
});
