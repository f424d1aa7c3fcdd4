import { createHash, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { MAX_FILE_BYTES, MAX_TICKET_BYTES } from "../../app/tickets/attachment-rules";
import { seededUser, signIn } from "./auth-helpers";
import { expect, test, waitForHydration } from "./helpers";

/**
 * Ticket attachments in the browser, against the production server: the form promises 10 MB a file
 * and 25 MB in all, and keeps that promise. A file past a cap is refused with a message beside the
 * file input while everything typed stays; accepted files download with the same bytes.
 */

const CUSTOMER = seededUser("erin@initech.example");
const MB = 1024 * 1024;

/**
 * A PNG of `size` bytes on disk (its signature, then random bytes, so every upload is a new file):
 * the browser picks it up by path, as a customer's file chooser would; handing it megabytes over the
 * DevTools protocol instead takes longer than an action may.
 */
function png(name: string, size: number) {
  const buffer = randomBytes(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buffer);
  const file = test.info().outputPath(name);
  writeFileSync(file, buffer);
  return { file, buffer };
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function openTicketForm(page: Page, subject: string) {
  await signIn(page, CUSTOMER.email, CUSTOMER.password, "/support/new");
  await waitForHydration(page);
  await page.getByLabel("Subject (required)").fill(subject);
  await page.getByLabel("Contact phone (required)").fill("+1 555 0199");
  await page
    .getByLabel("Describe the problem (required; Markdown allowed)")
    .fill("Screenshots of the failing export are attached.");
  await page.getByLabel("Impact on your business (required)").fill("Reports are late.");
  await page.getByRole("radio", { name: "Some of our users" }).check();
  await page.getByLabel("When the issue started (required)").fill("2026-11-20T09:30");
  await page.getByLabel("No error message appears").check();
  await page.getByLabel("Steps to reproduce (required)").fill("Export the monthly report.");
  await page.getByLabel("What you have already tried (required)").fill("Another browser.");
  await page.getByRole("radio", { name: /Priority 3/ }).check();
}

/** Every attachment link on the page, downloaded with the page's session. */
async function downloads(page: Page, fileName: string) {
  const link = page.getByRole("link", { name: new RegExp(fileName.replace(".", "\\.")) });
  await expect(link).toBeVisible();
  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  return Buffer.from(await response.body());
}

test("a ticket takes a 3 MB screenshot and a 10 MB file, a reply takes another, and each downloads with the same bytes", async ({
  page,
}) => {
  test.slow();
  const screenshot = png("screenshot.png", 3 * MB);
  const largest = png("largest.png", MAX_FILE_BYTES);
  await openTicketForm(page, "Export fails: screenshots attached");
  await page.getByLabel("Attachments").setInputFiles([screenshot.file, largest.file]);
  await page.getByRole("button", { name: "File the ticket" }).click();
  await expect(page.getByTestId("ticket-filed")).toBeVisible();
  expect(sha256(await downloads(page, "screenshot.png"))).toBe(sha256(screenshot.buffer));
  expect(sha256(await downloads(page, "largest.png"))).toBe(sha256(largest.buffer));

  const followUp = png("follow-up.png", 3 * MB);
  await page.getByLabel("Your reply").fill("One more screenshot, from this morning.");
  await page.getByLabel("Attach files").setInputFiles(followUp.file);
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByTestId("conversation")).toContainText("One more screenshot, from this morning.");
  expect(sha256(await downloads(page, "follow-up.png"))).toBe(sha256(followUp.buffer));
});

test("26 MB of files in all is refused with the reason, and what the customer typed stays", async ({ page }) => {
  test.slow();
  const subject = "Export fails: too many screenshots";
  await openTicketForm(page, subject);
  await page
    .getByLabel("Attachments")
    .setInputFiles(
      [png("one.png", 10 * MB), png("two.png", 10 * MB), png("three.png", 6 * MB)].map((upload) => upload.file),
    );
  await page.getByRole("button", { name: "File the ticket" }).click();
  await expect(page.locator("#field-attachments-error")).toContainText(
    `Attachments on one ticket may add up to ${MAX_TICKET_BYTES / MB} MB`,
  );
  await expect(page).toHaveURL(/\/support\/new/);
  await expect(page.getByLabel("Subject (required)")).toHaveValue(subject);
  await expect(page.getByLabel("Describe the problem (required; Markdown allowed)")).toHaveValue(
    "Screenshots of the failing export are attached.",
  );
  await expect(page.getByLabel("Steps to reproduce (required)")).toHaveValue("Export the monthly report.");
});

test("one file over 10 MB is refused with the reason, and what the customer typed stays", async ({ page }) => {
  test.slow();
  const subject = "Export fails: one big recording";
  await openTicketForm(page, subject);
  await page.getByLabel("Attachments").setInputFiles(png("recording.png", MAX_FILE_BYTES + 1).file);
  await page.getByRole("button", { name: "File the ticket" }).click();
  await expect(page.locator("#field-attachments-error")).toContainText("“recording.png” is larger than 10 MB");
  await expect(page).toHaveURL(/\/support\/new/);
  await expect(page.getByLabel("Subject (required)")).toHaveValue(subject);
  await expect(page.getByLabel("What you have already tried (required)")).toHaveValue("Another browser.");
});
