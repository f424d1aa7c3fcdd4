import fs from "node:fs";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { prisma } from "~/lib/db.server";
import { publicOrigin } from "~/lib/env.server";
import { actionPaths } from "./build-routes";
import { createAppServer } from "../../server/app-server";
import { createUser, FACTORY_PASSWORD, sessionCookieFor } from "../factories/accounts";

const BUILD = SERVER_BUILD;
const PASSWORD = FACTORY_PASSWORD;
let build: ServerBuild;
let server: ReturnType<typeof createAppServer>;
let base = "";

beforeAll(async () => {
  if (!fs.existsSync(BUILD)) throw new Error("Run `npm run build` before the server tests (npm test does).");
  build = (await import(BUILD)) as ServerBuild;
  server = createAppServer({
    build,
    clientDir: CLIENT_DIR,
    manifestFile: path.resolve(".content-cache/manifest.json"),
    cache: false,
    trustProxy: true,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await prisma.$disconnect();
});

let addressCount = 0;
/**
 * A client address of its own (the server trusts X-Forwarded-For here), so the
 * per-address limits one test runs into never reach another test.
 */
function fromNewAddress(): Record<string, string> {
  addressCount += 1;
  return { "X-Forwarded-For": `198.51.100.${addressCount}` };
}

function post(pathname: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${base}${pathname}`, {
    method: "POST",
    body: new URLSearchParams(form),
    headers: { Origin: base, ...headers },
    redirect: "manual",
  });
}

async function signIn(email: string, headers: Record<string, string> = {}) {
  const response = await post("/login", { email, password: PASSWORD }, { ...fromNewAddress(), ...headers });
  expect(response.status).toBe(302);
  return response;
}

function cookieValue(setCookie: string) {
  return setCookie.split(";")[0];
}

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax and Path=/ over plain HTTP", async () => {
    const cookie = (await signIn((await createUser()).email)).headers.get("set-cookie")!;
    expect(cookie).toMatch(/^tf_session=[a-z2-7]+\.[a-z2-7]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
  });

  it("is Secure with the __Host- prefix over HTTPS", async () => {
    // A browser on the HTTPS site sends an https Origin; the Origin check compares the scheme too.
    const origin = base.replace("http:", "https:");
    const cookie = (
      await signIn((await createUser()).email, { "X-Forwarded-Proto": "https", Origin: origin })
    ).headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-tf_session=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure$/);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it("is no longer accepted once the user signs out (a replayed cookie is not signed in)", async () => {
    const cookie = cookieValue((await signIn((await createUser()).email)).headers.get("set-cookie")!);
    expect((await fetch(`${base}/settings`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
    const out = await post("/logout", {}, { Cookie: cookie });
    expect(out.status).toBe(302);
    expect(out.headers.get("set-cookie")).toMatch(/^tf_session=; Path=\/; Max-Age=0/);
    const replay = await fetch(`${base}/settings`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toBe("/login?redirectTo=%2Fsettings");
  });

  it("bypasses the anonymous page cache for signed-in visitors", async () => {
    const cookie = cookieValue((await signIn((await createUser()).email)).headers.get("set-cookie")!);
    const page = await fetch(`${base}/kb/how-do-i-contact-support`, { headers: { Cookie: cookie } });
    expect(await page.text()).toContain('data-testid="signed-in-as"');
  });

  it("refuses GET /logout: signing out is a POST", async () => {
    expect((await fetch(`${base}/logout`)).status).toBe(405);
  });
});

describe("CSRF: one Origin check for every mutating route", () => {
  const routes = () => actionPaths(build);

  it("finds the app's mutating routes", () => {
    expect(routes()).toEqual(
      expect.arrayContaining([
        "/login",
        "/signup",
        "/logout",
        "/settings",
        "/forgot-password",
        "/reset-password",
        "/kb/sample",
      ]),
    );
  });

  it("answers 403 to a POST from another site, or with no Origin at all, on each of them", async () => {
    for (const route of routes()) {
      const foreign = await post(route, { any: "thing" }, { Origin: "https://evil.example" });
      expect(foreign.status, route).toBe(403);
      const referer = await fetch(`${base}${route}`, {
        method: "POST",
        body: "x=1",
        headers: { Referer: "https://evil.example/page" },
      });
      expect(referer.status, route).toBe(403);
      const bare = await fetch(`${base}${route}`, { method: "POST", body: "x=1" });
      expect(bare.status, route).toBe(403);
    }
  });

  it("lets same-site posts through (a Referer from this site counts when Origin is absent)", async () => {
    const response = await fetch(`${base}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "x" }),
      headers: { Referer: `${base}/login` },
    });
    expect(response.status).toBe(400);
  });
});

