import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppServer } from "../../server/app-server";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import { PageCache } from "../../server/page-cache";
import { withoutTrailingSlash } from "../../server/trailing-slash";
import { createCategory, createMember, createQuestion } from "../forum/forum-factories";

/**
 * One address per page: a folder of static files never takes over a page's address, and an address
 * with a trailing slash redirects to the page without it.
 */

const MANIFEST = path.resolve(".content-cache/manifest.json");
const RECORDING = "getting-the-most-from-the-support-portal";

let server: ReturnType<typeof createAppServer>;
let base = "";

beforeAll(async () => {
  if (!fs.existsSync(SERVER_BUILD) || !fs.existsSync(MANIFEST))
    throw new Error("Run `npm run build` before the server tests (npm test does).");
  const build = (await import(SERVER_BUILD)) as ServerBuild;
  server = createAppServer({
    build,
    clientDir: CLIENT_DIR,
    manifestFile: MANIFEST,
    cache: new PageCache({ recompress: false }),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("webinar pages and their media", () => {
  it("answers /webinars with the listing page itself, not a redirect to a folder", async () => {
    const response = await fetch(`${base}/webinars`, { redirect: "manual" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Webinars");
  });

  it("never redirects a folder of static files to its slash form", async () => {
    const response = await fetch(`${base}/media/webinars`, { redirect: "manual" });
    expect(response.status).toBe(404);
    expect(response.headers.get("location")).toBeNull();
  });

  it("plays each recording from the media path its page links to", async () => {
    const page = await (await fetch(`${base}/webinars/${RECORDING}`)).text();
    const video = /src="(\/media\/webinars\/[^"]+\.webm)"/.exec(page)?.[1];
    const captions = /src="(\/media\/webinars\/[^"]+\.en\.vtt)"/.exec(page)?.[1];
    expect(video).toBe(`/media/webinars/${RECORDING}.webm`);
    expect(captions).toBe(`/media/webinars/${RECORDING}.en.vtt`);
    const file = await fetch(`${base}${video}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("video/webm");
    expect((await fetch(`${base}${captions}`)).status).toBe(200);
  });
});

describe("trailing slashes", () => {
  it("redirects a thread address with a trailing slash to the thread, keeping the query", async () => {
    const category = await createCategory();
    const title = "Where do I find my invoices from last year?";
    const thread = await createQuestion(await createMember(), category.slug, title);
    const threadPath = `/community/t/${thread.id}-${thread.slug}`;
    const slashed = await fetch(`${base}${threadPath}/?page=1`, { redirect: "manual" });
    expect(slashed.status).toBe(301);
    expect(slashed.headers.get("location")).toBe(`${threadPath}?page=1`);
    const followed = await fetch(`${base}${threadPath}/`);
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`${base}${threadPath}`);
    expect(await followed.text()).toContain(title);
  });

  it("answers every address a crawler reads out of a thread page, including the page data's escaped JSON", async () => {
    // The crawl's 64 slashed thread links came from the hydration data in the page's script, where the thread's
    // "url" is written \"/community/t/…\": a crawler that stops at the quote keeps the backslash, and URL
    // parsing turns it into a slash. Every such address must reach the thread.
    const category = await createCategory();
    const thread = await createQuestion(
      await createMember(),
      category.slug,
      "Can I move my workspace to the EU region?",
    );
    const html = await (await fetch(`${base}/community/t/${thread.id}-${thread.slug}`)).text();
    const found = [...new Set([...html.matchAll(/\/community\/t\/[^"'<>\s]+/g)].map((match) => match[0]))];
    expect(found.some((address) => address.endsWith("\\"))).toBe(true);
    for (const address of found) {
      const response = await fetch(new URL(address, base));
      expect(response.status, address).toBe(200);
    }
  });

  it("applies the same rule to every page, and keeps a form's method and body with a 308", async () => {
    for (const pagePath of [
      "/kb/how-fast-will-we-respond-to-my-ticket",
      "/webinars",
      "/community",
      "/ideas",
      "/docs/portal/submitting-a-ticket",
      "/no-such-page",
    ]) {
      const response = await fetch(`${base}${pagePath}//`, { redirect: "manual" });
      expect(response.status, pagePath).toBe(301);
      expect(response.headers.get("location"), pagePath).toBe(pagePath);
    }
    const form = await fetch(`${base}/login/`, {
      method: "POST",
      body: new URLSearchParams({ email: "a@b.example" }),
      headers: { Origin: base },
      redirect: "manual",
    });
    expect(form.status).toBe(308);
    expect(form.headers.get("location")).toBe("/login");
  });

  it("leaves the home page alone and never redirects to another host", async () => {
    expect((await fetch(`${base}/`, { redirect: "manual" })).status).toBe(200);
    expect(withoutTrailingSlash("/")).toBeNull();
    expect(withoutTrailingSlash("//evil.example/")).toBeNull();
    expect(withoutTrailingSlash("/\\evil.example/")).toBeNull();
    expect(withoutTrailingSlash("///")).toBeNull();
    expect(withoutTrailingSlash("/kb?next=/x/")).toBeNull();
    const sneaky = await fetch(`${base}//evil.example/`, { redirect: "manual" });
    expect(sneaky.headers.get("location")).toBeNull();
  });
});
