import { execFileSync } from "node:child_process";
import Database from "better-sqlite3";
import { formatFirstResponseTarget, targetCountingSentence } from "../../app/support/policy";
import { outboxFor, seededUser, signIn } from "./auth-helpers";
import { E2E_BASE_URL, E2E_DATABASE_URL } from "./env";
import { E2E_DB_PATH, REPO_ROOT, expect, test, waitForHydration } from "./helpers";

/**
 * Contact support end to end: a Standard customer takes a suggested answer; a Professional customer
 * files a P2 with an attachment and sees the target; an agent replies; the customer reads the reply,
 * the ticket is solved and closed by the job, and the customer answers the survey from the emailed link.
 */

const STANDARD = seededUser("sam@acme.example");
const PROFESSIONAL = seededUser("pat@globex.example");
const AGENT = seededUser("alex.agent@techflow.example");

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

test("a Standard customer describes a problem and takes a suggested answer", async ({ page }) => {
  await signIn(page, STANDARD.email, STANDARD.password, "/support");
  await page.goto("/support");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "How to reach us on the Standard plan" })).toBeVisible();
  // Live chat is one of the channels (tests/e2e/chat.e2e.ts drives it); targets say how they are counted.
  await expect(page.getByRole("heading", { name: "Live chat", level: 3 })).toHaveCount(1);
  await expect(page.getByText(targetCountingSentence())).toBeVisible();
  await page.getByLabel("Subject").fill("choose ticket priority");
  const suggestions = page.getByTestId("suggestions");
  const first = suggestions.locator("details").first();
  await expect(first).toBeVisible();
  await first.locator("summary").click();
  await first.getByRole("button", { name: "This solved my problem" }).click();
  await expect(page.getByTestId("deflection-thanks")).toBeVisible();
  const confirmed = query<{ outcome: string; confirmed: number }>(
    `SELECT s.outcome AS outcome, COUNT(g.confirmedAt) AS confirmed FROM DeflectionSession s JOIN DeflectionSuggestion g ON g.sessionId = s.id
     JOIN "User" u ON u.id = s.userId WHERE u.email = ? GROUP BY s.id ORDER BY s.startedAt DESC LIMIT 1`,
    STANDARD.email,
  );
  expect(confirmed[0]).toEqual({ outcome: "confirmed", confirmed: 1 });
});

