import { describe, expect, it } from "vitest";
import type { CompiledPage, PageMeta } from "~/content/build.server";
import { contentDocuments } from "~/search/content-documents.server";
import { highlightAll, snippet } from "~/search/highlight-text";
import { isInflectionOf, planQuery } from "~/search/query-plan";
import { rankBoost } from "~/search/ranking";
import { Vocabulary } from "~/search/vocabulary";
import { readSynonyms } from "~/content/synonyms.server";

const vocabulary = (...terms: string[]) => new Vocabulary(terms.map((term) => ({ term, documents: 1 })));
// The writers' synonym file, as the engines apply it.
const synonyms = readSynonyms("content").groups;

describe("stemming keeps a word's meaning (Porter stems, inflections only)", () => {
  it("does not let 'response' find 'responsible' or 'responsive', though Porter gives them one stem", () => {
    expect(isInflectionOf("responsible", "response")).toBe(false);
    expect(isInflectionOf("responsive", "response")).toBe(false);
    expect(isInflectionOf("responses", "response")).toBe(true);
  });

  it("keeps the forms customers mean: plurals, tenses, -ation", () => {
    expect(isInflectionOf("escalation", "escalating")).toBe(true);
    expect(isInflectionOf("escalated", "escalate")).toBe(true);
    expect(isInflectionOf("resetting", "reset")).toBe(true);
    expect(isInflectionOf("passwords", "password")).toBe(true);
  });

  it("plans 'response' without 'responsible' on the index side's vocabulary", () => {
    const plan = planQuery("response ", vocabulary("response", "responses", "responsible", "responsibility"));
    expect(plan.all).toBe('("response" OR "responses")');
  });
});

describe("query planning", () => {
  it("drops stop words from a question that has other words", () => {
    const plan = planQuery("how do I reset my password", vocabulary("reset", "password", "how", "do", "my"), {
      synonyms,
    });
    expect(plan.all).toBe('"reset" AND ("password" OR "passwd")');
    expect([...plan.highlight.terms].sort()).toEqual(["passwd", "password", "reset"]);
  });

  it("keeps stop words when there is nothing else", () => {
    expect(planQuery("how ", vocabulary("how")).all).toBe('"how"');
  });

  it("splits run-together words and reports the split as the corrected query", () => {
    const plan = planQuery("livechat", vocabulary("live", "chat", "liver"), { synonyms });
    expect(plan.corrected).toBe("live chat");
    expect(plan.all).toContain('"live chat"');
    expect(planQuery("resetpassword", vocabulary("reset", "password")).corrected).toBe("reset password");
  });

  it("corrects typos from the index's words", () => {
    expect(planQuery("respnse time", vocabulary("response", "time")).corrected).toBe("response time");
  });
});

describe("highlighting", () => {
  it("marks 'Priority 1' as a phrase but never a lone '1'", () => {
    const plan = planQuery("P1 response time", vocabulary("priority", "1", "response", "time", "hour"), { synonyms });
    const marked = highlightAll("Priority 1 – Critical: Professional 1 hour, first response", plan.highlight);
    // "critical" is a synonym of "p1"; the "1" of "1 hour" stays unmarked.
    expect(marked).toBe(
      "\u0002Priority\u0003 \u00021\u0003 – \u0002Critical\u0003: Professional 1 hour, first \u0002response\u0003",
    );
  });

  it("never marks a single letter or digit the customer typed alone", () => {
    expect(snippet("Step 1: open a ticket", { terms: new Set(["1", "a", "ticket"]), prefixes: [] })).toBe(
      "Step 1: open a \u0002ticket\u0003",
    );
  });
});

const page: PageMeta = {
  kind: "kb",
  id: "kb/test",
  slug: "test",
  file: "kb/test.mdx",
  hash: "h",
  frontmatter: {
    title: "How fast?",
    summary: "Targets.",
    category: "tickets",
    tags: [],
    order: 1,
    draft: false,
    related: [],
  },
  updatedAt: "2026-11-20",
  headings: [],
  readingMinutes: 1,
} as unknown as PageMeta;

