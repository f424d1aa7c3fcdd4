import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.ATTACHMENTS_DIR = `${process.env.TEST_RUN_DIR ?? "tests/.tmp"}/chat-files-${process.pid}`;
});

import "~/composition.server";
import { takeChat } from "~/chat/assignment.server";
import { chatFileAnswer, chatFilesDir, sendChatFile } from "~/chat/attachments.server";
import { endChat, startChat } from "~/chat/conversations.server";
import { convertToTicket } from "~/chat/convert.server";
import { chatRetentionDryRun, deleteExpiredChats } from "~/chat/retention.server";
import { transcriptText } from "~/chat/tasks.server";
import { transcript } from "~/chat/views.server";
import { attachmentsDir } from "~/lib/env.server";
import { prisma } from "~/lib/db.server";
import { isRefusal } from "~/lib/refusal";
import { confirmDeletion, requestDeletion } from "~/privacy/deletion.server";
import { exportUserData } from "~/privacy/export.server";
import { openAttachment, receiveUpload, type CheckedFile } from "~/tickets/attachments.server";
import { createUser } from "../factories/accounts";
import { chatAgent, chatCustomer, clearChats } from "./helpers";
import { outcome } from "../refusals";

afterAll(() => prisma.$disconnect());
beforeEach(clearChats);

/**
 * Files in chat: stored under the ticket rules' code, shown in the transcript, served only to those
 * who may read the chat, carried onto the ticket a chat becomes, and deleted with the chat.
 */

const input = (message: string) => ({ message, path: "/kb/exports", timeZone: "Europe/Berlin" });

/** Bytes that differ per call, so two uploads never share a hash unless a test wants them to. */
function pngBytes(size = 2048) {
  const bytes = Buffer.alloc(size, Math.floor(Math.random() * 256));
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  bytes.writeDoubleBE(Math.random(), 8);
  return bytes;
}

/** An upload as the route receives it: streamed through the ticket form's receiveUpload. */
async function upload(fileName: string, bytes: Buffer): Promise<CheckedFile> {
  async function* chunks() {
    yield new Uint8Array(bytes);
  }
  const received = await receiveUpload(fileName, chunks(), Number.MAX_SAFE_INTEGER);
  if (received.kind !== "file") throw new Error(`upload refused: ${JSON.stringify(received)}`);
  return received.file;
}

function storedIn(dir: string, sha256: string) {
  return existsSync(path.join(dir, sha256.slice(0, 2), sha256));
}

async function chatWithFile(bytes = pngBytes()) {
  const customer = await chatCustomer("enterprise", "Casey");
  const { conversationId } = await startChat(prisma, customer.actor, input("The export page shows an error"));
  const file = await upload("error.png", bytes);
  await sendChatFile(prisma, customer.actor, conversationId, file, "Here is the screen");
  const row = await prisma.chatAttachment.findFirstOrThrow({ where: { conversationId } });
  return { customer, conversationId, row };
}

