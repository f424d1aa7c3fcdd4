import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

/**
 * TEST_DATABASE=postgres (npm run test:integration:pg) runs the suites that touch the database on
 * PostgreSQL; the others (content, search engines on their own files, pure functions) do not depend
 * on DATABASE_URL and run once, on the SQLite run. Decision record 011 lists what is left out and why.
 */
const POSTGRES_SUITES = [
  "tests/**/*.pg.test.ts",
  "tests/auth/**/*.test.ts",
  "tests/lib/**/*.test.ts",
  "tests/db/**/*.test.ts",
  "tests/jobs/**/*.test.ts",
  "tests/oncall/**/*.test.ts",
  "tests/chat/**/*.test.ts",
  "tests/server/**/*.test.ts",
  "tests/search/analytics.test.ts",
  "tests/forum/limits.test.ts",
  "tests/forum/reply-standing.test.ts",
  "tests/forum/write-queue.test.ts",
  "tests/forum/moderation*.test.ts",
  "tests/forum/threads.test.ts",
  "tests/forum/read-markers.test.ts",
  "tests/forum/routes.test.ts",
  "tests/forum/seed.test.ts",
  "tests/forum/qa-hygiene.test.ts",
  "tests/tickets/**/*.test.ts",
  "tests/email/**/*.test.ts",
  "tests/deflection/**/*.test.ts",
  "tests/notifications/**/*.test.ts",
  "tests/ideas/**/*.test.ts",
  "tests/status/**/*.test.ts",
  "tests/insights/**/*.test.ts",
  "tests/training/**/*.test.ts",
];
const onPostgres = process.env.TEST_DATABASE === "postgres";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: onPostgres ? POSTGRES_SUITES : ["tests/**/*.test.ts"],
    // *.pg.test.ts compare PostgreSQL catalogs and need the PostgreSQL run.
    exclude: ["tests/e2e/**", "node_modules/**", ...(onPostgres ? [] : ["tests/**/*.pg.test.ts"])],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/worker-database.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
