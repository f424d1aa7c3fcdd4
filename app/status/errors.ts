/** A refusal the reader should see (400 bad input, 404 gone, 409 wrong state, 429 asked too often). */
export class StatusRefusal extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 429,
    message: string,
    /** Seconds until asking again can work (429 only): the route sends it as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "StatusRefusal";
  }
}
