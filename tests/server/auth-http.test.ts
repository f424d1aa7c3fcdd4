import fs from "node:fs";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { prisma } from "~/lib/db.server";
import { createAppServer } from "../../server/app-server";

const BUILD = SERVER_BUILD;
const PASSWORD = "sturdy-lantern-meadow-64";
let build: ServerBuild;
let server: ReturnType<typeof createAppServer>;
let base = "";

beforeAll(async () => {
  if (!fs.existsSync(BUILD)) throw new Error("Run `npm run build` before the server tests (npm test does).");
  build = (await import(BUILD)) as ServerBuild;
  server = createAppServer({ build, clientDir: CLIENT_DIR, manifestFile: path.resolve(".content-cache/manifest.json"), cache: false, trustProxy: true });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const email of ["http-user@example.com", "limited@example.com"]) {
    await prisma.user.create({ data: { email, name: "HTTP User", passwordHash: await hashPassword(PASSWORD), emailVerifiedAt: new Date() } });
  }
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await prisma.$disconnect();
});

function post(pathname: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${base}${pathname}`, { method: "POST", body: new URLSearchParams(form), headers: { Origin: base, ...headers }, redirect: "manual" });
}

async function signIn(email = "http-user@example.com", headers: Record<string, string> = {}) {
  const response = await post("/login", { email, password: PASSWORD }, headers);
  expect(response.status).toBe(302);
  return response;
}

function cookieValue(setCookie: string) {
  return setCookie.split(";")[0];
}

/** Every route module of the app that has an action, as a URL to post to. */
function mutatingRoutes(): string[] {
  const routes = build.routes as Record<string, { path?: string; parentId?: string; index?: boolean; module: { action?: unknown } }>;
  const fullPath = (id: string): string => {
    const route = routes[id];
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.keys(routes)
    .filter((id) => typeof routes[id].module.action === "function")
    .map((id) => `/${fullPath(id).replace(/:[^/]+/g, "sample").replace(/\*$/, "sample/page")}`);
}

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax and Path=/ over plain HTTP", async () => {
    const cookie = (await signIn()).headers.get("set-cookie")!;
    expect(cookie).toMatch(/^tf_session=[a-z2-7]+\.[a-z2-7]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
  });

  it("is Secure with the __Host- prefix over HTTPS", async () => {
    const cookie = (await signIn("http-user@example.com", { "X-Forwarded-Proto": "https" })).headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-tf_session=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure$/);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it("is no longer accepted once the user signs out (a replayed cookie is not signed in)", async () => {
    const cookie = cookieValue((await signIn()).headers.get("set-cookie")!);
    expect((await fetch(`${base}/settings`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
    const out = await post("/logout", {}, { Cookie: cookie });
    expect(out.status).toBe(302);
    expect(out.headers.get("set-cookie")).toMatch(/^tf_session=; Path=\/; Max-Age=0/);
    const replay = await fetch(`${base}/settings`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toBe("/login?redirectTo=%2Fsettings");
  });

  it("bypasses the anonymous page cache for signed-in visitors", async () => {
    const cookie = cookieValue((await signIn()).headers.get("set-cookie")!);
    const page = await fetch(`${base}/kb/how-do-i-contact-support`, { headers: { Cookie: cookie } });
    expect(await page.text()).toContain('data-testid="signed-in-as"');
  });

  it("refuses GET /logout: signing out is a POST", async () => {
    expect((await fetch(`${base}/logout`)).status).toBe(405);
  });
});

describe("CSRF: one Origin check for every mutating route", () => {
  const routes = () => mutatingRoutes();

  it("finds the app's mutating routes", () => {
    expect(routes()).toEqual(expect.arrayContaining(["/login", "/signup", "/logout", "/settings", "/forgot-password", "/reset-password", "/kb/sample"]));
  });

  it("answers 403 to a POST from another site, or with no Origin at all, on each of them", async () => {
    for (const route of routes()) {
      const foreign = await post(route, { any: "thing" }, { Origin: "https://evil.example" });
      expect(foreign.status, route).toBe(403);
      const referer = await fetch(`${base}${route}`, { method: "POST", body: "x=1", headers: { Referer: "https://evil.example/page" } });
      expect(referer.status, route).toBe(403);
      const bare = await fetch(`${base}${route}`, { method: "POST", body: "x=1" });
      expect(bare.status, route).toBe(403);
    }
  });

  it("lets same-site posts through (a Referer from this site counts when Origin is absent)", async () => {
    const response = await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ email: "x" }), headers: { Referer: `${base}/login` } });
    expect(response.status).toBe(400);
  });
});

describe("sign-in answers", () => {
  it("say the same thing, in similar time, whether or not the email has an account", async () => {
    const timed = async (email: string) => {
      const started = performance.now();
      const response = await post("/login", { email, password: "not-the-password-1" });
      return { status: response.status, text: (await response.text()).replace(/value="[^"]*"/g, ""), ms: performance.now() - started };
    };
    await timed("warm-up@example.com");
    const known = await timed("http-user@example.com");
    const unknown = await timed("nobody-here@example.com");
    expect(unknown.status).toBe(known.status);
    expect(unknown.text.includes("don’t match an account")).toBe(true);
    expect(known.text.includes("don’t match an account")).toBe(true);
    expect(unknown.ms / known.ms).toBeGreaterThan(0.4);
    expect(unknown.ms / known.ms).toBeLessThan(2.5);
  });

  it("are 429 with Retry-After after 10 failures for an account", async () => {
    for (let attempt = 0; attempt < 10; attempt++) expect((await post("/login", { email: "limited@example.com", password: "wrong-password-xyz" })).status).toBe(401);
    const blocked = await post("/login", { email: "limited@example.com", password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain("Too many attempts");
  });

  it("are 429 for every account from an address after 30 failures from it (last: it blocks this address)", async () => {
    let status = 0;
    let attempts = 0;
    while (status !== 429 && attempts < 40) {
      attempts++;
      status = (await post("/login", { email: `spray-${attempts}@example.com`, password: "wrong-password-xyz" })).status;
    }
    expect(status).toBe(429);
    expect(attempts).toBeLessThanOrEqual(31);
    expect((await post("/login", { email: "http-user@example.com", password: PASSWORD })).status).toBe(429);
  });
});
