import type http from "node:http";
import { formBodyProblem, multipartBoundary, type BodyProblem } from "./form-shape";

/** Request bodies before Remix runs: forms are buffered up to FORM_BODY_LIMIT and checked by form-shape.ts. */

/** Every form; form parsing cost grows with the body. */
export const FORM_BODY_LIMIT = 64 * 1024;
/** An over-limit body is read and thrown away up to this size (so the client sees the 413), then the connection is closed. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

export type BodyReading = { ok: true; body: Buffer } | ({ ok: false } & BodyProblem);

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
    return hasBody ? { status: 415, message: "This request has a body but no Content-Type: send forms as application/x-www-form-urlencoded or multipart/form-data." } : null;
  }
  if (contentType.startsWith("application/x-www-form-urlencoded")) return null;
  if (contentType.startsWith("multipart/form-data")) {
    return multipartBoundary(req.headers["content-type"] ?? "") ? null : { status: 400, message: "A multipart form needs a boundary parameter in its Content-Type." };
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

/** Reads a request body within the form limit; a refusal says why. */
export async function readRequestBody(req: http.IncomingMessage, formLimit: number): Promise<BodyReading> {
  const read = await readBuffered(req, formLimit);
  if (!read.ok) {
    discardRest(req);
    return tooLarge(formLimit);
  }
  const problem = formBodyProblem(req.headers["content-type"], read.body);
  return problem ? { ok: false, ...problem } : { ok: true, body: read.body };
}
