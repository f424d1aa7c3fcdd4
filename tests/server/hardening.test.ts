import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { prisma } from "~/lib/db.server";
import { actionPaths } from "./build-routes";
import { rawRequest } from "./running-server";
import { createAppServer, FORM_BODY_LIMIT, MAX_PATH_LENGTH } from "../../server/app-server";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import { PageCache } from "../../server/page-cache";

/**
 * The server layer's answers to the probes of issue 7's security review
 * (findings 1, 2, 3, 6, 8, 9 and 10) and the tagged page cache over HTTP.
 */
const MANIFEST = path.resolve(".content-cache/manifest.json");
const ARTICLE = "/kb/how-fast-will-we-respond-to-my-ticket";
const PASSWORD = "sturdy-lantern-meadow-64";

let build: ServerBuild;
/** Plain HTTP, no proxy trusted: X-Forwarded-* are ignored. */
let direct: Running;
/** Behind our own TLS-terminating proxy (TRUST_PROXY=true). */
let proxied: Running;

type Running = { server: http.Server; base: string; port: number; cache: PageCache };

async function start(trustProxy: boolean): Promise<Running> {
  const cache = new PageCache();
  const server = createAppServer({
    build,
    clientDir: CLIENT_DIR,
    manifestFile: MANIFEST,
    cache,
    trustProxy,
    allowLocalHosts: true,
    publicOrigin: "https://help.techflow.example",
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, port, base: `http://127.0.0.1:${port}`, cache };
}

beforeAll(async () => {
  if (!fs.existsSync(SERVER_BUILD) || !fs.existsSync(MANIFEST))
    throw new Error("Run `npm run build` before the server tests (npm test does).");
  build = (await import(SERVER_BUILD)) as ServerBuild;
  direct = await start(false);
  proxied = await start(true);
});
afterAll(async () => {
  await Promise.all(
    [direct, proxied].map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
  await prisma.$disconnect();
});

let userCount = 0;
async function signedInCookie(role = "member"): Promise<string> {
  const email = `hardening-${++userCount}-${Date.now()}@example.com`;
  await prisma.user.create({
    data: {
      email,
      name: "Hardening Tester",
      role,
      passwordHash: await hashPassword(PASSWORD),
      emailVerifiedAt: new Date(),
    },
  });
  const response = await fetch(`${direct.base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: PASSWORD }),
    headers: { Origin: direct.base },
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  return response.headers.get("set-cookie")!.split(";")[0];
}

/** node:http instead of fetch: it lets a test send any Host, method, request target or cookie bytes. */
const raw = rawRequest;

describe("finding 1: only the site's own host", () => {
  it("refuses an unknown Host with 400 on pages and forms, and sends no mail", async () => {
    const before = await prisma.outboxEmail.count();
    expect((await raw(direct, { path: "/", headers: { Host: "evil.example" } })).status).toBe(400);
    const form = await raw(direct, {
      method: "POST",
      path: "/forgot-password",
      headers: {
        Host: "evil.example",
        Origin: "http://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "email=victim%40example.com",
    });
    expect(form.status).toBe(400);
    expect(await prisma.outboxEmail.count()).toBe(before);
  });

  it("accepts the public host and local addresses (tests, development)", async () => {
    expect((await raw(direct, { path: "/healthz", headers: { Host: "help.techflow.example" } })).status).toBe(200);
    expect((await raw(direct, { path: "/healthz", headers: { Host: "localhost:3000" } })).status).toBe(200);
  });

  it("keeps a request line like //evil.example/forgot-password on this site", async () => {
    const response = await raw(direct, {
      method: "POST",
      path: "//evil.example/forgot-password",
      headers: { Origin: direct.base, "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=victim%40example.com",
    });
    expect(response.status).toBeLessThan(500);
    const mails = await prisma.outboxEmail.findMany({ where: { text: { contains: "evil.example" } } });
    expect(mails).toEqual([]);
  });

  it("answers browsers with a small page that links home, and other clients with plain text", async () => {
    const page = await raw(direct, { path: "/", headers: { Host: "evil.example", Accept: "text/html" } });
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain('<a href="/">');
    expect(page.body).toContain("host name");
    const text = await raw(direct, { path: "/", headers: { Host: "evil.example" } });
    expect(text.headers["content-type"]).toContain("text/plain");
    expect(text.body).not.toContain("<");
  });
});

describe("finding 2: the cache is filled only by complete anonymous GETs of pages", () => {
  it("does not let a HEAD request store an empty page", async () => {
    const url = "/kb/how-do-i-contact-support";
    direct.cache.clear();
    const head = await raw(direct, { method: "HEAD", path: url });
    expect(head.status).toBe(200);
    expect(direct.cache.size).toBe(0);
    const get = await fetch(`${direct.base}${url}`);
    expect(get.headers.get("x-cache")).toBe("MISS");
    expect((await get.text()).length).toBeGreaterThan(1000);
    const again = await fetch(`${direct.base}${url}`);
    expect(again.headers.get("x-cache")).toBe("HIT");
    expect(Number(again.headers.get("content-length"))).toBeGreaterThan(1000);
  });

  it("never stores .data responses", async () => {
    direct.cache.clear();
    const data = await fetch(`${direct.base}/kb/how-do-i-contact-support.data`);
    expect(data.status).toBe(200);
    await data.arrayBuffer();
    await raw(direct, { method: "HEAD", path: "/kb/how-do-i-contact-support.data" });
    expect(direct.cache.size).toBe(0);
  });

  it("does not store 404 pages", async () => {
    direct.cache.clear();
    expect((await fetch(`${direct.base}/kb/no-such-article-here`)).status).toBe(404);
    expect(direct.cache.size).toBe(0);
  });
});

describe("finding 3: over-long and over-deep URLs are refused before Remix", () => {
  it("answers 404 to 2,000 segments and 414 to 7,500 or an over-long URL, without stalling /healthz", async () => {
    const healthz = async () => {
      const started = performance.now();
      await (await fetch(`${direct.base}/healthz`)).arrayBuffer();
      return performance.now() - started;
    };
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    await healthz();
    const quiet: number[] = [];
    for (let round = 0; round < 5; round++) quiet.push(await healthz());
    // 2,000 segments fit the length limit (4,001 characters): the depth limit answers them.
    const deep = `/${"a/".repeat(2000)}`;
    const during: number[] = [];
    for (let round = 0; round < 5; round++) {
      // Five at once: before the fix they held the event loop for about two seconds, hundreds of quiet /healthz times.
      const [timed, ...attacks] = await Promise.all([
        healthz(),
        ...Array.from({ length: 5 }, () => raw(direct, { path: deep })),
      ]);
      for (const attack of attacks) expect(attack.status).toBe(404);
      during.push(timed);
    }
    expect(median(during) / median(quiet)).toBeLessThan(25);
    expect((await raw(direct, { path: `/${"a/".repeat(7500)}` })).status).toBe(414);
    const long = await raw(direct, { path: `/kb/${"x".repeat(MAX_PATH_LENGTH)}` });
    expect(long.status).toBe(414);
  });
});

describe("finding 6: one cookie parser for the cache and the session", () => {
  it("answers a malformed session cookie without a 500", async () => {
    for (const url of ["/", ARTICLE, "/settings", "/search?q=password"]) {
      const response = await fetch(`${direct.base}${url}`, {
        headers: { Cookie: "tf_session=%zz" },
        redirect: "manual",
      });
      expect(response.status, url).toBeLessThan(500);
    }
  });

  it("never stores a signed-in page, whatever bytes come before the session cookie", async () => {
    const session = await signedInCookie();
    direct.cache.clear();
    const url = "/kb/how-do-i-contact-support?utm_campaign=cookie-test";
    const signedIn = await raw(direct, { path: url, headers: { Cookie: `\u00e9x=1; ${session}` } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers["x-cache"]).toBeUndefined();
    const anonymous = await fetch(`${direct.base}${url}`);
    expect(await anonymous.text()).not.toContain('data-testid="signed-in-as"');
  });
});

describe("finding 8: body size cap", () => {
  it("answers 413 with a message to a form over the limit, declared or streamed", async () => {
    const big = `email=x&padding=${"a".repeat(FORM_BODY_LIMIT + 10)}`;
    const declared = await fetch(`${direct.base}/login`, {
      method: "POST",
      body: big,
      headers: { Origin: direct.base, "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
    });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain("too large");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < 40; index++) controller.enqueue(new TextEncoder().encode("a".repeat(4096)));
        controller.close();
      },
    });
    const chunked = await fetch(`${direct.base}/login`, {
      method: "POST",
      body: stream,
      duplex: "half",
      headers: { Origin: direct.base, "Content-Type": "application/x-www-form-urlencoded" },
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await chunked.text()).toContain("limit is 64 KB");
  });
});

describe("finding 9: malformed input gets a 4xx on every action route", () => {
  it("walks every action route with the probes", async () => {
    const routes = actionPaths(build);
    expect(routes).toEqual(
      expect.arrayContaining(["/login", "/signup", "/logout", "/forgot-password", "/reset-password", "/kb/sample"]),
    );
    const origin = { Origin: direct.base };
    const probes: { name: string; send: (route: string) => Promise<number>; expected?: number }[] = [
      {
        name: "JSON body",
        expected: 415,
        send: async (route) =>
          (
            await raw(direct, {
              method: "POST",
              path: route,
              headers: { ...origin, "Content-Type": "application/json" },
              body: '{"email":"a"}',
            })
          ).status,
      },
      {
        name: "text/plain body",
        expected: 415,
        send: async (route) =>
          (
            await raw(direct, {
              method: "POST",
              path: route,
              headers: { ...origin, "Content-Type": "text/plain" },
              body: "email=a",
            })
          ).status,
      },
      {
        name: "multipart without boundary",
        expected: 400,
        send: async (route) =>
          (
            await raw(direct, {
              method: "POST",
              path: route,
              headers: { ...origin, "Content-Type": "multipart/form-data" },
              body: "--x\r\n",
            })
          ).status,
      },
      {
        name: "TRACE",
        expected: 405,
        send: async (route) => (await raw(direct, { method: "TRACE", path: route })).status,
      },
      {
        name: "malformed Host",
        expected: 400,
        send: async (route) =>
          (
            await raw(direct, {
              method: "POST",
              path: route,
              headers: { ...origin, Host: "exa mple::x", "Content-Type": "application/x-www-form-urlencoded" },
              body: "a=1",
            })
          ).status,
      },
      {
        name: "Origin: null with a same-site Referer",
        send: async (route) =>
          (
            await raw(direct, {
              method: "POST",
              path: route,
              headers: {
                Origin: "null",
                Referer: `${direct.base}${route}`,
                "Content-Type": "application/x-www-form-urlencoded",
              },
              body: "email=a%40example.com",
            })
          ).status,
      },
      {
        name: "control and non-Latin-1 characters in redirectTo",
        send: async (route) => {
          const body = new URLSearchParams({
            email: "a@example.com",
            password: "x",
            redirectTo: "/\u0001\u0009/evil.example/\u2603",
          }).toString();
          return (
            await raw(direct, {
              method: "POST",
              path: `${route}?redirectTo=%2F%01%E2%98%83`,
              headers: { ...origin, "Content-Type": "application/x-www-form-urlencoded" },
              body,
            })
          ).status;
        },
      },
      {
        name: "a forged X-Forwarded-Host",
        send: async (route) =>
          (
            await raw(direct, {
              method: "POST",
              path: route,
              headers: {
                ...origin,
                "X-Forwarded-Host": "evil.example",
                "Content-Type": "application/x-www-form-urlencoded",
              },
              body: "a=1",
            })
          ).status,
      },
      {
        name: "empty form",
        send: async (route) => (await raw(direct, { method: "POST", path: route, headers: origin })).status,
      },
    ];
    const failures: string[] = [];
    for (const route of routes) {
      for (const probe of probes) {
        const status = await probe.send(route);
        if (status >= 500) failures.push(`${probe.name} → ${route}: ${status}`);
        else if (probe.expected && status !== probe.expected)
          failures.push(`${probe.name} → ${route}: ${status}, expected ${probe.expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("signs in with a poisoned redirectTo without a 500 and without leaving the site", async () => {
    const email = `redirect-${Date.now()}@example.com`;
    await prisma.user.create({
      data: { email, name: "Redirect Tester", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() },
    });
    for (const redirectTo of ["/\u0001evil", "/\u2603", "/%09/evil.example", "/\t/evil.example"]) {
      const response = await fetch(`${direct.base}/login`, {
        method: "POST",
        body: new URLSearchParams({ email, password: PASSWORD, redirectTo }),
        headers: { Origin: direct.base },
        redirect: "manual",
      });
      expect(response.status, JSON.stringify(redirectTo)).toBeLessThan(500);
      const location = response.headers.get("location") ?? "/";
      expect(new URL(location, direct.base).origin, JSON.stringify(redirectTo)).toBe(direct.base);
    }
  });
});

describe("finding 10: caching headers, Origin scheme, HSTS", () => {
  it("marks signed-in pages private, no-store and Vary: Cookie; cached pages vary on Cookie", async () => {
    const session = await signedInCookie();
    const page = await fetch(`${direct.base}${ARTICLE}`, { headers: { Cookie: session } });
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    expect(page.headers.get("vary")).toMatch(/cookie/i);
    await fetch(`${direct.base}${ARTICLE}`);
    const cached = await fetch(`${direct.base}${ARTICLE}`);
    expect(cached.headers.get("x-cache")).toBe("HIT");
    expect(cached.headers.get("vary")).toMatch(/cookie/i);
  });

  it("sends no-store for /settings and /admin pages", async () => {
    const member = await signedInCookie();
    expect((await fetch(`${direct.base}/settings`, { headers: { Cookie: member } })).headers.get("cache-control")).toBe(
      "no-store",
    );
    expect((await fetch(`${direct.base}/settings`, { redirect: "manual" })).headers.get("cache-control")).toBe(
      "no-store",
    );
    const admin = await signedInCookie("admin");
    const outbox = await fetch(`${direct.base}/admin/outbox`, { headers: { Cookie: admin } });
    expect(outbox.status).toBe(200);
    expect(outbox.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a form whose Origin has the right host but the wrong scheme", async () => {
    const response = await fetch(`${direct.base}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "a@example.com" }),
      headers: { Origin: `https://127.0.0.1:${direct.port}` },
    });
    expect(response.status).toBe(403);
    const overHttps = await fetch(`${proxied.base}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "a@example.com" }),
      headers: { Origin: proxied.base, "X-Forwarded-Proto": "https" },
    });
    expect(overHttps.status).toBe(403);
  });

  it("sends HSTS only over HTTPS from a trusted proxy", async () => {
    const secure = await fetch(`${proxied.base}/healthz`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(secure.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    await fetch(`${proxied.base}${ARTICLE}`);
    const cached = await fetch(`${proxied.base}${ARTICLE}`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(cached.headers.get("x-cache")).toBe("HIT");
    expect(cached.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    // The same stored page over plain HTTP: its prebuilt bytes are kept apart from the HTTPS ones.
    const plain = await fetch(`${proxied.base}${ARTICLE}`);
    expect(plain.headers.get("x-cache")).toBe("HIT");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${proxied.base}/healthz`)).headers.get("strict-transport-security")).toBeNull();
    expect(
      (await fetch(`${direct.base}/healthz`, { headers: { "X-Forwarded-Proto": "https" } })).headers.get(
        "strict-transport-security",
      ),
    ).toBeNull();
  });
});

describe("tagged page cache over HTTP", () => {
  function vote(address: string) {
    return fetch(`${proxied.base}${ARTICLE}`, {
      method: "POST",
      body: new URLSearchParams({ page: ARTICLE.slice(1), helpful: "yes" }),
      headers: { Origin: proxied.base, "X-Forwarded-For": address },
    });
  }

  it("a helpful vote purges the pages that show votes (home) and leaves the article cached", async () => {
    proxied.cache.clear();
    await fetch(`${proxied.base}/`);
    await fetch(`${proxied.base}${ARTICLE}`);
    expect((await fetch(`${proxied.base}/`)).headers.get("x-cache")).toBe("HIT");
    expect((await vote("198.51.100.20")).status).toBe(200);
    expect((await fetch(`${proxied.base}/`)).headers.get("x-cache")).toBe("MISS");
    expect((await fetch(`${proxied.base}${ARTICLE}`)).headers.get("x-cache")).toBe("HIT");
  });

  it("never sends the internal cache headers", async () => {
    for (const url of ["/", ARTICLE, ARTICLE]) {
      const response = await fetch(`${proxied.base}${url}`);
      expect(response.headers.get("x-page-cache")).toBeNull();
      expect(response.headers.get("x-page-tags")).toBeNull();
    }
  });

  it("serves tracking-parameter variants of a page from its one entry", async () => {
    proxied.cache.clear();
    await fetch(`${proxied.base}${ARTICLE}`);
    const tracked = await fetch(`${proxied.base}${ARTICLE}?utm_source=newsletter&utm_medium=email`);
    expect(tracked.headers.get("x-cache")).toBe("HIT");
    await fetch(`${proxied.base}${ARTICLE}?random=${Math.random()}`);
    expect(proxied.cache.size).toBe(1);
  });
});

describe("404 pages are cheap", () => {
  async function firstPopular(): Promise<string> {
    const response = await fetch(`${proxied.base}/kb/no-such-article-${Math.random().toString(36).slice(2)}`);
    expect(response.status).toBe(404);
    const html = await response.text();
    const section = html.slice(html.indexOf("Popular articles"));
    return /href="(\/kb\/[^"]+)"/.exec(section)?.[1] ?? "";
  }

  it("run no vote query per request: the popular list is kept until a vote purges it", async () => {
    const before = await firstPopular();
    const target = before === ARTICLE ? "/kb/how-do-i-contact-support" : ARTICLE;
    // Votes written behind the app's back (no purge): a 404 that queried would now rank the target first.
    await prisma.helpfulVote.createMany({
      data: Array.from({ length: 200 }, (_, index) => ({
        pageId: target.slice(1),
        visitorId: `bulk-${Date.now()}-${index}`,
        helpful: true,
      })),
    });
    expect(await firstPopular()).toBe(before);
    const vote = await fetch(`${proxied.base}${target}`, {
      method: "POST",
      body: new URLSearchParams({ page: target.slice(1), helpful: "yes" }),
      headers: { Origin: proxied.base, "X-Forwarded-For": "198.51.100.44" },
    });
    expect(vote.status).toBe(200);
    expect(await firstPopular()).toBe(target);
  });
});

