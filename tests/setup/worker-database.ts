import fs from "node:fs";
import path from "node:path";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

// Each test file gets a fresh copy of the migrated template before any app module reads DATABASE_URL.
const workerDb = path.join(TMP_DIR, `worker-${process.env.VITEST_POOL_ID ?? "0"}.db`);
fs.copyFileSync(TEMPLATE_DB, workerDb);
process.env.DATABASE_URL = `file:${workerDb}`;
