import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppServer } from "../../server/app-server";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import { PageCache } from "../../server/page-cache";

/** Pages and static files share one address space: a page's address is never taken over by a folder of files. */

const MANIFEST = path.resolve(".content-cache/manifest.json");
const RECORDING = "getting-the-most-from-the-support-portal";

let server: ReturnType<typeof createAppServer>;
let base = "";

beforeAll(async () => {
  if (!fs.existsSync(SERVER_BUILD) || !fs.existsSync(MANIFEST)) throw new Error("Run `npm run build` before the server tests (npm test does).");
  const build = (await import(SERVER_BUILD)) as ServerBuild;
  server = createAppServer({ build, clientDir: CLIENT_DIR, manifestFile: MANIFEST, cache: new PageCache({ recompress: false }) });
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
