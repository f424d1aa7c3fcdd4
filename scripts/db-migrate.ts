/**
 * Applies the migrations for the database DATABASE_URL names.
 * - SQLite: `prisma migrate deploy` (prisma/migrations).
 * - PostgreSQL: our runner over prisma/postgres/migrations, because `prisma migrate deploy` through the
 *   pg driver adapter fails (prisma/orm#27403). Each migration runs once, in its own transaction, and is
 *   recorded in "_app_migrations" with a checksum; an advisory lock keeps two instances starting at once
 *   from applying the same migration twice (decision record 011).
 *
 *   npm run db:migrate
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { MIGRATION_SETS, migrationDirs } from "./db-migration";

const POSTGRES_MIGRATIONS = MIGRATION_SETS.find((set) => set.provider === "postgresql")!.folder;
/** Any constant: the key of the advisory lock held while migrating. */
const MIGRATION_LOCK_KEY = 720_011;

export type AppliedMigration = { name: string; checksum: string };

function checksum(sql: string) {
  return createHash("sha256").update(sql).digest("hex");
}

export async function migratePostgres(
  connectionString: string,
  folder = POSTGRES_MIGRATIONS,
  log: (line: string) => void = console.log,
) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_app_migrations" (
      name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query<AppliedMigration>(`SELECT name, checksum FROM "_app_migrations"`);
    const done = new Map(rows.map((row) => [row.name, row.checksum]));
    for (const name of migrationDirs(folder)) {
      const sql = fs.readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      const sum = checksum(sql);
      if (done.has(name)) {
        if (done.get(name) !== sum)
          throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead.`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(`INSERT INTO "_app_migrations" (name, checksum) VALUES ($1, $2)`, [name, sum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(
          `Migration ${name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      applied.push(name);
      log(`Applied ${name}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
  return applied;
}

export function migrateSqlite(databaseUrl: string) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export async function migrate(databaseUrl: string) {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const applied = await migratePostgres(databaseUrl);
    if (applied.length === 0) console.log("PostgreSQL: no pending migrations.");
  } else {
    migrateSqlite(databaseUrl);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrate(process.env.DATABASE_URL ?? "file:./data/app.db").catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
