import { createHash } from "node:crypto";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { attachmentsDir } from "../lib/env.server";

/**
 * Ticket attachments: the type comes from the bytes (never the name or the browser), files live
 * outside the web root under their SHA-256 (the same file twice is stored once), and the routes
 * serve them only to readers of the ticket.
 */

import { ALLOWED_TYPES_LABEL, MAX_FILE_BYTES, MAX_TICKET_BYTES } from "./attachment-rules";

export { ALLOWED_TYPES_LABEL, MAX_FILE_BYTES, MAX_TICKET_BYTES };

export type SniffedType = "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "application/pdf" | "video/mp4" | "video/webm" | "application/json" | "text/plain";

function startsWith(bytes: Uint8Array, signature: number[], offset = 0) {
  return signature.every((value, index) => bytes[offset + index] === value);
}

/** The allowed type these bytes are, or null. Text must be valid UTF-8 without control characters. */
export function sniffContentType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return "image/gif";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4)) return "video/mp4";
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return "video/webm";
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what marks a binary file
  if (/[\u0000-\u0008\u000e-\u001f]/.test(decoded)) return null;
  const trimmed = decoded.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      JSON.parse(trimmed);
      return "application/json";
    } catch {
      return "text/plain";
    }
  }
  return "text/plain";
}

export function isInlineImage(contentType: string): boolean {
  return contentType.startsWith("image/");
}

export type IncomingFile = { fileName: string; bytes: Uint8Array };
export type CheckedFile = IncomingFile & { contentType: SniffedType; sha256: string };
export type AttachmentProblem = { status: 413 | 415; message: string };

/** Checks a batch of uploads against the allowlist and the limits (with what the ticket already holds). */
export function checkAttachments(files: IncomingFile[], bytesAlreadyOnTicket = 0): { ok: true; files: CheckedFile[] } | ({ ok: false } & AttachmentProblem) {
  const checked: CheckedFile[] = [];
  let total = bytesAlreadyOnTicket;
  for (const file of files) {
    if (file.bytes.byteLength > MAX_FILE_BYTES) return { ok: false, status: 413, message: `“${file.fileName}” is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB. Attach a smaller file (or share a link to it in the description).` };
    total += file.bytes.byteLength;
    if (total > MAX_TICKET_BYTES) return { ok: false, status: 413, message: `Attachments on one ticket may add up to ${MAX_TICKET_BYTES / 1024 / 1024} MB; these files go over that.` };
    const contentType = sniffContentType(file.bytes);
    if (!contentType) return { ok: false, status: 415, message: `“${file.fileName}” is not a file type we accept. Accepted: ${ALLOWED_TYPES_LABEL}.` };
    checked.push({ ...file, contentType, sha256: createHash("sha256").update(file.bytes).digest("hex") });
  }
  return { ok: true, files: checked };
}

function storedPath(sha256: string, dir = attachmentsDir) {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error("Not a SHA-256 name");
  return path.join(dir, sha256.slice(0, 2), sha256);
}

/** Writes the bytes under their hash unless that file is already there. */
export async function storeAttachment(file: CheckedFile, dir = attachmentsDir) {
  const target = storedPath(file.sha256, dir);
  try {
    await stat(target);
    return;
  } catch {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.bytes);
  }
}

export function readAttachment(sha256: string, dir = attachmentsDir): Promise<Buffer> {
  return readFile(storedPath(sha256, dir));
}

export async function deleteStoredAttachment(sha256: string, dir = attachmentsDir) {
  await rm(storedPath(sha256, dir), { force: true });
}

/** A name safe for a Content-Disposition header. */
export function dispositionName(fileName: string) {
  const ascii = fileName.replace(/[^A-Za-z0-9._ -]/g, "_").slice(0, 120) || "attachment";
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName.slice(0, 200))}`;
}

/** Files from a multipart form field, skipping the empty entry browsers send when nothing was chosen. */
export async function filesFromForm(formData: FormData, name = "attachments"): Promise<IncomingFile[]> {
  const files: IncomingFile[] = [];
  for (const entry of formData.getAll(name)) {
    if (typeof entry === "string" || entry.size === 0) continue;
    files.push({ fileName: entry.name.slice(0, 200) || "attachment", bytes: new Uint8Array(await entry.arrayBuffer()) });
  }
  return files;
}
