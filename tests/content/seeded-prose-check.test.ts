import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkContent } from "~/content/check.server";
import { apiPathProblems, restatedFactProblems, uiPathProblems, uiSections } from "~/content/prose-rules.server";
import { SEEDED_CONTENT_FILES, captionTexts, seededStrings } from "~/content/seeded-prose.server";
import { servedApiRoutes } from "~/content/check.server";
import { article, makeContentTree } from "../factories/content";

/**
 * content:check reads the seeded community content (forum, ideas, tickets, status) and the webinar
 * captions with the MDX prose rules, and refuses "Settings → X" paths that name no real page or section.
 */

let tree: ReturnType<typeof makeContentTree>;
afterEach(() => tree?.cleanup());

const SETTINGS_PAGE = `export default function Settings() {\n  return (\n    <>\n      <h1 className="x">Settings</h1>\n      <h2 id="p">\n        Profile\n      </h2>\n    </>\n  );\n}\n`;

async function check({ mdx = {}, seeds = {}, captions = {} }: { mdx?: Record<string, string>; seeds?: Record<string, string>; captions?: Record<string, string> }) {
  tree = makeContentTree();
  for (const [file, text] of Object.entries(mdx)) tree.write(file, text);
  const routesDir = path.join(tree.root, "app", "routes");
  fs.mkdirSync(routesDir, { recursive: true });
  fs.writeFileSync(path.join(routesDir, "api.search.tsx"), "");
  fs.writeFileSync(path.join(routesDir, "settings.tsx"), SETTINGS_PAGE);
  fs.mkdirSync(path.join(tree.root, "app", "components", "settings"), { recursive: true });
  fs.writeFileSync(path.join(tree.root, "app", "components", "settings", "team.tsx"), "<h2>Your team</h2>");
  const seedFiles = Object.entries(seeds).map(([name, text]) => {
    const file = path.join(tree.root, "prisma", name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  });
  const captionsDir = path.join(tree.publicDir, "media", "webinars");
  fs.mkdirSync(captionsDir, { recursive: true });
  for (const [name, text] of Object.entries(captions)) fs.writeFileSync(path.join(captionsDir, name), text);
  const problems = await checkContent({ contentDir: tree.contentDir, cacheDir: tree.cacheDir, publicDir: tree.publicDir, routesDir, seedFiles });
  return problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`);
}

describe("seeded content and captions under the prose rules", () => {
  it("refuses facts typed into seeded strings, unserved /api/ paths and zone names, and accepts values read from the policy", async () => {
    const seed = [
      'import { formatMinutes } from "../app/support/policy";',
      "export const IDEAS = [",
      '  { note: "Answered within 4 hours." },',
      "  { note: `Answered within ${formatMinutes(240)}, around the clock.` },",
      '  { note: "Sync by polling /api/tickets every so often." },',
      '  { note: "Search with /api/search." },',
      '  { note: "Webinars at 2 PM EST." },',
      "];",
    ].join("\n");
    const problems = await check({ seeds: { "seed-ideas.ts": seed } });
    expect(problems.map((problem) => problem.replace(/ (restates|is not an API).*/, ""))).toEqual([
      '../prisma/seed-ideas.ts:3: "4 hours"',
      '../prisma/seed-ideas.ts:5: "/api/tickets"',
      '../prisma/seed-ideas.ts:7: "2 PM"',
      '../prisma/seed-ideas.ts:7: "EST"',
    ]);
  });

  it("reads every caption cue and chapter title, with the line it is on", async () => {
    const vtt = "WEBVTT\nKind: captions\n\n00:00:00.000 --> 00:01:00.000\nHello.\n\n00:01:00.000 --> 00:02:00.000\nWe reply within 24 hours,\nEastern time.\n\n00:02:00.000 --> 00:03:00.000\nOpen Settings → Notification settings to choose.\n";
    const problems = await check({ captions: { "talk.en.vtt": vtt } });
    expect(problems.map((problem) => problem.replace(/ (restates|names no).*/, ""))).toEqual([
      '../public/media/webinars/talk.en.vtt:8: "24 hours"',
      '../public/media/webinars/talk.en.vtt:9: "Eastern"',
      '../public/media/webinars/talk.en.vtt:12: "Settings → Notification settings"',
    ]);
  });
});

describe('"Settings → X" paths', () => {
  it("accept a real page or section of Settings and refuse the rest, in MDX and in seeds", async () => {
    const problems = await check({
      mdx: { "kb/paths.mdx": article({ body: "Open Settings → Profile, or **Settings → Your team**.\n\nChoose a theme in Settings → Appearance.\n\nCreate keys under **Settings → API keys**.\n" }) },
      seeds: { "seed-tickets.ts": 'export const T = ["Reconnect it under Settings > Integrations and the sync resumes."];\n' },
    });
    expect(problems).toEqual([
      '../prisma/seed-tickets.ts:1: "Settings → Integrations" names no page or section of Settings (headings there: profile, settings, team); name a real one or leave the path out',
      expect.stringMatching(/^kb\/paths\.mdx:10: "Settings → Appearance" names no page or section/),
      expect.stringMatching(/^kb\/paths\.mdx:12: "Settings → API keys" names no page or section/),
    ]);
  });

  it("reads the real app's Settings headings", () => {
    const sections = uiSections(path.resolve("app/routes")).get("Settings");
    expect(sections).toContain("profile");
    expect(sections).toContain("team");
    // The theme choice (Settings → Appearance) is real: the shipped dark-mode note names it.
    expect(sections).toContain("appearance");
  });
});

describe("the shipped seeds and captions", () => {
  it("pass the prose rules (what npm run content:check reports for them)", () => {
    const served = servedApiRoutes(path.resolve("app/routes"));
    const sections = uiSections(path.resolve("app/routes"));
    const pieces = [
      ...SEEDED_CONTENT_FILES.flatMap((file) => seededStrings(file)),
      ...captionTexts(path.resolve("public/media/webinars"), (name) => `public/media/webinars/${name}`),
    ];
    expect(pieces.length).toBeGreaterThan(200);
    const problems = pieces.flatMap((piece) => [
      ...restatedFactProblems(piece, "use the policy module"),
      ...apiPathProblems(piece, served),
      ...uiPathProblems(piece, sections),
    ]);
    expect(problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`)).toEqual([]);
  });
});
