import fs from "node:fs";
import path from "node:path";
import { CATEGORIES } from "./categories";
import { buildContent, type BuildProblem } from "./build.server";

/** Site paths that exist outside the content folder. */
const APP_PATHS = new Set(["/", "/kb", "/docs", "/webinars", "/search", ...CATEGORIES.kb.map((category) => `/kb/category/${category.slug}`)]);

/**
 * Support facts written as prose instead of through the policy components: a
 * number typed into an article goes stale the day the guide changes.
 */
const RESTATED_FACTS: { pattern: RegExp; what: string }[] = [
  { pattern: /\b\d+(?:\.\d+)?\s*(?:-\s*)?(?:hours?|hrs?|minutes?|mins?|days?|months?|years?)\b/i, what: "a duration" },
  { pattern: /\b\d{2}(?:\.\d+)?\s*%/, what: "a percentage" },
  { pattern: /1-800/, what: "the phone number" },
  { pattern: /techflowsolutions\.com/i, what: "a TechFlow address" },
  { pattern: /\b24\/7\b/, what: "hours" },
  { pattern: /\b\d{1,2}\s?(?::\d{2}\s?)?(?:AM|PM)\b/i, what: "a time of day" },
];

export type CheckOptions = { contentDir: string; cacheDir: string; publicDir: string };

function lineOf(source: string, index: number) {
  return source.slice(0, index).split("\n").length;
}

/** Prose only: code blocks, inline code and component tags are blanked out, keeping line numbers. */
function proseOf(source: string) {
  const blank = (text: string) => text.replace(/[^\n]/g, " ");
  return source
    .replace(/^---\n[\s\S]*?\n---\n/, blank)
    .replace(/```[\s\S]*?```/g, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/<[A-Z][A-Za-z]*\b[^>]*\/?>/g, blank);
}

function withoutHashOrQuery(href: string) {
  return href.replace(/[#?].*$/, "").replace(/\/$/, "") || "/";
}

/** Everything `npm run content:check` reports, as `file:line: message` problems. */
export async function checkContent({ contentDir, cacheDir, publicDir }: CheckOptions): Promise<BuildProblem[]> {
  const report = await buildContent({ contentDir, cacheDir });
  const problems: BuildProblem[] = [...report.problems];
  const pageUrls = new Set(report.manifest.pages.map((page) => `/${page.id}`));

  for (const page of report.manifest.pages) {
    for (const related of page.frontmatter.related) {
      if (!pageUrls.has(`/${related}`)) {
        const source = report.sources.get(page.file) ?? "";
        problems.push({ file: page.file, line: lineOf(source, Math.max(0, source.indexOf("related:"))), message: `related page "${related}" does not exist` });
      }
    }
  }

  for (const [file, source] of report.sources) {
    const prose = proseOf(source);
    for (const match of prose.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)[^)]*\)|href="([^"]+)"|src="([^"]+)"/g)) {
      const isImage = match[1] === "!" || match[4] !== undefined;
      const target = match[2] ?? match[3] ?? match[4] ?? "";
      const line = lineOf(source, match.index ?? 0);
      if (/^(?:[a-z]+:|#)/i.test(target)) continue;
      if (isImage) {
        const imagePath = target.startsWith("/") ? path.join(publicDir, target) : path.join(contentDir, path.dirname(file), target);
        if (!fs.existsSync(imagePath)) problems.push({ file, line, message: `image "${target}" does not exist` });
        continue;
      }
      const url = withoutHashOrQuery(target);
      if (!pageUrls.has(url) && !APP_PATHS.has(url)) problems.push({ file, line, message: `link to "${target}" points to a page that does not exist` });
    }
    for (const { pattern, what } of RESTATED_FACTS) {
      const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
      for (const match of prose.matchAll(global)) {
        problems.push({
          file,
          line: lineOf(source, match.index ?? 0),
          message: `"${match[0]}" restates ${what} from the support guide; use a policy component (see app/components/mdx) instead`,
        });
      }
    }
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
