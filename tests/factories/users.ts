/**
 * The seeded demo accounts and users (prisma/seed-data.ts), for end-to-end tests that sign in as
 * them. No database import here: Playwright's process loads this file. Tests that need rows of
 * their own use tests/factories/accounts.ts.
 */
export { SEED_ACCOUNTS, SEED_USERS } from "../../prisma/seed-data";
