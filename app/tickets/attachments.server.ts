import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { attachmentsDir } from "../lib/env.server";
import type { Tx } from "./ticket-reads.server";
import { ALLOWED_TYPES_LABEL, MAX_FILE_BYTES, MAX_TICKET_BYTES, megabytes } from "./attachment-rules";

/**
 * Ticket attachments: the type comes from the bytes (never the name or the browser), files live
 * outside the web root under their SHA-256 (the same file twice is stored once), and the routes
 * serve them only to readers of the ticket. Uploads are written to disk as they arrive, hashed and
 * sniffed on the way, so no file is ever held whole in memory.
 */

export { ALLOWED_TYPES_LABEL, MAX_FILE_BYTES, MAX_TICKET_BYTES };

export type SniffedType =
  | "image/png"
  | "image/jpeg"
  | "image/gif"
  | "image/webp"
  | "application/pdf"
  | "video/mp4"
  | "video/webm"
  | "application/json"
  | "text/plain";

function startsWith(bytes: Uint8Array, signature: number[], offset = 0) {
  return signature.every((value, index) => bytes[offset + index] === value);
}

/** The binary types, told by their first bytes. */
function binaryType(head: Uint8Array): SniffedType | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return "image/gif";
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (startsWith(head, [0x66, 0x74, 0x79, 0x70], 4)) return "video/mp4";
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return "video/webm";
  return null;
}

const SIGNATURE_BYTES = 12;
// eslint-disable-next-line no-control-regex -- control characters are exactly what marks a binary file
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000e-\u001f]/;

/**
 * Tells an allowed type from a file's bytes as they stream past. Anything that is not one of the
 * binary types must be UTF-8 text without control characters. Text wrapped in {…} or […] (a HAR
 * trace) is labelled JSON: checking that it parses would need the whole file in memory, and the
 * label only sets the download's Content-Type.
 */
export function createContentSniffer() {
  let head = new Uint8Array(0);
  let binary: SniffedType | null = null;
  let text = true;
  let first = "";
  let last = "";
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const readText = (chunk: Uint8Array, final: boolean) => {
    if (!text) return;
    let decoded: string;
    try {
      decoded = decoder.decode(chunk, { stream: !final });
    } catch {
      text = false;
      return;
    }
    if (CONTROL_CHARACTERS.test(decoded)) text = false;
    const trimmed = decoded.trim();
    if (trimmed) {
      if (!first) first = trimmed[0];
      last = trimmed[trimmed.length - 1];
    }
  };
  return {
    feed(chunk: Uint8Array) {
      if (head.length < SIGNATURE_BYTES) {
        const joined = new Uint8Array(head.length + Math.min(chunk.length, SIGNATURE_BYTES));
        joined.set(head);
        joined.set(chunk.subarray(0, SIGNATURE_BYTES), head.length);
        head = joined;
        if (head.length >= SIGNATURE_BYTES) binary = binaryType(head);
      }
      if (!binary) readText(chunk, false);
    },
    finish(): SniffedType | null {
      binary ??= binaryType(head);
      if (binary) return binary;
      readText(new Uint8Array(0), true);
      if (!text) return null;
      return (first === "{" && last === "}") || (first === "[" && last === "]") ? "application/json" : "text/plain";
    },
  };
}

/** The allowed type of a whole file's bytes, or null. */
export function sniffContentType(bytes: Uint8Array): SniffedType | null {
  const sniffer = createContentSniffer();
  sniffer.feed(bytes);
  return sniffer.finish();
}

export function isInlineImage(contentType: string): boolean {
  return contentType.startsWith("image/");
}

/** An upload written to a temporary file, checked and hashed; storeAttachment moves it into place. */
export type CheckedFile = {
  fileName: string;
  contentType: SniffedType;
  sha256: string;
  size: number;
  temporaryPath: string;
};
export type AttachmentProblem = { status: 413 | 415; message: string };
export type ReceivedUpload =
  { kind: "file"; file: CheckedFile } | { kind: "empty" } | { kind: "refused"; problem: AttachmentProblem };

export function fileTooLarge(fileName: string): AttachmentProblem {
  return {
    status: 413,
    message: `“${fileName}” is larger than ${megabytes(MAX_FILE_BYTES)}. Attach a smaller file (or share a link to it in the description).`,
  };
}

export function ticketTotalTooLarge(): AttachmentProblem {
  return {
    status: 413,
    message: `Attachments on one ticket may add up to ${megabytes(MAX_TICKET_BYTES)}; these files go over that. Remove some and send again.`,
  };
}

/**
 * A file name to show and to send back in Content-Disposition: the last path segment, without
 * control characters (a CR or LF in a name must never reach a header), at most 200 characters.
 */
export function cleanFileName(name: string): string {
  const cleaned = (name.split(/[/\\]/).pop() ?? "")
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 200);
  return cleaned || "attachment";
}

function incomingDir(dir: string) {
  return path.join(dir, ".incoming");
}

/**
 * Streams one upload to a temporary file, hashing and sniffing it on the way. Once it passes the
 * per-file cap or the room left on the ticket, writing stops and the rest of it is read and dropped
 * (so the form's later fields still arrive). An empty upload (a file input left empty) is skipped.
 */
