/** `npm run search:reindex`: rebuild every search index from the content build (and, later, forum and ideas). */
import { indexContent } from "./search-index";

const started = performance.now();
const report = await indexContent({ full: true });
console.log(`Search index rebuilt: ${report.upsertedPages} pages, ${report.documents} documents (${((performance.now() - started) / 1000).toFixed(2)}s)`);
