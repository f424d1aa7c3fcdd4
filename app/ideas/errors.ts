/**
 * A refusal the member should read: 400 bad input, 403 not allowed, 404 gone, 409 the idea's
 * state forbids it. Routes turn it into a response with that status; it never becomes a 500.
 */
export class IdeaRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 429,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "IdeaRefusal";
  }
}

export function isIdeaRefusal(error: unknown): error is IdeaRefusal {
  return error instanceof IdeaRefusal;
}
