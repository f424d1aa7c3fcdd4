/**
 * How many fields a form may have, checked before any form parser runs. Parsers (and Conform's
 * reading of the result) slow down with the square of the repeats of one name: 32,000 copies of
 * one field in a 64 KB body kept a request busy for seconds while every other request waited. No form
 * on this site comes near these numbers. The production server checks buffered forms
 * (server/request-body.ts); streamed upload forms are counted part by part as they arrive
 * (app/tickets/attachment-upload.server.ts).
 */
export const MAX_FORM_FIELDS = 1_000;
export const MAX_REPEATS_OF_ONE_FIELD = 100;

export type FormShapeRefusal = { status: 400 | 413; message: string };

/** Counts fields as they are read; returns a refusal as soon as a limit is passed, null until then. */
export function createFieldCounter(): (name: string) => FormShapeRefusal | null {
  let total = 0;
  const perName = new Map<string, number>();
  return (name) => {
    total++;
    if (total > MAX_FORM_FIELDS)
      return {
        status: 413,
        message: `This form has more than ${MAX_FORM_FIELDS.toLocaleString("en-US")} fields; no form on this site has that many.`,
      };
    const count = (perName.get(name) ?? 0) + 1;
    perName.set(name, count);
    if (count > MAX_REPEATS_OF_ONE_FIELD)
      return {
        status: 400,
        message: `This form repeats the field “${name.slice(0, 40)}” more than ${MAX_REPEATS_OF_ONE_FIELD} times.`,
      };
    return null;
  };
}

/**
 * The name a streamed request body's error carries when the body passed the route's limit. Matched by
 * name, not class: the production server and the Remix build each bundle their own copy of this module.
 */
export const BODY_TOO_LARGE_ERROR = "RequestBodyTooLarge";

export function bodyTooLargeError(limitBytes: number): Error {
  const error = new Error(`The request body is larger than ${limitBytes} bytes.`);
  error.name = BODY_TOO_LARGE_ERROR;
  return error;
}

export function isBodyTooLargeError(error: unknown): boolean {
  return error instanceof Error && error.name === BODY_TOO_LARGE_ERROR;
}
