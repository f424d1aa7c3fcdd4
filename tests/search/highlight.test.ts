import { describe, expect, it } from "vitest";
import { decodeEntities, highlightSegments, plainText } from "../../app/components/search/highlight";

describe("highlightSegments", () => {
  it("turns <mark> spans into marked segments and keeps the rest plain", () => {
    expect(highlightSegments("How does <mark>escalation</mark> work?")).toEqual([
      { text: "How does ", marked: false },
      { text: "escalation", marked: true },
      { text: " work?", marked: false },
    ]);
  });

  it("handles several marks, marks at the edges and upper-case tags", () => {
    expect(
      highlightSegments("<mark>Escalations</mark> and <MARK>major</MARK> incidents <mark>explained</mark>"),
    ).toEqual([
      { text: "Escalations", marked: true },
      { text: " and ", marked: false },
      { text: "major", marked: true },
      { text: " incidents ", marked: false },
      { text: "explained", marked: true },
    ]);
  });

  it("decodes the five entities the server escapes, in marked and plain text", () => {
    expect(highlightSegments("Here&#39;s &quot;<mark>R&amp;D</mark>&quot; &lt;3 &gt;")).toEqual([
      { text: "Here's \"", marked: false },
      { text: "R&D", marked: true },
      { text: '" <3 >', marked: false },
    ]);
  });

  it("decodes once: an escaped entity stays an entity", () => {
    expect(plainText("&amp;lt;b&amp;gt;")).toBe("&lt;b&gt;");
    expect(decodeEntities("&amp;amp; &nbsp; &#60; &copy;")).toBe("&amp; &nbsp; &#60; &copy;");
  });

  it("keeps escaped markup, including an escaped <mark>, as literal text", () => {
    expect(highlightSegments("&lt;script&gt;alert(1)&lt;/script&gt; and &lt;mark&gt;x&lt;/mark&gt;")).toEqual([
      { text: "<script>alert(1)</script> and <mark>x</mark>", marked: false },
    ]);
  });

  it("never treats tags other than the exact <mark> and </mark> as markup", () => {
    const segments = highlightSegments(
      '<script>alert("x")</script><mark class="evil">no</mark> <b>bold</b> <mark>yes</mark>',
    );
    expect(segments).toEqual([
      { text: '<script>alert("x")</script><mark class="evil">no <b>bold</b> ', marked: false },
      { text: "yes", marked: true },
    ]);
    expect(segments.every((segment) => typeof segment.text === "string")).toBe(true);
  });

  it("handles unbalanced marks: stray closers are dropped, unclosed marks run to the end, nesting is flattened", () => {
    expect(highlightSegments("a</mark>b")).toEqual([{ text: "ab", marked: false }]);
    expect(highlightSegments("start <mark>open to the end")).toEqual([
      { text: "start ", marked: false },
      { text: "open to the end", marked: true },
    ]);
    expect(highlightSegments("<mark>one <mark>two</mark> three")).toEqual([
      { text: "one two", marked: true },
      { text: " three", marked: false },
    ]);
    expect(highlightSegments("<mark></mark>x<mark></mark>")).toEqual([{ text: "x", marked: false }]);
  });

  it("merges adjacent segments and returns nothing for empty input", () => {
    expect(highlightSegments("<mark>esc</mark><mark>alate</mark>")).toEqual([{ text: "escalate", marked: true }]);
    expect(highlightSegments("")).toEqual([]);
    expect(highlightSegments(null)).toEqual([]);
    expect(highlightSegments(undefined)).toEqual([]);
  });

  it("keeps a partial tag or lone ampersand as text", () => {
    expect(highlightSegments("a <mark b & c; <mar>")).toEqual([{ text: "a <mark b & c; <mar>", marked: false }]);
  });
});

describe("plainText", () => {
  it("drops marks and decodes entities", () => {
    expect(plainText("Can I ask for my ticket to be <mark>escalated</mark>? Here&#39;s how")).toBe(
      "Can I ask for my ticket to be escalated? Here's how",
    );
  });
});
