import path from "node:path";
import { env } from "../app/lib/env.server";

/** Where `remix vite:build` writes (vite.config.ts reads the same variable): several checkouts' test runs can build side by side. */
export const BUILD_DIR = path.resolve(env.BUILD_DIR);
export const SERVER_BUILD = path.join(BUILD_DIR, "server/index.js");
export const CLIENT_DIR = path.join(BUILD_DIR, "client");
/**
 * The compiled production server (scripts/build-server.ts), run with plain `node`. It lives in the
 * checkout, not in BUILD_DIR: its packages resolve from this checkout's node_modules, and it reads
 * BUILD_DIR at run time, so one copy serves every build directory.
 */
export const SERVER_ENTRY = path.resolve("build-server/index.mjs");
