/**
 * The Meilisearch adapter, tested against recorded requests: a local fake
 * (tests/search/meili/fake-meilisearch.ts) records what the adapter sends and
 * answers as Meilisearch documents it (tests/search/meili/responses.ts).
 *
 * With MEILI_URL set (and MEILI_MASTER_KEY when the server has one, as in app/lib/env.server.ts), a
 * live contract suite also runs against a real server.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createMeilisearchEngine,
  decodeDocumentId,
  encodeDocumentId,
  escapeHighlighted,
  meilisearchSettings,
  quoteFilterValue,
  type MeilisearchEngineOptions,
} from "../../app/search/meilisearch.server";
import { synonymMap } from "../../app/search/settings";
import { readSynonyms } from "../../app/content/synonyms.server";
import type { SearchDocument, SearchEngine } from "../../app/search/types";
import { startFakeMeilisearch, type FakeMeilisearch, type RecordedRequest } from "./meili/fake-meilisearch";
import { defineVisibilityContract } from "./contract";
import { INVALID_DOCUMENT_ID_ERROR, INVALID_SETTINGS_ERROR, SEARCH_ESCALATE } from "./meili/responses";

const API_KEY = "test-master-key-0123456789";

function makeDoc(i: number, overrides: Partial<SearchDocument> = {}): SearchDocument {
  const page = `kb/page-${Math.floor(i / 3)}`;
  const section = i % 3 === 0 ? "" : `section-${i % 3}`;
  const id = section ? `${page}#${section}` : page;
  return {
    id,
    type: "article",
    source: "content",
    visibility: "public",
    pageId: page,
    url: `/${id}`,
    title: `Page ${Math.floor(i / 3)}`,
    section: section ? `Section ${i % 3}` : "",
    body: `Body of document ${i}.`,
    category: "Tickets",
    tags: ["support"],
    updatedAt: "2025-01-01",
    popularity: 0.5,
    ...overrides,
  };
}

const docs = (count: number) => Array.from({ length: count }, (_, i) => makeDoc(i));

const summary = (request: RecordedRequest) => `${request.method} ${request.path}`;

let fake: FakeMeilisearch;
let engine: SearchEngine;

function engineFor(options: Partial<MeilisearchEngineOptions> = {}) {
  return createMeilisearchEngine({ url: fake.url, apiKey: API_KEY, taskPollIntervalMs: 1, ...options });
}

beforeEach(async () => {
  fake = await startFakeMeilisearch();
  engine = engineFor();
});
afterEach(async () => {
  await engine.close();
  await fake.close();
});

// The visibility contract against the fake in its document-keeping mode: the filter the adapter writes is evaluated, not just recorded.
defineVisibilityContract("Meilisearch (fake server)", async () => {
  const server = await startFakeMeilisearch();
  server.storeDocuments = true;
  const meili = createMeilisearchEngine({ url: server.url, apiKey: API_KEY, taskPollIntervalMs: 1 });
  const close = meili.close.bind(meili);
  meili.close = async () => {
    await close();
    await server.close();
  };
  return meili;
});

describe("document ids and escaping", () => {
  it("encodes ids reversibly into Meilisearch's primary key alphabet", () => {
    for (const id of [
      "kb/escalate-a-ticket#after-hours",
      "docs/api/v2#rate-limits",
      "kb/ümlaut-ß#ça",
      "a",
      "kb/x?y=z&w",
    ]) {
      const key = encodeDocumentId(id);
      expect(key).toMatch(/^[a-zA-Z0-9_-]+$/);
      expect(decodeDocumentId(key)).toBe(id);
    }
    expect(encodeDocumentId("kb/escalate-a-ticket#after-hours")).toBe("a2IvZXNjYWxhdGUtYS10aWNrZXQjYWZ0ZXItaG91cnM");
    expect(() => encodeDocumentId("")).toThrow(/primary key/);
    expect(() => encodeDocumentId("x".repeat(400))).toThrow(/511/);
  });

  it("quotes filter values with quotes and backslashes escaped", () => {
    expect(quoteFilterValue("plain")).toBe('"plain"');
    expect(quoteFilterValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteFilterValue("back\\slash")).toBe('"back\\\\slash"');
    expect(quoteFilterValue('\\" OR pageId EXISTS')).toBe('"\\\\\\" OR pageId EXISTS"');
  });

  it("escapes highlighted text except balanced <mark> tags", () => {
    expect(escapeHighlighted("a <mark>b</mark> <script>alert(\"x\")</script> & 'c'")).toBe(
      "a <mark>b</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;c&#39;",
    );
    expect(escapeHighlighted("</mark>stray <mark>open")).toBe("&lt;/mark&gt;stray <mark>open</mark>");
    expect(escapeHighlighted("<mark><mark>x</mark>")).toBe("<mark>&lt;mark&gt;x</mark>");
  });
});

describe("init", () => {
  it("creates the missing index with primaryKey id and applies the settings from settings.ts", async () => {
    await engine.init();

    expect(fake.calls().map(summary)).toEqual([
      "GET /indexes/help-center",
      "POST /indexes",
      "PATCH /indexes/help-center/settings",
    ]);
    const [, create, settings] = fake.calls();
    expect(create.body).toEqual({ uid: "help-center", primaryKey: "id" });
    expect(settings.body).toEqual({
      searchableAttributes: ["title", "section", "tags", "body"],
      filterableAttributes: ["type", "category", "tags", "pageId", "source", "visibility"],
      sortableAttributes: ["updatedAt", "popularity"],
      distinctAttribute: "pageId",
      synonyms: synonymMap(readSynonyms("content").groups),
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
      faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "count" } },
      rankingRules: null,
    });
    expect((settings.body as { synonyms: Record<string, string[]> }).synonyms.p1).toEqual([
      "priority 1",
      "critical",
      "sev1",
      "urgent",
    ]);
    // Each write was awaited through GET /tasks/:uid before the next request.
    expect(fake.requests.map(summary)).toEqual([
      "GET /indexes/help-center",
      "POST /indexes",
      "GET /tasks/0",
      "PATCH /indexes/help-center/settings",
      "GET /tasks/1",
    ]);
    expect(fake.indexes.get("help-center")).toBe("id");
  });

  it("sends the API key as a Bearer token on every request", async () => {
    await engine.init();
    await engine.upsert(docs(2));
    await engine.health();
    expect(fake.requests.length).toBeGreaterThan(5);
    for (const request of fake.requests) expect(request.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("only updates the settings when the index exists, and can run twice", async () => {
    fake.indexes.set("help-center", "id");
    await engine.init();
    await engine.init();
    expect(fake.calls().map(summary)).toEqual([
      "GET /indexes/help-center",
      "PATCH /indexes/help-center/settings",
      "GET /indexes/help-center",
      "PATCH /indexes/help-center/settings",
    ]);
  });

  it("uses a custom index uid", async () => {
    engine = engineFor({ indexUid: "kb-staging" });
    await engine.init();
    expect(fake.calls()[1].body).toEqual({ uid: "kb-staging", primaryKey: "id" });
    expect(fake.calls()[2].path).toBe("/indexes/kb-staging/settings");
  });

  it("refuses an existing index with another primary key", async () => {
    fake.indexes.set("help-center", "slug");
    await expect(engine.init()).rejects.toThrow('Meilisearch index help-center has primary key "slug", expected "id"');
  });

  it("throws the task's error message when a task fails", async () => {
    fake.failNextTask("settingsUpdate", INVALID_SETTINGS_ERROR);
    const error: unknown = await engine.init().then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(INVALID_SETTINGS_ERROR.message);
    expect((error as Error).message).toContain("invalid_settings_filterable_attributes");
    expect((error as Error).message).toMatch(/^Meilisearch task 1 \(update settings of help-center\) failed:/);
  });

  it("throws when a task does not finish within taskTimeoutMs", async () => {
    engine = engineFor({ taskTimeoutMs: 300, taskPollIntervalMs: 20 });
    fake.hangTasks("settingsUpdate");
    const started = Date.now();
    await expect(engine.init()).rejects.toThrow(
      "Meilisearch task 1 (update settings of help-center) did not finish within 300 ms",
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("writes", () => {
  beforeEach(() => void fake.indexes.set("help-center", "id"));

  it("upserts in batches of batchSize, waiting for each task, with encoded ids and the original in docId", async () => {
    const documents = docs(2500);
    await engine.upsert(documents);

    const posts = fake.calls();
    expect(posts.map(summary)).toEqual(Array(3).fill("POST /indexes/help-center/documents"));
    const bodies = posts.map((request) => request.body as Record<string, unknown>[]);
    expect(bodies.map((body) => body.length)).toEqual([1000, 1000, 500]);
    expect(fake.requests.map(summary)).toEqual([
      "POST /indexes/help-center/documents",
      "GET /tasks/0",
      "POST /indexes/help-center/documents",
      "GET /tasks/1",
      "POST /indexes/help-center/documents",
      "GET /tasks/2",
    ]);
    expect(bodies[0][1]).toEqual({ ...documents[1], id: encodeDocumentId(documents[1].id), docId: documents[1].id });
    expect(bodies[2][499].docId).toBe(documents[2499].id);
    for (const body of bodies) for (const doc of body) expect(doc.id).toMatch(/^[a-zA-Z0-9_-]+$/);
  });

  it("honours a custom batchSize and sends nothing for an empty upsert", async () => {
    engine = engineFor({ batchSize: 2 });
    await engine.upsert([]);
    expect(fake.requests).toEqual([]);
    await engine.upsert(docs(5));
    expect(fake.calls().map((request) => (request.body as unknown[]).length)).toEqual([2, 2, 1]);
  });

  it("stops at the first failed batch with Meilisearch's message", async () => {
    fake.failNextTask("documentAdditionOrUpdate", INVALID_DOCUMENT_ID_ERROR);
    engine = engineFor({ batchSize: 2 });
    await expect(engine.upsert(docs(5))).rejects.toThrow(INVALID_DOCUMENT_ID_ERROR.message);
    expect(fake.calls()).toHaveLength(1);
  });

  it("deletes by ids with the encoded primary keys", async () => {
    await engine.deleteByIds(["kb/escalate-a-ticket#after-hours", "kb/refund-policy"]);
    expect(fake.calls()).toEqual([
      {
        method: "POST",
        path: "/indexes/help-center/documents/delete-batch",
        query: {},
        body: ["a2IvZXNjYWxhdGUtYS10aWNrZXQjYWZ0ZXItaG91cnM", "a2IvcmVmdW5kLXBvbGljeQ"],
        authorization: `Bearer ${API_KEY}`,
      },
    ]);
    expect(fake.requests.map(summary)).toContain("GET /tasks/0");
  });

  it("deletes by pageIds with a filter expression, values quoted and escaped", async () => {
    await engine.deleteByPageIds(["kb/escalate-a-ticket", 'kb/say-"hi"', "kb/back\\slash"]);
    expect(fake.calls().map(summary)).toEqual(["POST /indexes/help-center/documents/delete"]);
    expect(fake.calls()[0].body).toEqual({
      filter: 'pageId IN ["kb/escalate-a-ticket", "kb/say-\\"hi\\"", "kb/back\\\\slash"]',
    });
    await engine.deleteByPageIds([]);
    await engine.deleteByIds([]);
    expect(fake.calls()).toHaveLength(1);
  });
});

describe("the record of the content pages the index holds", () => {
  const recordKey = encodeDocumentId("index-state/content-pages");

  it("reads none from a missing index or an index without the record, with one GET of the record document", async () => {
    await expect(engine.indexedContentPages()).resolves.toEqual(new Map());
    fake.indexes.set("help-center", "id");
    await expect(engine.indexedContentPages()).resolves.toEqual(new Map());
    expect(fake.calls()).toEqual(
      Array(2).fill({
        method: "GET",
        path: `/indexes/help-center/documents/${recordKey}`,
        query: { fields: "contentPages" },
        body: undefined,
        authorization: `Bearer ${API_KEY}`,
      }),
    );
  });

  it("stores the record as one unsearchable document in the index, waits for its task, and reads it back", async () => {
    fake.indexes.set("help-center", "id");
    const pages = new Map([
      ["kb/how-does-escalation-work", "a1b2"],
      ["docs/api/rate-limits", "c3d4"],
    ]);
    await engine.recordContentPages(pages);
    expect(fake.requests.map(summary)).toEqual(["POST /indexes/help-center/documents", "GET /tasks/0"]);
    expect(fake.calls()[0].body).toEqual([
      {
        id: recordKey,
        docId: "index-state/content-pages",
        type: "index-state",
        source: "index-state",
        visibility: "internal",
        pageId: "index-state/content-pages",
        contentPages: JSON.stringify({ "kb/how-does-escalation-work": "a1b2", "docs/api/rate-limits": "c3d4" }),
      },
    ]);
    await expect(engine.indexedContentPages()).resolves.toEqual(pages);
  });

  it("keeps the record through content writes, and loses it with the index a full rebuild swaps out", async () => {
    fake.indexes.set("help-center", "id");
    fake.storeDocuments = true;
    await engine.recordContentPages(new Map([["kb/page-0", "hash"]]));
    await engine.replaceSource("content", docs(3));
    await engine.deleteByPageIds(["kb/page-0"]);
    expect(await engine.indexedContentPages()).toEqual(new Map([["kb/page-0", "hash"]]));
    // Not a hit for anyone, not even staff with an empty query.
    expect((await engine.search({ query: "", viewer: { kind: "staff" } })).hits.map((hit) => hit.id)).not.toContain(
      "index-state/content-pages",
    );
    await engine.replaceAll(docs(3));
    expect(await engine.indexedContentPages()).toEqual(new Map());
  });

  it("throws Meilisearch's message when the record cannot be read for another reason", async () => {
    fake.delayFor = () => 2000;
    engine = engineFor({ timeoutMs: 200 });
    await expect(engine.indexedContentPages()).rejects.toThrow(
      /^Meilisearch read of the content pages in help-center failed: .*timed out after 200ms/,
    );
  });
});

describe("replaceAll", () => {
  it("fills a temporary index with the same settings, swaps it with the live one, then deletes it", async () => {
    fake.indexes.set("help-center", "id");
    const progress: [number, number][] = [];
    await engine.replaceAll(docs(2500), (done, total) => progress.push([done, total]));

    const calls = fake.calls();
    const tmp = (calls[1].body as { uid: string }).uid;
    expect(tmp).toMatch(/^help-center_tmp_\d+$/);
    expect(calls.map(summary)).toEqual([
      "GET /indexes/help-center",
      "POST /indexes",
      `PATCH /indexes/${tmp}/settings`,
      `POST /indexes/${tmp}/documents`,
      `POST /indexes/${tmp}/documents`,
      `POST /indexes/${tmp}/documents`,
      "POST /swap-indexes",
      `DELETE /indexes/${tmp}`,
    ]);
    expect(calls[1].body).toEqual({ uid: tmp, primaryKey: "id" });
    expect(calls[2].body).toEqual(meilisearchSettings());
    expect(calls.slice(3, 6).map((request) => (request.body as unknown[]).length)).toEqual([1000, 1000, 500]);
    expect(calls[6].body).toEqual([{ indexes: ["help-center", tmp] }]);
    expect(progress).toEqual([
      [0, 2500],
      [1000, 2500],
      [2000, 2500],
      [2500, 2500],
    ]);
    // Every task was awaited before the next step: one poll per write.
    expect(fake.requests.filter((request) => request.path.startsWith("/tasks/"))).toHaveLength(7);
    expect([...fake.indexes.keys()]).toEqual(["help-center"]);
  });

  it("creates the live index first when it does not exist yet", async () => {
    await engine.replaceAll(docs(1));
    expect(fake.calls().map(summary).slice(0, 3)).toEqual([
      "GET /indexes/help-center",
      "POST /indexes",
      "POST /indexes",
    ]);
    expect(fake.calls()[1].body).toEqual({ uid: "help-center", primaryKey: "id" });
  });

  it("drops the temporary index and never swaps when a batch fails", async () => {
    fake.indexes.set("help-center", "id");
    fake.failNextTask("documentAdditionOrUpdate", INVALID_DOCUMENT_ID_ERROR);
    await expect(engine.replaceAll(docs(3))).rejects.toThrow(INVALID_DOCUMENT_ID_ERROR.message);
    const calls = fake.calls().map(summary);
    expect(calls).not.toContain("POST /swap-indexes");
    expect(calls.at(-1)).toMatch(/^DELETE \/indexes\/help-center_tmp_\d+$/);
    expect([...fake.indexes.keys()]).toEqual(["help-center"]);
  });
});

describe("search", () => {
  beforeEach(() => {
    fake.indexes.set("help-center", "id");
    fake.searchResponse = SEARCH_ESCALATE;
  });

  it("sends q, an escaped filter expression, facets, limit/offset and highlight/crop settings", async () => {
    await engine.search({
      query: "  escalate  ",
      filters: { type: ["article", "doc"], category: ['Billing "EU"'], tags: ["back\\slash", "p1"] },
      limit: 5,
      offset: 10,
      facets: ["type", "category"],
    });
    expect(fake.calls()).toEqual([
      {
        method: "POST",
        path: "/indexes/help-center/search",
        query: {},
        authorization: `Bearer ${API_KEY}`,
        body: {
          q: "escalate",
          limit: 5,
          offset: 10,
          filter:
            'visibility IN ["public"] AND type IN ["article", "doc"] AND category IN ["Billing \\"EU\\""] AND tags IN ["back\\\\slash", "p1"]',
          facets: ["type", "category"],
          attributesToRetrieve: ["docId", "type", "url", "title", "section", "category", "body", "fact"],
          attributesToHighlight: ["title", "body", "fact"],
          attributesToCrop: ["body", "fact"],
          cropLength: 24,
          highlightPreTag: "<mark>",
          highlightPostTag: "</mark>",
        },
      },
    ]);
  });

  it("filters only by visibility when there are no filters (none for staff), omits facets, defaults and clamps limit and offset", async () => {
    await engine.search({ query: "escalate", filters: { type: [], tags: [] } });
    await engine.search({ query: "x".repeat(500), limit: 500, offset: -3 });
    await engine.search({ query: "escalate", viewer: { kind: "member", accountId: "acme" } });
    await engine.search({ query: "escalate", viewer: { kind: "staff" } });
    const [first, second, member, staff] = fake.calls().map((request) => request.body as Record<string, unknown>);
    expect(first.filter).toBe('visibility IN ["public"]');
    expect(member.filter).toBe('visibility IN ["public", "account:acme"]');
    expect(staff).not.toHaveProperty("filter");
    expect(first).not.toHaveProperty("facets");
    expect(first).toMatchObject({ q: "escalate", limit: 10, offset: 0 });
    expect(second).toMatchObject({ limit: 50, offset: 0 });
    expect((second.q as string).length).toBe(200);
  });

  it("maps hits to our ids, escapes HTML and keeps <mark>", async () => {
    const result = await engine.search({ query: "escalate", facets: ["type", "category", "tags"] });
    expect(result).toEqual({
      hits: [
        {
          id: "kb/escalate-a-ticket#after-hours",
          type: "article",
          url: "/kb/escalate-a-ticket#after-hours",
          title: "Escalate a <b>P1</b> ticket",
          section: "After hours",
          category: "Tickets",
          snippet:
            "…call the hotline to <mark>escalate</mark>. Never paste &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; into a ticket &amp; expect…",
          titleHighlighted: "<mark>Escalate</mark> a &lt;b&gt;P1&lt;/b&gt; ticket",
        },
        {
          id: "kb/refund-policy",
          type: "doc",
          url: "/kb/refund-policy",
          title: "Refund policy",
          section: "",
          category: "Billing",
          snippet: "Credits are issued when an <mark>escalated</mark> outage breaches the SLA.",
          titleHighlighted: "Refund policy",
        },
      ],
      totalHits: 2,
      exhaustiveCounts: true,
      facets: { type: { article: 1, doc: 1 }, category: { Billing: 1, Tickets: 1 }, tags: {} },
      correctedQuery: null,
      processingTimeMs: 3,
    });
    expect(result.hits.map((hit) => hit.snippet).join("")).not.toContain("<script>");
  });

  it("says the count is a lower bound once Meilisearch stops counting at maxTotalHits", async () => {
    fake.searchResponse = { ...SEARCH_ESCALATE, estimatedTotalHits: 1000 };
    const capped = await engine.search({ query: "escalate" });
    expect(capped).toMatchObject({ totalHits: 1000, exhaustiveCounts: false });
    fake.searchResponse = { ...SEARCH_ESCALATE, estimatedTotalHits: 999 };
    expect(await engine.search({ query: "escalate" })).toMatchObject({ totalHits: 999, exhaustiveCounts: true });
  });

  it("rejects within about timeoutMs when the server is slow, so callers can fall back", async () => {
    fake.delayFor = (request) => (request.path.endsWith("/search") ? 2000 : 0);
    const started = performance.now();
    const error: unknown = await engine.search({ query: "escalate" }).then(
      () => null,
      (reason: unknown) => reason,
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^Meilisearch search in help-center failed: .*timed out after 1000ms/);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(1600);
  });

  it("honours a custom timeoutMs", async () => {
    engine = engineFor({ timeoutMs: 200 });
    fake.delayFor = () => 2000;
    const started = performance.now();
    await expect(engine.search({ query: "escalate" })).rejects.toThrow(/timed out after 200ms/);
    expect(performance.now() - started).toBeLessThan(800);
  });

  it("rejects with Meilisearch's message when the index is missing", async () => {
    fake.indexes.clear();
    await expect(engine.search({ query: "escalate" })).rejects.toThrow(
      "Meilisearch search in help-center failed: Index `help-center` not found.",
    );
  });
});

describe("health", () => {
  it("reports ok from GET /health", async () => {
    await expect(engine.health()).resolves.toEqual({ ok: true });
    expect(fake.calls().map(summary)).toEqual(["GET /health"]);
  });

  it("reports a server that refuses connections as not ok without throwing", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const down = createMeilisearchEngine({ url: `http://127.0.0.1:${port}`, apiKey: API_KEY });
    const health = await down.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/ECONNREFUSED/);
  });

  it("reports a hanging server as not ok after timeoutMs", async () => {
    engine = engineFor({ timeoutMs: 200 });
    fake.delayFor = () => 2000;
    const health = await engine.health();
    expect(health).toEqual({ ok: false, detail: expect.stringMatching(/timed out after 200ms/) });
  });
});
