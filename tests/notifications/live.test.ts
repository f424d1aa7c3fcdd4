import { afterEach, describe, expect, it } from "vitest";
import {
  applyRemoteThreadActivity,
  liveListenerCount,
  publishToThread,
  setThreadActivityBroadcaster,
  subscribeToThread,
  type ThreadActivity,
} from "~/forum/live-hub.server";
import { liveConnectionsOf, threadEventStream } from "~/forum/live-stream.server";
import { applyRemotePurge, purgeCacheTags } from "~/lib/page-cache-purge.server";
import { publishThreadActivity } from "~/forum/activity-notices.server";
import { installLiveBridge, receiveRemoteThreadActivity } from "~/forum/live-bridge.server";
import { createMember, startThread, writePost } from "./factories";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
  setThreadActivityBroadcaster(null);
});

describe("the live hub", () => {
  it("delivers a thread's activity to that thread's subscribers only", () => {
    const seenA: ThreadActivity[] = [];
    const seenB: ThreadActivity[] = [];
    cleanups.push(subscribeToThread(101, (activity) => seenA.push(activity)));
    cleanups.push(subscribeToThread(102, (activity) => seenB.push(activity)));
    publishThreadActivity(101, 7);
    expect(seenA).toEqual([{ threadId: 101, postNumber: 7 }]);
    expect(seenB).toEqual([]);
  });

  it("stops delivering after unsubscribe and forgets empty threads", () => {
    const seen: number[] = [];
    const stop = subscribeToThread(103, (activity) => seen.push(activity.postNumber));
    expect(liveListenerCount(103)).toBe(1);
    stop();
    publishToThread({ threadId: 103, postNumber: 2 });
    expect(seen).toEqual([]);
    expect(liveListenerCount(103)).toBe(0);
  });

  it("forwards activity to the broadcaster, applies remote activity here without echo, and survives a failing listener", () => {
    const local: number[] = [];
    const broadcast: ThreadActivity[] = [];
    setThreadActivityBroadcaster((activity) => broadcast.push(activity));
    const original = console.error;
    console.error = () => {};
    try {
      cleanups.push(
        subscribeToThread(104, () => {
          throw new Error("a closed connection");
        }),
      );
      cleanups.push(subscribeToThread(104, (activity) => local.push(activity.postNumber)));
      publishToThread({ threadId: 104, postNumber: 3 });
      applyRemoteThreadActivity({ threadId: 104, postNumber: 4 });
    } finally {
      console.error = original;
    }
    expect(local).toEqual([3, 4]);
    expect(broadcast).toEqual([{ threadId: 104, postNumber: 3 }]);
  });
});

describe("across instances", () => {
  it("delivers another instance's reply from the live channel here only, and refuses malformed messages", () => {
    const seen: ThreadActivity[] = [];
    const broadcast: ThreadActivity[] = [];
    setThreadActivityBroadcaster((activity) => broadcast.push(activity));
    cleanups.push(subscribeToThread(108, (activity) => seen.push(activity)));
    expect(receiveRemoteThreadActivity({ threadId: 108, postNumber: 6, from: "instance-b" })).toEqual({
      threadId: 108,
      postNumber: 6,
    });
    for (const malformed of [
      { threadId: "108", postNumber: 7 },
      { threadId: 108 },
      { threadId: 108, postNumber: 0 },
      { threadId: -1, postNumber: 7 },
      { threadId: 108, postNumber: 7.5 },
    ]) {
      expect(receiveRemoteThreadActivity(malformed)).toBeNull();
    }
    expect(seen).toEqual([{ threadId: 108, postNumber: 6 }]);
    // Received, not re-sent: the instance that wrote it already told the others.
    expect(broadcast).toEqual([]);
  });

  it("a purge of a watched thread's page (a write that changed it without announcing a post) tells this instance's readers, once", async () => {
    installLiveBridge();
    const [asker, replier] = await Promise.all([createMember(), createMember()]);
    const { thread } = await startThread(asker.id);
    const seen: number[] = [];
    cleanups.push(subscribeToThread(thread.id, (activity) => seen.push(activity.postNumber)));
    // A post written without a publish (as a merge moves posts in), then the purge of the thread's tag.
    await writePost(thread.id, replier.id, "Moved in by a merge");
    applyRemotePurge([`thread:${thread.id}`, "list:forum"]);
    await expect.poll(() => seen).toEqual([2]);
    // Here, the reply's own publish and its local purge announce the same post: readers hear it once.
    await writePost(thread.id, replier.id, "Written here");
    publishThreadActivity(thread.id, 3);
    purgeCacheTags([`thread:${thread.id}`]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual([2, 3]);
  });
});

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, pattern: RegExp, state: { text: string }) {
  const decoder = new TextDecoder();
  while (!pattern.test(state.text)) {
    const { value, done } = await reader.read();
    if (done) break;
    state.text += decoder.decode(value);
  }
  return state.text;
}

