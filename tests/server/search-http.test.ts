import fs from "node:fs";
import { CLIENT_DIR, SERVER_BUILD } from "../../server/build-dir";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import os from "node:os";
import { readManifest } from "~/content/build.server";
import { pgPool, prisma } from "~/lib/db.server";
import { accountPageDocuments } from "~/search/account-pages";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { createPostgresEngine } from "~/search/postgres.server";
import { syncContentIndex } from "~/search/indexer.server";
import type { SearchEngine } from "~/search/types";
import { SEARCH_RATE_LIMIT } from "~/search/requests.server";
import { indexDocuments, removeDocuments } from "~/search/writes.server";
import { createAccount, createUser, sessionCookieFor } from "../factories/accounts";
import { createAppServer } from "../../server/app-server";
import { doc } from "../search/contract";

const BUILD = SERVER_BUILD;
let server: ReturnType<typeof createAppServer>;
let base = "";
/** This file's own search index (content and account pages), so it neither reads nor changes the shared data/search.db. */
const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), "tf-search-http-"));
const indexFile = path.join(indexDir, "search.db");
let index: SearchEngine;

beforeAll(async () => {
  if (!fs.existsSync(BUILD)) throw new Error("Run `npm run build` before the server tests (npm test does).");
  const manifest = await readManifest(path.resolve(".content-cache"));
  if (!manifest) throw new Error("Run `npm run content:build` first (npm test does).");
  // On PostgreSQL (npm run test:integration:pg) the server searches this worker's own database instead.
  index = pgPool ? createPostgresEngine({ pool: pgPool }) : createEmbeddedEngine({ file: indexFile });
  await syncContentIndex({
    engines: [index],
    manifest,
    cacheDir: path.resolve(".content-cache"),
    popularity: new Map(),
    includeDrafts: false,
  });
  await index.replaceSource("pages", accountPageDocuments());
  // The server build reads SEARCH_DB when it is imported.
  process.env.SEARCH_DB = indexFile;
  const build = (await import(BUILD)) as ServerBuild;
  server = createAppServer({
    build,
    clientDir: CLIENT_DIR,
    manifestFile: path.resolve(".content-cache/manifest.json"),
    cache: false,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await index?.close();
  fs.rmSync(indexDir, { recursive: true, force: true });
  await prisma.$disconnect();
});

/** Search budgets are per client, and every request here comes from one address: a test that spends it gives it back. */
async function resetSearchBudget() {
  await prisma.rateLimitWindow.deleteMany({ where: { key: { startsWith: "search:" } } });
}

const api = (query: string) => fetch(`${base}/api/search?${query}`);

/**
 * Leaves `left` searches in this window and in the next two, for the key the server counts this client under.
 * The limiter uses fixed one-minute windows, so a test that spent its budget request by request could cross
 * into a fresh window mid-loop and never see a 429; with every window it can reach pre-spent, it always does.
 */
async function leaveSearchBudget(left: number) {
  expect((await api("q=budget")).status).toBe(200);
  const counted = await prisma.rateLimitWindow.findFirst({
    where: { key: { startsWith: "search:" } },
    orderBy: { windowStart: "desc" },
  });
  if (!counted) throw new Error("the search was not counted");
  const { limit, windowMs } = SEARCH_RATE_LIMIT;
  const current = Math.floor(Date.now() / windowMs) * windowMs;
  for (const start of [current - windowMs, current, current + windowMs, current + 2 * windowMs]) {
    const windowStart = new Date(start);
    const count = limit - left;
    await prisma.rateLimitWindow.upsert({
      where: { key_windowStart: { key: counted.key, windowStart } },
      create: { key: counted.key, windowStart, count },
      update: { count },
    });
  }
}

describe("GET /api/search", () => {
  it("answers with the documented shape, hits linking into sections with <mark> snippets", async () => {
    const response = await api("q=escalation+timers&limit=5");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      query: "escalation timers",
      engine: pgPool ? "postgres" : "embedded",
      totalHits: expect.any(Number),
      // The help center's own content is far below the counting cap: its counts are exact.
      exhaustiveCounts: true,
      processingTimeMs: expect.any(Number),
    });
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.hits.length).toBeLessThanOrEqual(5);
    for (const hit of body.hits)
      expect(Object.keys(hit)).toEqual(expect.arrayContaining(["id", "type", "title", "url", "snippet"]));
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
    for (const q of [
      "NEAR(phone chat, 3)",
      "title:phone",
      '"',
      "a OR b NOT c",
      "🙂🔥",
      "x".repeat(10_240),
      "%00",
      "*",
      "^escalation",
    ]) {
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
    expect(Object.keys(rows[0]).sort()).toEqual([
      "createdAt",
      "engine",
      "id",
      "latencyMs",
      "query",
      "resultCount",
      "source",
    ]);
  });

  it("records clicks and refuses bad ones", async () => {
    const ok = await fetch(`${base}/api/search/click`, {
      method: "POST",
      headers: { Origin: base },
      body: new URLSearchParams({ query: "escalation", resultId: "kb/how-does-escalation-work", position: "1" }),
    });
    expect(ok.status).toBe(204);
    const bad = await fetch(`${base}/api/search/click`, {
      method: "POST",
      headers: { Origin: base },
      body: new URLSearchParams({ query: "escalation", position: "zero" }),
    });
    expect(bad.status).toBe(400);
    expect(await prisma.searchClick.count({ where: { resultId: "kb/how-does-escalation-work" } })).toBe(1);
  });

  it("is rate-limited per client with 429 and Retry-After", async () => {
    await resetSearchBudget();
    try {
      await leaveSearchBudget(3);
      const statuses: number[] = [];
      let response: Response | null = null;
      // Three searches are left in whichever window a request lands in, so a 429 comes by the 4th (8th across a boundary).
      for (let attempt = 0; attempt < 8; attempt++) {
        response = await api(`q=rate${attempt}`);
        statuses.push(response.status);
        if (response.status === 429) break;
      }
      expect(statuses.at(-1)).toBe(429);
      expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
      expect(statuses.length).toBeGreaterThanOrEqual(4);
      expect(Number(response?.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await resetSearchBudget();
    }
  });

  it("never shows restricted documents to the public or other accounts; members see their account's, staff everything", async () => {
    const acme = await createAccount({ name: "Acme" });
    const staffOnly = doc({
      id: "forum/zq-staff",
      type: "thread",
      source: "forum",
      visibility: "staff",
      title: "Zanzibarquill runbook",
      body: "Zanzibarquill steps for agents.",
    });
    const acmeTicket = doc({
      id: "tickets/zq-acme",
      type: "thread",
      source: "tickets",
      visibility: `account:${acme.id}`,
      title: "Zanzibarquill invoice",
      body: "Zanzibarquill for Acme.",
    });
    await indexDocuments("forum", [staffOnly], [index]);
    await indexDocuments("tickets", [acmeTicket], [index]);
    try {
      const idsFor = async (headers: Record<string, string> = {}) =>
        (
          (await (await fetch(`${base}/api/search?q=zanzibarquill`, { headers })).json()) as { hits: { id: string }[] }
        ).hits
          .map((hit) => hit.id)
          .sort();
      const member = await createUser({ accountId: acme.id });
      const stranger = await createUser({ accountId: (await createAccount()).id });
      const staff = await createUser({ role: "agent" });
      expect(await idsFor()).toEqual([]);
      expect(await idsFor({ Cookie: (await sessionCookieFor(stranger.id)).cookie })).toEqual([]);
      expect(await idsFor({ Cookie: (await sessionCookieFor(member.id)).cookie })).toEqual(["tickets/zq-acme"]);
      expect(await idsFor({ Cookie: (await sessionCookieFor(staff.id)).cookie })).toEqual([
        "forum/zq-staff",
        "tickets/zq-acme",
      ]);
      const page = await (await fetch(`${base}/search?q=zanzibarquill`)).text();
      expect(page).not.toContain("Zanzibarquill");
      await removeDocuments("tickets", ["tickets/zq-acme"], [index]);
      expect(await idsFor({ Cookie: (await sessionCookieFor(staff.id)).cookie })).toEqual(["forum/zq-staff"]);
    } finally {
      await removeDocuments("forum", ["forum/zq-staff"], [index]);
      await removeDocuments("tickets", ["tickets/zq-acme"], [index]);
    }
  });

  it("finds the account pages: resetting a password leads to the reset page or article", async () => {
    const body = (await (await api("q=reset+my+password&limit=3")).json()) as { hits: { url: string }[] };
    expect(body.hits.map((hit) => hit.url.split("#")[0])).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/(forgot-password|kb\/how-do-i-reset-my-password)$/)]),
    );
    const settings = (await (await api("q=sign+out+other+devices&limit=5")).json()) as { hits: { url: string }[] };
    expect(settings.hits.map((hit) => hit.url)).toContain("/settings");
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

  it("counts the pages for the corrected query, not the typo", async () => {
    const html = (await (await fetch(`${base}/search?q=respnse+time`)).text()).replaceAll("<!-- -->", "");
    expect(html).toMatch(/\d+ pages? match “response time”/);
    expect(html).not.toMatch(/pages? match “respnse time”/);
  });

  it("is rate-limited like /api/search, sharing its budget (429 with Retry-After)", async () => {
    await resetSearchBudget();
    try {
      expect((await fetch(`${base}/search?q=escalation`)).status).toBe(200);
      await leaveSearchBudget(0);
      const limited = await fetch(`${base}/search?q=escalation`);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await limited.text()).toContain("too many searches");
      expect((await api("q=escalation")).status).toBe(429);
    } finally {
      await resetSearchBudget();
    }
  });

  it("says plainly when nothing matches and points to the community and support", async () => {
    const html = (await (await fetch(`${base}/search?q=zzqxj`)).text()).replaceAll("<!-- -->", "");
    expect(html).toContain("No results for “zzqxj”");
    expect(html).toContain("Contact support");
  });
});
