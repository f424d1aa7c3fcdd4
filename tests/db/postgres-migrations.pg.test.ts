import { execFileSync } from "node:child_process";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migratePostgres } from "../../scripts/db-migrate";
import { POSTGRES_SCHEMA } from "../../scripts/db-schemas";
import { POSTGRES_PREFIX, postgresUrl } from "../setup/paths";
import { quoteIdent, withAdmin } from "../setup/postgres";

// Runs only on PostgreSQL (npm run test:integration:pg): it compares real catalogs, not snapshots.
const migrated = `${POSTGRES_PREFIX}_migrated`;
const fromSchema = `${POSTGRES_PREFIX}_from_schema`;

async function catalog(database: string) {
  const client = new pg.Client({ connectionString: postgresUrl(database) });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_app_migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_app_migrations' ORDER BY indexname`,
    );
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"_app_migrations"' AND conrelid::regclass::text <> '_app_migrations'
       ORDER BY conrelid::regclass::text, conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  } finally {
    await client.end();
  }
}

describe("PostgreSQL migrations", () => {
  afterAll(() =>
    withAdmin(async (client) => {
      for (const name of [migrated, fromSchema])
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    }),
  );

  it("build exactly the database that prisma/schema.prisma describes", async () => {
    await withAdmin(async (client) => {
      for (const name of [migrated, fromSchema]) await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    });
    await migratePostgres(postgresUrl(migrated), undefined, () => undefined);
    const sql = execFileSync(
      "npx",
      ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"],
      {
        encoding: "utf8",
      },
    );
    const client = new pg.Client({ connectionString: postgresUrl(fromSchema) });
    await client.connect();
    await client.query(sql);
    await client.end();

    const [fromMigrations, expected] = await Promise.all([catalog(migrated), catalog(fromSchema)]);
    expect(fromMigrations.columns.length).toBeGreaterThan(0);
    expect(fromMigrations).toEqual(expected);
  });

  it("apply each migration once and refuse one edited after it was applied", async () => {
    // The migrated database from the test above has every migration recorded: a second run applies none.
    expect(await migratePostgres(postgresUrl(migrated), undefined, () => undefined)).toEqual([]);
    const client = new pg.Client({ connectionString: postgresUrl(migrated) });
    await client.connect();
    await client.query(
      `UPDATE "_app_migrations" SET checksum = 'edited' WHERE name = (SELECT min(name) FROM "_app_migrations")`,
    );
    await client.end();
    await expect(migratePostgres(postgresUrl(migrated), undefined, () => undefined)).rejects.toThrow(
      /changed after it was applied/,
    );
  });
});
