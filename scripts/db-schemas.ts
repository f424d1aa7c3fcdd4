/**
 * prisma/schema.prisma is the one schema; the PostgreSQL profile's schema is derived from it here
 * (decision record 011): the provider is swapped and the client goes to app/generated/prisma-postgres.
 *
 *   npm run db:generate      writes prisma/postgres/schema.prisma and generates both clients
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = path.resolve("prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.resolve("prisma/postgres/schema.prisma");
/** The CLI validates `url = env("DATABASE_URL")` against the provider, even when it never connects. */
const PLACEHOLDER_POSTGRES_URL = "postgresql://localhost:5432/unused";

const HEADER = "// Generated from prisma/schema.prisma by scripts/db-schemas.ts (npm run db:generate). Do not edit.\n";

function replaceOnce(text: string, pattern: RegExp, replacement: string) {
  if (!pattern.test(text))
    throw new Error(`prisma/schema.prisma no longer matches ${pattern}; update scripts/db-schemas.ts`);
  return text.replace(pattern, replacement);
}

export function derivePostgresSchema(sqliteSchema: string): string {
  let schema = replaceOnce(sqliteSchema, /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  schema = replaceOnce(
    schema,
    /(generator client \{[^}]*output\s*=\s*)"\.\.\/app\/generated\/prisma"/,
    '$1"../../app/generated/prisma-postgres"',
  );
  return HEADER + schema;
}

/** Writes the derived schema to a file; returns its path. */
export function writePostgresSchema(sqliteSchemaFile = SQLITE_SCHEMA, target = POSTGRES_SCHEMA) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, derivePostgresSchema(fs.readFileSync(sqliteSchemaFile, "utf8")));
  return target;
}

function generate(schema: string, databaseUrl: string) {
  execFileSync("npx", ["prisma", "generate", "--schema", schema], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** Generates the SQLite client and the PostgreSQL client (from the derived schema). */
export function generateClients() {
  generate(SQLITE_SCHEMA, "file:./data/app.db");
  generate(POSTGRES_SCHEMA, PLACEHOLDER_POSTGRES_URL);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writePostgresSchema();
  generateClients();
}
