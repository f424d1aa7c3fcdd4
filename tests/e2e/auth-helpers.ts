/** Helpers for tests/e2e/auth.e2e.ts: accounts made in the test, the outbox, sign-in, the session cookie. */
import http from "node:http";
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { SEED_USERS } from "../factories/users";
import { E2E_BASE_URL } from "./env";
import { E2E_DB_PATH, expect, waitForHydration } from "./helpers";

export const SESSION_COOKIE = "tf_session";

/** The exact copy the tests compare against (app/routes/*.tsx, app/auth/*.ts). */
export const COPY = {
  checkEmail: "Check your email",
  confirmSubject: "Confirm your email for the TechFlow Help Center",
  alreadyHaveSubject: "You already have a TechFlow Help Center account",
  resetSubject: "Reset your TechFlow Help Center password",
  welcome: "Welcome! Your email is confirmed and you are signed in.",
  resetSent:
    "If an account uses that address, we sent it a link to choose a new password. The link works once and expires in 1 hour.",
  passwordChanged: "Your password was changed. Sign in with the new one.",
  badCredentials: "That email and password don’t match an account. Check them and try again.",
  tooShort: "Use at least 12 characters.",
  tooCommon: "This password is too common. Choose one that others are unlikely to use.",
  linkUsed: "This confirmation link has expired or was already used.",
  resetLinkUsed: "This reset link has expired or was already used.",
  deviceSignedOut: "That device was signed out.",
  signedOut: "You are signed out.",
  signedOutEverywhere: "You are signed out on every device.",
} as const;

export function seededUser(email: string) {
  const user = SEED_USERS.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`no seeded user ${email} in tests/factories/users.ts`);
  return user;
}

export const ADMIN = SEED_USERS.find((user) => user.role === "admin")!;

export type NewUser = { name: string; email: string; password: string };

/** A user nobody else has: unique per test and per run, so reruns against the same database never collide. */
export function newUser(label: string): NewUser {
  const id = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  return {
    name: `E2E ${label} ${id}`,
    email: `e2e-${label}-${id}@example.test`,
    // Long, not in the common-password list, and not containing the email's local part.
    password: `violet-${randomBytes(4).toString("hex")}-harbour-${id.slice(-4)}`,
  };
}

// ---------------------------------------------------------------------------
// The outbox (mail the app "sends" when SMTP_URL is unset)

export type OutboxRow = { to: string; subject: string; text: string };

/** Reads the e2e server's OutboxEmail table directly, newest first (what an operator with the database would see). */
export function outboxFor(to: string): OutboxRow[] {
  const db = new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    return db
      .prepare('SELECT "to", subject, text FROM OutboxEmail WHERE "to" = ? ORDER BY createdAt DESC, rowid DESC')
      .all(to) as OutboxRow[];
  } finally {
    db.close();
  }
}

/**
 * Marks a session as seen a minute from now, as if that device had been used after this one (the
 * app records last-seen times only every few minutes, so real traffic cannot arrange it quickly).
 */
export function markSessionSeenLater(sessionToken: string) {
  const db = new Database(E2E_DB_PATH, { fileMustExist: true, timeout: 5_000 });
  try {
    const later = new Date(Date.now() + 60_000).toISOString().replace("Z", "+00:00");
    const changed = db
      .prepare('UPDATE "Session" SET lastSeenAt = ? WHERE id = ?')
      .run(later, sessionToken.split(".")[0]).changes;
    expect(changed, "the session row to mark").toBe(1);
  } finally {
    db.close();
  }
}

/** Waits for the newest message to `to` with `subject` (the app writes it before it redirects, so this is quick). */
export async function emailFromDb(to: string, subject: string): Promise<OutboxRow> {
  let found: OutboxRow | undefined;
  await expect
    .poll(() => (found = outboxFor(to).find((row) => row.subject === subject)), {
      message: `an email "${subject}" to ${to} in the outbox`,
      timeout: 5_000,
    })
    .toBeTruthy();
  return found!;
}

/** The same-site path of the first link in a message that goes to `pathname` (e.g. /verify-email?token=…). */
export function linkIn(text: string, pathname: string): string {
  const match = text.match(new RegExp(`https?://[^\\s]+${pathname.replace(/[/?]/g, "\\$&")}\\?token=[A-Za-z0-9]+`));
  expect(match, `a ${pathname} link in:\n${text}`).not.toBeNull();
  const url = new URL(match![0]);
  expect(url.origin, "links in email point at the site that sent them").toBe(E2E_BASE_URL);
  return url.pathname + url.search;
}

/**
 * Reads the newest message to `to` with `subject` the way the product intends: a staff admin
 * signs in (in a browser context of their own) and opens /admin/outbox.
 */
export async function emailFromAdminOutbox(browser: Browser, to: string, subject: string): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, ADMIN.email, ADMIN.password, "/admin/outbox");
    await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();
    const message = page.getByTestId("outbox-email").filter({ hasText: to }).filter({ hasText: subject }).first();
    await expect(message).toBeVisible();
    return await message.locator("pre").innerText();
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------
// Forms

