import { seededUser, signIn } from "./auth-helpers";
import { expect, test, waitForHydration } from "./helpers";

const CUSTOMER = seededUser("sam@acme.example");

test("the ticket form takes the phone from Settings, answers 'none' and 'not reproducible' in one click, and fits each section on a desktop screen", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, CUSTOMER.email, CUSTOMER.password, "/settings");
  await waitForHydration(page);
  const profile = page.locator("form#profile");
  await profile.getByLabel("Phone (optional)").fill("555");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByText("Enter a phone number (digits, spaces, + ( ) - .).").first()).toBeVisible();
  await profile.getByLabel("Phone (optional)").fill("+1 555 0177");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();

  const subject = `Dashboard blank ${Date.now().toString(36)}`;
  await page.goto(`/support/new?subject=${encodeURIComponent(subject)}`);
  await waitForHydration(page);
  await expect(page.getByLabel("Contact phone (required)")).toHaveValue("+1 555 0177");
  // Attachments are in view without unfolding anything.
  await expect(page.getByLabel("Attachments")).toBeVisible();
  // Each numbered section fits one 1366×768 screen below the header.
  const sections = page.locator('[data-testid^="ticket-section-"]');
  await expect(sections).toHaveCount(5);
  for (const section of await sections.all()) {
    const box = await section.boundingBox();
    expect(box?.height ?? Infinity, (await section.getAttribute("data-testid")) ?? "section").toBeLessThan(768 - 100);
  }

  await page.getByLabel("Describe the problem (required; Markdown allowed)").fill("The dashboard stays blank.");
  await page.getByLabel("Impact on your business (required)").fill("Managers cannot see the week's numbers.");
  await page.getByRole("radio", { name: "Just me" }).check();
  await page.getByLabel("When the issue started (required)").fill("2026-11-20T09:30");
  await page.getByLabel("No error message appears").check();
  await page.getByLabel("It cannot be reproduced").check();
  await page.getByLabel("What you have already tried (required)").fill("Reloading the page");
  await page.getByRole("radio", { name: /Priority 2/ }).check();
  await page.getByRole("button", { name: "File the ticket" }).click();

  await expect(page.getByTestId("ticket-filed")).toBeVisible();
  await expect(page.getByText("Not reproducible", { exact: true })).toBeVisible();
  await expect(page.getByText("Just me", { exact: true })).toBeVisible();
  await expect(page.getByText("+1 555 0177")).toBeVisible();
});
