import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { prisma } from "~/lib/db.server";
import { resolveTheme } from "~/lib/theme";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import { createAppServer } from "../../server/app-server";
import { PageCache } from "../../server/page-cache";
import { createMember } from "../notifications/factories";

/** The theme setting through the real app server (page cache on), as a browser reaches it. */

let server: http.Server;
let base = "";

beforeAll(async () => {
  if (!fs.existsSync(SERVER_BUILD)) throw new Error("Run `npm run build:app` before the server tests.");
  const build = (await import(SERVER_BUILD)) as ServerBuild;
  server = createAppServer({
    build,
    clientDir: CLIENT_DIR,
    manifestFile: path.resolve(".content-cache/manifest.json"),
    cache: new PageCache(),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function sessionCookie(userId: string) {
  const { token } = await createSession(prisma, userId, "theme-test");
  return `tf_session=${token}`;
}

function chooseTheme(theme: string, cookie = "", extra: Record<string, string> = {}) {
  return fetch(`${base}/settings/theme`, {
    method: "POST",
    body: new URLSearchParams({ theme, ...extra }),
    headers: { Origin: base, ...(cookie ? { Cookie: cookie } : {}) },
    redirect: "manual",
  });
}

async function themeOf(pathname: string, cookie = "") {
  const html = await (await fetch(`${base}${pathname}`, { headers: cookie ? { Cookie: cookie } : {} })).text();
  return {
    theme: /<html lang="en" data-theme="([a-z]+)"/.exec(html)?.[1],
    colorScheme: /<meta name="color-scheme" content="([a-z ]+)"/.exec(html)?.[1],
  };
}

describe("resolveTheme", () => {
  it("takes the device's cookie first, then the account's choice, then the system setting", () => {
    expect(resolveTheme("tf_theme=light", "dark")).toBe("light");
    expect(resolveTheme("other=1", "dark")).toBe("dark");
    expect(resolveTheme(undefined, null)).toBe("system");
    expect(resolveTheme("tf_theme=purple", null)).toBe("system");
  });
});

describe("choosing a theme", () => {
  it("saves it on the account and the device; another device follows the account, the device's own choice wins", async () => {
    const member = await createMember();
    const session = await sessionCookie(member.id);

    const chosen = await chooseTheme("dark", session, { returnTo: "/kb" });
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get("location")).toBe("/kb");
    expect(chosen.headers.get("set-cookie")).toMatch(/^tf_theme=dark; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).theme).toBe("dark");

    // The first paint is already dark: the server writes the theme into the page.
    expect(await themeOf("/kb", `${session}; tf_theme=dark`)).toEqual({ theme: "dark", colorScheme: "dark" });
    // A new device (no theme cookie) signed in to the same account follows the account.
    expect((await themeOf("/kb", await sessionCookie(member.id))).theme).toBe("dark");
    // A device that chose light keeps light.
    expect((await themeOf("/kb", `${session}; tf_theme=light`)).theme).toBe("light");
  });

  it("answers a background post with JSON, and refuses a theme it does not know with a 400", async () => {
    const member = await createMember();
    const session = await sessionCookie(member.id);
    const background = await chooseTheme("light", session, { _fetch: "1" });
    expect(background.status).toBe(200);
    expect(await background.json()).toEqual({ ok: true, theme: "light" });
    const refused = await chooseTheme("purple", session);
    expect(refused.status).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).theme).toBe("light");
  });

  it("works signed out too: the device keeps it, and the shared cached page never carries it", async () => {
    const anonymous = await chooseTheme("dark");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe("/settings#appearance");
    // Warm the cache with the shared page, then ask as a device that chose dark, then as everyone else.
    expect((await themeOf("/kb")).theme).toBe("system");
    expect(await themeOf("/kb", "tf_theme=dark")).toEqual({ theme: "dark", colorScheme: "dark" });
    expect(await themeOf("/kb")).toEqual({ theme: "system", colorScheme: "light dark" });
  });
});
