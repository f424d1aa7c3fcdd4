/** Shared by playwright.config.ts and the tests: where the e2e server listens and which database it uses. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3123);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** Relative to the repository root, which is where Playwright runs the webServer command. */
export const E2E_DB_DIR = "tests/.tmp";
export const E2E_DB_FILE = `${E2E_DB_DIR}/e2e-${E2E_PORT}.db`;
export const E2E_DATABASE_URL = `file:./${E2E_DB_FILE}`;
/** Each port gets its own search index too: the shared data/search.db would mix runs and a developer's data. */
export const E2E_SEARCH_DB = `${E2E_DB_DIR}/search-${E2E_PORT}.db`;
/** The e2e server's SMTP receiver (the email channel): near the web port so side-by-side runs do not collide. */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 25250 + (E2E_PORT % 50));
