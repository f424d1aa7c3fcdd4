import http from "node:http";

/**
 * Cache hits sent as bytes encoded once: the status line and headers of a stored page are turned
 * into a Buffer when the page is first sent, and each hit writes that Buffer, the current Date and
 * connection lines, and the body to the socket in one writev. node:http's `writeHead` would validate,
 * lower-case and concatenate every header again on each request (about 3 µs for a page's eleven
 * headers, more than the whole cache lookup). Decision record 014.
 *
 * It ends the ServerResponse through two of its private fields (`_header`, `_headerSent`), so that
 * node:http's own bookkeeping (keep-alive timer, pipelined responses, the next request) carries on as
 * if `writeHead` had run. Both are checked before every use: on a Node that renames them, on a
 * connection that closes after this response, or behind a pipelined response still being written,
 * `sendPrebuilt` returns false and the caller uses `writeHead` as before.
 */

/** The parts of ServerResponse's state that node:http keeps on the object itself (Node 18–22). */
type ResponseInternals = {
  _header: unknown;
  _headerSent: unknown;
  shouldKeepAlive: unknown;
  maxRequestsOnConnectionReached?: unknown;
};

/** Headers node:http writes itself on every response; a stored list must not carry them, or they would be sent twice. */
export const NODE_WRITTEN_HEADERS: ReadonlySet<string> = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

/** node:http's own header checks, which throw on a name or value writeHead would refuse. */
function isSendable(name: string, value: string | undefined): value is string {
  if (value === undefined || NODE_WRITTEN_HEADERS.has(name.toLowerCase())) return false;
  try {
    http.validateHeaderName(name);
    http.validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The status line and header lines for `headers` (a flat name, value, name, value … list), without
 * Date and connection lines. Null when a header could not be sent as it is: the caller then keeps
 * to `writeHead`, which reports the problem as it always has.
 */
export function encodeHead(status: number, headers: readonly string[]): Buffer | null {
  let head = `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? "Unknown"}\r\n`;
  for (let index = 0; index < headers.length; index += 2) {
    const name = headers[index];
    const value = headers[index + 1];
    if (!isSendable(name, value)) return null;
    head += `${name}: ${value}\r\n`;
  }
  return Buffer.from(head, "latin1");
}

/** Date and connection lines, rebuilt once a second (as node:http does for its own Date header). */
let closing = { second: -1, keepAliveMs: -1, bytes: Buffer.alloc(0) };
function closingLines(keepAliveTimeoutMs: number): Buffer {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== closing.second || keepAliveTimeoutMs !== closing.keepAliveMs) {
    const keepAlive = keepAliveTimeoutMs > 0 ? `Keep-Alive: timeout=${Math.floor(keepAliveTimeoutMs / 1000)}\r\n` : "";
    const lines = `Date: ${new Date(second * 1000).toUTCString()}\r\nConnection: keep-alive\r\n${keepAlive}\r\n`;
    closing = { second, keepAliveMs: keepAliveTimeoutMs, bytes: Buffer.from(lines, "latin1") };
  }
  return closing.bytes;
}

/**
 * Writes `head` (from `encodeHead`), the Date and connection lines and `body` as one response, and
 * ends `res`. Returns false, having written nothing, when node:http must write this response itself:
 * the connection closes after it (HTTP/1.0, `Connection: close`, a request limit), an earlier
 * pipelined response still holds the socket, or `res` already started.
 */
export function sendPrebuilt(server: http.Server, res: http.ServerResponse, status: number, head: Buffer, body: Buffer): boolean {
  const internals = res as unknown as ResponseInternals;
  const socket = res.socket;
  if (internals._header !== null || internals._headerSent !== false) return false;
  if (internals.shouldKeepAlive !== true || internals.maxRequestsOnConnectionReached === true || server.maxRequestsPerSocket) return false;
  // A queued (pipelined) response has no socket until the one before it finishes.
  if (!socket || !socket.writable || !res.sendDate) return false;
  socket.cork();
  socket.write(head);
  socket.write(closingLines(server.keepAliveTimeout));
  socket.write(body);
  socket.uncork();
  res.statusCode = status;
  // From here node:http treats the response as written: end() only finishes it.
  internals._header = "sent by sendPrebuilt";
  internals._headerSent = true;
  res.end();
  return true;
}
