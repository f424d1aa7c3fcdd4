import path from "node:path";

/** Where `remix vite:build` writes (vite.config.ts reads the same variable): several checkouts' test runs can build side by side. */
export const BUILD_DIR = path.resolve(process.env.BUILD_DIR ?? "build");
export const SERVER_BUILD = path.join(BUILD_DIR, "server/index.js");
export const CLIENT_DIR = path.join(BUILD_DIR, "client");
