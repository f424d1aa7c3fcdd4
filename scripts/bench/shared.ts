/** Helpers shared by the benchmark scripts. */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, whatever folder the script is started from. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Describes the machine a figure came from; numbers from different machines don't compare.
 * Call it before the run: the load average then shows what else was competing for the CPUs.
 */
export function environment() {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    loadAverage1mAtStart: round(os.loadavg()[0], 2),
  };
}

/** Writes bench-results/<name> (git-ignored) and returns its path relative to the repository. */
export async function writeResults(name: string, data: unknown): Promise<string> {
  const dir = path.join(repoRoot, "bench-results");
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await fs.writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
  return path.relative(repoRoot, file);
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A plain-text table with right-aligned columns after the first. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join("  ");
  return [line(cells[0]), widths.map((width) => "-".repeat(width)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** A positive number from an environment variable, for shortening or lengthening runs. */
export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

export function mark(ok: boolean) {
  return ok ? "✓" : "✗";
}
