import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { env } from "./env.server";
import { runMarkdownJob, type MarkdownJobKind, type MarkdownResults } from "./markdown";
import type { MentionLinks } from "./markdown-enhance";
import type { MarkdownAnswer, MarkdownJob } from "./markdown-worker.server";

/**
 * Markdown off the main thread. Rendering a post costs about 1.6 ms per 1,000 characters warm and
 * 250–350 ms for the 50,000 characters the forms allow (highlighting included); on the thread that
 * answers requests that would hold every reader up. The production server hands it to one worker
 * thread (build-server/markdown-worker.mjs) and awaits the answer. A short post is done in place:
 * up to IN_PLACE_MAX_CHARS it costs less than the trip to the worker (about 1 ms of this thread's
 * time for the message and its answer, and a turn of the event loop). Development and tests, which
 * run the TypeScript sources, do everything in place. If the worker dies, what it held is done in
 * place and the next call starts a new one. Decision record 018.
 */
const IN_PLACE_MAX_CHARS = 500;

const WORKER_FILE = path.resolve("build-server/markdown-worker.mjs");

type Waiting = {
  job: MarkdownJob;
  resolve: (value: MarkdownResults[MarkdownJobKind]) => void;
  reject: (error: Error) => void;
};

let worker: Worker | null = null;
const waiting = new Map<number, Waiting>();
let nextId = 1;

function workerAvailable() {
  return env.NODE_ENV === "production" && fs.existsSync(WORKER_FILE);
}

function startWorker(): Worker {
  const started = new Worker(WORKER_FILE);
  // Idle, it must not keep the process alive; busy, the awaiting request does.
  started.unref();
  started.on("message", (answer: MarkdownAnswer) => {
    const entry = waiting.get(answer.id);
    if (!entry) return;
    waiting.delete(answer.id);
    if (waiting.size === 0) started.unref();
    if ("error" in answer) entry.reject(new Error(answer.error));
    else entry.resolve(answer.result);
  });
  const recover = (reason: string) => {
    if (worker !== started) return;
    worker = null;
    console.error(`markdown worker stopped (${reason}); rendering its ${waiting.size} job(s) in place`);
    for (const [id, entry] of waiting) {
      waiting.delete(id);
      try {
        entry.resolve(runMarkdownJob(entry.job.kind, entry.job.markdown, entry.job.mentionLinks));
      } catch (error) {
        entry.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  };
  started.on("error", (error) => recover(error.message));
  started.on("exit", (code) => recover(`exit ${code}`));
  return started;
}

function run<K extends MarkdownJobKind>(
  kind: K,
  markdown: string,
  mentionLinks?: MentionLinks,
): Promise<MarkdownResults[K]> {
  if (markdown.length <= IN_PLACE_MAX_CHARS || !workerAvailable()) {
    try {
      return Promise.resolve(runMarkdownJob(kind, markdown, mentionLinks));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
  worker ??= startWorker();
  const job: MarkdownJob = { id: nextId++, kind, markdown, mentionLinks };
  const current = worker;
  return new Promise<MarkdownResults[K]>((resolve, reject) => {
    // The worker answers a job of kind K with MarkdownResults[K] (app/lib/markdown-worker.server.ts).
    waiting.set(job.id, { job, resolve: (value) => resolve(value as MarkdownResults[K]), reject });
    current.ref();
    current.postMessage(job);
  });
}

/** renderMarkdown (app/lib/markdown.ts), on the worker thread in production. */
export function renderMarkdownOffThread(markdown: string, mentionLinks?: MentionLinks): Promise<string> {
  return run("html", markdown, mentionLinks);
}

/** markdownToPlainText (app/lib/markdown.ts), on the worker thread in production. */
export function markdownToPlainTextOffThread(markdown: string): Promise<string> {
  return run("plain", markdown);
}

/** mentionedNames (app/lib/markdown.ts), on the worker thread in production. */
export function mentionedNamesOffThread(markdown: string): Promise<string[]> {
  return run("mentions", markdown);
}
