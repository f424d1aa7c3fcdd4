/**
 * Child-process servers for the benchmarks: started in their own process
 * group, stopped as a group, and never left behind when a run fails or is
 * interrupted.
 */
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { SERVER_ENTRY } from "../../server/build-dir";
import { repoRoot } from "./shared";

const READY_TIMEOUT_MS = 60_000;

export type Server = { name: string; origin: string; child: ChildProcess; output: string[] };

/** Every child still running, so an error or Ctrl-C never leaves a server behind. */
export const running = new Set<Server>();
/** Removed on exit however the run ends; `finally` blocks don't run when a signal exits the process. */
export const tempDirs = new Set<string>();

/**
 * Signals a child's whole process group. A command like `npx tsx …` is several
 * processes (npm, sh, the tsx CLI, node); ending only the first can orphan the child.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group has already gone.
  }
}

/**
 * The production server as deployments run it: `node build-server/index.mjs`
 * (compiled by `npm run build:app`), so benchmarks measure no TypeScript loader.
 */
export function appServerCommand(): [string, string[]] {
  if (!fs.existsSync(SERVER_ENTRY)) {
    console.error(
      `Missing ${path.relative(repoRoot, SERVER_ENTRY)}: run \`npm run build\` (or npx tsx scripts/build-server.ts) first.`,
    );
    process.exit(1);
  }
  // BENCH_CPU_PROFILE_DIR=dir: every app server a bench starts writes a CPU profile there when it stops
  // (summarise one with scripts/bench/profile-summary.ts).
  const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  return [process.execPath, [...profile, SERVER_ENTRY]];
}

export function startServer(
  name: string,
  port: number,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Server {
  const origin = `http://127.0.0.1:${port}`;
  // A production server refuses to start without PUBLIC_URL (it answers only to that host) and APP_SECRET.
  const serverEnv =
    env.NODE_ENV === "production"
      ? { ...env, PUBLIC_URL: env.PUBLIC_URL ?? origin, APP_SECRET: env.APP_SECRET ?? randomBytes(32).toString("hex") }
      : env;
  // detached: the child leads a new process group, which signalGroup ends as a whole.
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: serverEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const server: Server = { name, origin, child, output: [] };
  const keep = (chunk: Buffer) => {
    server.output.push(chunk.toString());
    if (server.output.length > 200) server.output.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  running.add(server);
  return server;
}

export async function stopServer(server: Server) {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    signalGroup(child, "SIGTERM");
    await Promise.race([exited, sleep(5000)]);
  }
  // Whatever in the group outlived npm (or ignored SIGTERM) ends now.
  signalGroup(child, "SIGKILL");
  running.delete(server);
}

process.on("exit", () => {
  for (const server of running) signalGroup(server.child, "SIGKILL");
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\nInterrupted (${signal}); stopping servers.`);
    process.exit(130);
  });
}

/** Runs a command to completion, throwing with its output when it fails. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`)),
    );
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls /healthz until it answers 200 and returns its body; fails fast if the server exits. */
export async function waitUntilReady(server: Server): Promise<string> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(
        `${server.name} exited (${server.child.exitCode ?? server.child.signalCode}) before it was ready:\n${server.output.join("")}`,
      );
    }
    try {
      const response = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return await response.text();
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`${server.name} was not ready after ${READY_TIMEOUT_MS / 1000}s:\n${server.output.join("")}`);
}

/**
 * CPU seconds (user + system) used so far by every process in the server's
 * group (npx, tsx and the node that serves), from /proc. Unlike requests per
 * second, CPU per request hardly moves when other work shares the machine.
 * Null where /proc is missing.
 */
export function groupCpuSeconds(server: Server): number | null {
  const group = server.child.pid;
  if (group === undefined || !fs.existsSync("/proc/self/stat")) return null;
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // the process ended meanwhile
    }
    // Fields after the parenthesised command name: state ppid pgrp … utime (14th overall) stime (15th).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
  }
  // Linux reports in clock ticks of 1/100 s (getconf CLK_TCK).
  return ticks / 100;
}
