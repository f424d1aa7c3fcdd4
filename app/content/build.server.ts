import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { mapWithConcurrency } from "../lib/queue";
import { CATEGORIES, findCategory } from "./categories";
import { COMPILER_VERSION, compileMdx, type CompiledMdx, type Heading, type Section } from "./compile.server";
import { parseSource, type Problem } from "./frontmatter.server";
import { pageIdFromFile } from "./paths";
import { CONTENT_KINDS, type AnyFrontmatter, type ContentKind } from "./schema";
import { trainingStructureProblems } from "./training-rules";

export type PageMeta = {
  id: string;
  kind: ContentKind;
  slug: string;
  /** Path relative to the content folder, e.g. "kb/how-do-i-contact-support.mdx". */
  file: string;
  hash: string;
  frontmatter: AnyFrontmatter;
  headings: Heading[];
  readingMinutes: number;
  /** ISO date of the last change: git history first, then frontmatter `updated`. */
  updatedAt: string | null;
};

export type Manifest = { version: 1; buildId: string; builtAt: string; pages: PageMeta[] };
export type CompiledPage = CompiledMdx & { hash: string };
export type BuildProblem = Problem & { file: string };

export type BuildOptions = {
  contentDir: string;
  cacheDir: string;
  concurrency?: number;
  onProgress?: (done: number, total: number, file: string) => void;
};

export type BuildReport = {
  manifest: Manifest;
  compiled: number;
  reused: number;
  problems: BuildProblem[];
  /** Source text of every file read, for checks that look past the frontmatter. */
  sources: Map<string, string>;
};

export const MANIFEST_FILE = "manifest.json";

export function objectPath(cacheDir: string, hash: string) {
  return path.join(cacheDir, "objects", `${hash}.json`);
}

export async function readManifest(cacheDir: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(cacheDir, MANIFEST_FILE), "utf8")) as Manifest;
  } catch {
    return null;
  }
}

async function listContentFiles(contentDir: string): Promise<string[]> {
  const files: string[] = [];
  for (const kind of CONTENT_KINDS) {
    const root = path.join(contentDir, kind);
    const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isFile() && /\.mdx?$/.test(entry.name)) {
        files.push(path.relative(contentDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
      }
    }
  }
  return files.sort();
}

/** Last commit date per content file, from one `git log` over the folder; empty outside a repository. */
function gitLastUpdated(contentDir: string): Map<string, string> {
  const dates = new Map<string, string>();
  try {
    const log = execFileSync("git", ["log", "--relative", "--format=%x00%cI", "--name-only", "--", "."], {
      cwd: contentDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 64 * 1024 * 1024,
    });
    let current = "";
    for (const line of log.split("\n")) {
      if (line.startsWith("\0")) current = line.slice(1, 11);
      else if (line && current && !dates.has(line)) dates.set(line, current);
    }
  } catch {
    // Not a git checkout (a tarball deploy, a temp folder in tests): frontmatter dates serve.
  }
  return dates;
}

/** Categories are part of what makes a file valid, so a change to them re-checks every file. */
const BUILD_INPUTS = `${COMPILER_VERSION}\0${JSON.stringify(CATEGORIES)}`;

function hashSource(source: string) {
  return createHash("sha256").update(BUILD_INPUTS).update("\0").update(source).digest("hex").slice(0, 32);
}

function lineOfCompileError(error: unknown, bodyStartLine: number): number {
  const esbuildLine = (error as { errors?: { location?: { line?: number } }[] }).errors?.[0]?.location?.line;
  if (typeof esbuildLine === "number") return esbuildLine;
  const match = /(\d+):\d+/.exec(String((error as Error).message));
  return match ? Number(match[1]) + bodyStartLine - 1 : bodyStartLine;
}

async function writeAtomically(file: string, text: string) {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(temp, text);
  await fs.rename(temp, file);
}

/**
 * Compiles every content file that changed since the last build (by content hash),
 * reuses the rest, and writes a new manifest. A file that fails keeps its last
 * good entry, so the site goes on serving what it served before.
 */
