import fs from "node:fs";
import { migratePostgres, migrateSqlite } from "../../scripts/db-migrate";
import { POSTGRES_TEMPLATE, TEMPLATE_DB, TEST_ON_POSTGRES, TMP_DIR, postgresUrl } from "./paths";
import { dropRunDatabases, quoteIdent, withAdmin } from "./postgres";

/**
 * Migrates one template database; each test file gets a copy (tests/setup/worker-database.ts).
 * SQLite: a template file. PostgreSQL: a template database this run creates and drops afterwards.
 */
export default async function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (TEST_ON_POSTGRES) {
    await withAdmin((client) => client.query(`CREATE DATABASE ${quoteIdent(POSTGRES_TEMPLATE)}`));
    await migratePostgres(postgresUrl(POSTGRES_TEMPLATE), undefined, () => undefined);
    return async () => {
      await dropRunDatabases();
      fs.rmSync(TMP_DIR, { recursive: true, force: true });
    };
  }
  fs.rmSync(TEMPLATE_DB, { force: true });
  migrateSqlite(`file:${TEMPLATE_DB}`);
  return () => fs.rmSync(TMP_DIR, { recursive: true, force: true });
}
