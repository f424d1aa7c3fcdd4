import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MARKDOWN_MAX_LENGTH, mentionedNames, renderMarkdown } from "~/lib/markdown";
import type { MarkdownAnswer, MarkdownJob } from "~/lib/markdown-worker.server";

/**
 * The built Markdown worker (build-server/markdown-worker.mjs), which the production server hands long
 * posts to (decision record 018): it must answer each kind of job as the in-place functions do, and
 * reading a 50,000-character post for its @mentions (over 100 ms of parsing) must leave the thread
 * that answers requests free meanwhile.
 */

const WORKER_FILE = path.resolve("build-server/markdown-worker.mjs");
let worker: Worker;
let nextId = 1;

function ask(job: Omit<MarkdownJob, "id">): Promise<MarkdownAnswer> {
  const id = nextId++;
  return new Promise((resolve) => {
    const listen = (answer: MarkdownAnswer) => {
      if (answer.id !== id) return;
      worker.off("message", listen);
      resolve(answer);
    };
    worker.on("message", listen);
    worker.postMessage({ ...job, id });
  });
}

beforeAll(() => {
  if (!fs.existsSync(WORKER_FILE)) throw new Error("Run `npm run build` before the server tests (npm test does).");
  worker = new Worker(WORKER_FILE);
});
afterAll(() => worker.terminate());

const paragraph =
  "Hello @sam, have you tried **restarting** the [sync agent](https://example.com/@nobody)? `@code` stays code, and @pat_2 agrees.\n\n";
const longPost = paragraph.repeat(Math.ceil(MARKDOWN_MAX_LENGTH / paragraph.length)).slice(0, MARKDOWN_MAX_LENGTH);

describe("the Markdown worker", () => {
  it("names a long post's mentions as the in-place reader does, while the main thread keeps answering", async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const answer = await ask({ kind: "mentions", markdown: longPost });
    clearInterval(ticker);
    expect(answer).toEqual({ id: expect.any(Number), result: ["sam", "pat_2"] });
    expect(mentionedNames(longPost)).toEqual(["sam", "pat_2"]);
    // Parsing 50,000 characters takes over 100 ms; a timer every 5 ms ran meanwhile.
    expect(ticks).toBeGreaterThan(2);
  });

  it("renders a post's HTML exactly as the in-place renderer does, links to mentioned members included", async () => {
    const markdown = "Ask @sam about `agent.log`.\n\n```bash\nsudo systemctl restart techflow-agent\n```";
    const mentionLinks = { sam: "/community/u/sam" };
    expect(await ask({ kind: "html", markdown, mentionLinks })).toEqual({
      id: expect.any(Number),
      result: renderMarkdown(markdown, { mentionLinks }),
    });
  });
});