describe("client addresses over HTTP", () => {
  it("with a trusted proxy, rate-limits each forwarded client on its own", async () => {
    const send = (address: string) =>
      fetch(`${proxied.base}${ARTICLE}`, {
        method: "POST",
        body: new URLSearchParams({ page: ARTICLE.slice(1), helpful: "no" }),
        headers: { Origin: proxied.base, "X-Forwarded-For": address },
      });
    let status = 0;
    for (let attempt = 0; attempt < 35 && status !== 429; attempt++) status = (await send("198.51.100.30")).status;
    expect(status).toBe(429);
    expect((await send("198.51.100.31")).status).toBe(200);
    // A client's own spoofed entry on the left changes nothing: the proxy appended the real address.
    expect((await send("203.0.113.1, 198.51.100.30")).status).toBe(429);
  });

  it("without a trusted proxy, ignores a spoofed X-Forwarded-For (the limit still applies)", async () => {
    let status = 0;
    let attempt = 0;
    for (; attempt < 35 && status !== 429; attempt++) {
      const response = await fetch(`${direct.base}${ARTICLE}`, {
        method: "POST",
        body: new URLSearchParams({ page: ARTICLE.slice(1), helpful: "yes" }),
        headers: { Origin: direct.base, "X-Forwarded-For": `203.0.113.${attempt + 1}` },
      });
      status = response.status;
    }
    expect(status).toBe(429);
    expect(attempt).toBeLessThanOrEqual(31);
  });
});