describe("sign-in answers", () => {
  it("say the same thing, in similar time, whether or not the email has an account", async () => {
    const user = await createUser();
    const address = fromNewAddress();
    const timed = async (email: string) => {
      const started = performance.now();
      const response = await post("/login", { email, password: "not-the-password-1" }, address);
      return {
        status: response.status,
        text: (await response.text()).replace(/value="[^"]*"/g, ""),
        ms: performance.now() - started,
      };
    };
    await timed("warm-up@example.com");
    // Alternating samples and medians: one pair of requests on a busy machine measures the machine, not the code.
    const knowns: Awaited<ReturnType<typeof timed>>[] = [];
    const unknowns: Awaited<ReturnType<typeof timed>>[] = [];
    for (let sample = 0; sample < 5; sample++) {
      knowns.push(await timed(user.email));
      unknowns.push(await timed(`nobody-here-${sample}@example.com`));
    }
    const median = (samples: { ms: number }[]) =>
      samples.map((entry) => entry.ms).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
    const [known, unknown] = [knowns[0], unknowns[0]];
    expect(unknown.status).toBe(known.status);
    expect(unknown.text.includes("don’t match an account")).toBe(true);
    expect(known.text.includes("don’t match an account")).toBe(true);
    expect(median(unknowns) / median(knowns)).toBeGreaterThan(0.4);
    expect(median(unknowns) / median(knowns)).toBeLessThan(2.5);
  });

  it("are 429 with Retry-After after 10 failures for an account, from any address", async () => {
    const { email } = await createUser();
    for (let attempt = 0; attempt < 10; attempt++)
      expect((await post("/login", { email, password: "wrong-password-xyz" }, fromNewAddress())).status).toBe(401);
    const blocked = await post("/login", { email, password: PASSWORD }, fromNewAddress());
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain("Too many attempts");
  });

  it("are 429 for every account from an address after 30 failures from it", async () => {
    const { email } = await createUser();
    const address = fromNewAddress();
    let status = 0;
    let attempts = 0;
    while (status !== 429 && attempts < 40) {
      attempts++;
      status = (
        await post("/login", { email: `spray-${attempts}@example.com`, password: "wrong-password-xyz" }, address)
      ).status;
    }
    expect(status).toBe(429);
    expect(attempts).toBeLessThanOrEqual(31);
    expect((await post("/login", { email, password: PASSWORD }, address)).status).toBe(429);
    expect((await post("/login", { email, password: PASSWORD }, fromNewAddress())).status).toBe(302);
  });

  it("let at most the limit through to the password check when many wrong guesses arrive at once", async () => {
    const { email } = await createUser();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => post("/login", { email, password: "wrong-password-xyz" }, fromNewAddress())),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(20);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
  });
});

describe("links in mail", () => {
  /** A raw request, so the Host header can be anything (fetch would set it from the URL). */
  function rawPost(pathname: string, host: string, form: Record<string, string>) {
    const body = new URLSearchParams(form).toString();
    return new Promise<number>((resolve, reject) => {
      const request = http.request(
        `${base}${pathname}`,
        {
          method: "POST",
          headers: {
            Host: host,
            Origin: `http://${host}`,
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": Buffer.byteLength(body),
            ...fromNewAddress(),
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  }

  it("never point at the Host a request claims: a forged Host gets no reset link to itself", async () => {
    const { email } = await createUser();
    const status = await rawPost("/forgot-password", "evil.example", { email });
    expect([302, 303, 400, 403, 421]).toContain(status);
    const mails = await prisma.outboxEmail.findMany({ where: { to: email } });
    for (const mail of mails) {
      expect(mail.text).not.toContain("evil.example");
      expect(mail.text).toContain(`${publicOrigin}/reset-password?token=`);
    }
  });
});

describe("after signing in", () => {
  it("goes only to a same-site path, whatever redirectTo says", async () => {
    for (const redirectTo of [
      "/%09/evil.example",
      "/\t/evil.example",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
    ]) {
      const { email } = await createUser();
      const response = await post("/login", { email, password: PASSWORD, redirectTo }, fromNewAddress());
      expect(response.status, redirectTo).toBe(302);
      expect(response.headers.get("location"), redirectTo).toBe("/settings");
    }
  });

  it("revoking someone else's session id signs nothing out and says so", async () => {
    const me = await createUser();
    const stranger = await createUser();
    const mine = await sessionCookieFor(me.id);
    const theirs = await sessionCookieFor(stranger.id);
    const response = await post(
      "/settings",
      { intent: "revoke", sessionId: theirs.sessionId },
      { Cookie: mine.cookie },
    );
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).toContain("No such session of yours");
    expect(text).not.toContain("That device was signed out");
    expect((await fetch(`${base}/settings`, { headers: { Cookie: theirs.cookie }, redirect: "manual" })).status).toBe(
      200,
    );
  });
});