export async function buildContent(options: BuildOptions): Promise<BuildReport> {
  const { contentDir, cacheDir, concurrency = 2, onProgress } = options;
  await fs.mkdir(path.join(cacheDir, "objects"), { recursive: true });
  const previous = await readManifest(cacheDir);
  const previousById = new Map(previous?.pages.map((page) => [page.id, page]));
  const files = await listContentFiles(contentDir);
  const gitDates = gitLastUpdated(contentDir);
  const problems: BuildProblem[] = [];
  const sources = new Map<string, string>();
  let compiled = 0;
  let reused = 0;
  let done = 0;

  const pages = await mapWithConcurrency(files, concurrency, async (file): Promise<PageMeta | null> => {
    const keepLastGood = (problem: Problem) => {
      problems.push({ file, ...problem });
      return previousById.get(pageIdFromFile(file)?.id ?? "") ?? null;
    };
    try {
      const identity = pageIdFromFile(file);
      if (!identity)
        return keepLastGood({
          line: 1,
          message: file.startsWith("training/")
            ? "a training file must be training/<course>/course.mdx or training/<course>/NN-<lesson>.mdx (NN: two digits)"
            : "file name must be lowercase words joined by hyphens, ending in .mdx",
        });
      const source = await fs.readFile(path.join(contentDir, file), "utf8");
      sources.set(file, source);
      const hash = hashSource(source);
      const before = previousById.get(identity.id);
      if (before?.hash === hash && before.file === file) {
        // Unchanged since the last good build: no YAML parsing, no compiling; only the git date may have moved.
        reused++;
        return { ...before, updatedAt: gitDates.get(file) ?? before.frontmatter.updated ?? null };
      }
      const parsed = parseSource(identity.shape, source);
      if (!parsed.ok) {
        for (const problem of parsed.problems.slice(1)) problems.push({ file, ...problem });
        return keepLastGood(parsed.problems[0]);
      }
      if (!findCategory(identity.kind, parsed.frontmatter.category)) {
        const line = source.split("\n").findIndex((text) => text.startsWith("category:")) + 1;
        return keepLastGood({ line, message: `unknown category "${parsed.frontmatter.category}" for ${identity.kind}` });
      }
      const updatedAt = gitDates.get(file) ?? parsed.frontmatter.updated ?? null;
      const base = { ...identity, file, hash, frontmatter: parsed.frontmatter, updatedAt };
      const cached = await fs.readFile(objectPath(cacheDir, hash), "utf8").then((text) => JSON.parse(text) as CompiledPage, () => null);
      if (cached) {
        reused++;
        return { ...base, headings: cached.headings, readingMinutes: cached.readingMinutes };
      }
      try {
        const output = await compileMdx(source);
        await writeAtomically(objectPath(cacheDir, hash), JSON.stringify({ hash, ...output } satisfies CompiledPage));
        compiled++;
        return { ...base, headings: output.headings, readingMinutes: output.readingMinutes };
      } catch (error) {
        const message = String((error as Error).message).split("\n").find(Boolean) ?? "compile failed";
        return keepLastGood({ line: lineOfCompileError(error, parsed.bodyStartLine), message: `MDX does not compile: ${message}` });
      }
    } finally {
      onProgress?.(++done, files.length, file);
    }
  });

  const kept = pages.filter((page): page is PageMeta => page !== null);
  const seen = new Map<string, string>();
  for (const page of kept) {
    const other = seen.get(page.id);
    if (other) problems.push({ file: page.file, line: 1, message: `duplicate slug "${page.id}" (also ${other})` });
    else seen.set(page.id, page.file);
  }
  const unique = kept.filter((page) => seen.get(page.id) === page.file);
  problems.push(...trainingStructureProblems(files));
  const buildId = createHash("sha256")
    .update(unique.map((page) => `${page.id}:${page.hash}:${page.updatedAt}`).join("\n"))
    .digest("hex")
    .slice(0, 16);
  const manifest: Manifest = { version: 1, buildId, builtAt: new Date().toISOString(), pages: unique };
  if (previous?.buildId !== buildId) await writeAtomically(path.join(cacheDir, MANIFEST_FILE), JSON.stringify(manifest));
  return { manifest: previous?.buildId === buildId ? previous : manifest, compiled, reused, problems, sources };
}

export async function readCompiledPage(cacheDir: string, hash: string): Promise<CompiledPage | null> {
  try {
    return JSON.parse(await fs.readFile(objectPath(cacheDir, hash), "utf8")) as CompiledPage;
  } catch {
    return null;
  }
}

export type { Section };
