import fs from "node:fs";
import path from "node:path";
import type { BuildProblem } from "./build.server";

/**
 * The rules content:check applies to every piece of prose a customer reads, wherever it is written:
 * MDX pages, the seeded community content (forum, ideas, tickets, status) and the webinar captions.
 * Each rule reports `file:line` from the line a piece of text starts on.
 */

/**
 * Support facts written as prose instead of through the policy module: a number typed into a page or
 * a seeded post goes stale the day the guide changes.
 */
export const RESTATED_FACTS: { pattern: RegExp; what: string }[] = [
  { pattern: /\b\d+(?:\.\d+)?\s*(?:-\s*)?(?:hours?|hrs?|minutes?|mins?|days?|months?|years?)\b/i, what: "a duration" },
  { pattern: /\b\d{2}(?:\.\d+)?\s*%/, what: "a percentage" },
  { pattern: /1-800/, what: "the phone number" },
  { pattern: /techflowsolutions\.com/i, what: "a TechFlow address" },
  { pattern: /\b24\/7\b/, what: "hours" },
  { pattern: /\b\d{1,2}\s?(?::\d{2}\s?)?(?:AM|PM)\b/i, what: "a time of day" },
  {
    // One name for the zone: "Eastern Time (ET)". EST, EDT, a bare "Eastern", "US Eastern" or UTC in prose is refused.
    pattern: /\bEastern\b(?! Time \(ET\))|(?<!Eastern Time \()\b(?:EST|EDT|ET)\b|\bUTC\b/,
    what: 'the time zone (write "Eastern Time (ET)"; <TimeZoneNote /> explains EST/EDT)',
  },
];

export type TextPiece = { file: string; line: number; text: string };

function lineWithin(piece: TextPiece, index: number) {
  return piece.line + piece.text.slice(0, index).split("\n").length - 1;
}

export function restatedFactProblems(piece: TextPiece, advice: string): BuildProblem[] {
  const problems: BuildProblem[] = [];
  for (const { pattern, what } of RESTATED_FACTS) {
    const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
    for (const match of piece.text.matchAll(global))
      problems.push({
        file: piece.file,
        line: lineWithin(piece, match.index ?? 0),
        message: `"${match[0]}" restates ${what} from the support guide; ${advice}`,
      });
  }
  return problems;
}

/** `/api/…` paths a piece of text mentions that no route in app/routes serves. */
export function apiPathProblems(piece: TextPiece, served: RegExp[]): BuildProblem[] {
  const problems: BuildProblem[] = [];
  for (const match of piece.text.matchAll(/\/api(?:\/[\w\-{}$:.]*)*/g)) {
    const before = piece.text.slice(Math.max(0, (match.index ?? 0) - 200), match.index);
    // Inside a site path such as /docs/api/search, "/api" is a path segment of a page, not an API route.
    if (/(?:^|[^\w/:.-])(?:\/[\w-]+)+$/.test(before)) continue;
    const route = match[0].replace(/[.:]+$/, "");
    if (served.some((pattern) => pattern.test(route))) continue;
    problems.push({
      file: piece.file,
      line: lineWithin(piece, match.index ?? 0),
      message: `"${route}" is not an API route the app serves (app/routes has no matching api.* file)`,
    });
  }
  return problems;
}

/** The menus a UI path may start from, and the files whose headings name their pages and sections. */
const UI_MENUS: { menu: string; routePrefix: string; componentsDir: string }[] = [
  { menu: "Settings", routePrefix: "settings", componentsDir: "components/settings" },
  { menu: "Admin", routePrefix: "admin", componentsDir: "components/admin" },
];

function normalized(name: string) {
  return name
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/^(?:your|my)\s+/, "")
    .trim();
}

/**
 * The pages and sections each menu really has: the static text of every h1–h3 heading in the menu's
 * route files (app/routes/settings*.tsx) and components (app/components/settings/*.tsx).
 */
export function uiSections(routesDir: string): Map<string, Set<string>> {
  const appDir = path.dirname(routesDir);
  const sections = new Map<string, Set<string>>();
  for (const { menu, routePrefix, componentsDir } of UI_MENUS) {
    const files = [
      ...(fs.existsSync(routesDir) ? fs.readdirSync(routesDir) : [])
        .filter((name) => name.startsWith(routePrefix) && /\.tsx$/.test(name))
        .map((name) => path.join(routesDir, name)),
      ...(fs.existsSync(path.join(appDir, componentsDir)) ? fs.readdirSync(path.join(appDir, componentsDir)) : [])
        .filter((name) => /\.tsx$/.test(name))
        .map((name) => path.join(appDir, componentsDir, name)),
    ];
    const names = new Set<string>();
    for (const file of files)
      for (const match of fs.readFileSync(file, "utf8").matchAll(/<h[1-3]\b[^>]*>\s*([^<{}]+?)\s*<\/h[1-3]>/g))
        names.add(normalized(match[1] ?? ""));
    sections.set(menu, names);
  }
  return sections;
}

/**
 * "Settings → API keys" (or "Settings > …", "Settings -> …") sends a customer looking for a page or
 * section; the path must name one that exists: a heading on that menu's pages.
 */
export function uiPathProblems(piece: TextPiece, sections: Map<string, Set<string>>): BuildProblem[] {
  const problems: BuildProblem[] = [];
  const menus = [...sections.keys()].join("|");
  const pattern = new RegExp(`\\b(${menus})\\s*\\**\\s*(?:→|->|›|>)\\s*\\**\\s*([A-Z][\\w’' -]*?)(?=\\*|[.,;:!?)"\`]|\\s+(?:and|to|then|or|in|on|for|→)\\b|$)`, "gm");
  for (const match of piece.text.matchAll(pattern)) {
    const [, menu = "", target = ""] = match;
    const known = sections.get(menu) ?? new Set<string>();
    const wanted = normalized(target);
    if ([...known].some((name) => name === wanted || name.startsWith(`${wanted} `))) continue;
    problems.push({
      file: piece.file,
      line: lineWithin(piece, match.index ?? 0),
      message: `"${menu} → ${target.trim()}" names no page or section of ${menu} (headings there: ${[...known].sort().join(", ") || "none"}); name a real one or leave the path out`,
    });
  }
  return problems;
}
