import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkContent } from "~/content/check.server";
import { REQUEST_ESSENTIALS } from "~/support/policy";
import { article, makeContentTree } from "../factories/content";

let tree: ReturnType<typeof makeContentTree>;
afterEach(() => tree?.cleanup());

/** The app's routes for a check: `api.search.tsx`, `settings.tsx`, … as empty files in a temporary app/routes. */
async function problemsFor(files: Record<string, string>, routes: string[] = ["api.search.tsx", "api.search.click.tsx", "settings.tsx", "settings_.team.tsx", "kb.$slug.tsx"]) {
  tree = makeContentTree();
  for (const [file, text] of Object.entries(files)) tree.write(file, text);
  const routesDir = path.join(tree.root, "routes");
  fs.mkdirSync(routesDir);
  for (const route of routes) fs.writeFileSync(path.join(routesDir, route), "");
  const problems = await checkContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir, publicDir: tree.publicDir, routesDir });
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

  it("accepts the ten essentials through the component or as the guide's exact list, and refuses partial or padded lists", async () => {
    const exact = REQUEST_ESSENTIALS.map((item, index) => `${index + 1}. ${item}`).join("\n");
    const withRelatedTickets = [...REQUEST_ESSENTIALS.slice(0, 9), "Related tickets"].map((item) => `- ${item}`).join("\n");
    const shortList = "Have ready:\n\n1. Your account name and ID\n2. Your name and a phone number\n3. A clear problem description\n4. Steps to reproduce\n";
    const formTable = "| Field | What to enter |\n| --- | --- |\n| Account name and ID | x |\n| Contact person and phone | x |\n| Steps to reproduce | x |\n| Related tickets | x |\n";
    const problems = await problemsFor({
      "kb/component.mdx": article({ body: "## Essentials\n\n<RequestChecklist />\n" }),
      "kb/exact.mdx": article({ body: `## Essentials\n\n${exact}\n` }),
      "kb/padded.mdx": article({ body: `## Essentials\n\n${withRelatedTickets}\n` }),
      "kb/short.mdx": article({ body: shortList }),
      "kb/table.mdx": article({ body: formTable }),
      "kb/unrelated.mdx": article({ body: "- Screenshots or screen recordings\n- Network traces\n- Your account settings\n" }),
    });
    expect(problems).toEqual([
      expect.stringMatching(/^kb\/padded\.mdx:10: this list names the ten essentials but is not exactly the support guide's list \(missing "Urgency level"; not essentials: "Related tickets"\)/),
      expect.stringMatching(/^kb\/short\.mdx:10: this list names the ten essentials/),
      expect.stringMatching(/^kb\/table\.mdx:8: this list names the ten essentials .*not essentials: "Field", "Related tickets"/),
    ]);
  });

  it("refuses /api/ routes the app does not serve, in prose and in code, and accepts the ones it does", async () => {
    const problems = await problemsFor({
      "docs/api/made-up.mdx": article({
        category: "api",
        body: "Send requests under `/api/v1`.\n\n```bash\ncurl \"$PORTAL/api/v1/tickets/{id}\"\n```\n\nSearch with `GET /api/search?q=chat` and clicks go to /api/search/click; see [the docs](/docs/api/made-up) or https://example.com/api/v2.\n",
      }),
    });
    expect(problems).toEqual([
      'docs/api/made-up.mdx:8: "/api/v1" is not an API route the app serves (app/routes has no matching api.* file)',
      'docs/api/made-up.mdx:11: "/api/v1/tickets/{id}" is not an API route the app serves (app/routes has no matching api.* file)',
      'docs/api/made-up.mdx:14: "/api/v2" is not an API route the app serves (app/routes has no matching api.* file)',
    ]);
  });

  it("lets content link to pages the app serves from app/routes, and only those", async () => {
    const problems = await problemsFor({ "kb/links.mdx": article({ body: "[Settings](/settings), [team](/settings/team), [nowhere](/preferences)\n" }) });
    expect(problems).toEqual(['kb/links.mdx:8: link to "/preferences" points to a page that does not exist']);
  });

  it("asks for one name for the support time zone", async () => {
    const problems = await problemsFor({
      "kb/zone.mdx": article({ body: "Hours are EST.\n\nOr US Eastern.\n\nEastern Time (ET) is fine.\n\nEastern Time alone is not, nor UTC, nor ET.\n" }),
    });
    expect(problems.map((problem) => problem.replace(/ restates.*/, ""))).toEqual([
      'kb/zone.mdx:8: "EST"',
      'kb/zone.mdx:10: "Eastern"',
      'kb/zone.mdx:14: "Eastern"',
      'kb/zone.mdx:14: "UTC"',
      'kb/zone.mdx:14: "ET"',
    ]);
  });
});