describe("static assets (fast on the wire)", () => {
  function largestScript() {
    const dir = path.join(CLIENT_DIR, "assets");
    const [name] = fs
      .readdirSync(dir)
      .filter((file) => file.endsWith(".js"))
      .sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size);
    return { url: `/assets/${name}`, bytes: fs.readFileSync(path.join(dir, name)) };
  }

  it("sends the build's brotli or gzip copy with Vary and immutable caching, and identity to clients without either", async () => {
    const { url, bytes } = largestScript();
    const asRaw = (encoding: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(
            { host: "127.0.0.1", port: direct.port, path: url, headers: { "Accept-Encoding": encoding }, agent: false },
            (response) => {
              const chunks: Buffer[] = [];
              response.on("data", (chunk: Buffer) => chunks.push(chunk));
              response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
            },
          )
          .on("error", reject);
      });
    const br = await asRaw("gzip, deflate, br");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers["cache-control"]).toContain("immutable");
    expect(br.headers["content-type"]).toContain("javascript");
    expect(brotliDecompressSync(br.body).equals(bytes)).toBe(true);
    expect(br.body.length).toBeLessThan(bytes.length / 2);
    const gzip = await asRaw("gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).equals(bytes)).toBe(true);
    const identity = await asRaw("identity");
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.headers.vary).toMatch(/accept-encoding/i);
    expect(identity.body.equals(bytes)).toBe(true);
    expect((await asRaw("br;q=0, gzip")).headers["content-encoding"]).toBe("gzip");
  });

  it("serves brotli from the page cache to browsers that accept it", async () => {
    await fetch(`${direct.base}${ARTICLE}`);
    const page = await raw(direct, { path: ARTICLE, headers: { "Accept-Encoding": "br" } });
    expect(page.headers["x-cache"]).toBe("HIT");
    expect(page.headers["content-encoding"]).toBe("br");
  });
});
