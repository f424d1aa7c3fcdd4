import fs from "node:fs";
import path from "node:path";
import { contentCacheDir, contentDir, isDevelopment, showDrafts } from "../lib/env.server";
import { buildContent, MANIFEST_FILE, readCompiledPage, type CompiledPage, type Manifest, type PageMeta } from "./build.server";
import type { ContentKind } from "./schema";

/**
 * Serves pages from the content build. Production reads what `content:build`
 * wrote ahead of time; development rebuilds changed files (by hash) on
 * request, so an edited article shows on reload without a restart.
 */

let manifest: Manifest | null = null;
let manifestMtime = 0;
const compiledByHash = new Map<string, CompiledPage>();
const MAX_COMPILED_IN_MEMORY = 500;

let lastDevBuild = 0;
let devBuild: Promise<unknown> | null = null;
const DEV_REBUILD_INTERVAL_MS = 300;

async function rebuildInDevelopment() {
  if (Date.now() - lastDevBuild < DEV_REBUILD_INTERVAL_MS) return devBuild;
  lastDevBuild = Date.now();
  devBuild = buildContent({ contentDir, cacheDir: contentCacheDir })
    .then((report) => {
      // Search notices the new build id and re-indexes by itself (app/search); content knows nothing of search.
      for (const problem of report.problems) console.warn(`content: ${problem.file}:${problem.line}: ${problem.message}`);
    })
    .catch((error: Error) => console.warn(`content: rebuild failed: ${error.message}`));
  return devBuild;
}

async function currentManifest(): Promise<Manifest> {
  if (isDevelopment) await rebuildInDevelopment();
  const file = path.join(contentCacheDir, MANIFEST_FILE);
  const mtime = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (!manifest || mtime !== manifestMtime) {
    manifest = mtime ? (JSON.parse(fs.readFileSync(file, "utf8")) as Manifest) : { version: 1, buildId: "empty", builtAt: "", pages: [] };
    manifestMtime = mtime;
  }
  return manifest;
}

function visible(page: PageMeta) {
  return showDrafts || !page.frontmatter.draft;
}

function byOrderThenTitle(a: PageMeta, b: PageMeta) {
  return a.frontmatter.order - b.frontmatter.order || a.frontmatter.title.localeCompare(b.frontmatter.title);
}

export async function contentBuildId(): Promise<string> {
  return (await currentManifest()).buildId;
}

export async function listPages(kind?: ContentKind): Promise<PageMeta[]> {
  const { pages } = await currentManifest();
  return pages.filter((page) => (!kind || page.kind === kind) && visible(page)).sort(byOrderThenTitle);
}

export async function findPage(id: string): Promise<PageMeta | undefined> {
  const { pages } = await currentManifest();
  return pages.find((page) => page.id === id && visible(page));
}

export async function loadCompiledPage(page: PageMeta): Promise<CompiledPage | null> {
  const cached = compiledByHash.get(page.hash);
  if (cached) return cached;
  const compiled = await readCompiledPage(contentCacheDir, page.hash);
  if (compiled) {
    if (compiledByHash.size >= MAX_COMPILED_IN_MEMORY) compiledByHash.delete(compiledByHash.keys().next().value as string);
    compiledByHash.set(page.hash, compiled);
  }
  return compiled;
}
