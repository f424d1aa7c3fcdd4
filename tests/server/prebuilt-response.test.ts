import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { encodeHead, sendPrebuilt } from "../../server/prebuilt-response";

/**
 * sendPrebuilt writes a cache hit straight to the socket and ends node:http's response through its
 * private fields. These tests speak raw HTTP/1.1 over TCP, so they see exactly what a client sees:
 * complete, correctly framed responses in request order, and connections kept or closed as
 * node:http would have done.
 */

const BODY = Buffer.from("<!doctype html><title>cached</title><p>Hello from the cache</p>");
const HEADERS = ["Content-Type", "text/html; charset=utf-8", "ETag", '"abc"', "X-Cache", "HIT", "Content-Length", String(BODY.length)];

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, server: http.Server) => void;
const servers: http.Server[] = [];

async function listen(handler: Handler): Promise<number> {
  const server: http.Server = http.createServer((req, res) => handler(req, res, server));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

type Parsed = { status: number; headers: Map<string, string>; body: Buffer };

/** Splits raw bytes into Content-Length framed responses; throws on anything malformed. */
function parseResponses(raw: Buffer): Parsed[] {
  const responses: Parsed[] = [];
  let offset = 0;
  while (offset < raw.length) {
    const end = raw.indexOf("\r\n\r\n", offset);
    if (end < 0) throw new Error(`incomplete head: ${raw.subarray(offset).toString("latin1")}`);
    const [statusLine, ...lines] = raw.subarray(offset, end).toString("latin1").split("\r\n");
    const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine);
    if (!status) throw new Error(`bad status line: ${statusLine}`);
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).toLowerCase();
      if (headers.has(name)) throw new Error(`header sent twice: ${name}`);
      headers.set(name, line.slice(colon + 1).trim());
    }
    const length = Number(headers.get("content-length") ?? 0);
    const body = raw.subarray(end + 4, end + 4 + length);
    if (body.length !== length) throw new Error(`body cut short: ${body.length} of ${length}`);
    responses.push({ status: Number(status[1]), headers, body });
    offset = end + 4 + length;
  }
  return responses;
}

/**
 * Sends `requests` over one connection and collects everything until `count` responses arrived or the
 * server closed. A string is written at once (pipelined); with a list, each request is written when
 * the answer to the one before it has arrived.
 */
function exchange(port: number, requests: string | string[], count: number): Promise<{ responses: Parsed[]; closedByServer: boolean }> {
  const queue = typeof requests === "string" ? [requests] : [...requests];
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      try {
        resolve({ responses: parseResponses(Buffer.concat(chunks)), closedByServer });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      let complete: number;
      try {
        complete = parseResponses(Buffer.concat(chunks)).length;
      } catch {
        return; // Not all bytes of this response have arrived yet.
      }
      if (complete >= count) setTimeout(() => finish(false), 50);
      else if (queue.length > 0) socket.write(queue.shift() as string);
    });
    socket.on("end", () => finish(true));
    socket.on("error", reject);
    socket.write(queue.shift() as string);
  });
}

const GET = (path: string, extra = "") => `GET ${path} HTTP/1.1\r\nHost: localhost\r\n${extra}\r\n`;

describe("prebuilt cache-hit responses", () => {
  it("sends the stored headers, a Date and keep-alive lines and the body, and keeps the connection for the next request", async () => {
    const head = encodeHead(200, HEADERS);
    expect(head).not.toBeNull();
    const results: boolean[] = [];
    const port = await listen((_req, res, server) => {
      results.push(sendPrebuilt(server, res, 200, head as Buffer, BODY));
    });
    const { responses, closedByServer } = await exchange(port, [GET("/a"), GET("/b"), GET("/c")], 3);
    expect(results).toEqual([true, true, true]);
    expect(closedByServer).toBe(false);
    expect(responses).toHaveLength(3);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body.equals(BODY)).toBe(true);
      expect(response.headers.get("etag")).toBe('"abc"');
      expect(response.headers.get("connection")).toBe("keep-alive");
      expect(response.headers.get("keep-alive")).toBe("timeout=5");
      expect(Math.abs(Date.parse(response.headers.get("date") ?? "") - Date.now())).toBeLessThan(5_000);
    }
  });

  it("waits its turn behind a pipelined response still being written, so answers stay in request order", async () => {
    const head = encodeHead(200, HEADERS) as Buffer;
    const results: boolean[] = [];
    const port = await listen((req, res, server) => {
      if (req.url === "/slow") {
        setTimeout(() => res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "4" }).end("slow"), 100);
        return;
      }
      const sent = sendPrebuilt(server, res, 200, head, BODY);
      results.push(sent);
      if (!sent) res.writeHead(200, HEADERS).end(BODY);
    });
    const { responses } = await exchange(port, GET("/slow") + GET("/cached"), 2);
    expect(responses.map((response) => response.body.toString())).toEqual(["slow", BODY.toString()]);
    // The queued response had no socket yet: node:http wrote it.
    expect(results).toEqual([false]);
    results.length = 0;
    const burst = await exchange(port, GET("/1") + GET("/2") + GET("/3"), 3);
    expect(burst.responses.map((response) => response.body.equals(BODY))).toEqual([true, true, true]);
    expect(results[0]).toBe(true);
  });

  it("leaves a response that ends the connection (Connection: close, HTTP/1.0) to node:http", async () => {
    const head = encodeHead(200, HEADERS) as Buffer;
    const results: boolean[] = [];
    const port = await listen((_req, res, server) => {
      const sent = sendPrebuilt(server, res, 200, head, BODY);
      results.push(sent);
      if (!sent) res.writeHead(200, HEADERS).end(BODY);
    });
    const closing = await exchange(port, GET("/a", "Connection: close\r\n"), 1);
    expect(closing.responses[0].headers.get("connection")).toBe("close");
    expect(closing.closedByServer).toBe(true);
    const old = await exchange(port, "GET /a HTTP/1.0\r\nHost: localhost\r\n\r\n", 1);
    expect(old.closedByServer).toBe(true);
    expect(results).toEqual([false, false]);
  });

  it("ends node:http's response: finish fires, the status is recorded, and writing more is refused", async () => {
    const head = encodeHead(200, HEADERS) as Buffer;
    const seen: { finished: boolean; status: number; headersSent: boolean }[] = [];
    const attempts: boolean[] = [];
    const port = await listen((_req, res, server) => {
      res.on("finish", () => seen.push({ finished: res.writableFinished, status: res.statusCode, headersSent: res.headersSent }));
      attempts.push(sendPrebuilt(server, res, 200, head, BODY), sendPrebuilt(server, res, 200, head, BODY));
    });
    const { responses } = await exchange(port, GET("/a"), 1);
    expect(responses).toHaveLength(1);
    expect(attempts).toEqual([true, false]);
    expect(seen).toEqual([{ finished: true, status: 200, headersSent: true }]);
  });

  it("refuses to encode a header node:http would refuse, or one it writes itself", () => {
    expect(encodeHead(200, ["X-Bad", "a\r\nSet-Cookie: x=1"])).toBeNull();
    expect(encodeHead(200, ["Bad Name", "x"])).toBeNull();
    expect(encodeHead(200, ["Connection", "close"])).toBeNull();
    expect(encodeHead(200, ["Date", "Thu, 01 Jan 1970 00:00:00 GMT"])).toBeNull();
    expect(encodeHead(200, ["X-Odd"])).toBeNull();
    expect(encodeHead(404, ["X-Ok", "yes"])?.toString("latin1")).toBe("HTTP/1.1 404 Not Found\r\nX-Ok: yes\r\n");
  });
});
