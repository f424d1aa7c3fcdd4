import fs from "node:fs";
import path from "node:path";
import { POSTGRES_PREFIX, POSTGRES_TEMPLATE, TEMPLATE_DB, TEST_ON_POSTGRES, TMP_DIR, postgresUrl } from "./paths";
import { quoteIdent, withAdmin } from "./postgres";

// Each test file gets a fresh copy of the migrated template before any app module reads DATABASE_URL.
const worker = `worker_${process.env.VITEST_POOL_ID ?? "0"}`;
if (TEST_ON_POSTGRES) {
  const database = `${POSTGRES_PREFIX}_${worker}`;
  await withAdmin(async (client) => {
    // FORCE ends connections a previous test file in this pool slot may have left behind.
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(POSTGRES_TEMPLATE)}`);
  });
  process.env.DATABASE_URL = postgresUrl(database);
} else {
  const workerDb = path.join(TMP_DIR, `${worker.replace("_", "-")}.db`);
  fs.copyFileSync(TEMPLATE_DB, workerDb);
  // A WAL file left by the previous test file in this slot would be replayed into the fresh copy.
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(workerDb + suffix, { force: true });
  process.env.DATABASE_URL = `file:${workerDb}`;
}
