import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_BUILD } from "../../server/build-dir";

/**
 * PostgreSQL restarted while the app serves: requests answer 503 during the outage, none hangs,
 * /healthz says `db: down` with 503, and the app recovers by itself once PostgreSQL is back.
 *
 * The shared cluster on 5432 is never touched: the test makes a private cluster under the temp folder with
 * initdb and pg_ctl from /usr/lib/postgresql/<version>/bin (PG_BIN overrides), stops and starts it, and
 * removes it. As root the cluster runs as the `postgres` user (PostgreSQL refuses to run as root). When the
 * binaries are missing the suite is skipped and says why.
 */
function findPgBin(): string | null {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : fs.existsSync("/usr/lib/postgresql")
      ? fs
          .readdirSync("/usr/lib/postgresql")
          .sort()
          .reverse()
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : [];
  return (
    candidates.find((dir) => fs.existsSync(path.join(dir, "pg_ctl")) && fs.existsSync(path.join(dir, "initdb"))) ?? null
  );
}

const pgBin = findPgBin();
const asRoot = process.getuid?.() === 0;
const skipReason = !pgBin
  ? "no initdb/pg_ctl found under /usr/lib/postgresql/*/bin (set PG_BIN)"
  : asRoot && !fs.existsSync("/usr/sbin/runuser")
    ? "running as root without runuser to start PostgreSQL as postgres"
    : null;
if (skipReason) console.warn(`Skipping the PostgreSQL outage test: ${skipReason}.`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tf-pg-outage-"));
const dataDir = path.join(dir, "data");
const children: ChildProcess[] = [];
let pgPort = 0;
let origin = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** Runs a PostgreSQL binary, as `postgres` when we are root. */
function pgTool(tool: string, args: string[]) {
  const binary = path.join(pgBin!, tool);
  const [command, commandArgs] = asRoot ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
  return execFileSync(command, commandArgs, { stdio: "pipe", timeout: 60_000 }).toString();
}

const pgCtl = (action: "start" | "stop") =>
  pgTool(
    "pg_ctl",
    action === "start"
      ? [
          "-D",
          dataDir,
          "-o",
          `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1`,
          "-l",
          path.join(dir, "postgres.log"),
          "-w",
          "start",
        ]
      : ["-D", dataDir, "-m", "fast", "-w", "stop"],
  );

async function get(page: string) {
  // A hang shows as an abort after 15 s, far beyond the pool's 3 s connect timeout.
  const response = await fetch(`${origin}${page}`, { signal: AbortSignal.timeout(15_000) });
  const body = await response.text();
  return { status: response.status, body };
}

beforeAll(async () => {
  if (skipReason) return;
  if (!fs.existsSync(SERVER_BUILD)) throw new Error("Run `npm run build` before the server tests (npm test does).");
  if (asRoot)
    fs.chownSync(
      dir,
      Number(execFileSync("id", ["-u", "postgres"]).toString()),
      Number(execFileSync("id", ["-g", "postgres"]).toString()),
    );
  pgPort = await freePort();
  pgTool("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  pgCtl("start");
  pgTool("createdb", ["-h", "127.0.0.1", "-p", String(pgPort), "-U", "postgres", "app"]);
  const databaseUrl = `postgresql://postgres@127.0.0.1:${pgPort}/app`;
  execFileSync("npx", ["tsx", "scripts/db-migrate.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });

  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const child = spawn("npx", ["tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: origin,
      APP_SECRET: "pg-outage-test-secret-0123456789abcdef",
      JOBS: "off",
      PAGE_CACHE: "off",
      DATABASE_URL: databaseUrl,
      SEARCH_DB: path.join(dir, "search.db"),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("TechFlow Help Center on")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
}, 180_000);

afterAll(() => {
  for (const child of children) if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  if (!skipReason && fs.existsSync(path.join(dataDir, "postmaster.pid"))) {
    try {
      pgCtl("stop");
    } catch {
      // Already stopped.
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skipReason !== null)("PostgreSQL restarted while serving", () => {
  it("answers 503 during the outage without hanging, reports db: down, and recovers without a restart", async () => {
    // A page whose loader reads the database (the page cache is off, so every request does).
    const page = "/community";
    expect((await get(page)).status).toBe(200);
    expect(JSON.parse((await get("/healthz")).body)).toMatchObject({ db: "ok" });

    pgCtl("stop");
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const during = await get(page);
        expect(during.status).toBe(503);
      }
      const health = await get("/healthz");
      expect(health.status).toBe(503);
      expect(JSON.parse(health.body)).toMatchObject({ db: "down" });
    } finally {
      pgCtl("start");
    }

    // Back by itself: the same server process answers again once PostgreSQL accepts connections.
    let after = await get(page);
    for (let attempt = 0; attempt < 60 && after.status !== 200; attempt++) {
      await sleep(250);
      after = await get(page);
    }
    expect(after.status).toBe(200);
    expect((await get("/healthz")).status).toBe(200);
    expect(children[0].exitCode).toBeNull();
  });
});
