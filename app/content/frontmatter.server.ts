import matter from "gray-matter";
import type { ZodIssue } from "zod";
import { frontmatterSchemaFor, type ContentKind, type Frontmatter, type WebinarFrontmatter } from "../content/schema";

export type Problem = { line: number; message: string };

export type ParsedSource =
  | { ok: true; frontmatter: Frontmatter | WebinarFrontmatter; body: string; bodyStartLine: number }
  | { ok: false; problems: Problem[] };

/** The 1-based line of a frontmatter key, so writers see `file:line: message`. */
function lineOfKey(source: string, key: string | number | undefined): number {
  if (typeof key !== "string") return 1;
  const lines = source.split("\n");
  const index = lines.findIndex((line) => line.startsWith(`${key}:`));
  return index === -1 ? 1 : index + 1;
}

function describeIssue(issue: ZodIssue): string {
  const field = issue.path.join(".");
  if (issue.code === "unrecognized_keys") return `unknown frontmatter field ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
  if (issue.code === "invalid_type" && issue.received === "undefined") return `"${field}" is required`;
  return `"${field}" ${issue.message}`;
}

export function parseSource(kind: ContentKind, source: string): ParsedSource {
  if (!source.startsWith("---")) return { ok: false, problems: [{ line: 1, message: "missing frontmatter (the file must start with ---)" }] };
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Passing options (even empty ones) turns off gray-matter's cache keyed by input text.
    parsed = matter(source, {});
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    return { ok: false, problems: [{ line: (mark?.line ?? 0) + 2, message: `frontmatter is not valid YAML: ${(error as Error).message.split("\n")[0]}` }] };
  }
  const result = frontmatterSchemaFor(kind).safeParse(parsed.data);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({
        line: lineOfKey(source, issue.code === "unrecognized_keys" ? issue.keys[0] : issue.path[0]),
        message: describeIssue(issue),
      })),
    };
  }
  const bodyStartLine = source.slice(0, source.length - parsed.content.length).split("\n").length;
  return { ok: true, frontmatter: result.data, body: parsed.content, bodyStartLine };
}
