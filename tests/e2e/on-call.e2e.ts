import { emailFromDb, seededUser, signIn } from "./auth-helpers";
import { E2E_BASE_URL } from "./env";
import { collectPageErrors, expect, fileP1Ticket, queryDb, test, waitForHydration, writeDb } from "./helpers";

/**
 * On call end to end: a customer files a Priority 1; the seeded on-call agent's page is in the outbox;
 * its signed link acknowledges it without signing in; the agent's public update moves the next-update
 * time the customer sees.
 */

const CUSTOMER = seededUser("pat@globex.example");
const AGENT = seededUser("alex.agent@techflow.example");

const nextUpdateDue = (number: string) =>
  queryDb<{ due: string }>("SELECT nextUpdateDueAt AS due FROM Ticket WHERE number = ?", number)[0]!.due;

test("a P1 filed by a customer pages the on-call agent, who acknowledges from the mail and updates the customer", async ({
  browser,
}) => {
  const subject = `Checkout is down ${Date.now()}`;
  const customer = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await signIn(customer, CUSTOMER.email, CUSTOMER.password, "/support");
  const number = await fileP1Ticket(customer, subject);
  // The confirmation says the on-call engineers are alerted; the hotline is offered to Enterprise only (Pat is Professional).
  await expect(customer.getByTestId("p1-filed")).toContainText("engineers on call have been alerted");
  await expect(customer.getByTestId("p1-filed")).not.toContainText("hotline");

  const page = await emailFromDb(AGENT.email, `[PAGE] Priority 1 ${number}: ${subject}`);
  const link = page.text.match(/https?:\/\/\S+\/admin\/on-call\/ack\/\S+/)?.[0];
  expect(link, "an acknowledge link in the page mail").toBeTruthy();
  const phone = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await phone.goto(new URL(link!).pathname);
  await expect(phone.getByRole("heading", { level: 1 })).toContainText(number);
  await phone.getByRole("button", { name: "Acknowledge" }).click();
  await expect(phone.getByText("Acknowledged: the paging has stopped.")).toBeVisible();

  // Four hours pass without an update: the due time is now.
  const earlier = new Date(Date.now() - 60_000).toISOString().replace("Z", "+00:00");
  expect(writeDb("UPDATE Ticket SET nextUpdateDueAt = ? WHERE number = ?", earlier, number)).toBe(1);
  const before = nextUpdateDue(number);

  const agent = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await signIn(agent, AGENT.email, AGENT.password, `/admin/tickets/${number}`);
  await expect(agent.getByTestId("on-call-page")).toContainText("Acknowledged by Alex Chen");
  await agent.getByLabel("Message").fill("Update: the payment provider is failing over; next update soon.");
  await agent.getByRole("button", { name: "Send public reply" }).click();
  await expect.poll(() => nextUpdateDue(number)).not.toBe(before);
  expect(new Date(nextUpdateDue(number)).getTime()).toBeGreaterThan(Date.now());

  await customer.goto(`/support/tickets/${number}`);
  const due = customer.locator("dt", { hasText: "Next update due" }).locator("xpath=following-sibling::dd[1]");
  await expect(due.locator("time")).toHaveAttribute("datetime", new Date(nextUpdateDue(number)).toISOString());
});

test("staff see who is on call at /admin/on-call and add an override for a date range", async ({ page }) => {
  const errors = collectPageErrors(page);
  await signIn(page, AGENT.email, AGENT.password, "/admin/on-call");
  await waitForHydration(page);
  await expect(page.getByTestId("on-call-now")).toContainText("Primary Alex Chen");
  await expect(page.getByTestId("on-call-now")).toContainText("secondary Ada Novak");
  const overrides = page.getByRole("region", { name: "Overrides" });
  await overrides.getByLabel("Starts").fill("2099-07-10T09:00");
  await overrides.getByLabel("Ends").fill("2099-07-12T09:00");
  await overrides.getByLabel("Primary").selectOption({ label: "Ada Novak (Admin)" });
  await overrides.getByLabel("Note (optional)").fill("Swap for the summit");
  await overrides.getByRole("button", { name: "Add the override" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(overrides.getByRole("listitem").filter({ hasText: "Swap for the summit" })).toContainText("Ada Novak");
  expect(errors).toEqual([]);
});