describe("files in chat", () => {
  it("a customer's file shows in the transcript under its message and downloads with the same bytes", async () => {
    const bytes = pngBytes();
    const { customer, conversationId, row } = await chatWithFile(bytes);
    const { events } = await transcript(prisma, customer.actor, conversationId);
    const message = events.find((event) => event.files.length > 0);
    expect(message?.html).toContain("Here is the screen");
    expect(message?.files).toEqual([
      { id: row.id, fileName: "error.png", contentType: "image/png", size: bytes.length, url: `/chat/files/${row.id}` },
    ]);
    const response = await chatFileAnswer(prisma, customer.actor, row.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("inline");
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(await transcriptText(prisma, conversationId)).toContain("Here is the screen [file: error.png]");
  });

  it("only the chat's customer and staff get the file; a colleague, another customer and a stranger id get 404", async () => {
    const { customer, row } = await chatWithFile();
    const agent = await chatAgent("Ada");
    const colleague = await createUser({ accountId: customer.account.id, name: "Colleague" });
    const colleagueActor = {
      id: colleague.id,
      name: "Colleague",
      role: "member" as const,
      account: { id: customer.account.id, role: "member" as const },
    };
    const other = await chatCustomer("enterprise", "Other");
    expect((await chatFileAnswer(prisma, agent.actor, row.id)).status).toBe(200);
    expect((await chatFileAnswer(prisma, colleagueActor, row.id)).status).toBe(404);
    expect((await chatFileAnswer(prisma, other.actor, row.id)).status).toBe(404);
    expect((await chatFileAnswer(prisma, customer.actor, "no-such-file")).status).toBe(404);
  });

  it("an agent sends a file only in a chat assigned to them, and nobody sends one after the end", async () => {
    const { customer, conversationId } = await chatWithFile();
    const agent = await chatAgent("Ada");
    const early = await sendChatFile(prisma, agent.actor, conversationId, await upload("fix.png", pngBytes()), "")
      .then(() => null)
      .catch((error: unknown) => error);
    expect(isRefusal(early) && early.status).toBe(409);
    await takeChat(prisma, agent.actor, conversationId);
    await sendChatFile(prisma, agent.actor, conversationId, await upload("fix.png", pngBytes()), "");
    expect(await prisma.chatAttachment.count({ where: { conversationId, uploaderId: agent.user.id } })).toBe(1);
    await endChat(prisma, customer.actor, conversationId);
    const refusedFile = await upload("late.png", pngBytes());
    const late = await sendChatFile(prisma, customer.actor, conversationId, refusedFile, "")
      .then(() => null)
      .catch((error: unknown) => error);
    expect(isRefusal(late) && late.status).toBe(409);
    // Refused before anything was stored.
    expect(storedIn(chatFilesDir, refusedFile.sha256)).toBe(false);
  });

  it("convert to ticket carries the chat's files onto the ticket, readable there", async () => {
    const bytes = pngBytes();
    const { customer, conversationId, row } = await chatWithFile(bytes);
    const agent = await chatAgent("Ada");
    await takeChat(prisma, agent.actor, conversationId);
    const { number } = await convertToTicket(prisma, agent.actor, conversationId, 3);
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { number }, include: { attachments: true } });
    expect(ticket.requesterId).toBe(customer.user.id);
    expect(ticket.attachments.map((file) => [file.fileName, file.sha256, file.size])).toEqual([
      ["error.png", row.sha256, bytes.length],
    ]);
    expect(ticket.descriptionMarkdown).toContain("[file: error.png]");
    const stored = await openAttachment(row.sha256, attachmentsDir);
    expect(stored.size).toBe(bytes.length);
    // The chat keeps its own copy until its own retention ends.
    expect(storedIn(chatFilesDir, row.sha256)).toBe(true);
  });

  it("retention deletes a year-old chat's files with it (dry run counts them); a file another chat shares stays", async () => {
    const now = new Date("2026-12-07T12:00:00Z");
    const shared = pngBytes();
    const old = await chatWithFile(shared);
    const recentCustomer = await chatCustomer("enterprise", "Recent");
    const recent = await startChat(prisma, recentCustomer.actor, input("Same screen here"));
    await sendChatFile(prisma, recentCustomer.actor, recent.conversationId, await upload("same.png", shared), "");
    const lone = await upload("lone.txt", Buffer.from("export worker timed out\n"));
    await sendChatFile(prisma, old.customer.actor, old.conversationId, lone, "the log");
    await prisma.chatConversation.update({
      where: { id: old.conversationId },
      data: { status: "ended", endedAt: new Date("2025-12-01T12:00:00Z") },
    });
    expect(await chatRetentionDryRun(prisma, now)).toEqual([expect.stringContaining("2 files")]);
    expect(storedIn(chatFilesDir, lone.sha256)).toBe(true);
    expect(await deleteExpiredChats(prisma, now)).toBe(1);
    expect(await prisma.chatAttachment.count({ where: { conversationId: old.conversationId } })).toBe(0);
    expect(storedIn(chatFilesDir, lone.sha256)).toBe(false);
    expect(storedIn(chatFilesDir, old.row.sha256)).toBe(true);
    expect(
      (await chatFileAnswer(prisma, recentCustomer.actor, (await prisma.chatAttachment.findFirstOrThrow()).id)).status,
    ).toBe(200);
  });

  it("the data export lists the chat's files; a confirmed deletion request deletes them from disk", async () => {
    const { customer, conversationId, row } = await chatWithFile();
    const exported = await exportUserData(customer.actor);
    const entry = exported?.chats[0]?.transcript.find((event) => event.files.length > 0);
    expect(entry?.files).toEqual([
      expect.objectContaining({ fileName: "error.png", contentType: "image/png", size: row.size }),
    ]);
    await requestDeletion(customer.actor, "");
    const request = await prisma.dataDeletionRequest.findFirstOrThrow({ where: { userId: customer.user.id } });
    const admin = { id: "admin-1", name: "Ada", role: "admin" as const, account: null };
    expect(await outcome(confirmDeletion(admin, request.id))).toBe("done");
    expect(await prisma.chatAttachment.count({ where: { conversationId } })).toBe(0);
    expect(storedIn(chatFilesDir, row.sha256)).toBe(false);
  });
});