describe("the event stream", () => {
  it("is text/event-stream, never stored, opens with the last post number, then sends this thread's posts and heartbeats", async () => {
    const controller = new AbortController();
    const response = threadEventStream(
      new Request("http://localhost/community/t/105/events", { signal: controller.signal }),
      105,
      4,
      { heartbeatMs: 20 },
    );
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toContain("no-store");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const state = { text: "" };
    await readUntil(reader, /event: hello/, state);
    expect(state.text).toContain('data: {"threadId":105,"lastPostNumber":4}');
    expect(liveListenerCount(105)).toBe(1);

    publishThreadActivity(999, 1);
    publishThreadActivity(105, 5);
    await readUntil(reader, /event: post/, state);
    expect(state.text).toContain('id: 5\nevent: post\ndata: {"postNumber":5}');
    expect(state.text).not.toContain('"postNumber":1}');
    await readUntil(reader, /: heartbeat/, state);

    // The reader leaves: the stream ends and the subscription is gone.
    controller.abort();
    expect(await reader.read()).toMatchObject({ done: true });
    expect(liveListenerCount(105)).toBe(0);
  });

  it("frees the subscription when the server stops reading (the socket closed) and ends itself after its lifetime", async () => {
    const cancelled = threadEventStream(new Request("http://localhost/community/t/106/events"), 106, 1);
    const reader = (cancelled.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    expect(liveListenerCount(106)).toBe(1);
    await reader.cancel();
    expect(liveListenerCount(106)).toBe(0);

    const short = threadEventStream(new Request("http://localhost/community/t/107/events"), 107, 1, {
      maxLifetimeMs: 30,
    });
    const text = await new Response(short.body).text();
    expect(text).toContain("retry: 5000");
    expect(liveListenerCount(107)).toBe(0);
  });

  it("refuses a client past its own limit with a 429 and the reason, while another client still connects; a closed connection frees the slot", async () => {
    const from = (address: string, signal?: AbortSignal) =>
      new Request("http://localhost/community/t/109/events", { headers: { "x-client-address": address }, signal });
    const readers = Array.from({ length: 3 }, () => new AbortController());
    const open = readers.map((reader) =>
      threadEventStream(from("203.0.113.7", reader.signal), 109, 1, { maxConnectionsPerClient: 3 }),
    );
    expect(open.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(liveConnectionsOf("203.0.113.7")).toBe(3);
    const refused = threadEventStream(from("203.0.113.7"), 109, 1, { maxConnectionsPerClient: 3 });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(await refused.text()).toContain("Too many live connections from your address (at most 3)");
    const neighbour = new AbortController();
    expect(
      threadEventStream(from("203.0.113.8", neighbour.signal), 109, 1, { maxConnectionsPerClient: 3 }).status,
    ).toBe(200);
    readers[0]!.abort();
    expect(liveConnectionsOf("203.0.113.7")).toBe(2);
    const again = new AbortController();
    expect(threadEventStream(from("203.0.113.7", again.signal), 109, 1, { maxConnectionsPerClient: 3 }).status).toBe(
      200,
    );
    for (const controller of [...readers, neighbour, again]) controller.abort();
    expect(liveConnectionsOf("203.0.113.7")).toBe(0);
    expect(liveListenerCount(109)).toBe(0);
  });

  it("refuses new connections past the limit with a 503", () => {
    cleanups.push(subscribeToThread(108, () => {}));
    const refused = threadEventStream(new Request("http://localhost/community/t/108/events"), 108, 1, {
      maxConnections: 1,
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("30");
  });
});
