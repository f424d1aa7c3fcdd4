import { readManifest } from "../content/build.server";
import { prisma } from "../lib/db.server";
import { contentCacheDir, searchDbFile, showDrafts } from "../lib/env.server";
import { IndexState } from "./index-state.server";
import { pagePopularity, syncContentIndex, type SyncReport } from "./indexer.server";
import type { SearchEngine } from "./types";

/**
 * Indexes the current content build: only changed pages, or everything when
 * `full` (or when the index holds nothing yet). Used by `content:build`,
 * `search:reindex` and the development server's rebuild-on-request.
 */
export async function indexContentBuild(engines: SearchEngine[], { full, onProgress }: { full: boolean; onProgress?: (done: number, total: number) => void }): Promise<SyncReport> {
  const manifest = await readManifest(contentCacheDir);
  if (!manifest) throw new Error("No content build found: run `npm run content:build` first.");
  const state = new IndexState(searchDbFile);
  try {
    for (const engine of engines) await engine.init();
    return await syncContentIndex({
      engines,
      state,
      manifest,
      cacheDir: contentCacheDir,
      popularity: await pagePopularity(prisma),
      includeDrafts: showDrafts,
      full,
      onProgress,
    });
  } finally {
    state.close();
  }
}
