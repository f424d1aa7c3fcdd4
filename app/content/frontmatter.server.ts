import matter from "gray-matter";
import type { ZodIssue } from "zod";
import { frontmatterSchemaFor, type AnyFrontmatter, type FrontmatterShape } from "../content/schema";

export type Problem = { line: number; message: string };

export type ParsedSource =
  | { ok: true; frontmatter: AnyFrontmatter; body: string; bodyStartLine: number }
  | { ok: false; problems: Problem[] };

/** The 1-based line of a frontmatter key, so writers see `file:line: message`. */
function lineOfKey(source: string, key: string | number | undefined): number {
  if (typeof key !== "string") return 1;
  const lines = source.split("\n");
  const index = lines.findIndex((line) => line.startsWith(`${key}:`));
  return index === -1 ? 1 : index + 1;
}

/** The line of a quiz question (0-based index): the nth `- question:` item, so a writer lands on the question at fault. */
function lineOfQuestion(source: string, index: number): number {
  let seen = -1;
  const lines = source.split("\n");
  for (let line = 0; line < lines.length; line++) {
    if (/^\s*-\s+question:/.test(lines[line]) && ++seen === index) return line + 1;
    if (line > 0 && lines[line] === "---") break;
  }
  return lineOfKey(source, "quiz");
}

function describeIssue(issue: ZodIssue): string {
  if (issue.path[0] === "quiz" && typeof issue.path[1] === "number") {
    const rest = issue.path.slice(2).join(".");
    if (issue.code === "invalid_type" && issue.received === "undefined")
      return `quiz question ${issue.path[1] + 1}: "${rest}" is required${rest === "explanation" ? " (every question needs an explanation, shown after submission)" : ""}`;
    return `quiz question ${issue.path[1] + 1}${rest && rest !== "options" ? ` ("${rest}")` : ""} ${issue.message}`;
  }
  const field = issue.path.join(".");
  if (issue.code === "unrecognized_keys") return `unknown frontmatter field ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
  if (issue.code === "invalid_type" && issue.received === "undefined") return `"${field}" is required`;
  return `"${field}" ${issue.message}`;
}

export function parseSource(shape: FrontmatterShape, source: string): ParsedSource {
  if (!source.startsWith("---")) return { ok: false, problems: [{ line: 1, message: "missing frontmatter (the file must start with ---)" }] };
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options (even empty ones) turns off gray-matter's cache keyed by input text.
    parsed = matter(source, {});
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    return { ok: false, problems: [{ line: (mark?.line ?? 0) + 2, message: `frontmatter is not valid YAML: ${(error as Error).message.split("\n")[0]}` }] };
  }
  const result = frontmatterSchemaFor(shape).safeParse(parsed.data);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({
        line:
          issue.path[0] === "quiz" && typeof issue.path[1] === "number"
            ? lineOfQuestion(source, issue.path[1])
            : lineOfKey(source, issue.code === "unrecognized_keys" ? issue.keys[0] : issue.path[0]),
        message: describeIssue(issue),
      })),
    };
  }
  const bodyStartLine = source.slice(0, source.length - parsed.content.length).split("\n").length;
  return { ok: true, frontmatter: result.data, body: parsed.content, bodyStartLine };
}
