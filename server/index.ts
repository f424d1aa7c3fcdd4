import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { startScheduledJobs } from "../app/jobs/scheduler.server";
import { inboundSettings } from "../app/email/settings.server";
import { startSmtpReceiver } from "../app/email/smtp-receiver.server";
import { prisma } from "../app/lib/db.server";
import { contentCacheDir, env, serverSettings } from "../app/lib/env.server";
import { createAppServer } from "./app-server";
import { CLIENT_DIR, SERVER_BUILD } from "./build-dir";
import { checkDatabaseAtStartup } from "./database-check";
import { startChatBroadcast } from "./chat-broadcast";
import { startLiveBroadcast } from "./live-broadcast";
import { startPurgeBroadcast } from "./purge-broadcast";
import { PageCache } from "./page-cache";

// A forgotten NODE_ENV would otherwise mean development mode (drafts shown, localhost accepted as Host) in production.
if (!process.env.NODE_ENV) {
  console.error("NODE_ENV is not set. Start the server with NODE_ENV=production (npm run serve does).");
  process.exit(1);
}
if (env.NODE_ENV !== "production") console.warn(`Running with NODE_ENV=${env.NODE_ENV}: not for production traffic.`);

const databaseProblem = await checkDatabaseAtStartup(env.DATABASE_URL);
if (databaseProblem) {
  console.error(databaseProblem);
  process.exit(1);
}

const build = (await import(SERVER_BUILD)) as ServerBuild;

/** The entry module's startBackgroundWork (app/entry.server.tsx); a build without it has nothing to start. */
function startBackgroundWorkOf(serverBuild: ServerBuild): () => Promise<void> {
  const entry = serverBuild.entry.module as { startBackgroundWork?: () => () => Promise<void> };
  return entry.startBackgroundWork?.() ?? (async () => {});
}

const cache = serverSettings.pageCache ? new PageCache() : false;
// Several instances share PostgreSQL: a purge on one reaches the others' caches (LISTEN/NOTIFY, decision record 011).
const sharedDatabase = /^postgres(ql)?:\/\//.test(env.DATABASE_URL);
if (cache && sharedDatabase) await startPurgeBroadcast(env.DATABASE_URL, { onResync: () => cache.clear() });
// Live replies have their own channel: they must reach other instances' readers with the page cache off too.
if (sharedDatabase) await startLiveBroadcast(env.DATABASE_URL);
// Live chat too: a customer on one instance and an agent on another hear each other (decision record 020).
if (sharedDatabase) await startChatBroadcast(env.DATABASE_URL);

const server = createAppServer({
  build,
  clientDir: CLIENT_DIR,
  manifestFile: path.join(contentCacheDir, "manifest.json"),
  cache,
});

server.listen(serverSettings.port, serverSettings.host, () => {
  const shown = serverSettings.host === "0.0.0.0" ? "localhost" : serverSettings.host;
  console.log(
    `TechFlow Help Center on http://${shown}:${serverSettings.port}${serverSettings.trustProxy ? " (trusting X-Forwarded-* from the proxy)" : ""}`,
  );
});

// Jobs run beside the server (unless JOBS=off); on shutdown, runs in progress finish and give their leases back.
const scheduler = startScheduledJobs();
// Queued tasks (indexing, notifications after a response) and the event-loop monitor run in the build's module graph.
const stopBackgroundWork = startBackgroundWorkOf(build);

// The email channel's SMTP receiver, when INBOUND_SMTP_PORT is set (npm start sets 2525).
const mailSettings = inboundSettings();
const mailReceiver = mailSettings.INBOUND_SMTP_PORT
  ? await startSmtpReceiver({
      db: prisma,
      settings: mailSettings,
      port: mailSettings.INBOUND_SMTP_PORT,
      host: mailSettings.INBOUND_SMTP_HOST,
    })
  : null;
if (mailReceiver)
  console.log(`Receiving support mail by SMTP on ${mailSettings.INBOUND_SMTP_HOST}:${mailSettings.INBOUND_SMTP_PORT}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(
    signal,
    () =>
      void Promise.all([scheduler?.stop(), stopBackgroundWork()])
        .then(() => new Promise<void>((resolve) => (mailReceiver ? mailReceiver.close(() => resolve()) : resolve())))
        .then(() => server.close(() => process.exit(0))),
  );
}
