import { parentPort } from "node:worker_threads";
import { runMarkdownJob, type MarkdownJobKind, type MarkdownResults } from "./markdown";
import type { MentionLinks } from "./markdown-enhance";

/**
 * The Markdown worker thread's entry (compiled to build-server/markdown-worker.mjs by
 * scripts/build-server.ts): renders (or reads the mentions of) what app/lib/markdown-threads.server.ts
 * sends it, so a 50,000-character post takes its few hundred milliseconds here instead of on the
 * thread that answers requests.
 */
export type MarkdownJob = { id: number; kind: MarkdownJobKind; markdown: string; mentionLinks?: MentionLinks };
export type MarkdownAnswer = { id: number; result: MarkdownResults[MarkdownJobKind] } | { id: number; error: string };

parentPort?.on("message", ({ id, kind, markdown, mentionLinks }: MarkdownJob) => {
  let answer: MarkdownAnswer;
  try {
    answer = { id, result: runMarkdownJob(kind, markdown, mentionLinks) };
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
