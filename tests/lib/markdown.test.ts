import { describe, expect, it } from "vitest";
import { leavesTheSite, markdownToPlainText, renderMarkdown } from "~/lib/markdown";

/** Markdown and HTML that people have used to run script through Markdown renderers. */
const XSS_VECTORS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](javascript&#58;alert(1))",
  "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml,<svg onload=alert(1)>)",
  "[x](  javascript:alert(1)  )",
  "[x](java\nscript:alert(1))",
  "[x](\u0001javascript:alert(1))",
  "<details open ontoggle=alert(1)>",
  "<body onload=alert(1)>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  "<input onfocus=alert(1) autofocus>",
  "<a href=# onclick=alert(1)>x</a>",
  '<div style="background:url(javascript:alert(1))">x</div>',
  "<style>*{background:url(javascript:alert(1))}</style>",
  "<link rel=stylesheet href=javascript:alert(1)>",
  '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '[a](https://example.com "title" onmouseover=alert(1))',
  '<a href="https://example.com" onmouseover="alert(1)">x</a>',
  "```html\n<script>alert(1)</script>\n```",
  "`<script>alert(1)</script>`",
  "<scr<script>ipt>alert(1)</script>",
  "[x]: javascript:alert(1)\n\n[link][x]",
  '<https://example.com/"onmouseover="alert(1)>',
  '<img src="https://example.com/a.png" onload="alert(1)">',
  "<textarea><script>alert(1)</script></textarea>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "| a |\n| - |\n| <img src=x onerror=alert(1)> |",
  "- [ ] <img src=x onerror=alert(1)>",
  "<sVg/oNloAd=alert(1)>",
];

const EXECUTABLE_TAGS =
  /<\s*(script|iframe|object|embed|style|svg|math|form|link|meta|base|body|textarea|noscript|details|button)\b/i;
const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/))/i;

function problems(html: string): string[] {
  const found: string[] = [];
  const tag = EXECUTABLE_TAGS.exec(html);
  if (tag) found.push(`element <${tag[1]}>`);
  for (const [, attributes] of html.matchAll(/<[a-z][a-z0-9]*((?:\s+[^\s>=]+(?:="[^"]*")?)*)\s*\/?>/gi)) {
    for (const [, name, value = ""] of attributes.matchAll(/\s+([^\s>=]+)(?:="([^"]*)")?/g)) {
      if (/^on/i.test(name)) found.push(`handler ${name}`);
      if (name.toLowerCase() === "style") found.push("style attribute");
      if (
        ["href", "src", "action", "formaction", "cite", "longdesc"].includes(name.toLowerCase()) &&
        !SAFE_URL.test(value.replace(/&#x[0-9a-f]+;|&#\d+;/gi, "?"))
      ) {
        found.push(`${name}="${value}"`);
      }
    }
  }
  return found;
}

describe("user Markdown rendering", () => {
  it("keeps the words of a link or image whose address is unsafe and drops only the address", () => {
    expect(renderMarkdown("[click here](JaVaScRiPt:alert(1))")).toBe("<p><a>click here</a></p>");
    expect(renderMarkdown("[x]: javascript:alert(1)\n\n[the link][x]")).toBe("<p><a>the link</a></p>");
    const image = renderMarkdown("![a diagram](javascript:alert(1))");
    expect(image).toContain('alt="a diagram"');
    expect(image).not.toContain("src=");
    // The same link and image with safe addresses keep them.
    expect(renderMarkdown("[click here](https://example.com)")).toBe(
      '<p><a href="https://example.com" rel="nofollow ugc noopener">click here</a></p>',
    );
    expect(renderMarkdown("![a diagram](https://example.com/a.png)")).toContain('src="https://example.com/a.png"');
  });

  it.each(XSS_VECTORS)("renders %j inert", (vector) => {
    const html = renderMarkdown(vector);
    expect(problems(html), html).toEqual([]);
  });

  it("the checker itself catches what it is meant to catch", () => {
    expect(problems('<a href="javascript:alert(1)">x</a>')).not.toEqual([]);
    expect(problems('<img src="x" onerror="alert(1)">')).not.toEqual([]);
    expect(problems("<script>alert(1)</script>")).not.toEqual([]);
    expect(problems('<p style="x">y</p>')).not.toEqual([]);
  });

  it("keeps the GitHub Markdown people write: tables, task lists, fenced code with highlighting, links", () => {
    const html = renderMarkdown(
      [
        "| plan | hours |",
        "| --- | --- |",
        "| Standard | 9–5 |",
        "",
        "- [x] done",
        "- [ ] todo",
        "",
        "```js",
        "const a = 1;",
        "```",
        "",
        "See [the guide](/kb/x) and https://example.com.",
      ].join("\n"),
    );
    expect(html).toContain("<table>");
    expect(html).toMatch(
      /<input type="checkbox" disabled checked>|<input checked disabled type="checkbox">|<input type="checkbox" checked disabled>/,
    );
    expect(html).toContain('class="hljs language-js"');
    expect(html).toContain('<a href="/kb/x">the guide</a>');
    expect(html).toContain('<a href="https://example.com" rel="nofollow ugc noopener">https://example.com</a>');
  });

  it("marks every link that leaves the site, protocol-relative ones included, and no link that stays", () => {
    const outside = 'rel="nofollow ugc noopener"';
    for (const href of ["//evil.invalid", "//evil.invalid/path?x=1", "https://evil.invalid", "http://evil.invalid"]) {
      const html = renderMarkdown(`[x](${href})`);
      expect(html, href).toContain(outside);
    }
    expect(renderMarkdown("[x](//evil.invalid)")).toBe(`<p><a href="//evil.invalid" ${outside}>x</a></p>`);
    for (const href of ["/kb/escalation", "#post-3", "faq", "../docs/api", "/%2F%2Fevil.invalid"])
      expect(renderMarkdown(`[x](${href})`), href).not.toContain("nofollow");
    expect(leavesTheSite("//evil.invalid")).toBe(true);
    // Browsers read "/\\host" as "//host" (Markdown percent-encodes the backslash, so a post cannot make one).
    expect(leavesTheSite("/\\evil.invalid")).toBe(true);
    expect(leavesTheSite("/kb/x")).toBe(false);
  });

  it("drops raw HTML but keeps its text visible as text", () => {
    const html = renderMarkdown("Hello <b>world</b> & <script>x</script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("Hello");
    expect(html).toContain("&#x26;");
  });

  it("prefixes ids so a post cannot take over the page's own anchors", () => {
    const html = renderMarkdown("Footnote[^main]\n\n[^main]: note");
    expect(html).toContain('id="user-content-');
  });

  it("gives plain text for search and notifications", () => {
    expect(markdownToPlainText("**Bold** and [a link](https://x.example) & `code`")).toBe("Bold and a link & code");
  });
});
