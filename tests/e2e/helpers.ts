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
