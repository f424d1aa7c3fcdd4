import { defineConfig } from "@playwright/test";
import {
  E2E_BASE_URL,
  E2E_DATABASE_URL,
  E2E_DB_DIR,
  E2E_DB_FILE,
  E2E_PORT,
  E2E_SEARCH_DB,
  E2E_SMTP_PORT,
} from "./tests/e2e/env";

/**
 * End-to-end tests against the PRODUCTION build (`npm run test:e2e` builds first).
 * The server runs on its own port with its own freshly migrated and seeded SQLite file,
 * so the suite never touches data/app.db or a developer's running server.
 */
const serverEnv = `NODE_ENV=production PORT=${E2E_PORT} HOST=127.0.0.1 PUBLIC_URL=${E2E_BASE_URL} APP_SECRET=e2e-only-secret-0123456789abcdef0123456789 DATABASE_URL=${E2E_DATABASE_URL} SEARCH_DB=${E2E_SEARCH_DB} INBOUND_SMTP_PORT=${E2E_SMTP_PORT} INBOUND_AUTH=off`;

export default defineConfig({
  testDir: "tests/e2e",
  // *.e2e.ts rather than *.spec.ts so vitest's default include never picks these files up.
  testMatch: "**/*.e2e.ts",
  // One folder per port: side-by-side runs must not delete each other's traces.
  outputDir: `test-results/port-${E2E_PORT}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: E2E_BASE_URL,
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    browserName: "chromium",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: [
      `rm -f ${E2E_DB_FILE} ${E2E_DB_FILE}-journal ${E2E_DB_FILE}-wal ${E2E_DB_FILE}-shm`,
      `rm -f ${E2E_SEARCH_DB} ${E2E_SEARCH_DB}-journal ${E2E_SEARCH_DB}-wal ${E2E_SEARCH_DB}-shm`,
      `mkdir -p ${E2E_DB_DIR}`,
      `DATABASE_URL=${E2E_DATABASE_URL} npx prisma migrate deploy`,
      `DATABASE_URL=${E2E_DATABASE_URL} npx tsx prisma/seed.ts`,
      // The index is built from the seeded database and the content build (`npm run test:e2e` runs content:build first).
      `DATABASE_URL=${E2E_DATABASE_URL} SEARCH_DB=${E2E_SEARCH_DB} npx tsx scripts/search-reindex.ts`,
      `${serverEnv} exec node build-server/index.mjs`,
    ].join(" && "),
    url: `${E2E_BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
