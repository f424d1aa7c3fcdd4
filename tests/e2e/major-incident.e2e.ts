import type { Page } from "@playwright/test";
import { seededUser, signIn } from "./auth-helpers";
import { AXE_PATH, seriousAxeViolations } from "./axe-check";
import { E2E_BASE_URL } from "./env";
import { collectPageErrors, expect, fileP1Ticket, test, waitForHydration } from "./helpers";

/**
 * A major incident end to end: an agent links a customer's Priority 1 ticket to a new status-page
 * incident; the incident's update shows on the customer's ticket; resolving asks for the root cause
 * analysis, which then shows on the status page and the ticket; the review meeting the agent schedules
 * in Los Angeles time shows on the customer's ticket in Berlin time. The changed pages (the agent's
 * ticket page before and after linking, the staff incident page, the customer's ticket, /status) pass axe on a
 * phone and a desktop.
 */

const CUSTOMER = seededUser("pat@globex.example");
const AGENT = seededUser("alex.agent@techflow.example");
const ROOT_CAUSE = "A payment gateway certificate expired; certificate renewals are now monitored and alerted.";

async function expectAxeClean(page: Page, path: string) {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto(path);
    await waitForHydration(page);
    expect(await seriousAxeViolations(page), `${path} at ${viewport.width}px`).toEqual([]);
  }
}

test("a P1 linked to an incident gets its updates, the root cause analysis and the review meeting", async ({
  browser,
}) => {
  const subject = `Payments down ${Date.now()}`;
  const customerContext = await browser.newContext({ baseURL: E2E_BASE_URL, timezoneId: "Europe/Berlin" });
  await customerContext.addInitScript({ path: AXE_PATH });
  const customer = await customerContext.newPage();
  const customerErrors = collectPageErrors(customer);
  await signIn(customer, CUSTOMER.email, CUSTOMER.password, "/support");
  const number = await fileP1Ticket(customer, subject);

  const agentContext = await browser.newContext({ baseURL: E2E_BASE_URL, timezoneId: "America/Los_Angeles" });
  await agentContext.addInitScript({ path: AXE_PATH });
  const agent = await agentContext.newPage();
  const agentErrors = collectPageErrors(agent);
  await signIn(agent, AGENT.email, AGENT.password, `/admin/tickets/${number}`);
  // The link section of an unlinked Priority 1 ticket.
  await expectAxeClean(agent, `/admin/tickets/${number}`);
  await agent.setViewportSize({ width: 1280, height: 800 });
  const linking = agent.getByRole("region", { name: "Major incident" });
  await linking.getByText("Open a new incident with this ticket").click();
  await expect(linking.getByLabel("Incident title")).toHaveValue(subject);
  await linking.getByLabel("First update for customers (Markdown)").fill("Payments fail for many customers.");
  await linking.getByRole("button", { name: "Open the incident and link this ticket" }).click();
  await expect(agent.getByText("Saved.")).toBeVisible();
  await expect(agent.getByTestId("ticket-incident")).toContainText(`Part of a major incident: ${subject}`);

  await agent.getByRole("link", { name: "Post updates and resolve it" }).click();
  await waitForHydration(agent);
  const incidentPath = new URL(agent.url()).pathname;
  await agent.locator('select[name="status"]').selectOption("identified");
  await agent.getByLabel("Update (Markdown)").fill("An expired **certificate** on the payment gateway.");
  await agent.getByRole("button", { name: "Post update" }).click();
  await expect(agent.getByText("An expired certificate on the payment gateway.").first()).toBeVisible();

  // The update is on the customer's ticket: in the incident panel and the history.
  await customer.goto(`/support/tickets/${number}`);
  const panel = customer.getByTestId("ticket-incident");
  await expect(panel).toContainText("An expired certificate on the payment gateway.");
  await expect(customer.getByTestId("timeline")).toContainText("Incident update: Identified");

  // Resolving asks for the root cause analysis.
  await agent.locator('select[name="status"]').selectOption("resolved");
  await agent.getByLabel("Update (Markdown)").fill("Payments work again.");
  await agent.getByRole("button", { name: "Post update" }).click();
  await expect(agent.getByText("Resolving a major incident needs its root cause analysis.").first()).toBeVisible();
  await agent.getByLabel(/^Root cause analysis \(Markdown; required/).fill(ROOT_CAUSE);
  await agent.getByRole("button", { name: "Post update" }).click();
  await expect(agent.getByText("Schedule the post-incident review meeting")).toBeVisible();

  const statusPage = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await statusPage.goto("/status");
  const card = statusPage.getByTestId("incident").filter({ hasText: subject });
  await card.getByText("Root cause analysis").click();
  await expect(card).toContainText("certificate renewals are now monitored");

  // The review meeting, picked in Los Angeles time (UTC-8 in January), shows in Berlin time (UTC+1).
  await waitForHydration(agent);
  await expect(agent.getByTestId("time-zone-summary")).toContainText("America/Los_Angeles");
  await agent.getByLabel("Date and time").fill("2099-01-15T09:00");
  await agent.getByLabel("Meeting link or dial-in (optional)").fill("https://meet.example/review");
  await agent.getByRole("button", { name: "Invite the customers" }).click();
  await expect(agent.getByTestId("review-scheduled")).toContainText("Jan 15, 2099, 9:00 AM PST");

  await customer.goto(`/support/tickets/${number}`);
  await waitForHydration(customer);
  await expect(customer.getByTestId("ticket-root-cause")).toContainText("certificate renewals are now monitored");
  await expect(customer.getByTestId("ticket-review-meeting")).toContainText("Jan 15, 2099, 6:00 PM GMT+1");

  await expectAxeClean(customer, `/support/tickets/${number}`);
  await expectAxeClean(customer, "/status");
  await expectAxeClean(agent, `/admin/tickets/${number}`);
  await expectAxeClean(agent, incidentPath);
  expect(customerErrors).toEqual([]);
  expect(agentErrors).toEqual([]);
});
