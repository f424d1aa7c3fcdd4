import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

/** Migrates one template database; each test worker copies it (tests/setup/worker-database.ts). */
export default function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  fs.rmSync(TEMPLATE_DB, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return () => fs.rmSync(TMP_DIR, { recursive: true, force: true });
}
