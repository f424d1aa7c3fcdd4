import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS_VIEWER, type SearchDocument, type SearchEngine } from "~/search/types";

/**
 * The behaviour every search engine must have. Run for the embedded engine
 * always, and for Meilisearch when MEILI_URL points at a live server.
 */

export function doc(overrides: Partial<SearchDocument> & Pick<SearchDocument, "id">): SearchDocument {
  const pageId = overrides.pageId ?? overrides.id.split("#")[0];
  return {
    type: "article",
    source: "content",
    visibility: "public",
    pageId,
    url: `/${overrides.id}`,
    title: "Untitled",
    section: "",
    body: "",
    category: "tickets",
    tags: [],
    updatedAt: "2026-11-20",
    popularity: 0,
    ...overrides,
  };
}

export const CONTRACT_DOCUMENTS: SearchDocument[] = [
  doc({
    id: "kb/escalation",
    title: "How does escalation work?",
    body: "Your ticket moves through the escalation process level by level.",
    category: "escalation",
    tags: ["escalation"],
  }),
  doc({
    id: "kb/escalation#timers",
    url: "/kb/escalation#timers",
    title: "How does escalation work?",
    section: "Escalation timers",
    body: "Priority 1 tickets reach a senior support engineer automatically.",
    category: "escalation",
    tags: ["escalation"],
  }),
  doc({
    id: "kb/phone",
    title: "Can I call support by phone?",
    body: "Call the main line if your plan includes phone support.",
    category: "getting-help",
    tags: ["phone"],
  }),
  doc({
    id: "kb/retention",
    title: "How long do you keep my data?",
    body: "Chat transcripts and call recordings are kept for a limited time.",
    category: "policies",
    tags: ["retention", "privacy"],
  }),
  doc({
    id: "docs/api",
    type: "doc",
    title: "Tickets API",
    body: "Create a ticket with a POST request and a bearer token.",
    category: "api",
    tags: ["api"],
  }),
  doc({
    id: "kb/unsafe",
    title: "Markup <script>alert(1)</script> in text",
    body: "A body with <b>tags</b> & ampersands about escalation.",
    category: "tickets",
    tags: [],
  }),
];

export function defineSearchEngineContract(label: string, makeEngine: () => Promise<SearchEngine>) {
  describe(`${label}: search engine contract`, () => {
    let engine: SearchEngine;
    beforeAll(async () => {
      engine = await makeEngine();
      await engine.init();
      await engine.replaceAll(CONTRACT_DOCUMENTS);
    });
    afterAll(async () => engine?.close());

    it("finds documents by words in the title and body, each page once", async () => {
      const result = await engine.search({ query: "escalation" });
      const pages = result.hits.map((hit) => hit.url.split("#")[0]);
      expect(pages).toContain("/kb/escalation");
      expect(new Set(pages).size).toBe(pages.length);
      expect(result.totalHits).toBe(new Set(pages).size);
    });

    it("lands on the section that answers, with the page and section names", async () => {
      const result = await engine.search({ query: "senior support engineer" });
      expect(result.hits[0]).toMatchObject({
        url: "/kb/escalation#timers",
        title: "How does escalation work?",
        section: "Escalation timers",
      });
    });

    it("marks matches with <mark> and escapes everything else", async () => {
      const result = await engine.search({ query: "ampersands" });
      const hit = result.hits.find((candidate) => candidate.id === "kb/unsafe");
      expect(hit?.snippet).toContain("<mark>ampersands</mark>");
      expect(hit?.snippet).toContain("&lt;b&gt;tags&lt;/b&gt; &amp;");
      expect(hit?.titleHighlighted).toContain("&lt;script&gt;");
      expect(hit?.titleHighlighted).not.toContain("<script>");
    });

    it("filters by type, category and tag, and counts facets over matching pages", async () => {
      const docsOnly = await engine.search({ query: "ticket", filters: { type: ["doc"] } });
      expect(docsOnly.hits.map((hit) => hit.id)).toEqual(["docs/api"]);
      const byTag = await engine.search({ query: "call", filters: { tags: ["phone"] } });
      expect(byTag.hits.map((hit) => hit.id)).toEqual(["kb/phone"]);
      const faceted = await engine.search({ query: "escalation", facets: ["type", "category"] });
      expect(faceted.facets.category).toMatchObject({ escalation: 1 });
      expect(faceted.facets.type?.article).toBeGreaterThanOrEqual(1);
    });

    it("pages through results with limit and offset", async () => {
      const all = await engine.search({ query: "ticket", limit: 10 });
      expect(all.hits.length).toBeGreaterThan(1);
      const first = await engine.search({ query: "ticket", limit: 1, offset: 0 });
      const second = await engine.search({ query: "ticket", limit: 1, offset: 1 });
      expect(first.hits).toHaveLength(1);
      expect(second.hits[0]?.id).not.toBe(first.hits[0]?.id);
      expect([first.hits[0].id, second.hits[0].id]).toEqual(all.hits.slice(0, 2).map((hit) => hit.id));
    });

    it("updates and deletes documents and whole pages", async () => {
      await engine.upsert([
        doc({
          id: "kb/phone",
          title: "Can I call support by phone?",
          body: "Call the hotline, now with callbacks.",
          category: "getting-help",
          tags: ["phone"],
        }),
      ]);
      expect((await engine.search({ query: "callbacks" })).hits.map((hit) => hit.id)).toEqual(["kb/phone"]);
      await engine.deleteByIds(["kb/phone"]);
      expect((await engine.search({ query: "callbacks" })).hits).toEqual([]);
      await engine.deleteByPageIds(["kb/escalation"]);
      const after = await engine.search({ query: "senior engineer" });
      expect(after.hits.filter((hit) => hit.url.startsWith("/kb/escalation"))).toEqual([]);
    });

    it("replaces the whole index", async () => {
      await engine.replaceAll([doc({ id: "kb/fresh", title: "A fresh start", body: "Only this document remains." })]);
      expect((await engine.search({ query: "remains" })).hits.map((hit) => hit.id)).toEqual(["kb/fresh"]);
      expect((await engine.search({ query: "retention" })).hits).toEqual([]);
      await engine.replaceAll(CONTRACT_DOCUMENTS);
    });

    it("answers any input with results or an empty list, never an error", async () => {
      const nasty = [
        "NEAR(escalation phone, 2)",
        "title:phone",
        '"unbalanced',
        "a* OR b*",
        "escalation AND NOT phone",
        "🙂🚀",
        "\u0000\u0002",
        "x".repeat(10_000),
        ")(",
        "-",
        "^",
        "'; DROP TABLE docs; --",
      ];
      for (const query of nasty) {
        const result = await engine.search({ query });
        expect(Array.isArray(result.hits), query.slice(0, 20)).toBe(true);
      }
      expect((await engine.search({ query: "" })).hits).toEqual([]);
    });

    it("reports health", async () => {
      expect(await engine.health()).toMatchObject({ ok: true });
    });
  });
}

