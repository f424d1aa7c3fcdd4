import fs from "node:fs";
import http from "node:http";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppServer } from "../../server/app-server";
import { PageCache } from "../../server/page-cache";

const BUILD = SERVER_BUILD;
const MANIFEST = path.resolve(".content-cache/manifest.json");
const ARTICLE = "/kb/how-fast-will-we-respond-to-my-ticket";

let server: ReturnType<typeof createAppServer>;
let base = "";
const cache = new PageCache();

beforeAll(async () => {
  if (!fs.existsSync(BUILD) || !fs.existsSync(MANIFEST))
    throw new Error("Run `npm run build` before the server tests (npm test does).");
  const build = (await import(BUILD)) as ServerBuild;
  server = createAppServer({ build, clientDir: CLIENT_DIR, manifestFile: MANIFEST, cache });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function vote(form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${base}${ARTICLE}`, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { Accept: "text/html", Origin: base, ...headers },
    redirect: "manual",
  });
}

describe("production server", () => {
  it("serves an article, then answers from the page cache with ETag, gzip and 304s", async () => {
    cache.clear();
    const first = await fetch(`${base}${ARTICLE}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("MISS");
    const html = await first.text();
    expect(html).toContain("How fast will we respond to my ticket?");
    const second = await fetch(`${base}${ARTICLE}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(second.headers.get("x-cache")).toBe("HIT");
    expect(second.headers.get("content-encoding")).toBe("gzip");
    expect(await second.text()).toBe(html);
    expect(second.headers.get("x-page-cache")).toBeNull();
    const etag = second.headers.get("etag")!;
    const revalidated = await fetch(`${base}${ARTICLE}`, { headers: { "If-None-Match": etag } });
    expect(revalidated.status).toBe(304);
  });

  it("bypasses the cache for signed-in visitors and for posts", async () => {
    await fetch(`${base}${ARTICLE}`);
    const signedIn = await fetch(`${base}${ARTICLE}`, { headers: { Cookie: "tf_session=abc" } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("x-cache")).toBeNull();
  });

  it("drops cached pages when the content build changes", async () => {
    await fetch(`${base}${ARTICLE}`);
    expect(cache.size).toBeGreaterThan(0);
    const now = new Date();
    fs.utimesSync(MANIFEST, now, now);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(cache.size).toBe(0);
  });

  it("sends security headers on every response, cached or not", async () => {
    for (const url of [ARTICLE, "/healthz", "/no-such-page"]) {
      const response = await fetch(`${base}${url}`);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
  });

  it("answers unknown pages, traversal attempts and over-long URLs with 404, never a file", async () => {
    for (const url of [
      "/kb/does-not-exist",
      "/kb/..%2F..%2Fpackage.json",
      "/docs/..%2F..%2F.env",
      `/kb/${"a".repeat(3000)}`,
      "/no/such/page",
    ]) {
      const response = await fetch(`${base}${url}`);
      expect(response.status, url).toBe(404);
      const text = await response.text();
      expect(text).toContain("We couldn’t find that page");
      expect(text).not.toContain('"dependencies"');
    }
  });

  it("sends a cache hit on a kept-alive connection with the same headers and body as one node:http writes itself", async () => {
    cache.clear();
    await fetch(`${base}${ARTICLE}`);
    const get = (agent: http.Agent, headers: Record<string, string>) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${base}${ARTICLE}`, { agent, headers: { "Accept-Encoding": "br", ...headers } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on("error", reject);
      });
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // Prebuilt bytes (decision record 014), twice on one connection; then `Connection: close`, which node:http writes.
      const prebuilt = [await get(keepAlive, {}), await get(keepAlive, {})];
      const written = await get(new http.Agent({ keepAlive: false }), { Connection: "close" });
      const withoutConnection = (headers: http.IncomingHttpHeaders) => {
        const { date, connection, "keep-alive": keepAliveHeader, ...rest } = headers;
        return { rest, date, connection, keepAliveHeader };
      };
      for (const response of prebuilt) {
        expect(response.headers["x-cache"]).toBe("HIT");
        expect(response.headers.connection).toBe("keep-alive");
        expect(withoutConnection(response.headers).rest).toEqual(withoutConnection(written.headers).rest);
        expect(response.body.equals(written.body)).toBe(true);
        expect(Number(response.headers["content-length"])).toBe(response.body.length);
      }
      expect(written.headers.connection).toBe("close");
    } finally {
      keepAlive.destroy();
    }
  });

  it("reports health", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ db: "ok", search: "ok" });
  });

  it("serves a weekly webinar calendar file", async () => {
    const response = await fetch(`${base}/webinars/weekly.ics`);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    expect(await response.text()).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU");
    expect((await fetch(`${base}/webinars/weekly.ics?date=1999-01-05`)).status).toBe(404);
  });
});

describe("was this helpful? over HTTP", () => {
  it("stores a vote with a visitor cookie and lets the visitor change it", async () => {
    const first = await vote({ page: ARTICLE.slice(1), helpful: "no", comment: "Needs weekend hours." });
    expect(first.status).toBe(200);
    const cookie = first.headers.get("set-cookie")!;
    expect(cookie).toMatch(/tf_visitor=[\w-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    const visitor = cookie.split(";")[0];
    const second = await vote({ page: ARTICLE.slice(1), helpful: "yes" }, { Cookie: visitor });
    expect(second.status).toBe(200);
    expect(second.headers.get("set-cookie")).toBeNull();
    const { createPrismaClient } = await import("~/lib/db.server");
    const db = createPrismaClient();
    const rows = await db.helpfulVote.findMany({
      where: { pageId: ARTICLE.slice(1), visitorId: visitor.split("=")[1] },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ helpful: true, comment: "Needs weekend hours." });
    await db.$disconnect();
  });

  it("answers 400 with a reason for missing or invalid fields", async () => {
    const missing = await vote({ page: ARTICLE.slice(1) });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("helpful");
    const invalid = await vote({ page: ARTICLE.slice(1), helpful: "maybe" });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toContain("helpful must be yes or no");
  });

  it("refuses comments over 2,000 characters instead of truncating them", async () => {
    const response = await vote({ page: ARTICLE.slice(1), helpful: "no", comment: "x".repeat(2001) });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("at most 2,000 characters");
  });

  it("answers 404 for a vote on a page that does not exist", async () => {
    const response = await fetch(`${base}/kb/not-a-page`, {
      method: "POST",
      body: new URLSearchParams({ page: "kb/not-a-page", helpful: "yes" }),
      headers: { Origin: base },
    });
    expect(response.status).toBe(404);
  });
});