const compiled = {
  hash: "h",
  code: "",
  headings: [],
  readingMinutes: 1,
  html: `<p>Intro.</p><h2 id="targets">Targets<a aria-hidden="true">#</a></h2><div><table><caption class="sr-only">First response target by plan</caption><thead><tr><th>Priority</th><th data-plan="standard">Standard<span class="your-plan-label"> (your plan)</span></th><th>Enterprise</th></tr></thead><tbody><tr><th>Priority 1 – Critical</th><td>4 hours</td><td>15 minutes</td></tr></tbody></table></div><h2 id="note">More</h2><aside><p><span aria-hidden="true">ℹ</span>Note</p><p>Text.</p></aside>`,
  sections: [
    { id: null, heading: null, text: "Intro." },
    {
      id: "targets",
      heading: "Targets",
      text: "First response target by plan\nPriority Standard (your plan) Enterprise\nPriority 1 – Critical 4 hours 15 minutes",
    },
    { id: "note", heading: "More", text: "ℹNote\nText." },
  ],
} as unknown as CompiledPage;

describe("content documents: answer first", () => {
  it("carries a section's support-fact table as a readable fact, each value named by its column", () => {
    const targets = contentDocuments(page, compiled, 0).find((document) => document.id === "kb/test#targets");
    expect(targets?.fact).toBe(
      "First response target by plan: Priority 1 – Critical: Standard 4 hours, Enterprise 15 minutes.",
    );
    expect(targets?.body).not.toContain("your plan");
  });

  it("drops callout icons glued to their label (no 'ℹNote' in the index or snippets)", () => {
    const note = contentDocuments(page, compiled, 0).find((document) => document.id === "kb/test#note");
    expect(note?.body).toBe("Note\nText.");
    expect(note).toMatchObject({ source: "content", visibility: "public" });
  });

  it("ranks a section whose fact answers the question above one that only names it", () => {
    const plan = planQuery("P1 response time", vocabulary("priority", "1", "response", "time"), { synonyms });
    const stored = {
      title: "",
      section: "Targets",
      context: "How fast?",
      tags: "response time",
      body: "First response target\nPriority 1 – Critical 4 hours",
    };
    const withFact = rankBoost(
      {
        type: "article",
        section: "Targets",
        popularity: 0,
        fact: "First response target: Priority 1 – Critical: Standard 4 hours.",
      },
      stored,
      plan,
    );
    const withoutFact = rankBoost({ type: "article", section: "Targets", popularity: 0, fact: null }, stored, plan);
    expect(withFact).toBeGreaterThan(withoutFact * 1.5);
  });

  it("demotes webinar sections and sections with one weak match", () => {
    const plan = planQuery("critical ticket response", vocabulary("critical", "ticket", "response"), { synonyms });
    const stored = {
      title: "",
      section: "Who it's for",
      context: "Escalations explained",
      tags: "ticket",
      body: "Teams handling critical incidents",
    };
    const webinar = rankBoost({ type: "webinar", section: "Who it's for", popularity: 0, fact: null }, stored, plan);
    const article = rankBoost(
      { type: "article", section: "Who it's for", popularity: 0, fact: null },
      { ...stored, body: "A critical ticket gets a response" },
      plan,
    );
    expect(webinar).toBeLessThan(article / 3);
  });
});

describe("stop words in suggestions", () => {
  it("never marks a stop word alone, even when the question so far is only stop words", () => {
    const plan = planQuery("How do I", vocabulary("how", "do"), { synonyms });
    expect(highlightAll("How do I use live chat? Here is how.", plan.highlight)).toBe(
      "How do I use live chat? Here is how.",
    );
    expect(highlightAll("How do I use live chat?", { terms: new Set(["do", "chat"]), prefixes: ["ho"] })).toBe(
      "How do I use live \u0002chat\u0003?",
    );
  });
});
