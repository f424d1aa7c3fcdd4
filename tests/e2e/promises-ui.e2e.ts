import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { COPY, emailFromDb, linkIn, newUser, pathMatcher, postForm, seededUser, signIn, fillSignIn } from "./auth-helpers";
import { E2E_BASE_URL } from "./env";
import { E2E_DB_PATH, expect, test, waitForHydration } from "./helpers";

/**
 * What the site promises its users in small things: a composer forgets what it sent (and an internal
 * note is never one click from the customer), staff find their tools at /admin, the site links its
 * own status page and forum, signing in returns you where you were, and ticket times are in your zone.
 */

const AGENT = seededUser("alex.agent@techflow.example");
const MODERATOR = seededUser("morgan.mod@techflow.example");
const ADMIN = seededUser("ada.admin@techflow.example");
const CUSTOMER = seededUser("pat@globex.example");
const MEMBER = seededUser("sam@acme.example");

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function write(sql: string, ...params: unknown[]) {
  const db = new Database(E2E_DB_PATH, { fileMustExist: true, timeout: 5_000 });
  try {
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

/** An open ticket of the given customer account (seeded: "Dashboard export to CSV times out" is open on every account). */
function openTicketOf(accountNumber: string): string {
  const [row] = query<{ number: string }>(
    `SELECT t.number AS number FROM Ticket t JOIN CustomerAccount a ON a.id = t.accountId
     WHERE a.accountNumber = ? AND t.status IN ('new', 'open', 'waiting-on-customer') ORDER BY t.seq LIMIT 1`,
    accountNumber,
  );
  expect(row, `an open ticket on ${accountNumber}`).toBeDefined();
  return row!.number;
}

function messagesOn(number: string) {
  return query<{ id: string; visibility: string; body: string }>(
    "SELECT m.id AS id, m.visibility AS visibility, m.bodyMarkdown AS body FROM TicketMessage m JOIN Ticket t ON t.id = m.ticketId WHERE t.number = ? ORDER BY m.createdAt",
    number,
  );
}

function unique(label: string) {
  return `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

async function focusedElementText(page: Page) {
  return page.evaluate(() => ({ id: document.activeElement?.id ?? "", text: document.activeElement?.textContent ?? "" }));
}

/** Contexts a test opened beside its own page: closed after it, so no test sees another's pages. */
const openContexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(openContexts.splice(0).map((context) => context.close()));
});

async function newContext(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, ...options });
  openContexts.push(context);
  return context;
}

async function signedInPage(browser: Browser, email: string, password: string, landing: string, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, email, password, landing);
  if (options.javaScriptEnabled === false) {
    // Signing in needs no script either, but the helper waits for hydration: carry the session into a script-free context.
    const cookies = await context.cookies();
    const plain = await newContext(browser, { javaScriptEnabled: false });
    await plain.addCookies(cookies);
    return plain.newPage();
  }
  return page;
}

// ---------------------------------------------------------------------------
// Links to the site's own pages

test("header, footer and articles link this site's status page, forum and ideas, never the guide's other hosts", async ({ page }) => {
  for (const path of ["/", "/kb/how-do-i-check-system-status", "/kb/where-can-i-find-answers-myself"]) {
    await page.goto(path);
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    expect(hrefs.filter((href) => /techflowsolutions\.com/.test(href) && !href.startsWith("mailto:")), `links to other hosts on ${path}`).toEqual([]);
  }
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Community" })).toHaveAttribute("href", "/community");
  const footer = page.locator("footer");
  await expect(footer.getByRole("link", { name: "System status" })).toHaveAttribute("href", "/status");
  await expect(footer.getByRole("link", { name: "Community forum" })).toHaveAttribute("href", "/community");
  await expect(footer.getByRole("link", { name: "Ideas and roadmap" })).toHaveAttribute("href", "/ideas");
  await page.goto("/kb/how-do-i-check-system-status");
  await page.getByRole("main").getByRole("link", { name: "/status", exact: true }).first().click();
  await expect(page).toHaveURL(pathMatcher("/status"));
});

// ---------------------------------------------------------------------------
// Signing in returns you where you were

test.describe("signing in", () => {
  test("the header's Sign in link carries the page, and signing in lands back on it", async ({ page }) => {
    const here = "/search?q=export";
    await page.goto(here);
    await waitForHydration(page);
    const signInLink = page.getByRole("banner").getByRole("link", { name: "Sign in" });
    await expect(signInLink).toHaveAttribute("href", `/login?redirectTo=${encodeURIComponent(here)}`);
    await signInLink.click();
    await expect(page).toHaveURL(pathMatcher(`/login?redirectTo=${encodeURIComponent(here)}`));
    await waitForHydration(page);
    await fillSignIn(page, MEMBER.email, MEMBER.password);
    await expect(page).toHaveURL(pathMatcher(here));
  });

  test("redirectTo pointing off the site is refused: sign-in lands on /settings", async ({ page }) => {
    for (const evil of ["//evil.example/steal", "https://evil.example/", "/\\evil.example", "/%5Cevil.example", "javascript:alert(1)"]) {
      const answer = await postForm("/login", { email: MEMBER.email, password: MEMBER.password, redirectTo: evil }, "127.0.0.41");
      expect(answer.status, evil).toBe(302);
      expect(answer.location, evil).toBe("/settings");
    }
    // The form never even offers it: the hidden field is the safe fallback.
    await page.goto(`/login?redirectTo=${encodeURIComponent("//evil.example")}`);
    await expect(page.locator('input[name="redirectTo"]')).toHaveValue("/settings");
  });

  test("someone who signs up instead of signing in is still brought back after confirming", async ({ page }) => {
    const here = "/kb/how-do-i-check-system-status";
    await page.goto(`/login?redirectTo=${encodeURIComponent(here)}`);
    await expect(page.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", `/signup?redirectTo=${encodeURIComponent(here)}`);
    await page.goto(`/signup?redirectTo=${encodeURIComponent(here)}`);
    await expect(page.locator('input[name="redirectTo"]')).toHaveValue(here);
    await expect(page.getByRole("link", { name: "Sign in" }).last()).toHaveAttribute("href", `/login?redirectTo=${encodeURIComponent(here)}`);

    // The form's post (from an address of its own, sparing this machine's sign-up budget), then the emailed link in the browser.
    const user = newUser("returnto");
    const answer = await postForm("/signup", { name: user.name, email: user.email, password: user.password, redirectTo: here }, "127.0.0.42");
    expect(answer).toMatchObject({ status: 302, location: "/signup?sent=1" });
    const mail = await emailFromDb(user.email, COPY.confirmSubject);
    expect(mail.text).toContain(`redirectTo=${encodeURIComponent(here)}`);
    const link = mail.text.match(/https?:\/\/\S+\/verify-email\?\S+/)![0];
    expect(linkIn(mail.text, "/verify-email")).toMatch(/^\/verify-email\?token=/);
    await page.goto(new URL(link).pathname + new URL(link).search);
    await page.getByRole("button", { name: "Confirm and sign in" }).click();
    await expect(page).toHaveURL(pathMatcher(here));
  });
});

