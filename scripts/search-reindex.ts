/** `npm run search:reindex`: rebuild the search index from every registered source (content, account pages, forum, ideas, tickets). */
import "../app/composition.server";
import { prisma } from "../app/lib/db.server";
import { rebuildSearchIndex } from "../app/search/content-sync.server";
import { indexingEngines } from "../app/search/service.server";
import { progressReporter } from "./progress";

const started = performance.now();
const engines = indexingEngines();
try {
  const report = await rebuildSearchIndex(engines, { onProgress: progressReporter("Indexing") });
  const sources = Object.entries(report.bySource)
    .map(([name, count]) => `${name} ${count}`)
    .join(", ");
  console.log(
    `Search index rebuilt: ${report.documents} documents (${sources}) in ${((performance.now() - started) / 1000).toFixed(2)}s`,
  );
} finally {
  for (const engine of engines) await engine.close();
  await prisma.$disconnect();
}
