import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-postgres/client";
import { env } from "./env.server";

/**
 * One database client for the whole app, on SQLite (DATABASE_URL=file:…, the embedded default) or on
 * PostgreSQL (DATABASE_URL=postgresql://…, the scale profile; decision record 011).
 *
 * Prisma's query compiler emits SQL for the provider named in the schema, and a client generated for
 * "sqlite" refuses the pg adapter outright. So there are two generated clients from one schema
 * (prisma/postgres/schema.prisma is derived from prisma/schema.prisma by scripts/db-schemas.ts), and the
 * app sees one type: the SQLite client's. Its API is the subset both providers support (no
 * `mode: "insensitive"`, no native types), so code that type-checks runs on both.
 */

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseProvider(url: string = env.DATABASE_URL): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** How long a SQLite writer waits for another writer's lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

declare global {
  // The dev server re-imports modules on change; one client (and one pool) per process keeps handles bounded.
  var __prisma: PrismaClient | undefined;
  var __pgPool: pg.Pool | undefined;
}

/**
 * A pg pool for PostgreSQL; PrismaPg is given a pool rather than a connection string so that the few
 * places that must speak SQL directly (session lookup, full-text search) share its connections.
 */
export function createPgPool(connectionString: string) {
  const pool = new pg.Pool({
    connectionString,
    max: env.PG_POOL_SIZE,
    // Fail fast while PostgreSQL is down or restarting so requests get a 503 instead of hanging.
    connectionTimeoutMillis: 3000,
  });
  // An idle client losing its server (a PostgreSQL restart) must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error(`PostgreSQL pool: ${error.message}`));
  return pool;
}

function enableWal(file: string) {
  // journal_mode is stored in the file, so setting it once is enough; readers then no longer block the writer.
  const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

/** Driver-adapter error kinds that mean "the server is not there right now", not "this query is wrong". */
const OUTAGE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TlsConnectionError",
]);
/** Prisma's codes for the same: can't reach, timed out, closed, pool timeout. */
const OUTAGE_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
const OUTAGE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|the database system is (shutting down|starting up)|terminating connection due to administrator command|ECONNREFUSED|ECONNRESET/i;

/** True when an error from Prisma (or pg) means PostgreSQL is unreachable, e.g. during a restart. */
export function isDatabaseOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, meta } = error as Error & {
    code?: string;
    meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string } } };
  };
  const cause = meta?.driverAdapterError?.cause;
  if (code && OUTAGE_CODES.has(code)) return true;
  if (cause?.kind && OUTAGE_KINDS.has(cause.kind)) return true;
  // SQLSTATE class 08 (connection exception) and 57P (operator intervention: shutdown, restart).
  if (cause?.kind === "postgres" && cause.code && /^(08|57P)/.test(cause.code)) return true;
  return OUTAGE_MESSAGES.test(error.message);
}

/**
 * While PostgreSQL is down, every query fails within the pool's connect timeout and surfaces as a 503 with
 * Retry-After (a thrown Response: Remix renders it with the error boundary; resource routes return it), so
 * a load balancer and a reader both see "try again shortly", not a 500 or a hang. Once PostgreSQL is back,
 * the pool opens new connections and requests succeed again without a restart.
 */
function rethrowOutageAs503(error: unknown): never {
  if (isDatabaseOutage(error)) {
    console.error(
      `Database unavailable: ${error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) : String(error)}`,
    );
    throw new Response("The help center's database is unavailable for a moment. Please try again shortly.", {
      status: 503,
      headers: { "Retry-After": "5", "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  throw error;
}

function withOutageAs503(client: PostgresPrismaClient) {
  const extended = client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          rethrowOutageAs503(error);
        }
      },
    },
  });
  // $transaction is not an "operation" for extensions; its failures (BEGIN on a dead server) go through here.
  return new Proxy(extended, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== "$transaction" || typeof value !== "function") return value;
      return (...args: unknown[]) => (value.apply(target, args) as Promise<unknown>).catch(rethrowOutageAs503);
    },
  });
}

export function createPrismaClient(url: string = env.DATABASE_URL, pool?: pg.Pool): PrismaClient {
  if (databaseProvider(url) === "postgresql") {
    const adapter = new PrismaPg(pool ?? createPgPool(url), { disposeExternalPool: !pool });
    // Same models, same API; only the SQL dialect differs (see above).
    return withOutageAs503(new PostgresPrismaClient({ adapter })) as unknown as PrismaClient;
  }
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") enableWal(file);
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }) });
}

/** The app's shared pg pool, or null on SQLite. */
export const pgPool: pg.Pool | null =
  databaseProvider() === "postgresql" ? (globalThis.__pgPool ??= createPgPool(env.DATABASE_URL)) : null;

export const prisma = (globalThis.__prisma ??= createPrismaClient(env.DATABASE_URL, pgPool ?? undefined));
