import path from "node:path";

// One folder per test run (the main vitest process names it; its forked workers inherit the variable),
// so two runs in one checkout never share a template or worker database.
process.env.TEST_RUN_DIR ??= path.resolve("tests/.tmp", `run-${process.pid}`);
export const TMP_DIR = process.env.TEST_RUN_DIR;
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

/** TEST_DATABASE=postgres runs the suites on PostgreSQL (npm run test:integration:pg); anything else on SQLite. */
export const TEST_ON_POSTGRES = process.env.TEST_DATABASE === "postgres";

/**
 * A role that may CREATE DATABASE; used only to create and drop this run's own databases, never to
 * open any other. CI (.ci/run) exports it; the default matches a local PostgreSQL with trust auth.
 */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

// Every database this run creates starts with this prefix, so teardown drops exactly those.
process.env.TEST_PG_PREFIX ??= `tf_test_${process.pid}_${Date.now().toString(36)}`;
export const POSTGRES_PREFIX = process.env.TEST_PG_PREFIX;
export const POSTGRES_TEMPLATE = `${POSTGRES_PREFIX}_template`;

export function postgresUrl(database: string) {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