test("a customer files a P2 with an attachment, an agent replies, the customer reads it and answers the survey", async ({
  browser,
}) => {
  const customer = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await signIn(customer, PROFESSIONAL.email, PROFESSIONAL.password, "/support");
  await customer.goto(
    "/support?subject=Exports%20time%20out&description=The%20CSV%20export%20of%20big%20reports%20times%20out",
  );
  await customer.getByRole("button", { name: "Continue to a ticket" }).click();
  await expect(customer.getByRole("heading", { name: "File a ticket" })).toBeVisible();
  await waitForHydration(customer);
  await expect(customer.getByLabel("Subject (required)")).toHaveValue("Exports time out");
  await expect(customer.getByLabel("Account name")).toHaveValue("Globex Logistics");
  // Submitting with essentials missing: field errors, nothing stored.
  await customer.getByRole("button", { name: "File the ticket" }).click();
  await expect(customer.getByText("A phone number is required.").first()).toBeVisible();

  await customer.getByLabel("Contact phone (required)").fill("+1 555 0142");
  await customer.getByLabel("Impact on your business (required)").fill("Finance cannot close the month.");
  await customer.getByLabel("How many users").fill("12");
  await customer.getByLabel("When the issue started (required)").fill("2026-11-20T09:30");
  await customer.getByLabel("Exact error messages (required)").fill("Request timed out (504)");
  await customer.getByLabel("Steps to reproduce (required)").fill("Reports → Export → CSV");
  await customer.getByLabel("What you have already tried (required)").fill("Smaller date range works");
  await customer.getByRole("radio", { name: /Priority 2: High/ }).check();
  await expect(customer.getByTestId("response-target")).toHaveText(formatFirstResponseTarget("professional", 2));
  await customer.getByLabel("Attachments").setInputFiles({
    name: "console.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("TypeError: export worker timed out\n"),
  });
  await customer.getByRole("button", { name: "File the ticket" }).click();

  await expect(customer.getByTestId("ticket-filed")).toBeVisible();
  const number = (await customer.getByTestId("ticket-filed").textContent())!.match(/TF-\d{4}-\d{6}/)![0];
  await expect(customer.getByText(formatFirstResponseTarget("professional", 2)).first()).toBeVisible();
  await expect(customer.getByRole("link", { name: /console\.txt/ })).toBeVisible();

  const agentContext = await browser.newContext({ baseURL: E2E_BASE_URL });
  const agent = await agentContext.newPage();
  await signIn(agent, AGENT.email, AGENT.password, "/admin/tickets");
  await agent.goto("/admin/tickets");
  await agent.getByRole("link", { name: new RegExp(number) }).click();
  await expect(agent.getByTestId("deflection-trail")).toBeVisible();
  await agent.getByLabel("Message").fill("Thanks, we can reproduce it. **Workaround:** export one month at a time.");
  await agent.getByRole("button", { name: "Send public reply" }).click();
  await expect(agent.getByTestId("conversation")).toContainText("Workaround:");

  await customer.reload();
  await expect(customer.getByTestId("conversation")).toContainText("export one month at a time");
  await expect(customer.getByTestId("ticket-facts")).toContainText("Met");

  await agent.getByLabel(/^Status/).selectOption("solved");
  await agent.getByRole("button", { name: "Set" }).first().click();
  await expect(agent.getByText("Saved.")).toBeVisible();

  // The close job runs after the policy's days: move the solved time back instead of waiting.
  const db = new Database(E2E_DB_PATH, { fileMustExist: true, timeout: 5_000 });
  try {
    db.prepare("UPDATE Ticket SET solvedAt = ? WHERE number = ?").run(
      new Date(Date.now() - 30 * 24 * 3_600_000).toISOString().replace("Z", "+00:00"),
      number,
    );
  } finally {
    db.close();
  }
  execFileSync("npx", ["tsx", "scripts/jobs-run.ts", "close-solved-tickets"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: E2E_DATABASE_URL,
      PUBLIC_URL: E2E_BASE_URL,
      APP_SECRET: "e2e-only-secret-0123456789abcdef0123456789",
    },
    stdio: "pipe",
  });
  const mail = outboxFor(PROFESSIONAL.email).find(
    (row) => row.subject.includes(number) && row.subject.includes("How did we do"),
  );
  expect(mail, "the survey email").toBeDefined();
  const surveyUrl = new URL(mail!.text.match(/https?:\/\/\S+\/support\/survey\/\S+/)![0]);
  expect(surveyUrl.origin, "links in email point at the site that sent them").toBe(E2E_BASE_URL);
  const surveyLink = surveyUrl.pathname;

  // The link works without signing in.
  const anonymous = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await anonymous.goto(surveyLink);
  await anonymous.getByRole("radio", { name: "5" }).check();
  await anonymous.getByLabel("Anything to add? (optional)").fill("Fast and clear.");
  await anonymous.getByRole("button", { name: "Send" }).click();
  await expect(anonymous.getByTestId("survey-thanks")).toBeVisible();
  expect(
    query<{ rating: number }>(
      "SELECT s.rating AS rating FROM TicketSurvey s JOIN Ticket t ON t.id = s.ticketId WHERE t.number = ?",
      number,
    ),
  ).toEqual([{ rating: 5 }]);
});

test("another account's ticket is a 404", async ({ page }) => {
  const [theirs] = query<{ number: string }>(
    "SELECT t.number AS number FROM Ticket t JOIN CustomerAccount a ON a.id = t.accountId WHERE a.accountNumber = 'TF-100003' LIMIT 1",
  );
  await signIn(page, STANDARD.email, STANDARD.password, "/support/tickets");
  const response = await page.goto(`/support/tickets/${theirs!.number}`);
  expect(response?.status()).toBe(404);
});
