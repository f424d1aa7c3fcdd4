import fs from "node:fs";
import type http from "node:http";
import path from "node:path";

/**
 * Serves the brotli and gzip copies that scripts/compress-assets.ts writes
 * next to build/client files at build time, when the browser accepts them.
 * Files without a copy (images, tiny files) fall through to express.static.
 */
type Variant = { file: string; size: number };
type CompressedFile = { type: string; br?: Variant; gzip?: Variant; immutable: boolean };

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".vtt": "text/vtt; charset=utf-8",
};

export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
export const SHORT_CACHE = "public, max-age=3600";

function walk(dir: string, found: string[] = []) {
  if (!fs.existsSync(dir)) return found;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else found.push(full);
  }
  return found;
}

/** URL path → its compressed copies, read once at start (the build does not change under a running server). */
export function indexCompressedFiles(clientDir: string): Map<string, CompressedFile> {
  const index = new Map<string, CompressedFile>();
  const files = new Set(walk(clientDir));
  for (const file of files) {
    if (file.endsWith(".br") || file.endsWith(".gz")) continue;
    const br = files.has(`${file}.br`) ? `${file}.br` : undefined;
    const gzip = files.has(`${file}.gz`) ? `${file}.gz` : undefined;
    if (!br && !gzip) continue;
    const urlPath = `/${path.relative(clientDir, file).split(path.sep).join("/")}`;
    index.set(urlPath, {
      type: TYPES[path.extname(file)] ?? "application/octet-stream",
      br: br ? { file: br, size: fs.statSync(br).size } : undefined,
      gzip: gzip ? { file: gzip, size: fs.statSync(gzip).size } : undefined,
      // Vite puts content-hashed files under /assets.
      immutable: urlPath.startsWith("/assets/"),
    });
  }
  return index;
}

/** The encodings a client accepts (q=0 refuses one). */
export function acceptedEncodings(header: string | undefined): { br: boolean; gzip: boolean } {
  if (!header) return { br: false, gzip: false };
  let br = false;
  let gzip = false;
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const refused = params.some((param) => /^\s*q=0(?:\.0*)?\s*$/.test(param));
    if (name === "br") br = !refused;
    else if (name === "gzip" || name === "x-gzip") gzip = !refused;
    else if (name === "*" && !refused) {
      br ||= !header.includes("br;q=0");
      gzip ||= !header.includes("gzip;q=0");
    }
  }
  return { br, gzip };
}

/** Returns true when it answered the request with a compressed copy. */
export function servePrecompressed(
  index: Map<string, CompressedFile>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  let pathname: string;
  try {
    pathname = decodeURIComponent(query < 0 ? url : url.slice(0, query));
  } catch {
    return false;
  }
  const entry = index.get(pathname);
  if (!entry) return false;
  const accepts = acceptedEncodings(req.headers["accept-encoding"] as string | undefined);
  const [encoding, variant] =
    accepts.br && entry.br ? ["br", entry.br] : accepts.gzip && entry.gzip ? ["gzip", entry.gzip] : [null, null];
  if (!encoding || !variant) {
    // The identity copy comes from express.static; caches must still key on the encoding.
    res.setHeader("Vary", "Accept-Encoding");
    return false;
  }
  res.writeHead(200, {
    "Content-Type": entry.type,
    "Content-Encoding": encoding,
    "Content-Length": variant.size,
    Vary: "Accept-Encoding",
    "Cache-Control": entry.immutable ? IMMUTABLE_CACHE : SHORT_CACHE,
  });
  if (req.method === "HEAD") res.end();
  else fs.createReadStream(variant.file).pipe(res);
  return true;
}
