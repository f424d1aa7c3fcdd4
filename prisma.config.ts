import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import fs from "node:fs";
import path from "node:path";

process.env.DATABASE_URL ??= "file:./data/app.db";
const url = process.env.DATABASE_URL;
// SQLite creates the file but not its folder; a fresh clone has no data/ yet.
fs.mkdirSync(path.dirname(url.replace(/^file:/, "")), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
