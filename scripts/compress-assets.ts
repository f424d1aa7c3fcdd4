/**
 * Runs after `remix vite:build` (npm run build:app): writes a brotli (.br) and a
 * gzip (.gz) copy next to every compressible file in <BUILD_DIR>/client, so the
 * server sends them with Content-Encoding instead of compressing per request.
 * Compression runs once, here, at the highest settings.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";

const COMPRESSIBLE = new Set([
  ".js",
  ".mjs",
  ".css",
  ".svg",
  ".json",
  ".webmanifest",
  ".txt",
  ".xml",
  ".html",
  ".map",
  ".vtt",
]);
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

async function main() {
  const clientDir = path.resolve(process.env.BUILD_DIR ?? "build", "client");
  let count = 0;
  let raw = 0;
  let brBytes = 0;
  let gzBytes = 0;
  const jobs: Promise<void>[] = [];
  for await (const file of files(clientDir)) {
    if (!COMPRESSIBLE.has(path.extname(file))) continue;
    jobs.push(
      (async () => {
        const data = await fs.readFile(file);
        if (data.length < MIN_BYTES) return;
        const [br, gz] = await Promise.all([
          brotli(data, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
              [zlib.BROTLI_PARAM_SIZE_HINT]: data.length,
            },
          }),
          gzipAsync(data, { level: 9 }),
        ]);
        // A copy that is not smaller is not worth a second file.
        if (br.length < data.length) await fs.writeFile(`${file}.br`, br);
        if (gz.length < data.length) await fs.writeFile(`${file}.gz`, gz);
        count++;
        raw += data.length;
        brBytes += Math.min(br.length, data.length);
        gzBytes += Math.min(gz.length, data.length);
      })(),
    );
  }
  await Promise.all(jobs);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `compress-assets: ${count} files in ${path.relative(process.cwd(), clientDir)}: ${kb(raw)} → brotli ${kb(brBytes)}, gzip ${kb(gzBytes)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
