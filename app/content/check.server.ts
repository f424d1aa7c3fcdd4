import fs from "node:fs";
import path from "node:path";
import { REQUEST_ESSENTIALS } from "../support/policy";
import { CATEGORIES } from "./categories";
import { buildContent, type BuildProblem } from "./build.server";
import { apiPathProblems, restatedFactProblems, uiPathProblems, uiSections } from "./prose-rules.server";
import { captionTexts, seededStrings } from "./seeded-prose.server";
import { readSynonyms } from "./synonyms.server";

/** Site paths that exist outside the content folder (besides the app's own static routes, see servedPagePaths). */
const APP_PATHS = new Set(["/", "/kb", "/docs", "/webinars", "/search", ...CATEGORIES.kb.map((category) => `/kb/category/${category.slug}`)]);

/** A Remix flat-route file name as its URL segments: `[…]` escapes dots, `_index` and `_layout` segments add none, a trailing `_` only opts out of nesting. */
function routeSegments(fileName: string): string[] {
  return (fileName.replace(/\.(?:tsx?|jsx?)$/, "").match(/(?:\[[^\]]*\]|[^.])+/g) ?? [])
    .map((segment) => segment.replace(/_$/, "").replace(/\[([^\]]*)\]/g, "$1"))
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"));
}

/** Pages the app serves from app/routes without parameters (sign-in, settings, …), so content may link to them. */
export function servedPagePaths(routesDir: string): Set<string> {
  if (!fs.existsSync(routesDir)) return new Set();
  const paths = fs
    .readdirSync(routesDir)
    .filter((name) => /\.(?:tsx?|jsx?)$/.test(name) && !name.startsWith("api."))
    .map(routeSegments)
    .filter((segments) => !segments.some((segment) => segment.startsWith("$")))
    .map((segments) => `/${segments.join("/")}`);
  return new Set(paths);
}

export type CheckOptions = {
  contentDir: string;
  cacheDir: string;
  publicDir: string;
  routesDir?: string;
  /** Seed modules whose strings customers read (SEEDED_CONTENT_FILES for the real check), checked with the prose rules. */
  seedFiles?: string[];
  /** Where the webinar captions are (`<publicDir>/media/webinars` unless given). */
  captionsDir?: string;
};

