/**
 * Makes a new migration from the change to prisma/schema.prisma.
 * `prisma migrate dev` needs a shadow database that the WASM engine cannot open
 * on SQLite, so we diff the schema snapshot kept beside the last migration
 * against the current schema instead (decision record 002).
 *
 *   npm run db:migration -- add_helpful_votes
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const MIGRATIONS = path.resolve("prisma/migrations");
const SCHEMA = path.resolve("prisma/schema.prisma");
export const SNAPSHOT_FILE = "schema.snapshot.prisma";

export function latestSnapshot(): string | null {
  if (!fs.existsSync(MIGRATIONS)) return null;
  const dirs = fs
    .readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const last = dirs.at(-1);
  return last ? path.join(MIGRATIONS, last, SNAPSHOT_FILE) : null;
}

export function diffSql(fromSnapshot: string | null): string {
  const from = fromSnapshot ? ["--from-schema-datamodel", fromSnapshot] : ["--from-empty"];
  return execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", SCHEMA, "--script"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
}

function isEmptyDiff(sql: string) {
  return sql
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("--")).length === 0;
}

function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name_in_snake_case>");
    process.exit(2);
  }
  const snapshot = latestSnapshot();
  if (snapshot && !fs.existsSync(snapshot)) {
    console.error(`The last migration has no ${SNAPSHOT_FILE}; cannot diff against it.`);
    process.exit(1);
  }
  const sql = diffSql(snapshot);
  if (isEmptyDiff(sql)) {
    console.log("prisma/schema.prisma matches the last migration: nothing to do.");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  fs.copyFileSync(SCHEMA, path.join(dir, SNAPSHOT_FILE));
  if (!fs.existsSync(path.join(MIGRATIONS, "migration_lock.toml"))) {
    fs.writeFileSync(path.join(MIGRATIONS, "migration_lock.toml"), 'provider = "sqlite"\n');
  }
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
