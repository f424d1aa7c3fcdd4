/**
 * Throw-away app databases for the benchmarks that start real servers: a seeded SQLite file in a temp
 * folder, or a seeded PostgreSQL database (BENCH_POSTGRES_ADMIN_URL, default
 * postgresql://postgres@127.0.0.1:5432/postgres) created for the run and dropped after it.
 * Also the few raw queries the benches need to check their writes, and signing in as a seeded user.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { SEED_USERS } from "../../prisma/seed-data";
import { run, tempDirs } from "./processes";

export type DatabaseKind = "sqlite" | "postgres";
export type BenchDatabase = {
  kind: DatabaseKind;
  url: string;
  /** One value from a read-only SQL query (`"Table"` quoting works on both). */
  scalar(sql: string): Promise<number>;
  rows<T>(sql: string): Promise<T[]>;
  drop(): Promise<void>;
};

const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function withDatabase(adminUrl: string, name: string) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createBenchDatabase(kind: DatabaseKind, label: string): Promise<BenchDatabase> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${label}-`));
    tempDirs.add(dir);
    const file = path.join(dir, "bench.db");
    const url = `file:${file}`;
    const env = { ...process.env, DATABASE_URL: url };
    await run("npx", ["prisma", "migrate", "deploy"], env);
    await run("npx", ["tsx", "prisma/seed.ts"], env);
    const rows = async <T>(sql: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    };
    return {
      kind,
      url,
      rows,
      scalar: async (sql) => Number(Object.values((await rows<Record<string, unknown>>(sql))[0] ?? {})[0]),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `tf_bench_${label.replace(/\W/g, "_")}_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(ADMIN_URL, name);
  const env = { ...process.env, DATABASE_URL: url };
  await run("npx", ["tsx", "scripts/db-migrate.ts"], env);
  await run("npx", ["tsx", "prisma/seed.ts"], env);
  const rows = async <T>(sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    kind,
    url,
    rows,
    scalar: async (sql) => Number(Object.values((await rows<Record<string, unknown>>(sql))[0] ?? {})[0]),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export const BENCH_STAFF = SEED_USERS.find((user) => user.role === "admin")!;

/** Signs in through the login form; returns the Cookie header value. */
export async function signIn(origin: string, user: { email: string; password: string } = BENCH_STAFF): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: user.email, password: user.password }),
  });
  const token = response.headers
    .getSetCookie()
    .map((cookie) => /^tf_session=([^;]+)/.exec(cookie)?.[1])
    .find(Boolean);
  if (!token) throw new Error(`POST /login as ${user.email} answered ${response.status} without a session`);
  return `tf_session=${token}`;
}

/** wrk's summary lines, or null when its output has none (wrk missing or failed). */
export function parseWrk(output: string) {
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const total = /(\d+) requests in/.exec(output);
  if (!rate || !total) return null;
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  return {
    requestsPerSecond: Number(rate[1]),
    requests: Number(total[1]),
    socketErrors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    badStatus: non2xx ? Number(non2xx[1]) : 0,
  };
}
