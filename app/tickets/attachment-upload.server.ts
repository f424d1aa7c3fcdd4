import { data, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { createFieldCounter, isBodyTooLargeError } from "../lib/form-limits";
import { Refusal } from "../lib/refusal";
import { MAX_TICKET_BYTES, MAX_UPLOAD_REQUEST_BYTES, megabytes } from "./attachment-rules";
import {
  cleanFileName,
  discardUploads,
  receiveUpload,
  type AttachmentProblem,
  type CheckedFile,
} from "./attachments.server";

/**
 * The ticket forms (new ticket, customer reply, agent reply): their text fields, and their files
 * written to disk as they stream in (server/request-body.ts streams these forms instead of buffering
 * them). Files past a cap are dropped while the rest of the form is still read, so the page can answer
 * with the typed text kept and one clear message about the files.
 */

/** The file input's name on every ticket form. */
export const ATTACHMENTS_FIELD = "attachments";
/** A ticket's longest text (the description) is 20,000 characters; four bytes each at most in UTF-8. */
const MAX_TEXT_FIELD_BYTES = 80 * 1024;
const MAX_TEXT_BYTES = 256 * 1024;

export type TicketFormUpload = {
  /** The text fields only: files are in `files`, never in the form data. */
  form: FormData;
  files: CheckedFile[];
  /**
   * Why the files cannot be attached: a cap passed or a type refused (the text fields are complete), or
   * a part the parser could not read (the text fields read before it are kept).
   */
  problem: AttachmentProblem | { status: 400; message: string } | null;
  /** Deletes uploads that were not stored; call it once the action is done, whatever happened. */
  discard: () => Promise<void>;
};

async function drain(source: AsyncIterable<Uint8Array>) {
  for await (const chunk of source) void chunk;
}

async function readText(source: AsyncIterable<Uint8Array>, counted: { bytes: number }): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    counted.bytes += chunk.byteLength;
    if (size > MAX_TEXT_FIELD_BYTES || counted.bytes > MAX_TEXT_BYTES)
      throw new Refusal(413, "The text in this form is too long. Shorten it and send again.");
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Parser failures are 400s; a failing disk or a dropped connection (errors with a code) is not the client's fault. */
function isSystemError(error: unknown) {
  return error instanceof Error && "code" in error;
}

/**
 * Remix's multipart parser cannot read a quoted file name holding ";" or "=" (browsers send those
 * unescaped), nor a broken body. The text read up to there comes back with this message.
 */
const UNREADABLE_FORM =
  "We could not read the attached files (the form data was malformed). If a file name contains “;” or “=”, rename the file and attach it again.";

/** How much one upload form may attach, and what to say when its whole body is over the server's limit. */
export type UploadFormLimits = {
  /** Room for files in this form (the per-file cap applies besides). */
  bytesLeft: number;
  /** Files past this many are refused with `tooManyFiles` (the rest of the form is still read). */
  maxFiles?: number;
  tooManyFiles?: string;
  /** The 413 message for a body past the server's limit for the route. */
  bodyTooLarge: string;
};

/**
 * Reads a ticket form. `bytesOnTicket` is what the ticket holds already (0 for a new one). Throws a
 * 400 or 413 response, with the reason, for a form that cannot be read at all.
 */
export function readTicketForm(request: Request, bytesOnTicket = 0): Promise<TicketFormUpload> {
  return readUploadForm(request, {
    bytesLeft: MAX_TICKET_BYTES - bytesOnTicket,
    bodyTooLarge: `This form is larger than ${megabytes(MAX_UPLOAD_REQUEST_BYTES)}. Attachments may add up to ${megabytes(MAX_TICKET_BYTES)}.`,
  });
}

/**
 * Reads a form whose files (in the `attachments` field) are streamed to disk under the attachment
 * rules: checked by content, the per-file cap, and the room in `limits`. Any form that takes files
 * (the ticket forms, a chat message) goes through here.
 */
export async function readUploadForm(request: Request, limits: UploadFormLimits): Promise<TicketFormUpload> {
  const files: CheckedFile[] = [];
  const discard = () => discardUploads(files);
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    // A small url-encoded form (raise priority, mark solved): buffered and checked by the server.
    return { form: await request.formData(), files, problem: null, discard };
  }
  let problem: TicketFormUpload["problem"] = null;
  let attachedBytes = 0;
  // Text fields are kept here as they arrive (not in the parser's result), so they survive a part it cannot read.
  const fields = new FormData();
  const text = { bytes: 0 };
  const countField = createFieldCounter();
  const handler: UploadHandler = async ({ name, filename, data: source }) => {
    const refusal = countField(name);
    if (refusal) throw new Refusal(refusal.status, refusal.message);
    if (filename === undefined) {
      fields.append(name, await readText(source, text));
      return undefined;
    }
    if (name !== ATTACHMENTS_FIELD || problem) {
      await drain(source);
      return undefined;
    }
    const received = await receiveUpload(cleanFileName(filename), source, limits.bytesLeft - attachedBytes);
    if (received.kind === "file") {
      files.push(received.file);
      attachedBytes += received.file.size;
      if (limits.maxFiles !== undefined && files.length > limits.maxFiles)
        problem = { status: 413, message: limits.tooManyFiles ?? `Attach at most ${limits.maxFiles} files.` };
    } else if (received.kind === "refused") {
      problem = received.problem;
    }
    return undefined;
  };
  try {
    await unstable_parseMultipartFormData(request, handler);
    return { form: fields, files, problem, discard };
  } catch (error) {
    await discard();
    if (error instanceof Refusal) throw data({ message: error.message }, { status: error.status });
    if (isBodyTooLargeError(error)) throw data({ message: limits.bodyTooLarge }, { status: 413 });
    if (isSystemError(error)) throw error;
    return { form: fields, files: [], problem: { status: 400, message: UNREADABLE_FORM }, discard };
  }
}
