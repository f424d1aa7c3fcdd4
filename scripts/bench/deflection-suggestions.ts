/**
 * Keystroke → suggestions visible, in a real browser, on the contact-support flow (/support).
 *
 *   BUILD_DIR=build npx tsx scripts/bench/deflection-suggestions.ts   (npm run bench:deflection)
 *
 * Starts the production build on a fresh seeded SQLite database (JOBS off), opens /support in Debian
 * Chromium, and for each of 30 problem descriptions types the subject and description as a person
 * would, then measures from the last keystroke until suggestions are on screen (debounce, request,
 * search and render together). Reports p50/p95; no pass/fail threshold (speed is compared run to run).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { appServerCommand, freePort, run, startServer, stopServer, waitUntilReady, type Server } from "./processes";
import { environment, formatTable, repoRoot, round, writeResults } from "./shared";

const PROBLEMS: [subject: string, description: string][] = [
  ["Password reset email", "I never receive the password reset email"],
  ["Cannot sign in", "Login fails with invalid credentials after reset"],
  ["Two-factor", "Two-factor authentication code is not accepted"],
  ["Export fails", "The CSV export of reports fails with an error"],
  ["API rate limit", "Our API calls get 429 rate limit errors"],
  ["Webhook retries", "Webhooks are not retried after a timeout"],
  ["Invoice missing", "I cannot find last month's invoice"],
  ["Change plan", "How do I upgrade from Standard to Professional"],
  ["Add users", "How do I invite colleagues to our account"],
  ["Live chat hours", "When is live chat available for my plan"],
  ["Phone support", "What is the phone number for support"],
  ["Slow dashboard", "The dashboard is very slow to load"],
  ["Data import", "Importing a spreadsheet stops halfway"],
  ["SSO setup", "How do I configure single sign-on with SAML"],
  ["Delete account", "How can I delete my account and data"],
  ["Escalate ticket", "How do I escalate an urgent ticket"],
  ["Priority levels", "What counts as priority 1 critical"],
  ["Response time", "How fast will support respond to my ticket"],
  ["Integration broken", "The Slack integration stopped posting messages"],
  ["Mobile app crash", "The mobile app crashes when opening reports"],
  ["Billing card", "How do I change the credit card for billing"],
  ["Refund", "Can I get a refund for an annual plan"],
  ["Uptime SLA", "What uptime does the SLA guarantee"],
  ["Screen sharing", "Does support use screen sharing"],
  ["Attachments", "What files can I attach to a ticket"],
  ["Time zone", "Reports show the wrong time zone"],
  ["Notifications", "I get too many email notifications"],
  ["API token", "How do I create an API token"],
  ["Permissions", "A colleague cannot see our tickets"],
  ["Outage", "The service is down for all our users"],
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

async function main() {
  if (!fs.existsSync(path.resolve(repoRoot, process.env.BUILD_DIR ?? "build", "server/index.js"))) {
    console.error("Build the app first: npm run build (or BUILD_DIR=… npx remix vite:build)");
    process.exit(1);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-deflection-"));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  let server: Server | null = null;
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    await run("npx", ["prisma", "migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl });
    await run("npx", ["tsx", "prisma/seed.ts"], { ...process.env, DATABASE_URL: databaseUrl });
    const port = await freePort();
    const serverEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SEARCH_DB: path.join(dir, "search.db"),
      JOBS: "off",
    };
    delete serverEnv.SMTP_URL;
    delete serverEnv.MEILI_URL;
    // A fresh search file: index every source into it first (as the e2e server does), or nothing is found.
    const reindexEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, SEARCH_DB: serverEnv.SEARCH_DB };
    delete reindexEnv.MEILI_URL;
    await run("npx", ["tsx", "scripts/search-reindex.ts"], reindexEnv);
    server = startServer("app", port, ...appServerCommand(), serverEnv);
    await waitUntilReady(server);
    const page = await browser.newPage();
    const timings: number[] = [];
    const empty: string[] = [];
    for (const [subject, description] of PROBLEMS) {
      await page.goto(`${server.origin}/support`);
      const form = page.getByTestId("describe-form");
      await form.locator('[name="subject"]').first().fill(subject);
      const field = form.locator('[name="description"]').first();
      await field.click();
      await page.keyboard.type(description.slice(0, -1), { delay: 15 });
      // The answer to the request the last keystroke triggers (after the debounce), then its render.
      const answered = page.waitForResponse(
        (response) =>
          response.url().includes("/support/suggest?") &&
          decodeURIComponent(response.url().replace(/\+/g, " ")).includes(description),
        { timeout: 10_000 },
      );
      const started = performance.now();
      await page.keyboard.type(description.slice(-1));
      const body = (await (await answered).json()) as { suggestions?: unknown[] };
      const expected = body.suggestions?.length ?? 0;
      await page.waitForFunction(
        (count) =>
          document.querySelectorAll('[data-testid="suggestions"] li').length >= Math.min(count, 1) &&
          !document.querySelector('[data-testid="suggestions"]')?.textContent?.includes("Looking for answers"),
        expected,
        { polling: "raf", timeout: 10_000 },
      );
      const found = expected;
      timings.push(performance.now() - started);
      if (found === 0) empty.push(subject);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    const results = {
      machine: environment(),
      descriptions: PROBLEMS.length,
      p50Ms: round(percentile(sorted, 50)),
      p95Ms: round(percentile(sorted, 95)),
      maxMs: round(sorted[sorted.length - 1]!),
      withoutSuggestions: empty,
    };
    console.log(
      formatTable(
        ["descriptions", "p50 ms", "p95 ms", "max ms", "no suggestions"],
        [[PROBLEMS.length, results.p50Ms, results.p95Ms, results.maxMs, empty.length]],
      ),
    );
    if (empty.length) console.log(`No suggestions for: ${empty.join(", ")}`);
    console.log(`results: ${await writeResults("deflection-suggestions", results)}`);
  } finally {
    await browser.close();
    if (server) await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
