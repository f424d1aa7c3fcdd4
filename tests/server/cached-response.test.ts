import fs from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sendCached } from "../../server/cached-response";
import { PageCache } from "../../server/page-cache";

/**
 * Cache hits go out through node:http's public writeHead and end (server/cached-response.ts). These
 * tests speak raw HTTP/1.1 over TCP, so they see exactly what a client sees: complete, correctly
 * framed responses in request order, connections kept or closed as node:http decides.
 */

const HTML = Buffer.from("<!doctype html><title>cached</title><p>Hello from the cache</p>".repeat(20));
const cache = new PageCache({ recompress: false });
const page = cache.set(
  "/kb/cached",
  200,
  [
    ["content-type", "text/html; charset=utf-8"],
    ["cache-control", "public, max-age=0, must-revalidate"],
  ],
  HTML,
);

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const servers: http.Server[] = [];

async function listen(handler: Handler): Promise<number> {
  const server = http.createServer(handler);
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
function exchange(
  port: number,
  requests: string | string[],
  count: number,
): Promise<{ responses: Parsed[]; closedByServer: boolean }> {
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

const GET = (target: string, extra = "") =>
  `GET ${target} HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: br\r\n${extra}\r\n`;

describe("cached responses", () => {
  it("sends the stored headers and the compressed body, and keeps the connection for the next request", async () => {
    const port = await listen((req, res) => sendCached(req, res, page, true, false));
    const { responses, closedByServer } = await exchange(port, [GET("/a"), GET("/b"), GET("/c")], 3);
    expect(closedByServer).toBe(false);
    expect(responses).toHaveLength(3);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body.equals(page.brotli)).toBe(true);
      expect(response.headers.get("content-encoding")).toBe("br");
      expect(response.headers.get("etag")).toBe(page.etag);
      expect(response.headers.get("x-cache")).toBe("HIT");
      expect(response.headers.get("vary")).toBe("Accept-Encoding, Cookie");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("connection")).toBe("keep-alive");
      expect(response.headers.has("strict-transport-security")).toBe(false);
    }
  });

  it("answers pipelined requests in order, behind a response still being written", async () => {
    const port = await listen((req, res) => {
      if (req.url === "/slow")
        setTimeout(() => res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": "4" }).end("slow"), 100);
      else sendCached(req, res, page, true, false);
    });
    const { responses } = await exchange(port, GET("/slow") + GET("/cached") + GET("/cached"), 3);
    expect(responses.map((response) => response.body.length)).toEqual([4, page.brotli.length, page.brotli.length]);
  });

  it("closes the connection when the client asks, as node:http always has", async () => {
    const port = await listen((req, res) => sendCached(req, res, page, true, false));
    const closing = await exchange(port, GET("/a", "Connection: close\r\n"), 1);
    expect(closing.responses[0].headers.get("connection")).toBe("close");
    expect(closing.closedByServer).toBe(true);
  });

  it("answers a matching ETag with 304, marks the request that stored the page MISS, and adds HSTS over HTTPS", async () => {
    const port = await listen((req, res) => sendCached(req, res, page, req.url !== "/miss", req.url === "/https"));
    const { responses } = await exchange(
      port,
      [GET("/a", `If-None-Match: ${page.etag}\r\n`), GET("/miss"), GET("/https")],
      3,
    );
    expect(responses[0].status).toBe(304);
    expect(responses[0].body.length).toBe(0);
    expect(responses[1].headers.get("x-cache")).toBe("MISS");
    expect(responses[2].headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });

  it("sends a HEAD request the headers of the page without its body", async () => {
    const port = await listen((req, res) => sendCached(req, res, page, true, false));
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .request({ port, host: "127.0.0.1", method: "HEAD", path: "/a", agent: false }, resolve)
        .on("error", reject)
        .end();
    });
    expect(response.statusCode).toBe(200);
    expect(Number(response.headers["content-length"])).toBe(HTML.length);
  });

  it("writes no private field of node:http anywhere in the production server", () => {
    const serverDir = path.resolve("server");
    for (const file of fs.readdirSync(serverDir).filter((name) => name.endsWith(".ts"))) {
      const source = fs.readFileSync(path.join(serverDir, file), "utf8");
      expect(source, file).not.toMatch(
        /\b_(header|headerSent|storeHeader|writeRaw|send|implicitHeader|finish|contentLength|hasBody)\b/,
      );
    }
  });
});