/** Documents of every visibility sharing one word, so only the viewer decides what a search returns. */
export const VISIBILITY_DOCUMENTS: SearchDocument[] = [
  doc({ id: "kb/refunds", title: "Can I get a refund?", body: "Refund requests are answered within a week." }),
  doc({
    id: "forum/staff-runbook",
    type: "thread",
    source: "forum",
    visibility: "staff",
    title: "Refund runbook",
    body: "Refund steps for agents only.",
  }),
  doc({
    id: "tickets/acme-1",
    type: "thread",
    source: "tickets",
    visibility: "account:acme",
    title: "Acme refund",
    body: "Refund for Acme's March invoice.",
  }),
  doc({
    id: "tickets/globex-1",
    type: "thread",
    source: "tickets",
    visibility: "account:globex",
    title: "Globex refund",
    body: "Refund for Globex's April invoice.",
  }),
];

const idsOf = (result: { hits: { id: string }[] }) => result.hits.map((hit) => hit.id).sort();

export function defineVisibilityContract(label: string, makeEngine: () => Promise<SearchEngine>) {
  describe(`${label}: visibility is filtered inside the engine`, () => {
    let engine: SearchEngine;
    beforeAll(async () => {
      engine = await makeEngine();
      await engine.init();
      await engine.replaceAll(VISIBILITY_DOCUMENTS);
    });
    afterAll(async () => engine?.close());

    it("public search (no viewer, or anonymous) never returns restricted documents, in hits, counts or facets", async () => {
      for (const viewer of [undefined, ANONYMOUS_VIEWER]) {
        const result = await engine.search({ query: "refund", facets: ["type"], ...(viewer ? { viewer } : {}) });
        expect(idsOf(result)).toEqual(["kb/refunds"]);
        expect(result.totalHits).toBe(1);
        expect(result.facets.type).toEqual({ article: 1 });
      }
    });

    it("a member sees public documents and their own account's, never another account's or staff's", async () => {
      expect(idsOf(await engine.search({ query: "refund", viewer: { kind: "member", accountId: "acme" } }))).toEqual([
        "kb/refunds",
        "tickets/acme-1",
      ]);
      expect(idsOf(await engine.search({ query: "refund", viewer: { kind: "member", accountId: null } }))).toEqual([
        "kb/refunds",
      ]);
      expect(idsOf(await engine.search({ query: "invoice", viewer: { kind: "member", accountId: "globex" } }))).toEqual(
        ["tickets/globex-1"],
      );
    });

    it("staff see every document", async () => {
      expect(idsOf(await engine.search({ query: "refund", viewer: { kind: "staff" } }))).toEqual([
        "forum/staff-runbook",
        "kb/refunds",
        "tickets/acme-1",
        "tickets/globex-1",
      ]);
    });

    it("combines visibility with the customer's own filters", async () => {
      const result = await engine.search({
        query: "refund",
        filters: { type: ["thread"] },
        viewer: { kind: "member", accountId: "acme" },
      });
      expect(idsOf(result)).toEqual(["tickets/acme-1"]);
    });

    it("replacing one source leaves the others alone", async () => {
      await engine.replaceSource("tickets", [
        doc({
          id: "tickets/acme-2",
          type: "thread",
          source: "tickets",
          visibility: "account:acme",
          title: "Acme refund, again",
          body: "Refund for Acme's May invoice.",
        }),
      ]);
      expect(idsOf(await engine.search({ query: "refund", viewer: { kind: "staff" } }))).toEqual([
        "forum/staff-runbook",
        "kb/refunds",
        "tickets/acme-2",
      ]);
      await engine.replaceAll(VISIBILITY_DOCUMENTS);
    });
  });
}
