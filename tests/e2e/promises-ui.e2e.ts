import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import Database from "better-sqlite3";
import {
  COPY,
  emailFromDb,
  linkIn,
  newUser,
  pathMatcher,
  postForm,
  seededUser,
  signIn,
  fillSignIn,
} from "./auth-helpers";
import { SUPPORT_TIME_ZONE_NAME } from "../../app/support/policy";
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
  return page.evaluate(() => ({
    id: document.activeElement?.id ?? "",
    text: document.activeElement?.textContent ?? "",
  }));
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

async function signedInPage(
  browser: Browser,
  email: string,
  password: string,
  landing: string,
  options: { javaScriptEnabled?: boolean } = {},
) {
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
// Composers

test.describe("the agent's composer", () => {
  test("an internal note is written in its own yellow mode, leaves the composer once added, and never rides along with a public reply", async ({
    browser,
  }) => {
    const number = openTicketOf("TF-100002");
    const page = await signedInPage(browser, AGENT.email, AGENT.password, `/admin/tickets/${number}`);
    await waitForHydration(page);
    const publicBox = page.getByLabel("Message to the customer");
    const noteBox = page.getByLabel("Note for the team");
    // Public reply is the starting mode: the note box and its button are not on screen.
    await expect(page.getByRole("radio", { name: "Public reply" })).toBeChecked();
    await expect(publicBox).toBeVisible();
    await expect(noteBox).toBeHidden();
    await expect(page.getByRole("button", { name: "Add internal note" })).toBeHidden();

    const replyDraft = unique("Public draft for the customer");
    await publicBox.fill(replyDraft);
    await page.getByRole("radio", { name: "Internal note" }).check();
    await expect(publicBox).toBeHidden();
    await expect(noteBox).toBeVisible();
    await expect(page.getByTestId("internal-mode-label")).toHaveText(/only staff see this/);
    await expect(page.getByRole("button", { name: "Send public reply" })).toBeHidden();
    // The note mode is visibly different: a yellow (amber) panel, red and green well above blue.
    const [red, green, blue] = await page.locator("#internal-note-form").evaluate((element) => {
      // Computed colours may be oklch(); a canvas turns any CSS colour into sRGB bytes.
      const context = document.createElement("canvas").getContext("2d")!;
      context.fillStyle = getComputedStyle(element).backgroundColor;
      context.fillRect(0, 0, 1, 1);
      return [...context.getImageData(0, 0, 1, 1).data];
    });
    const background = `rgb(${red}, ${green}, ${blue})`;
    expect(red! - blue!, `note background ${background} is yellowish`).toBeGreaterThan(20);
    expect(green! - blue!, `note background ${background} is yellowish`).toBeGreaterThan(10);

    const note = unique("Internal: customer is on the old exporter");
    await noteBox.fill(note);
    await page.getByRole("button", { name: "Add internal note" }).click();
    await expect(page.getByTestId("conversation")).toContainText(note);
    await expect(noteBox).toHaveValue("");
    const focused = await focusedElementText(page);
    expect(focused.id).toMatch(/^message-/);
    expect(focused.text).toContain(note);
    expect(focused.text).toContain("Internal note");

    // The reply's own draft waited in its mode; sending it sends that text and nothing of the note.
    await page.getByRole("radio", { name: "Public reply" }).check();
    await expect(publicBox).toHaveValue(replyDraft);
    await page.getByRole("button", { name: "Send public reply" }).click();
    await expect(page.getByTestId("conversation")).toContainText(replyDraft);
    await expect(publicBox).toHaveValue("");
    const stored = messagesOn(number);
    expect(stored.filter((message) => message.body === note).map((message) => message.visibility)).toEqual([
      "internal",
    ]);
    expect(stored.filter((message) => message.body === replyDraft).map((message) => message.visibility)).toEqual([
      "public",
    ]);
    expect(stored.filter((message) => message.visibility === "public" && message.body.includes(note))).toEqual([]);
  });

  test("a message without a mode is refused, not sent to the customer", async ({ browser }) => {
    const number = openTicketOf("TF-100002");
    const page = await signedInPage(browser, AGENT.email, AGENT.password, `/admin/tickets/${number}`);
    const body = unique("No mode given");
    const response = await page.request.post(`/admin/tickets/${number}`, {
      multipart: { intent: "reply", body },
      headers: { origin: E2E_BASE_URL },
    });
    expect(response.status()).toBe(400);
    expect(messagesOn(number).filter((message) => message.body === body)).toEqual([]);
  });

  test.describe("without JavaScript", () => {
    test("the mode switch and an internal note work with plain form posts", async ({ browser }) => {
      const number = openTicketOf("TF-100002");
      const page = await signedInPage(browser, AGENT.email, AGENT.password, `/admin/tickets/${number}`, {
        javaScriptEnabled: false,
      });
      await page.goto(`/admin/tickets/${number}`);
      await expect(page.getByLabel("Message to the customer")).toBeVisible();
      await expect(page.getByLabel("Note for the team")).toBeHidden();
      await page.getByRole("radio", { name: "Internal note" }).check();
      const note = unique("No-script note");
      await page.getByLabel("Note for the team").fill(note);
      await page.getByRole("button", { name: "Add internal note" }).click();
      await expect(page.getByTestId("conversation")).toContainText(note);
      expect(new URL(page.url()).hash).toMatch(/^#message-/);
      // A fresh page after the post: the composer is empty and back in the public mode.
      await expect(page.getByRole("radio", { name: "Public reply" })).toBeChecked();
      await page.getByRole("radio", { name: "Internal note" }).check();
      await expect(page.getByLabel("Note for the team")).toHaveValue("");
      expect(
        messagesOn(number)
          .filter((message) => message.body === note)
          .map((message) => message.visibility),
      ).toEqual(["internal"]);
    });
  });
});

test("the customer's reply box lets go of its text and file once the reply is sent", async ({ browser }) => {
  const number = openTicketOf("TF-100002");
  const page = await signedInPage(browser, CUSTOMER.email, CUSTOMER.password, `/support/tickets/${number}`);
  await waitForHydration(page);
  const reply = unique("Here is the log you asked for");
  await page.getByLabel("Your reply").fill(reply);
  await page.getByLabel("Attach files").setInputFiles({
    name: "export-log.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("export worker: timeout after 30s\n"),
  });
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByTestId("conversation")).toContainText(reply);
  await expect(page.getByLabel("Your reply")).toHaveValue("");
  await expect(page.getByLabel("Attach files")).toHaveValue("");
  const focused = await focusedElementText(page);
  expect(focused.id).toMatch(/^message-/);
  expect(focused.text).toContain(reply);
  expect(focused.text).toContain("export-log.txt");
  expect(messagesOn(number).filter((message) => message.body === reply)).toHaveLength(1);
});

test("the forum reply box empties after posting and focus lands on the new post", async ({ browser }) => {
  const [thread] = query<{ id: number; slug: string }>(
    `SELECT t.id AS id, t.slug AS slug FROM ForumThread t JOIN ForumCategory c ON c.id = t.categoryId
     WHERE t.locked = 0 AND t.deletedAt IS NULL AND t.hiddenAt IS NULL AND t.mergedIntoId IS NULL AND t.duplicateOfId IS NULL ORDER BY t.id LIMIT 1`,
  );
  expect(thread, "a thread open for replies").toBeDefined();
  const page = await signedInPage(browser, MEMBER.email, MEMBER.password, `/community/t/${thread!.id}-${thread!.slug}`);
  await waitForHydration(page);
  const reply = unique("Same here, restarting the sync helped");
  await page.getByLabel("Reply", { exact: true }).fill(reply);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page).toHaveURL(/#post-\d+$/);
  const postId = new URL(page.url()).hash.slice(1);
  await expect(page.locator(`#${postId}`)).toContainText(reply);
  await expect(page.getByLabel("Reply", { exact: true })).toHaveValue("");
  await expect(page.getByRole("button", { name: "Post reply" })).toBeEnabled();
  expect((await focusedElementText(page)).id).toBe(postId);
  expect(
    query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM ForumPost WHERE threadId = ? AND bodyMarkdown = ?",
      thread!.id,
      reply,
    )[0]!.n,
  ).toBe(1);
});

