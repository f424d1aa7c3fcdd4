import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { env } from "./env.server";

declare global {
  // The dev server re-imports modules on change; one client per process keeps SQLite handles bounded.
  var __prisma: PrismaClient | undefined;
}

export function createPrismaClient(url: string = env.DATABASE_URL) {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

export const prisma = (globalThis.__prisma ??= createPrismaClient());
