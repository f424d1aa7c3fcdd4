/**
 * `npm run bench:instances`: signed-in page throughput with two app instances ÷ one instance, both on one
 * PostgreSQL database (the PostgreSQL profile's way to scale), on this one machine.
 *
 *   BUILD_DIR=build npm run bench:instances     (BENCH_INSTANCES_SECONDS=8, BENCH_INSTANCES_PAGE=/community)
 *
 * Two production servers share a fresh seeded database. A staff member signs in on A; the same cookie is
 * used on B (sessions live in the database). Signed-in pages skip the page cache, so every request runs
 * its loaders against PostgreSQL. wrk drives 16 connections at A alone, then 8 at A and 8 at B at the same
 * time, in turns (one, two, one); the ratio is two ÷ the mean of the one-instance runs. Both instances
 * and the database share the same CPUs, so the ratio says how much of a second core a second instance
 * finds here (≤ 2 by construction); on separate machines it would be the load balancer's gain.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createBenchDatabase, parseWrk, signIn } from "./app-databases";
import { appServerCommand, freePort, startServer, stopServer, waitUntilReady, type Server } from "./processes";
import { environment, formatTable, numberFromEnv, repoRoot, round, writeResults } from "./shared";

const SECONDS = Math.round(numberFromEnv("BENCH_INSTANCES_SECONDS", 8));
const PAGE = process.env.BENCH_INSTANCES_PAGE ?? "/community";
const CONNECTIONS = 16;

function wrk(origin: string, connections: number, seconds: number, cookie: string) {
  return new Promise<NonNullable<ReturnType<typeof parseWrk>>>((resolve, reject) => {
    const child = spawn("wrk", [
      "-t1",
      `-c${connections}`,
      `-d${seconds}s`,
      "--timeout",
      "10s",
      "-H",
      `Cookie: ${cookie}`,
      "-H",
      "Accept-Encoding: gzip",
      `${origin}${PAGE}`,
    ]);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("exit", () => {
      const parsed = parseWrk(output);
      if (parsed) resolve(parsed);
      else reject(new Error(`wrk failed:\n${output}`));
    });
  });
}

async function main() {
  if (!fs.existsSync(path.resolve(repoRoot, process.env.BUILD_DIR ?? "build", "server/index.js"))) {
    console.error("Build the app first: npm run build (or BUILD_DIR=… npx remix vite:build)");
    process.exit(1);
  }
  if (spawnSync("wrk", ["--version"], { stdio: "ignore" }).error !== undefined) {
    console.error("wrk is not installed (apt-get install wrk); this bench needs it.");
    process.exit(1);
  }
  const machine = environment();
  const database = await createBenchDatabase("postgres", "instances");
  const servers: Server[] = [];
  try {
    for (const name of ["A", "B"]) {
      const port = await freePort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        DATABASE_URL: database.url,
        JOBS: "off",
      };
      delete env.SMTP_URL;
      servers.push(startServer(`instance ${name}`, port, ...appServerCommand(), env));
    }
    await Promise.all(servers.map((server) => waitUntilReady(server)));
    const [a, b] = servers;
    const cookie = await signIn(a.origin);
    for (const server of servers) {
      const response = await fetch(`${server.origin}${PAGE}`, { headers: { cookie } });
      const html = await response.text();
      if (!response.ok || !html.includes("Ada Novak"))
        throw new Error(`${server.name} did not serve ${PAGE} signed in (${response.status})`);
    }
    const one = () => wrk(a.origin, CONNECTIONS, SECONDS, cookie);
    const two = async () => {
      const [onA, onB] = await Promise.all([
        wrk(a.origin, CONNECTIONS / 2, SECONDS, cookie),
        wrk(b.origin, CONNECTIONS / 2, SECONDS, cookie),
      ]);
      return {
        requestsPerSecond: onA.requestsPerSecond + onB.requestsPerSecond,
        errors: onA.socketErrors + onA.badStatus + onB.socketErrors + onB.badStatus,
      };
    };
    await wrk(a.origin, CONNECTIONS, 2, cookie);
    await wrk(b.origin, CONNECTIONS, 2, cookie);
    const first = await one();
    const both = await two();
    const last = await one();
    const single = (first.requestsPerSecond + last.requestsPerSecond) / 2;
    const errors = first.socketErrors + first.badStatus + last.socketErrors + last.badStatus + both.errors;
    const result = {
      page: PAGE,
      secondsPerRun: SECONDS,
      oneInstancePerSecond: round(single),
      twoInstancesPerSecond: round(both.requestsPerSecond),
      twoOverOne: round(both.requestsPerSecond / single, 2),
      errors,
    };
    console.log(
      formatTable(
        ["signed-in page", "1 instance /s", "2 instances /s", "2 ÷ 1", "errors"],
        [[PAGE, result.oneInstancePerSecond, result.twoInstancesPerSecond, result.twoOverOne, errors]],
      ),
    );
    console.log(
      `\n${machine.cpus} CPUs shared by both instances, PostgreSQL and wrk (load average at start ${machine.loadAverage1mAtStart}).`,
    );
    console.log(`Wrote ${await writeResults("instances.json", { machine, result })}`);
  } finally {
    for (const server of servers) await stopServer(server);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
