import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { createAppServer } from "./app-server";
import { CLIENT_DIR, SERVER_BUILD } from "./build-dir";
import { PageCache } from "./page-cache";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const build = (await import(SERVER_BUILD)) as ServerBuild;

const server = createAppServer({
  build,
  clientDir: CLIENT_DIR,
  manifestFile: path.resolve(process.env.CONTENT_CACHE_DIR ?? ".content-cache", "manifest.json"),
  cache: process.env.PAGE_CACHE === "off" ? false : new PageCache(),
  trustProxy: process.env.TRUST_PROXY === "true",
});

server.listen(port, host, () => {
  console.log(`TechFlow Help Center on http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
