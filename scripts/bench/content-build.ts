/**
 * `npm run bench:content`: the content build at scale.
 *
 * Generates 1,000 realistic knowledge-base articles in a temporary folder, then
 * runs buildContent in this process twice against a fresh cache: a cold build
 * (everything compiles) and, after changing exactly one file, an incremental
 * build (one compile, 999 reused by content hash). The temporary folder is not a
 * git checkout, so git dates are skipped and frontmatter `updated` serves.
 *
 * Writes bench-results/content-build.json. Exits non-zero when a build reports
 * problems or the counts are not the expected 1,000 compiled, then 1 + 999.
 */
import { rmSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildContent, type BuildReport } from "../../app/content/build.server";
import { progressReporter } from "../progress";
import { generateArticles } from "./article-generator";
import { environment, mark, round, writeResults } from "./shared";

const ARTICLE_COUNT = 1000;
const TARGET_RATIO = 0.02;
/** buildContent's default; recorded so results stay comparable if it changes. */
const CONCURRENCY = 2;

async function timed(label: string, build: () => Promise<BuildReport>) {
  const started = performance.now();
  const report = await build();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label}: ${seconds.toFixed(2)}s — ${report.compiled} compiled, ${report.reused} reused, ${report.problems.length} problems, ${report.manifest.pages.length} pages`,
  );
  for (const problem of report.problems) console.error(`  ${problem.file}:${problem.line}: ${problem.message}`);
  return { seconds, report };
}

const counts = ({ report }: { report: BuildReport }) => ({
  compiled: report.compiled,
  reused: report.reused,
  problems: report.problems.length,
  pages: report.manifest.pages.length,
});

async function main() {
  const machine = environment();
  const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), "tf-bench-content-"));
  const contentDir = path.join(tempDir, "content");
  const cacheDir = path.join(tempDir, "cache");
  // Ctrl-C skips `finally`: remove the generated articles and cache anyway.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      rmSync(tempDir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    // buildContent looks in kb/, docs/ and webinars/; only kb/ gets articles.
    for (const kind of ["kb", "docs", "webinars"]) await fs.mkdir(path.join(contentDir, kind), { recursive: true });
    const articles = generateArticles(ARTICLE_COUNT);
    await Promise.all(articles.map((article) => fs.writeFile(path.join(contentDir, article.file), article.source)));
    const totalBytes = articles.reduce((sum, article) => sum + Buffer.byteLength(article.source), 0);
    const averageWords = articles.reduce((sum, article) => sum + article.proseWords, 0) / articles.length;
    console.log(
      `Generated ${articles.length} articles in ${contentDir} (${round(totalBytes / 1024 / 1024, 2)} MB, ~${Math.round(averageWords)} words each)`,
    );

    const cold = await timed("Cold build", () =>
      buildContent({
        contentDir,
        cacheDir,
        concurrency: CONCURRENCY,
        onProgress: progressReporter(`Cold build of ${ARTICLE_COUNT} articles`),
      }),
    );

    // One edited paragraph: a new content hash for this file only.
    const changed = articles[Math.floor(articles.length / 2)];
    await fs.appendFile(
      path.join(contentDir, changed.file),
      "\nThis paragraph was added by the benchmark to change exactly one file.\n",
    );
    const incremental = await timed(`Incremental build (changed ${changed.file})`, () =>
      buildContent({ contentDir, cacheDir, concurrency: CONCURRENCY }),
    );

    const ratio = incremental.seconds / cold.seconds;
    const perArticleMs = (cold.seconds * 1000) / ARTICLE_COUNT;
    const checks = {
      noProblems: cold.report.problems.length === 0 && incremental.report.problems.length === 0,
      coldCompiledAll: cold.report.compiled === ARTICLE_COUNT && cold.report.manifest.pages.length === ARTICLE_COUNT,
      incrementalCompiledOne: incremental.report.compiled === 1 && incremental.report.reused === ARTICLE_COUNT - 1,
    };

    console.log();
    console.log(`cold build            ${cold.seconds.toFixed(2)} s`);
    console.log(`incremental build     ${incremental.seconds.toFixed(3)} s`);
    console.log(`incremental ÷ cold    ${ratio.toFixed(4)}  ${mark(ratio <= TARGET_RATIO)} target ≤ ${TARGET_RATIO}`);
    console.log(
      `per-article compile   ${perArticleMs.toFixed(1)} ms (cold ÷ ${ARTICLE_COUNT}, concurrency ${CONCURRENCY})`,
    );
    for (const [name, ok] of Object.entries(checks)) if (!ok) console.error(`✗ check failed: ${name}`);

    const file = await writeResults("content-build.json", {
      generatedAt: new Date().toISOString(),
      environment: machine,
      articles: {
        count: ARTICLE_COUNT,
        totalBytes,
        averageProseWords: Math.round(averageWords),
        changedFile: changed.file,
      },
      concurrency: CONCURRENCY,
      cold: { seconds: round(cold.seconds, 3), ...counts(cold) },
      incremental: { seconds: round(incremental.seconds, 4), ...counts(incremental) },
      ratio: { incrementalToCold: round(ratio, 5), target: TARGET_RATIO, met: ratio <= TARGET_RATIO },
      perArticleCompileMs: round(perArticleMs, 2),
      problems: [...cold.report.problems, ...incremental.report.problems],
      checks,
    });
    console.log(`\nWrote ${file}`);
    if (!Object.values(checks).every(Boolean)) process.exitCode = 1;
  } finally {
    await fs.rm(tempDir, { recursive: true, force: true });
  }
}

await main();
