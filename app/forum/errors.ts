/**
 * A refusal the member should read: the status says what kind (403 not allowed, 404 gone, 409 the
 * thread's state forbids it, 429 slow down) and the message says what to do. Routes turn it into a
 * response with that status; it never becomes a 500.
 */
export class ForumRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 429,
    message: string,
    /** The form field the message belongs to, when one is to blame. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "ForumRefusal";
  }
}

export function isForumRefusal(error: unknown): error is ForumRefusal {
  return error instanceof ForumRefusal;
}
