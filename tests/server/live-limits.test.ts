import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createCategory, createMember, createQuestion } from "../forum/forum-factories";
import { startServer, type RunningServer } from "./running-server";

/**
 * Live thread updates (Server-Sent Events) through the production server: one address may hold at
 * most 20 connections on an instance, beside the instance's own limit, so a single client can no
 * longer take every slot.
 */
const PER_CLIENT = 20;

let running: RunningServer;
let eventsPath: string;
beforeAll(async () => {
  running = await startServer();
  const author = await createMember();
  const thread = await createQuestion(author, (await createCategory()).slug);
  eventsPath = `/community/t/${thread.id}/events`;
});
afterAll(async () => {
  await running.close();
  await prisma.$disconnect();
});

type Connection = { status: number; firstChunk: string; close: () => void };

/** Opens the event stream from a local address and waits for its status and first bytes (an event, or the refusal). */
function connect(localAddress = "127.0.0.1"): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: "127.0.0.1",
        port: running.port,
        path: eventsPath,
        localAddress,
        headers: { Host: `127.0.0.1:${running.port}`, Accept: "text/event-stream" },
        agent: false,
      },
      (response) => {
        response.once("data", (chunk: Buffer) =>
          resolve({
            status: response.statusCode ?? 0,
            firstChunk: chunk.toString("utf8"),
            close: () => request.destroy(),
          }),
        );
      },
    );
    request.on("error", reject);
  });
}

describe("live update connections per client", () => {
  it("takes 20 connections from one address, answers the 21st with 429 and the reason, serves another address, and frees a slot when one closes", async () => {
    const open: Connection[] = [];
    try {
      for (let index = 0; index < PER_CLIENT; index++) open.push(await connect());
      expect(
        open.every((connection) => connection.status === 200 && connection.firstChunk.includes("event: hello")),
      ).toBe(true);

      const refused = await connect();
      refused.close();
      expect(refused.status).toBe(429);
      expect(refused.firstChunk).toContain(`Too many live connections from your address (at most ${PER_CLIENT})`);

      const neighbour = await connect("127.0.0.2");
      open.push(neighbour);
      expect(neighbour.status).toBe(200);

      open.shift()!.close();
      await expect
        .poll(async () => {
          const attempt = await connect();
          if (attempt.status === 200) open.push(attempt);
          else attempt.close();
          return attempt.status;
        })
        .toBe(200);
    } finally {
      for (const connection of open) connection.close();
    }
  });
});
