import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext } from "@playwright/test";
import { E2E_BASE_URL } from "./env";

/**
 * Browser traffic from a client address of its own. The e2e server runs without TRUST_PROXY, so it
 * keys its per-address limits on the socket's address, and every browser context connects from
 * 127.0.0.1, shared with every other e2e file. A test that spends an address budget (failed sign-ins)
 * gets a context whose requests go through a forward proxy in this process (Playwright routes even
 * loopback traffic through a context's proxy), which connects to the app from another loopback
 * address. Linux answers the whole of 127.0.0.0/8 on lo; elsewhere that connection fails with
 * EADDRNOTAVAIL, which `addressIsUsable` finds out first.
 */

/** A random loopback address other than 127.0.0.1, so no two tests (or runs) share counters. */
export function freshLoopbackAddress(): string {
  const byte = () => 2 + Math.floor(Math.random() * 250);
  return `127.${byte()}.${byte()}.${byte()}`;
}

/** Whether this machine can open a connection from `localAddress` to the app. */
export async function addressIsUsable(localAddress: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(new URL("/healthz", E2E_BASE_URL), { localAddress, agent: false }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on("error", () => resolve(false));
  });
}

export type ContextFromAddress = { context: BrowserContext; close: () => Promise<void> };

/** A browser context whose every request reaches the app from `localAddress`. */
export async function contextFromAddress(browser: Browser, localAddress: string): Promise<ContextFromAddress> {
  const app = new URL(E2E_BASE_URL);
  const proxy = http.createServer((incoming, outgoing) => {
    const target = new URL(incoming.url ?? "/", E2E_BASE_URL);
    if (target.origin !== app.origin) {
      outgoing.writeHead(403, { "Content-Type": "text/plain" }).end("This proxy only reaches the app under test.");
      return;
    }
    const headers = { ...incoming.headers };
    delete headers["proxy-connection"];
    const forwarded = http.request(
      {
        host: app.hostname,
        port: app.port,
        method: incoming.method,
        path: target.pathname + target.search,
        headers,
        localAddress,
        agent: false,
      },
      (answer) => {
        // Raw headers keep every Set-Cookie line as the app sent it.
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", (error) => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "Content-Type": "text/plain" });
      outgoing.end(`proxy: ${error.message}`);
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const { port } = proxy.address() as AddressInfo;
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, proxy: { server: `http://127.0.0.1:${port}` } });
  return {
    context,
    async close() {
      await context.close();
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
