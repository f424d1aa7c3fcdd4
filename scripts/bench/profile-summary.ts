/**
 * Where a CPU profile's time went: `npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top] [from-s] [to-s]`
 * (from/to: only the samples in that stretch of the profile, in seconds from its start; it also prints
 * how busy the thread was in each 2-second stretch, to find the phases of a benchmark).
 * Prints self time per function and per source (our modules by path, packages by name), and the total
 * time under ("inclusive") each of our functions, from a profile written by `node --cpu-prof`
 * (BENCH_MIXED_PROFILE=1 npm run bench:mixed writes one per database).
 */
import fs from "node:fs";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const [file, topArg, fromArg, toArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: profile-summary.ts <file.cpuprofile> [top]");
  process.exit(1);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const from = Number(fromArg ?? 0) * 1e6;
const to = toArg === undefined ? Number.POSITIVE_INFINITY : Number(toArg) * 1e6;
const selfMicros = new Map<number, number>();
const busyByStretch: number[] = [];
let clock = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  clock += delta;
  const stretch = Math.floor(clock / 2e6);
  if (byId.get(id)?.callFrame.functionName !== "(idle)") busyByStretch[stretch] = (busyByStretch[stretch] ?? 0) + delta;
  if (clock < from || clock > to) return;
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
});
const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);

function source(url: string) {
  if (!url) return "(native / idle / gc)";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return url;
  return url.replace(/^file:\/\/.*?\/(build[^/]*|build-server)\//, "$1/");
}

function label(node: ProfileNode) {
  const frame = node.callFrame;
  return `${frame.functionName || "(anonymous)"} ${source(frame.url)}:${frame.lineNumber + 1}`;
}

const selfByFunction = new Map<string, number>();
const selfBySource = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const node = byId.get(id)!;
  selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + micros);
  const src = source(node.callFrame.url);
  selfBySource.set(src, (selfBySource.get(src) ?? 0) + micros);
  // Inclusive time: each distinct function on the sample's stack counts once.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = label(byId.get(at)!);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
  }
}

function print(title: string, map: Map<string, number>, filter: (name: string) => boolean = () => true) {
  console.log(`\n${title}`);
  for (const [name, micros] of [...map]
    .filter(([name]) => filter(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    console.log(
      `${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
}

console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
console.log(
  `Busy per 2 s: ${Array.from(busyByStretch, (busy, stretch) => `${stretch * 2}s ${Math.round((busy ?? 0) / 2e4)}%`).join(", ")}`,
);
print("Self time by source", selfBySource);
print("Self time by function", selfByFunction);
print("Total time under our functions", inclusive, (name) => /\s(build|build-[^/]+|build-server)\//.test(name));
