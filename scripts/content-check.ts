/** `npm run content:check`: every content problem (MDX, seeded community content, captions) as `path:line: message`; exits non-zero if any. */
import path from "node:path";
import { checkContent } from "../app/content/check.server";
import { SEEDED_CONTENT_FILES } from "../app/content/seeded-prose.server";
import { contentCacheDir, contentDir } from "../app/lib/env.server";

// Seeded community content and the webinar captions are read with the same prose rules as the MDX pages.
const problems = await checkContent({
  contentDir,
  cacheDir: contentCacheDir,
  publicDir: path.resolve("public"),
  seedFiles: SEEDED_CONTENT_FILES,
});
const relativeRoot = path.relative(process.cwd(), contentDir) || ".";
for (const problem of problems)
  console.error(`${path.join(relativeRoot, problem.file)}:${problem.line}: ${problem.message}`);
if (problems.length > 0) {
  console.error(`content:check found ${problems.length} problem${problems.length === 1 ? "" : "s"}.`);
  process.exit(1);
}
console.log("content:check: all content is valid.");