// ---------------------------------------------------------------------------
// The staff home

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");

test.describe("the staff home", () => {
  test("an agent's Staff link goes to /admin, which lists their tools with what needs attention", async ({
    browser,
  }) => {
    const page = await signedInPage(browser, AGENT.email, AGENT.password, "/kb");
    // Staff tools are in the account menu under the agent's name.
    await page.getByTestId("account-menu").locator("summary").click();
    await expect(page.getByRole("link", { name: "Staff", exact: true })).toHaveAttribute("href", "/admin");
    await page.getByRole("link", { name: "Staff", exact: true }).click();
    await expect(page).toHaveURL(pathMatcher("/admin"));
    await expect(page.getByRole("heading", { level: 1, name: "Staff home" })).toBeVisible();
    const tools = page.getByTestId("staff-tools");
    for (const name of ["Ticket queue", "Content gaps", "Scheduled jobs", "Users and accounts"])
      await expect(tools.getByRole("link", { name, exact: true })).toBeVisible();
    // Agents neither review flags nor read the outbox (moderators and admins do): those tools are not offered.
    for (const name of ["Review queue", "Outbox", "Data deletion requests"])
      await expect(tools.getByRole("link", { name, exact: true })).toHaveCount(0);
    await tools.getByRole("link", { name: "Ticket queue", exact: true }).click();
    await expect(page).toHaveURL(pathMatcher("/admin/tickets"));
  });

  test("the counts follow the queues: a ticket past its first-response target and a failed job show up with links", async ({
    browser,
  }) => {
    const page = await signedInPage(browser, ADMIN.email, ADMIN.password, "/admin");
    const ticketCard = page
      .getByTestId("staff-tools")
      .locator("li")
      .filter({ has: page.getByRole("link", { name: "Ticket queue", exact: true }) });
    // Only the breached part: "due within the hour" can change on its own while the test runs.
    const breachedCount = async () =>
      Number((await ticketCard.getByText(/tickets? at SLA risk/).textContent())!.match(/(\d+) breached/)?.[1] ?? 0);
    const before = await breachedCount();

    // A new ticket nobody has answered, whose first-response target passed an hour ago.
    const [fresh] = query<{ number: string }>(
      "SELECT number FROM Ticket WHERE status IN ('new', 'open') AND firstRespondedAt IS NULL AND firstResponseDueAt > ? ORDER BY seq LIMIT 1",
      new Date().toISOString().replace("Z", "+00:00"),
    );
    expect(fresh, "a new ticket still inside its first-response target").toBeDefined();
    const runId = `e2e-failed-run-${Date.now().toString(36)}`;
    const failedJob = "prune-sessions";
    write(
      "UPDATE Ticket SET firstResponseDueAt = ? WHERE number = ?",
      new Date(Date.now() - 3_600_000).toISOString().replace("Z", "+00:00"),
      fresh!.number,
    );
    write(
      "INSERT INTO JobRun (id, job, instance, status, startedAt, finishedAt, error) VALUES (?, ?, 'e2e', 'failed', ?, ?, 'disk full')",
      runId,
      failedJob,
      new Date(Date.now() + 60_000).toISOString().replace("Z", "+00:00"),
      new Date(Date.now() + 61_000).toISOString().replace("Z", "+00:00"),
    );
    try {
      await page.reload();
      expect(await breachedCount()).toBe(before + 1);
      const attention = page.getByTestId("attention");
      const jobsLink = attention.getByRole("link", { name: new RegExp(`failed on the last run: .*${failedJob}`) });
      await expect(jobsLink).toBeVisible();
      await expect(attention.getByRole("link", { name: /at SLA risk/ })).toHaveAttribute("href", "/admin/tickets");
      await jobsLink.click();
      await expect(page).toHaveURL(pathMatcher("/admin/jobs"));
    } finally {
      write("DELETE FROM JobRun WHERE id = ?", runId);
    }
  });

  test("a moderator sees the review queue with the number of flagged posts waiting", async ({ browser }) => {
    const waiting = query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM ForumPost p JOIN ForumThread t ON t.id = p.threadId WHERE p.deletedAt IS NULL AND t.deletedAt IS NULL
       AND (EXISTS (SELECT 1 FROM ForumFlag f WHERE f.postId = p.id AND f.resolvedAt IS NULL) OR (p.hiddenReason = 'flagged' AND p.hiddenAt IS NOT NULL))`,
    )[0]!.n;
    const page = await signedInPage(browser, MODERATOR.email, MODERATOR.password, "/admin");
    const review = page
      .getByTestId("staff-tools")
      .locator("li")
      .filter({ has: page.getByRole("link", { name: "Review queue", exact: true }) });
    await expect(review).toContainText(`${waiting} flagged post${waiting === 1 ? "" : "s"} waiting for review`);
    // Moderators do not work tickets: no ticket queue, and no count of it.
    await expect(page.getByRole("link", { name: "Ticket queue", exact: true })).toHaveCount(0);
  });

  test("members get a 404 at /admin, and visitors are asked to sign in", async ({ browser, page }) => {
    const anonymous = await page.goto("/admin");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(anonymous?.status()).toBe(200);
    const member = await signedInPage(browser, MEMBER.email, MEMBER.password, "/settings");
    await expect(member.getByRole("link", { name: "Staff", exact: true })).toHaveCount(0);
    const response = await member.goto("/admin");
    expect(response?.status()).toBe(404);
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`/admin has no serious or critical axe violations (${scheme})`, async ({ browser }) => {
      const context = await newContext(browser, { colorScheme: scheme });
      const page = await context.newPage();
      await signIn(page, ADMIN.email, ADMIN.password, "/admin");
      await page.addInitScript({ path: AXE_PATH });
      await page.reload();
      await waitForHydration(page);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                context: Document,
                options: object,
              ) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        return (await axe.run(document, { resultTypes: ["violations"] })).violations;
      });
      expect(
        violations
          .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
          .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
      ).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------------------
// Links to the site's own pages

test("header, footer and articles link this site's status page, forum and ideas, never the guide's other hosts", async ({
  page,
}) => {
  for (const path of ["/", "/kb/how-do-i-check-system-status", "/kb/where-can-i-find-answers-myself"]) {
    await page.goto(path);
    const hrefs = await page
      .locator("a[href]")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    expect(
      hrefs.filter((href) => /techflowsolutions\.com/.test(href) && !href.startsWith("mailto:")),
      `links to other hosts on ${path}`,
    ).toEqual([]);
  }
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Community" })).toHaveAttribute(
    "href",
    "/community",
  );
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
    for (const evil of [
      "//evil.example/steal",
      "https://evil.example/",
      "/\\evil.example",
      "/%5Cevil.example",
      "javascript:alert(1)",
    ]) {
      const answer = await postForm(
        "/login",
        { email: MEMBER.email, password: MEMBER.password, redirectTo: evil },
        "127.0.0.41",
      );
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
    await expect(page.getByRole("link", { name: "Create an account" })).toHaveAttribute(
      "href",
      `/signup?redirectTo=${encodeURIComponent(here)}`,
    );
    await page.goto(`/signup?redirectTo=${encodeURIComponent(here)}`);
    await expect(page.locator('input[name="redirectTo"]')).toHaveValue(here);
    await expect(page.getByRole("link", { name: "Sign in" }).last()).toHaveAttribute(
      "href",
      `/login?redirectTo=${encodeURIComponent(here)}`,
    );

    // The form's post (from an address of its own, sparing this machine's sign-up budget), then the emailed link in the browser.
    const user = newUser("returnto");
    const answer = await postForm(
      "/signup",
      { name: user.name, email: user.email, password: user.password, redirectTo: here },
      "127.0.0.42",
    );
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

// ---------------------------------------------------------------------------
// The ticket form's time zone

async function fillTicket(page: Page, startedAt: string) {
  await page.getByLabel("Contact phone (required)").fill("+49 30 1234567");
  await page.getByLabel("Impact on your business (required)").fill("Month-end reports are late.");
  await page.getByRole("radio", { name: "A number" }).check();
  await page.getByLabel("How many users").fill("3");
  await page.getByLabel("When the issue started (required)").fill(startedAt);
  await page.getByLabel("No error message appears").check();
  await page.getByLabel("Steps to reproduce (required)").fill("Open Reports, export");
  await page.getByLabel("What you have already tried (required)").fill("Another browser");
  await page.getByRole("radio", { name: /Priority 4/ }).check();
}

test.describe("the ticket form's time zone", () => {
  test("starts at the browser's zone, says so, and files the time in it", async ({ browser }) => {
    const context = await newContext(browser, { timezoneId: "Europe/Berlin" });
    const page = await context.newPage();
    await signIn(
      page,
      CUSTOMER.email,
      CUSTOMER.password,
      `/support/new?subject=${encodeURIComponent(unique("Berlin export"))}`,
    );
    await waitForHydration(page);
    await expect(page.getByTestId("time-zone-summary")).toHaveText(/Times are in Europe\/Berlin/);
    await expect(page.locator('select[name="issueTimeZone"]')).toHaveValue("Europe/Berlin");
    await page
      .getByLabel("Describe the problem (required; Markdown allowed)")
      .fill("The CSV export stops with an error after a minute.");
    await fillTicket(page, "2026-12-01T10:00");
    // The zone can still be changed: the choice opens with focus on it.
    await page.getByRole("button", { name: "(change)" }).click();
    await expect(page.getByLabel("Your time zone")).toBeFocused();
    await expect(page.getByLabel("Your time zone")).toHaveValue("Europe/Berlin");
    await page.getByRole("button", { name: "File the ticket" }).click();
    await expect(page.getByTestId("ticket-filed")).toBeVisible();
    const number = (await page.getByTestId("ticket-filed").textContent())!.match(/TF-\d{4}-\d{6}/)![0];
    const [stored] = query<{ startedAt: string | number }>(
      "SELECT issueStartedAt AS startedAt FROM Ticket WHERE number = ?",
      number,
    );
    // 10:00 in Berlin (CET, UTC+1 in December) is 09:00 UTC.
    expect(
      new Date(
        typeof stored!.startedAt === "number" ? stored!.startedAt : stored!.startedAt.replace(" ", "T"),
      ).toISOString(),
    ).toBe("2026-12-01T09:00:00.000Z");
  });

  test("without JavaScript the form says Eastern Time (ET) and offers the choice", async ({ browser }) => {
    const page = await signedInPage(browser, CUSTOMER.email, CUSTOMER.password, "/support", {
      javaScriptEnabled: false,
    });
    await page.goto("/support/new");
    await expect(page.getByLabel("Your time zone")).toBeVisible();
    await expect(page.getByLabel("Your time zone")).toHaveValue("America/New_York");
    await expect(page.getByText(`Shown in ${SUPPORT_TIME_ZONE_NAME} unless you choose your own zone.`)).toBeVisible();
  });
});
