import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import fs from "node:fs";
import path from "node:path";

process.env.DATABASE_URL ??= "file:./data/app.db";
const url = process.env.DATABASE_URL;
const postgres = /^postgres(ql)?:\/\//.test(url);
// SQLite creates the file but not its folder; a fresh clone has no data/ yet.
if (!postgres) fs.mkdirSync(path.dirname(url.replace(/^file:/, "")), { recursive: true });

// PostgreSQL uses the schema derived from prisma/schema.prisma (scripts/db-schemas.ts). Its migrations are
// applied by scripts/db-migrate.ts, not `prisma migrate deploy` (prisma/orm#27403; decision record 011).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgres ? "prisma/postgres/migrations" : "prisma/migrations", seed: "tsx prisma/seed.ts" },
  adapter: async () => (postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url })),
});