/** Remix flat-route file names under app/routes that serve `/api/…`, as path patterns. */
export function servedApiRoutes(routesDir: string): RegExp[] {
  if (!fs.existsSync(routesDir)) return [];
  return fs
    .readdirSync(routesDir)
    .filter((name) => /\.(?:tsx?|jsx?)$/.test(name) && name.startsWith("api."))
    .map((name) => {
      const segments = routeSegments(name);
      const pattern = segments.map((segment) => (segment.startsWith("$") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/");
      return new RegExp(`^/${pattern}/?$`);
    });
}

/** Words that identify an item of the guide's list: lowercase, four letters or more, no plural s. */
function keyWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z']+/g) ?? [])
    .map((word) => word.replace(/'/g, "").replace(/s$/, ""))
    .filter((word) => word.length >= 4);
}

const ESSENTIAL_WORDS = REQUEST_ESSENTIALS.map(keyWords);

/** Which of the ten essentials a list item names (most of that essential's words), or -1. */
function essentialNamedBy(item: string): number {
  const words = new Set(keyWords(item));
  let best = -1;
  let bestShare = 0;
  ESSENTIAL_WORDS.forEach((essential, index) => {
    const share = essential.filter((word) => words.has(word)).length / essential.length;
    if (share >= 0.6 && share > bestShare) {
      best = index;
      bestShare = share;
    }
  });
  return best;
}

type ListOfItems = { line: number; items: string[] };

/** Markdown lists and the first column of markdown tables, as item texts with the line they start on. */
function listsIn(prose: string): ListOfItems[] {
  const lists: ListOfItems[] = [];
  let current: ListOfItems | null = null;
  let currentKind: "list" | "table" | null = null;
  prose.split("\n").forEach((text, index) => {
    const listItem = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.+)$/.exec(text);
    const tableRow = /^\s*\|(.*)\|\s*$/.exec(text);
    const kind = listItem ? "list" : tableRow ? "table" : null;
    if (!kind) {
      if (text.trim() !== "" || currentKind === "table") {
        current = null;
        currentKind = null;
      }
      return;
    }
    if (!current || currentKind !== kind) {
      current = { line: index + 1, items: [] };
      currentKind = kind;
      lists.push(current);
    }
    if (listItem) current.items.push(listItem[1]);
    else if (tableRow && !/^[\s|:-]+$/.test(tableRow[1])) current.items.push(tableRow[1].split("|")[0]);
  });
  return lists;
}

/**
 * A list that names several of the guide's ten essentials must be exactly those ten, in order
 * (best through <RequestChecklist />): a partial or padded list tells customers the wrong thing.
 */
function essentialsProblems(file: string, prose: string): BuildProblem[] {
  const problems: BuildProblem[] = [];
  for (const list of listsIn(prose)) {
    const named = list.items.map(essentialNamedBy);
    if (named.filter((index) => index >= 0).length < 3) continue;
    const exact = list.items.length === REQUEST_ESSENTIALS.length && named.every((essential, index) => essential === index);
    if (exact) continue;
    const missing = REQUEST_ESSENTIALS.filter((_, index) => !named.includes(index));
    const extra = list.items.filter((_, index) => named[index] < 0).map((item) => item.replace(/[*_`]/g, "").trim());
    const details = [missing.length ? `missing ${missing.map((item) => `"${item}"`).join(", ")}` : "", extra.length ? `not essentials: ${extra.map((item) => `"${item}"`).join(", ")}` : ""]
      .filter(Boolean)
      .join("; ");
    problems.push({
      file,
      line: list.line,
      message: `this list names the ten essentials but is not exactly the support guide's list${details ? ` (${details})` : " (order differs)"}; use <RequestChecklist />`,
    });
  }
  return problems;
}

/** `/api/…` paths a page mentions (in prose or code) that no route in app/routes serves. */
function apiRouteProblems(file: string, source: string, served: RegExp[]): BuildProblem[] {
  const body = source.replace(/^---\n[\s\S]*?\n---\n/, (frontmatter) => frontmatter.replace(/[^\n]/g, " "));
  return apiPathProblems({ file, line: 1, text: body }, served);
}

const MDX_ADVICE = "use a policy component (see app/content/mdx) instead";
const SEED_ADVICE = "read it from app/support/policy.ts in a template (${…}) instead";

/** The seeded community content and the captions, with the rules MDX prose gets. */
function seededAndCaptionProblems(options: CheckOptions, served: RegExp[], sections: Map<string, Set<string>>, contentDir: string) {
  const relativeToContent = (file: string) => path.relative(contentDir, file);
  const captionsDir = options.captionsDir ?? path.join(options.publicDir, "media", "webinars");
  const pieces = [
    ...(options.seedFiles ?? []).map((file) => ({ advice: SEED_ADVICE, pieces: seededStrings(file, relativeToContent(path.resolve(file))) })),
    { advice: "say it without the figure, or put it in the transcript through a policy component", pieces: captionTexts(captionsDir, (name) => relativeToContent(path.join(captionsDir, name))) },
  ];
  return pieces.flatMap(({ advice, pieces: texts }) =>
    texts.flatMap((piece) => [...restatedFactProblems(piece, advice), ...apiPathProblems(piece, served), ...uiPathProblems(piece, sections)]),
  );
}

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

/**
 * Training pages: a lesson's video must be a recording that exists and has its captions (no video
 * promised that is not there, none played without captions); a course's quiz is prose customers read,
 * so it gets the restated-fact rule the page bodies get.
 */
function trainingPageProblems(report: Awaited<ReturnType<typeof buildContent>>, options: CheckOptions, pageUrls: Set<string>): BuildProblem[] {
  const problems: BuildProblem[] = [];
  const captionsDir = options.captionsDir ?? path.join(options.publicDir, "media", "webinars");
  for (const page of report.manifest.pages) {
    if (page.kind !== "training") continue;
    const source = report.sources.get(page.file) ?? "";
    if ("video" in page.frontmatter && page.frontmatter.video) {
      const video = page.frontmatter.video;
      const line = lineOf(source, Math.max(0, source.indexOf("video:")));
      if (!pageUrls.has(`/webinars/${video}`)) problems.push({ file: page.file, line, message: `video "${video}" is not a webinar recording (no content/webinars/${video}.mdx)` });
      else if (!fs.existsSync(path.join(captionsDir, `${video}.en.vtt`)))
        problems.push({ file: page.file, line, message: `video "${video}" has no captions (${video}.en.vtt); a lesson plays only captioned video` });
    }
    if ("quiz" in page.frontmatter) {
      const frontmatter = /^---\n[\s\S]*?\n---\n/.exec(source)?.[0] ?? "";
      problems.push(...restatedFactProblems({ file: page.file, line: 1, text: frontmatter }, "ask about the rule, not the figure, or point to the lesson that shows it"));
    }
  }
  return problems;
}

/** Everything `npm run content:check` reports, as `file:line: message` problems. */
export async function checkContent(options: CheckOptions): Promise<BuildProblem[]> {
  const { contentDir, cacheDir, publicDir, routesDir = path.resolve("app/routes") } = options;
  const servedApi = servedApiRoutes(routesDir);
  const sections = uiSections(routesDir);
  const servedPages = servedPagePaths(routesDir);
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

  problems.push(...trainingPageProblems(report, options, pageUrls));

  for (const [file, source] of report.sources) {
    const prose = proseOf(source);
    problems.push(
      ...essentialsProblems(file, prose),
      ...apiRouteProblems(file, source, servedApi),
      ...uiPathProblems({ file, line: 1, text: prose }, sections),
      ...restatedFactProblems({ file, line: 1, text: prose }, MDX_ADVICE),
    );
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
      if (!pageUrls.has(url) && !APP_PATHS.has(url) && !servedPages.has(url)) problems.push({ file, line, message: `link to "${target}" points to a page that does not exist` });
    }
  }
  problems.push(...seededAndCaptionProblems(options, servedApi, sections, contentDir));
  problems.push(...readSynonyms(contentDir).problems);
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
