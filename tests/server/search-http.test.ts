import fs from "node:fs";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createAppServer } from "../../server/app-server";

const BUILD = SERVER_BUILD;
let server: ReturnType<typeof createAppServer>;
let base = "";

beforeAll(async () => {
  if (!fs.existsSync(BUILD)) throw new Error("Run `npm run build` before the server tests (npm test does).");
  const build = (await import(BUILD)) as ServerBuild;
  server = createAppServer({ build, clientDir: CLIENT_DIR, manifestFile: path.resolve(".content-cache/manifest.json"), cache: false });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await prisma.$disconnect();
});

const api = (query: string) => fetch(`${base}/api/search?${query}`);

describe("GET /api/search", () => {
  it("answers with the documented shape, hits linking into sections with <mark> snippets", async () => {
    const response = await api("q=escalation+timers&limit=5");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ query: "escalation timers", engine: "embedded", totalHits: expect.any(Number), processingTimeMs: expect.any(Number) });
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.hits.length).toBeLessThanOrEqual(5);
    for (const hit of body.hits) expect(Object.keys(hit)).toEqual(expect.arrayContaining(["id", "type", "title", "url", "snippet"]));
    expect(body.hits.some((hit: { snippet: string }) => hit.snippet.includes("<mark>"))).toBe(true);
    expect(body.hits.some((hit: { url: string }) => /^\/kb\/[a-z0-9-]+#[a-z0-9-]+$/.test(hit.url))).toBe(true);
  });

  it("filters by type", async () => {
    const body = await (await api("q=ticket&type=doc")).json();
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.hits.every((hit: { type: string }) => hit.type === "doc")).toBe(true);
  });

  it("answers 400 with a reason for invalid parameters", async () => {
    for (const [query, reason] of [
      ["q=x&type=spaceship", "type must be one of"],
      ["q=x&limit=0", "limit must be at least 1"],
      ["q=x&limit=500", "limit must be at most 50"],
      ["q=x&limit=ten", "limit"],
      ["q=x&offset=-1", "offset"],
    ]) {
      const response = await api(query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error, query).toContain(reason);
    }
  });

  it("never fails on hostile input: operators, quotes, NEAR(, col:, emoji, 10 KB", async () => {
    for (const q of ['NEAR(phone chat, 3)', 'title:phone', '"', "a OR b NOT c", "🙂🔥", "x".repeat(10_240), "%00", "*", "^escalation"]) {
      const response = await api(`q=${encodeURIComponent(q)}`);
      expect(response.status, q.slice(0, 20)).toBe(200);
      expect(Array.isArray((await response.json()).hits)).toBe(true);
    }
  });

  it("records each search once per typed query, with no personal data", async () => {
    await prisma.searchQuery.deleteMany();
    for (const q of ["e", "es", "esc", "escal", "escalation"]) await api(`q=${q}`);
    await api("q=zzqxj+qqvvx");
    const rows = await prisma.searchQuery.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.query, row.resultCount > 0])).toEqual([
      ["escalation", true],
      ["zzqxj qqvvx", false],
    ]);
    expect(Object.keys(rows[0]).sort()).toEqual(["createdAt", "engine", "id", "latencyMs", "query", "resultCount", "source"]);
  });

  it("records clicks and refuses bad ones", async () => {
    const ok = await fetch(`${base}/api/search/click`, { method: "POST", headers: { Origin: base }, body: new URLSearchParams({ query: "escalation", resultId: "kb/how-does-escalation-work", position: "1" }) });
    expect(ok.status).toBe(204);
    const bad = await fetch(`${base}/api/search/click`, { method: "POST", headers: { Origin: base }, body: new URLSearchParams({ query: "escalation", position: "zero" }) });
    expect(bad.status).toBe(400);
    expect(await prisma.searchClick.count({ where: { resultId: "kb/how-does-escalation-work" } })).toBe(1);
  });

  it("is rate-limited per client with 429 and Retry-After (last: it uses up this client's budget)", async () => {
    let response: Response | null = null;
    for (let attempt = 0; attempt < 130; attempt++) {
      response = await api(`q=rate${attempt}`);
      if (response.status === 429) break;
    }
    expect(response?.status).toBe(429);
    expect(Number(response?.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("/search page", () => {
  it("works without JavaScript: results, facets with counts, the query echoed, did-you-mean", async () => {
    const html = (await (await fetch(`${base}/search?q=escalaton+proces`)).text()).replaceAll("<!-- -->", "");
    expect(html).toContain('value="escalaton proces"');
    expect(html).toContain("Showing results for");
    expect(html).toMatch(/aria-label="Filter results"/);
    expect(html).toMatch(/pages? match/);
  });

  it("says plainly when nothing matches and points to the community and support", async () => {
    const html = (await (await fetch(`${base}/search?q=zzqxj`)).text()).replaceAll("<!-- -->", "");
    expect(html).toContain("No results for “zzqxj”");
    expect(html).toContain("Contact support");
  });
});