/** Signs in through /login; with `redirectTo`, starts from /login?redirectTo=… and expects to land there. */
export async function signIn(page: Page, email: string, password: string, redirectTo?: string) {
  await page.goto(redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login");
  await waitForHydration(page);
  await fillSignIn(page, email, password);
  await expect(page).toHaveURL(pathMatcher(redirectTo ?? "/settings"));
}

export async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function fillSignUp(page: Page, user: NewUser) {
  await page.getByLabel("Name", { exact: true }).fill(user.name);
  await page.getByLabel("Work email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Fills /signup and expects the neutral "Check your email" page. */
export async function signUp(page: Page, user: NewUser) {
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, user);
  await expect(page).toHaveURL(pathMatcher("/signup?sent=1"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(COPY.checkEmail);
}

/** Opens a confirmation link and presses the button; the page ends up signed in on /settings (?welcome=1, cleared once shown). */
export async function confirmEmail(page: Page, link: string) {
  await page.goto(link);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm your email");
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/settings");
}

/** Matches a same-site URL by path and query exactly (toHaveURL compares whole URLs). */
export function pathMatcher(pathAndQuery: string) {
  return (url: URL) => url.pathname + url.search === pathAndQuery;
}

// ---------------------------------------------------------------------------
// Cookies

export async function sessionCookieOf(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
}

/** The session cookie's attributes: HttpOnly, SameSite=Lax, Path=/, a host-only cookie, and not Secure on plain http. */
export async function expectSessionCookie(context: BrowserContext) {
  const cookie = await sessionCookieOf(context);
  expect(cookie, `the ${SESSION_COOKIE} cookie`).toBeDefined();
  expect(cookie!.value).toMatch(/^[a-z2-7]+\.[a-z2-7]+$/);
  expect(cookie).toMatchObject({
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    domain: new URL(E2E_BASE_URL).hostname,
    secure: false,
  });
  // Max-Age is the session's 90-day absolute cap, so the cookie is persistent (expires is -1 for session cookies).
  const days = (cookie!.expires * 1000 - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(89);
  expect(days).toBeLessThanOrEqual(90);
  return cookie!;
}

// ---------------------------------------------------------------------------
// Raw HTTP, from a chosen loopback address

/**
 * Another loopback address for traffic that should not spend 127.0.0.1's rate-limit budgets (the
 * limits key on the socket's address). Linux answers the whole of 127.0.0.0/8 on lo; where the
 * address does not exist (macOS) requests fail with EADDRNOTAVAIL.
 */
export const SETUP_ADDRESS = "127.0.0.3";

/**
 * A fresh loopback address for each throwaway account: the sign-up budget (10 an hour per address)
 * is a limit the suite checks elsewhere, not one its setup should run into as suites add accounts.
 */
function setupAddressForOneSignUp(): string {
  const byte = () => 1 + Math.floor(Math.random() * 254);
  return `127.${byte()}.${byte()}.${byte()}`;
}

export type FormAnswer = { status: number; location: string | null; sessionCookie: string | null };

/** POSTs a form the way a browser would (same-site Origin, urlencoded) from `localAddress`. */
export function postForm(
  pathname: string,
  fields: Record<string, string>,
  localAddress = "127.0.0.1",
): Promise<FormAnswer> {
  const url = new URL(pathname, E2E_BASE_URL);
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: "POST",
        localAddress,
        headers: {
          // The app refuses any non-GET without a same-site Origin (app/lib/csrf.ts).
          origin: E2E_BASE_URL,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => {
          const cookie = (response.headers["set-cookie"] ?? [])
            .map((header) => header.match(new RegExp(`^${SESSION_COOKIE}=([^;]+)`))?.[1])
            .find(Boolean);
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location ?? null,
            sessionCookie: cookie ?? null,
          });
        });
      },
    );
    request.on("error", reject);
    request.setTimeout(10_000, () => request.destroy(new Error(`POST ${pathname} timed out`)));
    request.end(body);
  });
}

/**
 * Setup for tests that need a throwaway account: signs up and confirms over HTTP from a loopback
 * address of its own (so it does not spend 127.0.0.1's sign-up budget of 10 an hour; the browser
 * sign-up is covered by its own test). Returns the session token the confirmation started.
 */
export async function createConfirmedUser(user: NewUser): Promise<string> {
  let address = setupAddressForOneSignUp();
  const signUpFields = { name: user.name, email: user.email, password: user.password };
  const signUpAnswer = await postForm("/signup", signUpFields, address).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRNOTAVAIL") throw error;
    // No 127.0.0.3 here (not Linux): spend 127.0.0.1's budget instead.
    address = "127.0.0.1";
    return postForm("/signup", signUpFields, address);
  });
  expect(signUpAnswer, "POST /signup").toMatchObject({ status: 302, location: "/signup?sent=1" });
  const link = linkIn((await emailFromDb(user.email, COPY.confirmSubject)).text, "/verify-email");
  const token = new URL(link, E2E_BASE_URL).searchParams.get("token")!;
  const confirmAnswer = await postForm("/verify-email", { token }, address);
  expect(confirmAnswer, "POST /verify-email").toMatchObject({ status: 302, location: "/settings?welcome=1" });
  expect(confirmAnswer.sessionCookie).toBeTruthy();
  return confirmAnswer.sessionCookie!;
}
