import { createFieldCounter, type FormShapeRefusal } from "../app/lib/form-limits";

/**
 * One linear pass over a buffered form body before Remix parses it: counts its fields (see
 * app/lib/form-limits.ts) and refuses a multipart body that a parser would choke on (a 500) with a
 * 400 that says why. Never builds the form itself.
 */

export type BodyProblem = { status: 400 | 413 | 415; message: string };

const BROKEN_MULTIPART: BodyProblem = {
  status: 400,
  message: "The form data is malformed or cut off (a broken multipart body). Submit the form again.",
};

/** The boundary parameter of a multipart Content-Type, as sent (boundaries are case-sensitive); null without one. */
export function multipartBoundary(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s"]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** Form field names as URLSearchParams reads them (`+` is a space; a broken %-escape stays as it is). */
function decodeFieldName(raw: string): string {
  if (!raw.includes("%") && !raw.includes("+")) return raw;
  const spaced = raw.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

export function urlEncodedProblem(body: Buffer): FormShapeRefusal | null {
  // Latin-1 maps each byte to one character and never throws; names are only compared with each other.
  const text = body.toString("latin1");
  const count = createFieldCounter();
  for (let start = 0; start < text.length;) {
    let end = text.indexOf("&", start);
    if (end < 0) end = text.length;
    if (end > start) {
      const pair = text.slice(start, end);
      const equals = pair.indexOf("=");
      const problem = count(decodeFieldName(equals < 0 ? pair : pair.slice(0, equals)));
      if (problem) return problem;
    }
    start = end + 1;
  }
  return null;
}

/** The field name in a part's Content-Disposition (`form-data; name="x"; filename="y"`), or null. */
function dispositionName(value: string): string | null {
  if (!/^form-data\s*(?:;|$)/i.test(value)) return null;
  const match = /;\s*name\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s"]+))/i.exec(value);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** A part's header block must be lines of `Name: value` with a form-data Content-Disposition; a CR or LF inside a value (a file name with a line break) is refused. */
function partName(headers: string): string | null {
  let name: string | null = null;
  for (const line of headers.split("\r\n")) {
    if (/[\r\n]/.test(line)) return null;
    const colon = line.indexOf(":");
    if (colon <= 0) return null;
    if (line.slice(0, colon).trim().toLowerCase() === "content-disposition")
      name = dispositionName(line.slice(colon + 1).trim());
  }
  return name;
}

export function multipartProblem(body: Buffer, boundary: string): BodyProblem | null {
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`, "latin1");
  const count = createFieldCounter();
  let position = body.indexOf(delimiter);
  if (position < 0) return BROKEN_MULTIPART;
  for (;;) {
    const after = position + delimiter.length;
    // "--" after a delimiter closes the body; whatever follows (an epilogue) is ignored by every parser.
    if (body[after] === 0x2d && body[after + 1] === 0x2d) return null;
    if (body[after] !== 0x0d || body[after + 1] !== 0x0a) return BROKEN_MULTIPART;
    const headersEnd = body.indexOf("\r\n\r\n", after + 2, "latin1");
    if (headersEnd < 0) return BROKEN_MULTIPART;
    const name = partName(body.toString("utf8", after + 2, headersEnd));
    if (name === null)
      return {
        status: 400,
        message:
          "A part of this form has malformed headers (each needs a form-data Content-Disposition with a name, and no line breaks in its values).",
      };
    const problem = count(name);
    if (problem) return problem;
    const next = body.indexOf(nextDelimiter, headersEnd + 4);
    if (next < 0) return BROKEN_MULTIPART;
    position = next + 2;
  }
}

/** The problem with a buffered form body, or null when Remix may parse it. */
export function formBodyProblem(contentType: string | undefined, body: Buffer): BodyProblem | null {
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const boundary = multipartBoundary(contentType ?? "");
    return boundary
      ? multipartProblem(body, boundary)
      : { status: 400, message: "A multipart form needs a boundary parameter in its Content-Type." };
  }
  // An empty body or a url-encoded form (the only other type contentTypeProblem lets through).
  return urlEncodedProblem(body);
}
