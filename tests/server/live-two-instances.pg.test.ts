import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { SERVER_BUILD } from "../../server/build-dir";
import { FACTORY_PASSWORD, createUser } from "../factories/accounts";
import { createMember, startThread } from "../notifications/factories";

/**
 * Two real server processes on one PostgreSQL database (this worker's throw-away one), both with the
 * page cache OFF: a reply posted through instance A reaches a reader of the thread's live updates
 * (Server-Sent Events) connected to instance B. Live updates have their own LISTEN/NOTIFY channel, so
 * they do not depend on the page-cache purge broadcast, which is not started without the cache.
 * Runs on PostgreSQL only (npm run test:integration:pg).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tf-live-instances-"));
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

async function startInstance(name: string): Promise<string> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn("npx", ["tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: origin,
      APP_SECRET: "live-instances-test-secret-0123456789abcdef",
      JOBS: "off",
      PAGE_CACHE: "off",
      SEARCH_DB: path.join(tmp, `${name}-search.db`),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("TechFlow Help Center on")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`instance ${name} exited with ${code}:\n${output}`)));
  });
  return origin;
}

let a = "";
let b = "";

beforeAll(async () => {
  if (!fs.existsSync(SERVER_BUILD)) throw new Error("Run `npm run build` before the server tests (npm test does).");
  [a, b] = await Promise.all([startInstance("a"), startInstance("b")]);
}, 120_000);

afterAll(async () => {
  for (const child of children) {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  await prisma.$disconnect();
});

/** Reads a Server-Sent Events body until `pattern` shows up (the test's timeout bounds the wait). */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp, seen: { text: string }) {
  const decoder = new TextDecoder();
  while (!pattern.test(seen.text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the event stream ended before ${pattern}: ${seen.text}`);
    seen.text += decoder.decode(value, { stream: true });
  }
  return seen.text;
}

async function signInOn(origin: string, email: string) {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: FACTORY_PASSWORD }),
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  const cookie = response.headers
    .getSetCookie()
    .map((line) => /^(tf_session=[^;]+)/.exec(line)?.[1])
    .find(Boolean);
  if (!cookie) throw new Error(`signing in on ${origin} failed with ${response.status}`);
  return cookie;
}

describe("live replies across two instances with the page cache off", () => {
  it("a reply posted through A reaches a reader of the thread's live updates on B", async () => {
    const asker = await createMember();
    // Started an hour ago, so the replier's new-member posting interval does not apply.
    const { thread } = await startThread(asker.id, { createdAt: new Date(Date.now() - 60 * 60_000) });
    const replier = await createUser({ name: "Cross Instance" });
    await prisma.user.update({
      where: { id: replier.id },
      data: { username: `cross${replier.id.slice(0, 8).replace(/[^a-z0-9]/gi, "")}` },
    });
    const cookie = await signInOn(a, replier.email);

    const controller = new AbortController();
    const events = await fetch(`${b}/community/t/${thread.id}/events`, {
      signal: controller.signal,
      headers: { Accept: "text/event-stream" },
    });
    expect(events.status).toBe(200);
    expect(events.headers.get("content-type")).toContain("text/event-stream");
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    const seen = { text: "" };
    try {
      await readUntil(reader, /event: hello/, seen);
      expect(seen.text).toContain(`"lastPostNumber":1`);

      const reply = await fetch(`${a}/community/t/${thread.id}-${thread.slug}`, {
        method: "POST",
        body: new URLSearchParams({
          intent: "reply",
          body: "Posted through instance A: escalate from the ticket page.",
        }),
        headers: { Origin: a, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        redirect: "manual",
      });
      expect(reply.status, await reply.clone().text()).toBe(303);
      expect((await prisma.forumThread.findUniqueOrThrow({ where: { id: thread.id } })).lastPostNumber).toBe(2);

      await readUntil(reader, /event: post/, seen);
      expect(seen.text).toContain('id: 2\nevent: post\ndata: {"postNumber":2}');
    } finally {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    }
  });
});
