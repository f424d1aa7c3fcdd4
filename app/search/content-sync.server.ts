import { readManifest } from "../content/build.server";
import { prisma } from "../lib/db.server";
import { contentCacheDir, showDrafts } from "../lib/env.server";
import { pagePopularity, syncContentIndex, type SyncReport } from "./indexer.server";
import { allSourceDocuments, searchSources, type SearchSourceDefinition } from "./sources.server";
import type { SearchEngine } from "./types";

/**
 * Indexes the current content build: only changed pages, or all content when
 * `full` (or, engine by engine, when an index holds no content yet: each index
 * keeps the record of what it holds). Used by `content:build` and by search in
 * development, when the content build changed.
 */
export async function indexContentBuild(
  engines: SearchEngine[],
  { full, onProgress }: { full: boolean; onProgress?: (done: number, total: number) => void },
): Promise<SyncReport> {
  const manifest = await readManifest(contentCacheDir);
  if (!manifest) throw new Error("No content build found: run `npm run content:build` first.");
  for (const engine of engines) await engine.init();
  const report = await syncContentIndex({
    engines,
    manifest,
    cacheDir: contentCacheDir,
    popularity: await pagePopularity(prisma),
    includeDrafts: showDrafts,
    full,
    onProgress,
  });
  // A freshly filled index gets every other source too; sources written in code follow each build, since a deploy may change them.
  for (const source of searchSources()) {
    const receivers = engines.filter(
      (_, index) => source.name !== "content" && (report.engines[index].full || source.fromCode),
    );
    if (receivers.length === 0) continue;
    const documents = await runtimeDocumentsIfDatabaseReady(source);
    if (!documents) continue;
    for (const engine of receivers) await engine.replaceSource(source.name, documents);
  }
  return report;
}

/** Prisma's "table does not exist" and a database file that is not there yet. */
function isUnmigratedDatabase(error: unknown) {
  const { code, message } = error as { code?: string; message?: string };
  return (
    code === "P2021" || /no such table|SQLITE_CANTOPEN|unable to open database|does not exist/i.test(message ?? "")
  );
}

/**
 * A content build may run before the database is set up (a fresh clone's `npm test` builds content and
 * the app before any database exists). Content is indexed all the same; a source that lives in the
 * database is skipped with a warning and filled by `npm run search:reindex` once the database exists.
 */
async function runtimeDocumentsIfDatabaseReady(source: SearchSourceDefinition) {
  try {
    return await source.listDocuments();
  } catch (error) {
    if (!isUnmigratedDatabase(error)) throw error;
    console.warn(
      `search: the "${source.name}" source was skipped, its database is not set up yet (run \`npm run db:setup\`, then \`npm run search:reindex\`).`,
    );
    return null;
  }
}

export type RebuildReport = { documents: number; bySource: Record<string, number> };

/**
 * `npm run search:reindex`: the whole index rebuilt from every registered
 * source in one replacement, so nothing a source did not list survives and
 * searches keep answering from the old index until the new one is in.
 */
export async function rebuildSearchIndex(
  engines: SearchEngine[],
  {
    onProgress,
    sources = searchSources(),
  }: { onProgress?: (done: number, total: number) => void; sources?: readonly SearchSourceDefinition[] } = {},
): Promise<RebuildReport> {
  const manifest = await readManifest(contentCacheDir);
  if (!manifest) throw new Error("No content build found: run `npm run content:build` first.");
  const { documents, bySource } = await allSourceDocuments(sources);
  // The content source's page hashes, recorded in each index, so the next content:build re-indexes only what changes after this.
  const contentPages = new Map(
    manifest.pages.filter((page) => showDrafts || !page.frontmatter.draft).map((page) => [page.id, page.hash]),
  );
  for (const engine of engines) {
    await engine.init();
    await engine.replaceAll(documents, onProgress);
    await engine.recordContentPages(contentPages);
  }
  return { documents: documents.length, bySource };
}
