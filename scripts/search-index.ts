import "../app/composition.server";
import { prisma } from "../app/lib/db.server";
import { indexContentBuild } from "../app/search/content-sync.server";
import type { SyncReport } from "../app/search/indexer.server";
import { indexingEngines } from "../app/search/service.server";
import { progressReporter } from "./progress";

/** `content:build` indexes the pages that changed (everything when the index is empty). */
export async function indexContent({ full }: { full: boolean }): Promise<SyncReport> {
  const engines = indexingEngines();
  try {
    return await indexContentBuild(engines, { full, onProgress: full ? progressReporter("Indexing") : undefined });
  } finally {
    for (const engine of engines) await engine.close();
    await prisma.$disconnect();
  }
}
