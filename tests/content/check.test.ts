import { afterEach, describe, expect, it } from "vitest";
import { checkContent } from "~/content/check.server";
import { article, makeContentTree } from "../factories/content";

let tree: ReturnType<typeof makeContentTree>;
afterEach(() => tree?.cleanup());

async function problemsFor(files: Record<string, string>) {
  tree = makeContentTree();
  for (const [file, text] of Object.entries(files)) tree.write(file, text);
  const problems = await checkContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir, publicDir: tree.publicDir });
  return problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`);
}

describe("content:check", () => {
  it("passes valid content that links to pages that exist", async () => {
    expect(await problemsFor({ "kb/a.mdx": article({ body: "See [B](/kb/b#top) and [tickets](/kb/category/tickets).\n" }), "kb/b.mdx": article({ title: "Bee" }) })).toEqual([]);
  });

  it("reports bad frontmatter, unknown categories, broken links, related pages and missing images with file and line", async () => {
    const problems = await problemsFor({
      "kb/bad.mdx": article({ extra: "draft: sometimes\n" }),
      "kb/lost.mdx": article({ category: "nowhere" }),
      "kb/links.mdx": article({ extra: "related: [kb/ghost]\n", body: "Line one.\n\n[gone](/kb/missing-page)\n\n![chart](/images/chart.png)\n" }),
    });
    expect(problems).toEqual([
      expect.stringMatching(/^kb\/bad\.mdx:6: "draft"/),
      'kb/links.mdx:6: related page "kb/ghost" does not exist',
      'kb/links.mdx:11: link to "/kb/missing-page" points to a page that does not exist',
      'kb/links.mdx:13: image "/images/chart.png" does not exist',
      'kb/lost.mdx:4: unknown category "nowhere" for kb',
    ]);
  });

  it("names a file whose MDX does not compile", async () => {
    const problems = await problemsFor({ "docs/portal/broken.mdx": article({ category: "portal", body: "## Oops\n\n<Callout>\n\nunclosed\n" }) });
    expect(problems).toEqual([expect.stringMatching(/^docs\/portal\/broken\.mdx:\d+: MDX does not compile/)]);
  });

  it("refuses support facts typed into prose but allows them through components and in code", async () => {
    const problems = await problemsFor({
      "kb/facts.mdx": article({
        body: "We answer within 4 hours.\n\nCall 1-800-FLOW-TECH or write to help@techflowsolutions.com, 24/7, at 8AM.\n\nUptime is 99.9% for you.\n\n<ResponseTarget level={1} plan=\"enterprise\" /> and `24 hours` in code.\n",
      }),
    });
    expect(problems.map((problem) => problem.replace(/ restates.*/, ""))).toEqual([
      'kb/facts.mdx:8: "4 hours"',
      'kb/facts.mdx:10: "1-800"',
      'kb/facts.mdx:10: "techflowsolutions.com"',
      'kb/facts.mdx:10: "24/7"',
      'kb/facts.mdx:10: "8AM"',
      'kb/facts.mdx:12: "99.9%"',
    ]);
  });

  it("reports duplicate slugs", async () => {
    const problems = await problemsFor({ "kb/twin.mdx": article({ title: "Twin" }), "kb/twin.md": article({ title: "Twin too" }) });
    expect(problems).toEqual([expect.stringMatching(/duplicate slug "kb\/twin"/)]);
  });
});
