/**
 * `npm start` on one machine: the production server with the two settings a
 * deployment must choose (PUBLIC_URL, APP_SECRET) filled in for localhost.
 * The secret is made once and kept in data/.app-secret, so signed links
 * (unsubscribe, surveys) survive restarts. Deployments run `npm run serve`
 * with their own values; the server refuses to start without them.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { SERVER_ENTRY } from "../server/build-dir";

const secretFile = path.resolve("data/.app-secret");

function localSecret(): string {
  if (fs.existsSync(secretFile)) return fs.readFileSync(secretFile, "utf8").trim();
  fs.mkdirSync(path.dirname(secretFile), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  fs.writeFileSync(secretFile, secret, { mode: 0o600 });
  return secret;
}

const port = process.env.PORT ?? "3000";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}`,
  APP_SECRET: process.env.APP_SECRET ?? localSecret(),
  // Support mail by SMTP on this machine (npm run serve opens it only when set).
  INBOUND_SMTP_PORT: process.env.INBOUND_SMTP_PORT ?? "2525",
};
// The compiled server (npm run build:app wrote it): no TypeScript loader in the request path.
const child = spawn(process.execPath, [SERVER_ENTRY], { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
