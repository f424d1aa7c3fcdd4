/** `npm run search:relevance`: the relevance suite against the engine the site uses, with every miss listed; exits 1 below the target. */
import { RELEVANCE_CASES, runRelevanceSuite } from "../tests/search/relevance-cases";
import { runSearch } from "../app/search/service.server";

const TARGET = 0.95;
const report = await runRelevanceSuite({ search: (params) => runSearch(params) });
for (const miss of report.misses)
  console.log(`miss: "${miss.query}" expected ${miss.expect.join(" or ")}, got ${miss.got.join(", ") || "nothing"}`);
console.log(
  `precision@3: ${(report.precisionAt3 * 100).toFixed(1)}% over ${RELEVANCE_CASES.length} questions (target ${TARGET * 100}%)`,
);
if (report.precisionAt3 < TARGET) process.exitCode = 1;
