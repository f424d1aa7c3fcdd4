import type { Browser } from "@playwright/test";
import { seededUser, signIn } from "./auth-helpers";
import { AXE_PATH, seriousAxeViolations } from "./axe-check";
import { E2E_BASE_URL } from "./env";
import { expect, test, waitForHydration, writeDb } from "./helpers";

/**
 * The chat panel as a customer sees it: a sheet on a phone with its own Minimise control, a panel on
 * a desktop, light and dark, axe clean; minimised it stays minimised across pages and keeps the
 * conversation. Then the two offers that depend on the clock, driven with Playwright's clock (their
 * logic runs in the browser): after 2 minutes in the queue, "continue by ticket or email"; out of
 * hours, when chat opens and a ticket carrying what was typed.
 */

const ENTERPRISE = seededUser("erin@initech.example");
const STANDARD = seededUser("sam@acme.example");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

function resetChats() {
  writeDb("DELETE FROM ChatConversation");
  writeDb("DELETE FROM ChatAgent");
  writeDb("DELETE FROM RateLimitWindow WHERE key LIKE 'write:chat%'");
}

async function customerPage(
  browser: Browser,
  who: { email: string; password: string },
  options: { phone?: boolean; scheme?: "light" | "dark"; timezoneId?: string } = {},
) {
  const context = await browser.newContext({
    baseURL: E2E_BASE_URL,
    colorScheme: options.scheme ?? "light",
    timezoneId: options.timezoneId,
    viewport: options.phone ? PHONE : DESKTOP,
    ...(options.phone ? { isMobile: true, hasTouch: true } : {}),
  });
  await context.addInitScript({ path: AXE_PATH });
  const page = await context.newPage();
  await signIn(page, who.email, who.password, "/kb");
  return page;
}

for (const device of ["phone", "desktop"] as const) {
  for (const scheme of ["light", "dark"] as const) {
    test(`${device}, ${scheme}: the open chat panel, minimised and back, axe clean`, async ({ browser }, testInfo) => {
      resetChats();
      const page = await customerPage(browser, ENTERPRISE, { phone: device === "phone", scheme });
      await page.goto("/kb");
      await waitForHydration(page);
      await page.getByRole("button", { name: "Chat with us" }).click();
      const panel = page.locator("#chat-panel");
      // The panel is a region named Live chat (pages may also have a "Live chat" section of their own).
      await expect(panel).toHaveRole("region");
      await expect(panel.getByRole("heading", { name: "Live chat" })).toBeVisible();
      await panel.getByLabel("How can we help?").fill("Where do I find the export settings?");
      await panel.getByRole("button", { name: "Start chat" }).click();
      await expect(panel.getByTestId("queue")).toBeVisible();
      const minimise = panel.getByRole("button", { name: /^Minimise/ });
      await expect(minimise).toBeVisible();
      const box = (await panel.boundingBox())!;
      const control = (await minimise.boundingBox())!;
      // A touch-sized control on every device.
      expect(Math.min(control.width, control.height)).toBeGreaterThanOrEqual(44);
      if (device === "phone") {
        // A sheet: the full width along the bottom, leaving the top of the page in view; the launcher steps aside.
        expect(Math.round(box.width)).toBe(PHONE.width);
        expect(Math.round(box.y + box.height)).toBe(PHONE.height);
        expect(box.height).toBeLessThanOrEqual(PHONE.height * 0.7 + 1);
        await expect(page.getByRole("button", { name: "Close chat" })).toBeHidden();
      } else {
        expect(box.width).toBeLessThanOrEqual(24 * 16 + 1);
      }
      await page.screenshot({ path: testInfo.outputPath(`chat-panel-${device}-${scheme}.png`) });
      expect(await seriousAxeViolations(page)).toEqual([]);

      // Minimised: hidden, the launcher back, and it stays so on the next page (a full load).
      await panel.getByLabel("Your message").fill("half-typed");
      await minimise.click();
      await expect(panel).toBeHidden();
      const launcher = page.getByRole("button", { name: /Chat with us/ });
      await expect(launcher).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`chat-minimised-${device}-${scheme}.png`) });
      await launcher.click();
      // The conversation and what was being typed are still there.
      await expect(panel.getByText("Where do I find the export settings?")).toBeVisible();
      await expect(panel.getByLabel("Your message")).toHaveValue("half-typed");
      await panel.getByRole("button", { name: /^Minimise/ }).click();
      await page.goto("/support");
      await waitForHydration(page);
      await expect(page.getByRole("button", { name: /Chat with us/ })).toBeVisible();
      await expect(page.locator("#chat-panel")).toBeHidden();
      await page.getByRole("button", { name: /Chat with us/ }).click();
      await expect(page.locator("#chat-panel").getByText("Where do I find the export settings?")).toBeVisible();
      await page.context().close();
    });
  }
}

