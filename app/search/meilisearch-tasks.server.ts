import { MeilisearchTaskTimeOutError, type EnqueuedTask, type Meilisearch, type Task } from "meilisearch";

/**
 * Talking to Meilisearch with errors that say what failed: a request that fails names what it was doing
 * and why (with the causes beneath), and a write waits for its task to succeed or says how it did not.
 */

/** A Meilisearch task that ended as "failed" or "canceled"; `code` is Meilisearch's error code. */
export class MeilisearchTaskError extends Error {
  override name = "MeilisearchTaskError";
  readonly code: string | undefined;
  readonly task: Task;

  constructor(what: string, task: Task) {
    const detail = task.error ? `${task.error.message} (${task.error.code})` : "no error reported";
    super(`Meilisearch task ${task.uid} (${what}) ${task.status}: ${detail}`);
    this.code = task.error?.code;
    this.task = task;
  }
}

/** Joins an error's message with those of its causes ("Request to … has failed: fetch failed: connect ECONNREFUSED …"). */
export function describeError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current != null; depth++) {
    if (current instanceof Error) {
      if (current.message && !messages.includes(current.message)) messages.push(current.message);
      current = current.cause;
    } else if (typeof current === "object" && "message" in current && typeof current.message === "string") {
      messages.push(current.message);
      break;
    } else {
      if (typeof current !== "object") messages.push(String(current));
      break;
    }
  }
  return messages.join(": ") || "unknown error";
}

/** Runs one request; a failure becomes an Error that names `what` and gives the cause. */
export async function meiliRequest<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(`Meilisearch ${what} failed: ${describeError(error)}`, { cause: error });
  }
}

export type TaskTiming = { timeoutMs: number; pollIntervalMs: number };

/** Enqueues a task and waits for it; throws a clear Error unless it succeeded in time. */
export async function runTask(
  client: Meilisearch,
  timing: TaskTiming,
  what: string,
  enqueue: () => Promise<EnqueuedTask>,
): Promise<Task> {
  const enqueued = await meiliRequest(what, enqueue);
  let task: Task;
  try {
    task = await client.tasks.waitForTask(enqueued.taskUid, {
      timeout: timing.timeoutMs,
      interval: timing.pollIntervalMs,
    });
  } catch (error) {
    const reason =
      error instanceof MeilisearchTaskTimeOutError
        ? `did not finish within ${timing.timeoutMs} ms`
        : `could not be awaited: ${describeError(error)}`;
    throw new Error(`Meilisearch task ${enqueued.taskUid} (${what}) ${reason}`, { cause: error });
  }
  if (task.status !== "succeeded") throw new MeilisearchTaskError(what, task);
  return task;
}
