/**
 * Runs after `remix vite:build` (npm run build:app): compiles the production
 * server (server/index.ts and the app modules it imports) into one ES module,
 * build-server/index.mjs, that plain `node` runs.
 *
 * Why: under tsx every cached page cost about 36–40 µs of user CPU, compiled
 * about 19–21 µs (hello-world node: about 13 µs), measured from /proc while
 * `npm run bench:pages` ran; production should not carry a TypeScript
 * toolchain anyway. Packages stay external (resolved from node_modules at run
 * time), exactly as tsx resolved them. Decision record 013.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { SERVER_ENTRY } from "../server/build-dir";

const result = await build({
  // The Markdown worker thread (app/lib/markdown-threads.server.ts) loads its own file beside the server.
  entryPoints: {
    [path.basename(SERVER_ENTRY, ".mjs")]: path.resolve("server/index.ts"),
    "markdown-worker": path.resolve("app/lib/markdown-worker.server.ts"),
  },
  outdir: path.dirname(SERVER_ENTRY),
  outExtension: { ".js": ".mjs" },
  write: false,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  // Kept readable: stack traces from production should name our functions.
  minify: false,
  logLevel: "warning",
});
// Side-by-side builds in one checkout write the same files: a rename never leaves a half-written server for a start in between.
await fs.mkdir(path.dirname(SERVER_ENTRY), { recursive: true });
for (const file of result.outputFiles) {
  const temporary = `${file.path}.${process.pid}.tmp`;
  await fs.writeFile(temporary, file.contents);
  await fs.rename(temporary, file.path);
}
console.log(`build-server: ${path.relative(process.cwd(), SERVER_ENTRY)}`);