test("on a short desktop screen, with answers offered while waiting, the message box, Send and End chat stay in the panel's view", async ({
  browser,
}) => {
  resetChats();
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, viewport: { width: 1366, height: 640 } });
  const page = await context.newPage();
  await signIn(page, ENTERPRISE.email, ENTERPRISE.password, "/kb");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Chat with us" }).click();
  const panel = page.locator("#chat-panel");
  await panel
    .getByLabel("How can we help?")
    .fill("How do I reset my password, sign in with two-factor and export my data?");
  await panel.getByRole("button", { name: "Start chat" }).click();
  await expect(panel.getByText("While you wait: these may answer it")).toBeVisible();
  const inside = async (name: RegExp) => {
    const box = (await panel.boundingBox())!;
    const control = (await panel.getByRole("button", { name }).first().boundingBox())!;
    return control.y >= box.y && control.y + control.height <= box.y + box.height;
  };
  expect(await inside(/^Send/)).toBe(true);
  expect(await inside(/^End chat/)).toBe(true);
  // A message sent then shows at the foot of the conversation, in view.
  await panel.getByLabel("Your message").fill("Also: where is the export button?");
  await panel.getByRole("button", { name: /^Send/ }).click();
  // The message list, not the box: until the send completes the box still holds the same words.
  await expect(
    panel.getByRole("list", { name: "Chat messages" }).getByText("Also: where is the export button?"),
  ).toBeInViewport();
  await expect(panel.getByLabel("Your message")).toHaveValue("");
  await context.close();
});

test("after 2 minutes in the queue the panel offers a ticket or email, keeping the place in the queue", async ({
  browser,
}) => {
  resetChats();
  const page = await customerPage(browser, ENTERPRISE);
  await page.clock.install();
  await page.goto("/kb");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Chat with us" }).click();
  const panel = page.locator("#chat-panel");
  await panel.getByLabel("How can we help?").fill("Exports stop at 10,000 rows");
  await panel.getByRole("button", { name: "Start chat" }).click();
  await expect(panel.getByTestId("queue")).toBeVisible();
  await page.clock.fastForward("01:30");
  await expect(panel.getByText("No agent has answered yet")).toBeHidden();
  await page.clock.fastForward("00:35");
  await expect(panel.getByText("No agent has answered yet")).toBeVisible();
  await expect(panel.getByTestId("queue")).toBeVisible();
  const ticket = panel.getByRole("link", { name: "continue by ticket" });
  const target = new URL((await ticket.getAttribute("href"))!, E2E_BASE_URL);
  expect(target.pathname).toBe("/support/new");
  expect(target.searchParams.get("subject")).toBe("Exports stop at 10,000 rows");
  await expect(panel.getByRole("link", { name: /@/ })).toHaveAttribute("href", /^mailto:/);
  await page.context().close();
});

test("out of hours a Standard customer is told when chat opens, in their zone, and offered a ticket with their text", async ({
  browser,
}) => {
  resetChats();
  const page = await customerPage(browser, STANDARD, { timezoneId: "Europe/Berlin" });
  // Saturday afternoon: Standard chat is Monday to Friday.
  await page.clock.install({ time: new Date("2026-12-12T15:00:00Z") });
  await page.goto("/kb");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Chat with us" }).click();
  const panel = page.locator("#chat-panel");
  await expect(panel.getByRole("status")).toContainText("Chat is closed now. It opens Monday, 2:00 PM");
  await expect(panel.getByRole("button", { name: "Start chat" })).toHaveCount(0);
  await panel.getByLabel("How can we help?").fill("Invoices show the wrong VAT\nSince the December update.");
  const ticket = panel.getByRole("link", { name: "File a ticket with this message" });
  const target = new URL((await ticket.getAttribute("href"))!, E2E_BASE_URL);
  expect(target.searchParams.get("subject")).toBe("Invoices show the wrong VAT");
  expect(target.searchParams.get("description")).toContain("Since the December update.");
  // Monday 8 AM Eastern has come: the panel offers the chat again.
  await page.clock.setFixedTime(new Date("2026-12-14T13:30:00Z"));
  await page.clock.runFor(31_000);
  await expect(panel.getByRole("button", { name: "Start chat" })).toBeVisible();
  await page.context().close();
});
