import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/lib/markdown";

/** What the Markdown pipeline adds after the sanitizer: labelled task items, focusable code, mention links. */

const LINKS = { sam: "/community/u/sam", "ana-b": "/community/u/ana-b" };

describe("@mentions", () => {
  it("links mentions of the members it is given, keeps the text as written, and leaves others as text", () => {
    const html = renderMarkdown("Thanks @Sam and @ana-b, and hello @nobody.", { mentionLinks: LINKS });
    expect(html).toContain('<a href="/community/u/sam" class="mention">@Sam</a>');
    expect(html).toContain('<a href="/community/u/ana-b" class="mention">@ana-b</a>');
    expect(html).toContain("hello @nobody.");
    expect(html).not.toContain('href="/community/u/nobody"');
  });

  it("does not link inside code, links or email addresses", () => {
    const html = renderMarkdown("`@sam` and [ask @sam](/kb/x) and sam@acme.example\n\n```\n@sam\n```", {
      mentionLinks: LINKS,
    });
    expect(html).not.toContain('class="mention"');
  });

  it("stays text when no members are given (the browser preview, ideas, tickets)", () => {
    expect(renderMarkdown("Hi @sam")).toBe("<p>Hi @sam</p>");
  });
});

describe("task lists", () => {
  it("puts each checkbox in a label with its item's text, nested lists outside the label", () => {
    const html = renderMarkdown("- [x] Export the CSV\n- [ ] Send it\n  - [ ] to the manager");
    const labels = html.match(/<label class="task-list-label"><input[^>]*> ?[^<]*<\/label>/g) ?? [];
    expect(labels).toHaveLength(3);
    expect(labels[0]).toContain("Export the CSV");
    // Every checkbox is inside a label: none is left bare in the item.
    expect(html.match(/<input/g)).toHaveLength(3);
    expect(html).not.toMatch(/<li class="task-list-item"><input/);
    expect(html).toContain('<ul class="contains-task-list">');
  });

  it("labels loose task lists (the checkbox is inside the item's paragraph)", () => {
    const html = renderMarkdown("- [x] First\n\n- [ ] Second");
    expect(html).toMatch(/<p><label class="task-list-label"><input[^>]*> ?First<\/label><\/p>/);
  });
});

describe("code blocks and tables", () => {
  it("wraps a code block in a focusable region named by its language, so it scrolls by keyboard", () => {
    const html = renderMarkdown("```bash\nnpm install\n```");
    expect(html).toMatch(
      /^<div class="code-block"><pre tabindex="0" role="region" aria-label="Code example \(bash\)">/,
    );
  });

  it("wraps a table in a focusable region named by its columns", () => {
    const html = renderMarkdown("| plan | hours |\n| --- | --- |\n| Standard | 9–5 |");
    expect(html).toContain(
      '<div class="table-scroll" role="region" aria-label="Table: plan, hours" tabindex="0"><table>',
    );
  });
});
