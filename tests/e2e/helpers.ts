import { expect, test as base, type BrowserContext, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { E2E_DB_FILE } from "./env";

/** The repository root (this file lives in tests/e2e). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const E2E_DB_PATH = path.join(REPO_ROOT, E2E_DB_FILE);

export type VoteRow = { id: string; pageId: string; visitorId: string; helpful: number; comment: string | null };

/** Reads the e2e server's SQLite file directly, the way an operator would, never through the app. */
export function votesFor(pageId: string): VoteRow[] {
  const db = new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    return db
      .prepare("SELECT id, pageId, visitorId, helpful, comment FROM HelpfulVote WHERE pageId = ? ORDER BY id")
      .all(pageId) as VoteRow[];
  } finally {
    db.close();
  }
}

/** Rows from the e2e server's database (read-only, as an operator would look). */
export function queryDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Arranges what the UI cannot arrange quickly (a marker, a clock); returns how many rows changed. */
export function writeDb(sql: string, ...params: unknown[]): number {
  const db = new Database(E2E_DB_PATH, { fileMustExist: true, timeout: 5_000 });
  try {
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

export function voteOf(pageId: string, visitorId: string): VoteRow[] {
  return votesFor(pageId).filter((row) => row.visitorId === visitorId);
}

/** The anonymous visitor id the app set in its HttpOnly cookie. */
export async function visitorIdOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((candidate) => candidate.name === "tf_visitor");
  expect(cookie, "the vote should set the tf_visitor cookie").toBeDefined();
  return cookie!.value;
}

/** Resolves once React has hydrated the document (the layout's <main> has a fiber attached). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const main = document.querySelector("main");
    return main !== null && Object.keys(main).some((key) => key.startsWith("__reactFiber$"));
  });
}

/** Fails a test when any page in it throws an uncaught error (hydration crashes, bad client code). */
export function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on("pageerror", (error) => errors.push(error));
  return errors;
}

export const test = base.extend<{ pageErrors: Error[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors = collectPageErrors(page);
      await use(errors);
      expect(
        errors.map((error) => error.message),
        "uncaught errors in the page",
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Files a Priority 1 ticket through the support form as the signed-in customer on `page`; answers its number. */
export async function fileP1Ticket(customer: Page, subject: string) {
  await customer.goto(`/support?subject=${encodeURIComponent(subject)}&description=Every%20checkout%20fails`);
  await customer.getByRole("button", { name: "Continue to a ticket" }).click();
  await waitForHydration(customer);
  await customer.getByLabel("Contact phone (required)").fill("+1 555 0142");
  await customer.getByLabel("Impact on your business (required)").fill("No customer can pay.");
  await customer.getByRole("radio", { name: "Everyone in our account" }).check();
  await customer.getByLabel("When the issue started (required)").fill("2026-11-20T09:30");
  await customer.getByLabel("Exact error messages (required)").fill("Payment service unavailable (503)");
  await customer.getByLabel("Steps to reproduce (required)").fill("Add to cart → Pay");
  await customer.getByLabel("What you have already tried (required)").fill("Restarted the app");
  await customer.getByRole("radio", { name: /Priority 1/ }).check();
  await customer.getByLabel(/I confirm one of these is happening now/).check();
  await customer.getByRole("button", { name: "File the ticket" }).click();
  await expect(customer.getByTestId("ticket-filed")).toBeVisible();
  return (await customer.getByTestId("ticket-filed").textContent())!.match(/TF-\d{4}-\d{6}/)![0];
}
