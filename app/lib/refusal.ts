/**
 * "The rules say no": the one error a model module throws when who is asking is not established (401:
 * a wrong password), a member may not do what they asked (403), the thing is gone (404), its state forbids it (409), the input is wrong (400), too big (413)
 * or they asked too often (429). The message is written for the person who asked; routes turn it
 * into their answer (a form error beside `field`, or a status page) with `refusalStatus` and
 * `refusalHeaders`, so it never becomes a 500.
 */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;

export type RefusalDetails = {
  /** The form field the message belongs to, when one is to blame. */
  field?: string;
  /** Every field to blame with its own message, when a form has several wrong at once (all are shown together). */
  fields?: Record<string, string>;
  /** Seconds until asking again can work (429): sent as Retry-After. */
  retryAfterSeconds?: number;
};

export class Refusal extends Error {
  readonly field?: string;
  readonly fields?: Record<string, string>;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly status: RefusalStatus,
    message: string,
    details: RefusalDetails = {},
  ) {
    super(message);
    this.name = "Refusal";
    this.field = details.field;
    this.fields = details.fields;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export function isRefusal(error: unknown): error is Refusal {
  return error instanceof Refusal;
}

/** The headers a refusal's answer carries: Retry-After when it says when to ask again. */
export function refusalHeaders(refusal: Refusal): Record<string, string> {
  return refusal.retryAfterSeconds === undefined
    ? {}
    : { "Retry-After": String(Math.max(1, Math.ceil(refusal.retryAfterSeconds))) };
}
