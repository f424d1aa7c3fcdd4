import { describe, expect, it } from "vitest";
import { parseSource } from "~/content/frontmatter.server";

const valid = `---
title: "How do I contact support?"
summary: "Every way to reach us, and which one to pick."
category: getting-help
tags: [contact, email]
order: 2
updated: 2026-11-20
related: [kb/how-fast-will-we-respond-to-my-ticket]
---

Body text.
`;

describe("frontmatter validation", () => {
  it("accepts a valid article and applies defaults", () => {
    const parsed = parseSource("kb", valid.replace("order: 2\n", ""));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.frontmatter).toMatchObject({ title: "How do I contact support?", order: 100, draft: false, updated: "2026-11-20" });
    expect(parsed.body.trim()).toBe("Body text.");
  });

  it("names the line of a missing or wrong field", () => {
    const parsed = parseSource("kb", valid.replace('title: "How do I contact support?"\n', "").replace("order: 2", "order: first"));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual(
      expect.arrayContaining([
        { line: 1, message: '"title" is required' },
        { line: 5, message: expect.stringContaining('"order"') },
      ]),
    );
  });

  it("refuses unknown fields, bad dates, bad related paths and tags", () => {
    const parsed = parseSource(
      "kb",
      valid.replace("updated: 2026-11-20", "updated: last tuesday\nauthor: sam").replace("kb/how-fast-will-we-respond-to-my-ticket", "../secret").replace("[contact, email]", "[Contact Us]"),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const messages = parsed.problems.map((problem) => `${problem.line}: ${problem.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^8: unknown frontmatter field "author"/),
        expect.stringMatching(/^7: "updated" must be a date/),
        expect.stringMatching(/^9: "related.0" must be a page path/),
        expect.stringMatching(/^5: "tags.0" tags must be lowercase slugs/),
      ]),
    );
  });

  it("requires recording details on webinars only", () => {
    expect(parseSource("kb", valid).ok).toBe(true);
    const webinar = parseSource("webinars", valid);
    expect(webinar.ok).toBe(false);
    const withDetails = parseSource("webinars", valid.replace("---\n\nBody", 'recordedOn: 2026-10-06\ndurationMinutes: 45\npresenter: "Dana Ortiz, Support Lead"\n---\n\nBody'));
    expect(withDetails.ok).toBe(true);
  });

  it("reports a missing frontmatter block and broken YAML", () => {
    expect(parseSource("kb", "# Just a heading\n")).toEqual({ ok: false, problems: [{ line: 1, message: expect.stringContaining("missing frontmatter") }] });
    const broken = parseSource("kb", '---\ntitle: "unclosed\nsummary: x\n---\n');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problems[0].message).toMatch(/not valid YAML/);
  });
});
