import path from "node:path";
import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/permissions";
import { can } from "../auth/permissions";
import { attachmentsDir } from "../lib/env.server";
import type { Tx } from "../lib/transactions.server";
import { readUploadForm, type TicketFormUpload } from "../tickets/attachment-upload.server";
import { MAX_TICKET_BYTES, megabytes } from "../tickets/attachment-rules";
import {
  attachmentResponse,
  copyStoredAttachment,
  deleteStoredAttachment,
  storeAttachment,
  type CheckedFile,
} from "../tickets/attachments.server";
import { refuseUnlessWriter, writeMessage, type ChatActor } from "./conversations.server";
import { CHAT_FILE_MAX_BYTES, CHAT_UPLOAD_REQUEST_BYTES, chatFileUrl, type ChatFileView } from "./rules";

/**
 * Files in chat, under the ticket form's rules and through its code: the upload is streamed to disk,
 * typed by its bytes and capped by app/tickets (readUploadForm, receiveUpload), then stored under its
 * SHA-256 like a ticket's file, in the chat's own folder (so a ticket's retention never deletes a file
 * a chat still shows, nor the other way round). Only the chat's customer and staff who may read the
 * chat get it back; anyone else gets the 404 of a file that does not exist.
 */

type Db = PrismaClient;

/** Chat files live beside ticket files, in their own folder ("chat" is never a hash prefix). */
export const chatFilesDir = path.join(attachmentsDir, "chat");

/** Reads a chat upload form (one file and an optional caption); 413 past the server's body limit, with the reason. */
export function readChatUpload(request: Request): Promise<TicketFormUpload> {
  return readUploadForm(request, {
    bytesLeft: CHAT_FILE_MAX_BYTES,
    maxFiles: 1,
    tooManyFiles: "Send one file a message.",
    bodyTooLarge: `This upload is larger than ${megabytes(CHAT_UPLOAD_REQUEST_BYTES)}. A file may be at most ${megabytes(CHAT_FILE_MAX_BYTES)}.`,
  });
}

/**
 * Sends a file as a chat message, with `caption` as its text. The file is stored before the
 * transaction (content-addressed, so a retry stores nothing twice); if the message is refused, a file
 * no row points to is removed again.
 */
export async function sendChatFile(
  db: Db,
  actor: ChatActor,
  conversationId: string,
  file: CheckedFile,
  caption: string,
  now = new Date(),
): Promise<number> {
  await refuseUnlessWriter(db, actor, conversationId);
  await storeAttachment(file, chatFilesDir);
  try {
    return await writeMessage(db, actor, conversationId, caption, now, async (tx: Tx, seq: number) => {
      await tx.chatAttachment.create({
        data: {
          conversationId,
          seq,
          uploaderId: actor.id,
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.size,
          sha256: file.sha256,
          createdAt: now,
        },
      });
    });
  } catch (error) {
    await deleteUnusedChatFiles(db, [file.sha256]);
    throw error;
  }
}

/** The files of some transcript entries, by entry number. */
export async function filesBySeq(db: Db, conversationId: string, seqs: number[]): Promise<Map<number, ChatFileView[]>> {
  const files = new Map<number, ChatFileView[]>();
  if (seqs.length === 0) return files;
  const rows = await db.chatAttachment.findMany({
    where: { conversationId, seq: { in: seqs } },
    orderBy: { createdAt: "asc" },
    select: { id: true, seq: true, fileName: true, contentType: true, size: true },
  });
  for (const { seq, ...row } of rows) files.set(seq, [...(files.get(seq) ?? []), { ...row, url: chatFileUrl(row.id) }]);
  return files;
}

/** GET /chat/files/<id>: the file for someone who may read its chat, else the 404 of a file that is not there. */
export async function chatFileAnswer(db: Db, actor: Actor, id: string): Promise<Response> {
  const file = await db.chatAttachment.findUnique({
    where: { id },
    include: { conversation: { select: { customerId: true } } },
  });
  if (!file || !can(actor, "chat:read", { customerId: file.conversation.customerId }))
    return Response.json({ message: "We could not find that file." }, { status: 404 });
  return attachmentResponse(file, chatFilesDir);
}

/** Removes stored chat files that no chat row points to any more (after chats were deleted). */
export async function deleteUnusedChatFiles(db: Db | Tx, hashes: Iterable<string>) {
  for (const sha256 of new Set(hashes)) {
    if ((await db.chatAttachment.count({ where: { sha256 } })) === 0)
      await deleteStoredAttachment(sha256, chatFilesDir);
  }
}

/** The stored hashes of some chats' files (collected before the chats are deleted). */
export async function chatFileHashes(db: Db | Tx, where: { conversationId?: { in: string[] }; customerId?: string }) {
  const rows = await db.chatAttachment.findMany({
    where: where.customerId
      ? { conversation: { customerId: where.customerId } }
      : { conversationId: where.conversationId },
    select: { sha256: true },
  });
  return rows.map((row) => row.sha256);
}

/**
 * A chat's files as ticket uploads, oldest first, up to what one ticket may hold; the ones left out
 * (over the ticket's total) are named so the ticket can say they stayed in the chat.
 */
export async function chatFilesForTicket(db: Db, conversationId: string) {
  const rows = await db.chatAttachment.findMany({ where: { conversationId }, orderBy: { seq: "asc" } });
  const files: CheckedFile[] = [];
  const leftOut: string[] = [];
  let total = 0;
  for (const row of rows) {
    if (total + row.size > MAX_TICKET_BYTES) {
      leftOut.push(row.fileName);
      continue;
    }
    try {
      files.push(await copyStoredAttachment(row, chatFilesDir));
      total += row.size;
    } catch {
      leftOut.push(row.fileName); // Gone from disk: the ticket says so rather than failing.
    }
  }
  return { files, leftOut };
}

/** A confirmed data deletion takes the customer's chats (privacy deletes the rows); their stored files go after it commits. */
export async function chatFilesDeletionStep(tx: Tx, userId: string) {
  const hashes = await chatFileHashes(tx, { customerId: userId });
  return (db: Db) => deleteUnusedChatFiles(db, hashes);
}
