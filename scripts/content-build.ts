/**
 * `npm run content:build`: compile changed MDX into the content cache (by content
 * hash), then update the search index for the pages that changed.
 */
import path from "node:path";
import { buildContent } from "../app/content/build.server";
import { buildCards } from "../app/content/cards.server";
import { contentCacheDir, contentDir } from "../app/lib/env.server";
import { progressReporter } from "./progress";
import { indexContent } from "./search-index";

const started = performance.now();
const report = await buildContent({
  contentDir,
  cacheDir: contentCacheDir,
  onProgress: progressReporter("Compiling content"),
});
for (const problem of report.problems) console.error(`${problem.file}:${problem.line}: ${problem.message}`);
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(
  `Content build ${report.manifest.buildId}: ${report.manifest.pages.length} pages, ${report.compiled} compiled, ${report.reused} unchanged, ${report.problems.length} problems (${seconds}s)`,
);
if (report.problems.length > 0)
  console.error(
    "Pages with problems keep serving their last good build; `npm run content:check` fails until they are fixed.",
  );

// Link-preview cards go to public/cards, which the client build (run after this) copies and serves.
const cards = await buildCards(report.manifest.pages, contentCacheDir, path.resolve("public"));
console.log(`Link-preview cards: ${cards.drawn} drawn, ${cards.reused} unchanged.`);

const indexed = await indexContent({ full: false });
console.log(
  indexed.full
    ? `Search index built: ${indexed.documents} documents.`
    : `Search index updated: ${indexed.upsertedPages} changed, ${indexed.deletedPages} removed pages.`,
);
