/** `npm run search:relevance`: the relevance suite against the engine the site uses, with every miss listed. */
import { runRelevanceSuite } from "../tests/search/relevance-cases";
import { runSearch } from "../app/search/service.server";
import type { SearchEngine } from "../app/search/types";

const viaService = { name: "embedded", search: (params) => runSearch(params) } as Pick<SearchEngine, "name" | "search">;
const report = await runRelevanceSuite(viaService as SearchEngine);
for (const miss of report.misses) console.log(`miss: "${miss.query}" expected ${miss.expect}, got ${miss.got.join(", ") || "nothing"}`);
console.log(`precision@3: ${(report.precisionAt3 * 100).toFixed(1)}%`);