export async function receiveUpload(
  fileName: string,
  data: AsyncIterable<Uint8Array>,
  bytesLeftOnTicket: number,
  dir = attachmentsDir,
): Promise<ReceivedUpload> {
  await mkdir(incomingDir(dir), { recursive: true });
  const temporaryPath = path.join(incomingDir(dir), randomUUID());
  const handle = await open(temporaryPath, "w");
  const hash = createHash("sha256");
  const sniffer = createContentSniffer();
  let size = 0;
  let problem: AttachmentProblem | null = null;
  try {
    for await (const chunk of data) {
      if (problem) continue;
      size += chunk.byteLength;
      if (size > MAX_FILE_BYTES) problem = fileTooLarge(fileName);
      else if (size > bytesLeftOnTicket) problem = ticketTotalTooLarge();
      if (problem) continue;
      hash.update(chunk);
      sniffer.feed(chunk);
      await handle.write(chunk);
    }
  } catch (error) {
    await handle.close();
    await rm(temporaryPath, { force: true });
    throw error;
  }
  await handle.close();
  const contentType = problem || size === 0 ? null : sniffer.finish();
  if (problem || size === 0 || !contentType) {
    await rm(temporaryPath, { force: true });
    if (problem) return { kind: "refused", problem };
    if (size === 0) return { kind: "empty" };
    return {
      kind: "refused",
      problem: {
        status: 415,
        message: `“${fileName}” is not a file type we accept. Accepted: ${ALLOWED_TYPES_LABEL}.`,
      },
    };
  }
  return { kind: "file", file: { fileName, contentType, sha256: hash.digest("hex"), size, temporaryPath } };
}

/** Removes uploads that were not stored (a refused or failed form); stored ones were moved away already. */
export async function discardUploads(files: readonly CheckedFile[]) {
  await Promise.all(files.map((file) => rm(file.temporaryPath, { force: true })));
}

function storedPath(sha256: string, dir = attachmentsDir) {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("Not a SHA-256 name");
  return path.join(dir, sha256.slice(0, 2), sha256);
}

/** Moves the upload under its hash unless that file is already there (then the upload is dropped). */
export async function storeAttachment(file: CheckedFile, dir = attachmentsDir) {
  const target = storedPath(file.sha256, dir);
  try {
    await stat(target);
    await rm(file.temporaryPath, { force: true });
  } catch {
    await mkdir(path.dirname(target), { recursive: true });
    await rename(file.temporaryPath, target);
  }
}

/** A stored file as a stream (never read whole into memory) with its size; throws when it is gone. */
export async function openAttachment(
  sha256: string,
  dir = attachmentsDir,
): Promise<{ size: number; body: ReadableStream<Uint8Array> }> {
  const file = storedPath(sha256, dir);
  const { size } = await stat(file);
  return { size, body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array> };
}

export async function deleteStoredAttachment(sha256: string, dir = attachmentsDir) {
  await rm(storedPath(sha256, dir), { force: true });
}

/** A name safe for a Content-Disposition header. */
export function dispositionName(fileName: string) {
  const ascii = fileName.replace(/[^A-Za-z0-9._ -]/g, "_").slice(0, 120) || "attachment";
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.slice(0, 200))}`;
}

/**
 * A stored file (from another folder, e.g. the chat's) as a fresh upload ready for storeAttachment in
 * `dir`: copied, never moved, so the original stays where its own rows point.
 */
export async function copyStoredAttachment(
  stored: { fileName: string; contentType: string; sha256: string; size: number },
  fromDir: string,
  dir = attachmentsDir,
): Promise<CheckedFile> {
  await mkdir(incomingDir(dir), { recursive: true });
  const temporaryPath = path.join(incomingDir(dir), randomUUID());
  await copyFile(storedPath(stored.sha256, fromDir), temporaryPath);
  return {
    fileName: stored.fileName,
    contentType: stored.contentType as SniffedType,
    sha256: stored.sha256,
    size: stored.size,
    temporaryPath,
  };
}

/**
 * The answer serving a stored attachment to someone allowed to read it: images inline, everything else
 * as a download, never sniffed or run by the browser; 410 when the file is gone from disk.
 */
export async function attachmentResponse(
  attachment: { sha256: string; contentType: string; fileName: string },
  dir = attachmentsDir,
): Promise<Response> {
  let stored: Awaited<ReturnType<typeof openAttachment>>;
  try {
    // Streamed from disk: a 10 MB file is never held whole in memory.
    stored = await openAttachment(attachment.sha256, dir);
  } catch {
    return Response.json({ message: "This file is no longer stored." }, { status: 410 });
  }
  const inline = isInlineImage(attachment.contentType);
  return new Response(stored.body, {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Length": String(stored.size),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; ${dispositionName(attachment.fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}

/** The rows of files stored for a ticket (the bytes are already in the store), in the filing or reply transaction. */
export async function recordAttachments(
  tx: Tx,
  files: readonly CheckedFile[],
  owner: { ticketId: string; messageId?: string; uploaderId: string; at: Date },
) {
  if (files.length === 0) return;
  await tx.ticketAttachment.createMany({
    data: files.map((file) => ({
      ticketId: owner.ticketId,
      messageId: owner.messageId,
      uploaderId: owner.uploaderId,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      sha256: file.sha256,
      createdAt: owner.at,
    })),
  });
}
