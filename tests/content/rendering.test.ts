import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildContent, readCompiledPage } from "~/content/build.server";
import { compileMdx } from "~/content/compile.server";

/** The rendered HTML with every <code>…</code> and <pre>…</pre> removed: what readers see as prose. */
function outsideCode(html: string) {
  return html.replace(/<pre[\s\S]*?<\/pre>/g, "").replace(/<code[\s\S]*?<\/code>/g, "");
}

describe("rendered article HTML", () => {
  it("renders inline code as <code> (no literal backticks) in prose, tables, lists and components", async () => {
    const { html } = await compileMdx(
      [
        "Send requests to `/api/search` with `q`.",
        "",
        "| Method | Path |",
        "| --- | --- |",
        "| `GET` | `/api/search` |",
        "",
        "- Use `limit` for fewer results",
        "",
        "<Callout>Use `type=article` to narrow results.</Callout>",
        "",
        "<Callout>",
        "",
        "A block with `offset`.",
        "",
        "</Callout>",
        "",
        "```bash",
        "echo `date`",
        "```",
      ].join("\n"),
    );
    expect(html).toContain("<code>/api/search</code>");
    expect(html).toContain("<code>type=article</code>");
    expect(outsideCode(html)).not.toContain("`");
  });

  it("puts tables and code blocks in focusable, labelled scroll regions and makes heading links reachable", async () => {
    const { html } = await compileMdx("## Limits\n\n| Parameter | Meaning |\n| --- | --- |\n| q | text |\n\n```json\n{ \"a\": 1 }\n```\n\n<ResponseTimeTable />\n");
    expect(html).toMatch(/<div class="table-scroll" role="region" aria-label="Table: Parameter, Meaning" tabindex="0"><table>/);
    expect(html).toMatch(/<div class="code-block"><pre tabindex="0" role="region" aria-label="Code example \(json\)">/);
    expect(html).toMatch(/<div class="table-scroll my-6" role="region" aria-label="First response target by ticket priority and plan" tabindex="0">/);
    expect(html).toContain('<h2 id="limits"><a class="heading-link" href="#limits">Limits</a></h2>');
    expect(html).not.toMatch(/tabindex="-1"|aria-hidden="true" href/);
  });

  it("marks plan columns and rows for the signed-in customer's highlight, with nothing extra in the page text", async () => {
    const { html, sections } = await compileMdx("## Targets\n\n<ResponseTimeTable />\n\n<UptimeTable />\n\n<ChannelHours />\n");
    expect(html).toContain('<th scope="col" data-plan="enterprise">Enterprise</th>');
    expect(html).toContain('<td data-plan="professional">1 hour</td>');
    expect(html).toContain('<tr data-plan="standard"><th scope="row">Standard</th>');
    expect(sections.map((section) => section.text).join("\n")).not.toContain("your plan");
    // Email has response times but no hours in the guide, so the hours table never says "24/7" for email.
    expect(html).not.toMatch(/<th scope="row">Email<\/th>/);
  });

  it("hides the typography plugin's generated backticks around inline code", () => {
    const css = fs.readFileSync(path.resolve("app/components/article/article-content.css"), "utf8");
    expect(css).toMatch(/\.prose code::before,\s*\.prose code::after\s*\{\s*content:\s*none;/);
  });
});

describe("every page in content/", () => {
  let cacheDir: string;
  let report: Awaited<ReturnType<typeof buildContent>>;
  beforeAll(async () => {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "tf-render-"));
    report = await buildContent({ contentDir: path.resolve("content"), cacheDir });
  }, 120_000);
  afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  it("has no literal backtick outside <code> in its rendered HTML", async () => {
    expect(report.problems).toEqual([]);
    const offenders: string[] = [];
    for (const page of report.manifest.pages) {
      const compiled = await readCompiledPage(cacheDir, page.hash);
      const prose = outsideCode(compiled?.html ?? "");
      const at = prose.indexOf("`");
      if (at >= 0) offenders.push(`${page.id}: …${prose.slice(Math.max(0, at - 40), at + 40)}…`);
    }
    expect(offenders).toEqual([]);
  });
});
