import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildContent, readCompiledPage } from "~/content/build.server";
import { article, makeContentTree } from "../factories/content";

let tree: ReturnType<typeof makeContentTree>;
afterEach(() => tree?.cleanup());

describe("content build cache", () => {
  it("compiles MDX with GFM, slugged headings, highlighted code and an outline", async () => {
    tree = makeContentTree();
    tree.write(
      "kb/first.mdx",
      article({
        body: "Intro words.\n\n## Getting started\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- [ ] task\n\nA note[^1].\n\n[^1]: Footnote.\n\n### Code sample\n\n```json\n{ \"ok\": true }\n```\n",
      }),
    );
    const report = await buildContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir });
    expect(report.problems).toEqual([]);
    const [page] = report.manifest.pages;
    expect(page).toMatchObject({ id: "kb/first", kind: "kb", updatedAt: "2026-11-01", readingMinutes: 1 });
    expect(page.headings).toEqual([
      { depth: 2, id: "getting-started", text: "Getting started" },
      { depth: 3, id: "code-sample", text: "Code sample" },
    ]);
    const compiled = await readCompiledPage(tree.cacheDir, page.hash);
    expect(compiled?.code).toContain("hljs-attr");
    expect(compiled?.code).toContain('"getting-started"');
    expect(compiled?.code).toMatch(/checkbox/);
    expect(compiled?.code).toMatch(/footnote/i);
    expect(compiled?.sections.map((section) => section.heading)).toEqual([null, "Getting started", "Code sample"]);
  });

  it("does not recompile unchanged files and recompiles only the changed one", async () => {
    tree = makeContentTree();
    tree.write("kb/one.mdx", article({ title: "One" }));
    tree.write("kb/two.mdx", article({ title: "Two" }));
    const first = await buildContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir });
    expect([first.compiled, first.reused]).toEqual([2, 0]);
    const second = await buildContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir });
    expect([second.compiled, second.reused]).toEqual([0, 2]);
    expect(second.manifest.buildId).toBe(first.manifest.buildId);
    tree.write("kb/two.mdx", article({ title: "Two, edited" }));
    const third = await buildContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir });
    expect([third.compiled, third.reused]).toEqual([1, 1]);
    expect(third.manifest.buildId).not.toBe(first.manifest.buildId);
  });

  it("keeps serving the last good build of a file that stops compiling, and names it", async () => {
    tree = makeContentTree();
    tree.write("kb/fragile.mdx", article({ title: "Fragile" }));
    const good = await buildContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir });
    tree.write("kb/fragile.mdx", article({ title: "Fragile", body: "## Broken\n\n<Callout type=\"note\">\nnever closed\n" }));
    const broken = await buildContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir });
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0]).toMatchObject({ file: "kb/fragile.mdx", message: expect.stringContaining("MDX does not compile") });
    expect(broken.manifest.pages.find((page) => page.id === "kb/fragile")?.hash).toBe(good.manifest.pages[0].hash);
    const onDisk = JSON.parse(fs.readFileSync(path.join(tree.cacheDir, "manifest.json"), "utf8"));
    expect(onDisk.pages[0].frontmatter.title).toBe("Fragile");
  });

  it("reports progress for every file", async () => {
    tree = makeContentTree();
    for (const name of ["a", "b", "c"]) tree.write(`kb/${name}.mdx`, article({ title: `Article ${name}` }));
    const seen: string[] = [];
    await buildContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir, onProgress: (done, total) => seen.push(`${done}/${total}`) });
    expect(seen).toEqual(["1/3", "2/3", "3/3"]);
  });
});
