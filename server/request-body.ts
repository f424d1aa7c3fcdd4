import type http from "node:http";
import { bodyTooLargeError } from "../app/lib/form-limits";
import { INBOUND_EMAIL_PATH, MAX_MESSAGE_BYTES } from "../app/email/limits";
import { CHAT_UPLOAD_REQUEST_BYTES } from "../app/chat/rules";
import { MAX_UPLOAD_REQUEST_BYTES } from "../app/tickets/attachment-rules";
import { formBodyProblem, multipartBoundary, type BodyProblem } from "./form-shape";

/**
 * Request bodies before Remix runs. Forms are buffered up to FORM_BODY_LIMIT and checked by
 * form-shape.ts; the multipart forms of the ticket pages carry attachments and are streamed
 * to the action instead (which writes files to disk as they arrive), up to the upload limit.
 */

/** Every form except the ticket uploads below; form parsing cost grows with the body. */
export const FORM_BODY_LIMIT = 64 * 1024;
/** An over-limit body is read and thrown away up to this size (so the client sees the 413), then the connection is closed. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * Pages whose forms take attachments, with the most each may send: the ticket forms (the new-ticket
 * form and its single-fetch `.data` twin, the customer's and the agent's ticket page), and a file sent
 * in a chat (one file of at most the ticket form's per-file cap).
 */
const UPLOAD_ROUTES: { path: RegExp; limit: number }[] = [
  { path: /^\/support\/new(?:\.data)?$/, limit: MAX_UPLOAD_REQUEST_BYTES },
  { path: /^\/support\/tickets\/[^/]+$/, limit: MAX_UPLOAD_REQUEST_BYTES },
  { path: /^\/admin\/tickets\/[^/]+$/, limit: MAX_UPLOAD_REQUEST_BYTES },
  { path: /^\/chat\/[a-z0-9]{1,40}\/files$/, limit: CHAT_UPLOAD_REQUEST_BYTES },
];

/**
 * Machine endpoints that take a raw body, not a form: inbound mail by webhook (a raw RFC 822 message,
 * authenticated by its bearer secret, never by a cookie, so the cross-site check does not apply).
 */
const RAW_BODY_ROUTES: { path: string; limit: number }[] = [
  { path: INBOUND_EMAIL_PATH, limit: MAX_MESSAGE_BYTES + 64 * 1024 },
];

export function rawBodyLimit(pathname: string): number | null {
  return RAW_BODY_ROUTES.find((route) => route.path === pathname)?.limit ?? null;
}

export type BodyReading = { ok: true; body: Buffer | ReadableStream<Uint8Array> } | ({ ok: false } & BodyProblem);

function tooLarge(limit: number): { ok: false } & BodyProblem {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`;
  return { ok: false, status: 413, message: `This form is too large: the limit is ${size}.` };
}

/** Form actions take url-encoded or multipart forms; anything else would fail deep inside a route. */
export function contentTypeProblem(req: http.IncomingMessage): BodyProblem | null {
  const contentType = (req.headers["content-type"] ?? "").toLowerCase();
  if (!contentType) {
    // Without a type no parser can read the body (every action answered 500); an empty body is an empty form.
    const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
    return hasBody
      ? {
          status: 415,
          message:
            "This request has a body but no Content-Type: send forms as application/x-www-form-urlencoded or multipart/form-data.",
        }
      : null;
  }
  if (contentType.startsWith("application/x-www-form-urlencoded")) return null;
  if (contentType.startsWith("multipart/form-data")) {
    return multipartBoundary(req.headers["content-type"] ?? "")
      ? null
      : { status: 400, message: "A multipart form needs a boundary parameter in its Content-Type." };
  }
  return { status: 415, message: "Send forms as application/x-www-form-urlencoded or multipart/form-data." };
}

/** After a refusal: let the client finish sending (so it reads the answer) unless it sends far too much. */
export function discardRest(req: http.IncomingMessage) {
  if (req.readableEnded) return;
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.socket.destroy();
  });
  req.resume();
}

type Buffered = { ok: true; body: Buffer } | { ok: false };

/** Reads a request body of at most `limit` bytes; a bigger one is refused before anything parses it. */
function readBuffered(req: http.IncomingMessage, limit: number): Promise<Buffered> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (declared > limit) return Promise.resolve({ ok: false });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.off("end", onEnd);
        resolve({ ok: false });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve({ ok: true, body: Buffer.concat(chunks, size) });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", reject);
  });
}

/**
 * The body as a stream that errors (with form-limits' body-too-large error) once it passes `limit`.
 * It reads from the socket only as fast as the action consumes it; whatever the action leaves unread
 * (a redirect to sign in, a refusal) is drained after the response so the connection stays usable.
 */
function streamed(req: http.IncomingMessage, res: http.ServerResponse, limit: number): ReadableStream<Uint8Array> {
  let size = 0;
  let detach = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          detach();
          controller.error(bodyTooLargeError(limit));
          discardRest(req);
          return;
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      };
      const onEnd = () => {
        detach();
        controller.close();
      };
      const onError = (error: Error) => {
        detach();
        controller.error(error);
      };
      detach = () => {
        req.off("data", onData);
        req.off("end", onEnd);
        req.off("error", onError);
        detach = () => {};
      };
      req.on("data", onData);
      req.on("end", onEnd);
      req.on("error", onError);
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
      detach();
      discardRest(req);
    },
  });
  res.once("finish", () => {
    detach();
    discardRest(req);
  });
  return stream;
}

/** The route-specific limit for a streamed upload, or null when the body is a form to buffer. */
function uploadLimit(req: http.IncomingMessage, pathname: string): number | null {
  if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/form-data")) return null;
  return UPLOAD_ROUTES.find((route) => route.path.test(pathname))?.limit ?? null;
}

/** Reads (or, for uploads, streams) a request body within its route's limit; a refusal says why. */
export async function readRequestBody(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
  formLimit: number,
): Promise<BodyReading> {
  const raw = rawBodyLimit(pathname);
  if (raw !== null) {
    if (Number(req.headers["content-length"] ?? NaN) > raw) {
      discardRest(req);
      return {
        ok: false,
        status: 413,
        message: `This message is too large: the limit is ${Math.round(MAX_MESSAGE_BYTES / 1024 / 1024)} MB.`,
      };
    }
    return { ok: true, body: streamed(req, res, raw) };
  }
  const upload = uploadLimit(req, pathname);
  const limit = upload ?? formLimit;
  if (Number(req.headers["content-length"] ?? NaN) > limit) {
    discardRest(req);
    return tooLarge(limit);
  }
  if (upload !== null) return { ok: true, body: streamed(req, res, upload) };
  const read = await readBuffered(req, formLimit);
  if (!read.ok) {
    discardRest(req);
    return tooLarge(formLimit);
  }
  const problem = formBodyProblem(req.headers["content-type"], read.body);
  return problem ? { ok: false, ...problem } : { ok: true, body: read.body };
}
