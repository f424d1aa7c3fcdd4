/**
 * Makes a new migration from the change to prisma/schema.prisma, for SQLite and for PostgreSQL together.
 * `prisma migrate dev` needs a shadow database that the WASM engine cannot open on SQLite, so for each
 * provider we diff the schema snapshot kept beside its last migration against the current schema
 * instead (decision records 002 and 011). Only the newest migration keeps its snapshot: nothing reads the
 * older ones (the migrations themselves are the history). The PostgreSQL schema is derived from prisma/schema.prisma.
 *
 *   npm run db:migration -- add_helpful_votes
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, generateClients, writePostgresSchema } from "./db-schemas";

export const SNAPSHOT_FILE = "schema.snapshot.prisma";

export type MigrationSet = { provider: "sqlite" | "postgresql"; folder: string; schema: string };

export const MIGRATION_SETS: MigrationSet[] = [
  { provider: "sqlite", folder: path.resolve("prisma/migrations"), schema: SQLITE_SCHEMA },
  { provider: "postgresql", folder: path.resolve("prisma/postgres/migrations"), schema: POSTGRES_SCHEMA },
];

export function migrationDirs(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function latestSnapshot(folder: string = MIGRATION_SETS[0].folder): string | null {
  const last = migrationDirs(folder).at(-1);
  return last ? path.join(folder, last, SNAPSHOT_FILE) : null;
}

export function diffSql(fromSnapshot: string | null, toSchema: string = SQLITE_SCHEMA): string {
  const from = fromSnapshot ? ["--from-schema-datamodel", fromSnapshot] : ["--from-empty"];
  return execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", toSchema, "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
}

export function isEmptyDiff(sql: string) {
  return (
    sql
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("--")).length === 0
  );
}

function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name_in_snake_case>");
    process.exit(2);
  }
  writePostgresSchema();
  const pending = MIGRATION_SETS.map((set) => {
    const snapshot = latestSnapshot(set.folder);
    if (snapshot && !fs.existsSync(snapshot)) {
      console.error(
        `The last migration in ${path.relative(process.cwd(), set.folder)} has no ${SNAPSHOT_FILE}; cannot diff against it.`,
      );
      process.exit(1);
    }
    return { set, sql: diffSql(snapshot, set.schema) };
  });
  if (pending.every(({ sql }) => isEmptyDiff(sql))) {
    console.log("prisma/schema.prisma matches the last migrations: nothing to do.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const { set, sql } of pending) {
    if (isEmptyDiff(sql)) continue;
    const dir = path.join(set.folder, `${stamp}_${name}`);
    const previous = latestSnapshot(set.folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    fs.copyFileSync(set.schema, path.join(dir, SNAPSHOT_FILE));
    // Only the newest snapshot is ever diffed against; older copies of the whole schema would only pile up.
    if (previous && fs.existsSync(previous)) fs.rmSync(previous);
    const lock = path.join(set.folder, "migration_lock.toml");
    if (!fs.existsSync(lock)) fs.writeFileSync(lock, `provider = "${set.provider}"\n`);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
  generateClients();
}

if (import.meta.url === `file://${process.argv[1]}`) main();
