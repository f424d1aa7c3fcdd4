import type { BrowserContext, Page } from "@playwright/test";
import { createConfirmedUser, newUser, SESSION_COOKIE } from "./auth-helpers";
import { E2E_BASE_URL } from "./env";
import { expect, test, waitForHydration } from "./helpers";

/**
 * The site header: one row on a desktop when signed in, a compact bar with a Menu on phones, the
 * account menu under the member's name, and the theme chosen there kept across reloads.
 */

async function signInNewMember(context: BrowserContext, label: string) {
  const user = newUser(label);
  const session = await createConfirmedUser(user);
  await context.addCookies([
    { name: SESSION_COOKIE, value: session, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" },
  ]);
  return user;
}

async function headerHeight(page: Page) {
  return (await page.getByRole("banner").boundingBox())!.height;
}

test.describe("on a 1366 px desktop, signed in", () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test("the header is one row, at most 80 px tall, and the name opens the account menu", async ({ page, context }) => {
    const user = await signInNewMember(context, "header-desktop");
    await page.goto("/kb");
    await waitForHydration(page);
    expect(await headerHeight(page)).toBeLessThanOrEqual(80);
    // Logo, sections, search and account share one row: their vertical centres agree.
    const banner = page.getByRole("banner");
    const centres = await Promise.all(
      [
        banner.getByRole("link", { name: "TechFlow Help Center" }),
        banner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contact support" }),
        banner.getByRole("combobox", { name: "Search the help center" }),
        page.getByTestId("signed-in-as"),
      ].map(async (locator) => {
        const box = (await locator.boundingBox())!;
        return box.y + box.height / 2;
      }),
    );
    for (const centre of centres) expect(Math.abs(centre - centres[0])).toBeLessThan(12);

    const menu = page.getByTestId("account-menu");
    await expect(page.getByTestId("signed-in-as")).toHaveText(user.name);
    await expect(menu.getByRole("link", { name: "Settings" })).toBeHidden();
    await menu.locator("summary").click();
    for (const name of ["Settings", "Your tickets", "Notifications"])
      await expect(menu.getByRole("link", { name, exact: true })).toBeVisible();
    await expect(menu.getByRole("group", { name: "Theme" })).toBeVisible();
    await expect(menu.getByRole("button", { name: "Sign out" })).toBeVisible();
    // Escape closes it and gives focus back to the name.
    await page.keyboard.press("Escape");
    await expect(menu.getByRole("link", { name: "Settings" })).toBeHidden();
    await expect(menu.locator("summary")).toBeFocused();
    await menu.locator("summary").click();
    await menu.getByRole("link", { name: "Your tickets" }).click();
    await expect(page).toHaveURL(/\/support\/tickets$/);
    await expect(menu.getByRole("link", { name: "Settings" })).toBeHidden();
  });

  test("a theme chosen in the account menu applies at once, survives a reload and shows in Settings", async ({
    page,
    context,
  }) => {
    await signInNewMember(context, "header-theme");
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/kb");
    await waitForHydration(page);
    await expect(page.locator("html")).toHaveAttribute("data-theme", "system");
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBackground = await background();
    const menu = page.getByTestId("account-menu");
    await menu.locator("summary").click();
    await menu.getByRole("button", { name: "Dark" }).click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(menu.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
    await expect.poll(background).not.toBe(lightBackground);
    const darkBackground = await background();

    // The server renders the reloaded page dark (the device's cookie), on a light-mode device.
    const response = await page.reload();
    expect(await response!.text()).toContain('<html lang="en" data-theme="dark">');
    await expect(page.locator("body")).toHaveCSS("background-color", darkBackground);

    // A fresh device signed in to the same account follows the account's choice.
    const cookies = (await context.cookies()).filter((cookie) => cookie.name === SESSION_COOKIE);
    const otherDevice = await page.context().browser()!.newContext({ colorScheme: "light" });
    await otherDevice.addCookies(cookies);
    const other = await otherDevice.newPage();
    await other.goto("/settings");
    await expect(other.locator("html")).toHaveAttribute("data-theme", "dark");
    const appearance = other.getByRole("region", { name: "Appearance" });
    await expect(appearance.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
    await otherDevice.close();
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a compact bar whose Menu opens the sections and the account, and closes after a choice", async ({
    page,
    context,
  }) => {
    await signInNewMember(context, "header-phone");
    await page.goto("/kb");
    await waitForHydration(page);
    // The bar and the search box under it; the sections wait behind Menu.
    expect(await headerHeight(page)).toBeLessThanOrEqual(120);
    const menu = page.getByTestId("phone-menu");
    const sections = menu.getByRole("navigation", { name: "Main" });
    await expect(sections).toBeHidden();
    await expect(menu.locator("summary")).toHaveText("Menu");
    await menu.locator("summary").click();
    await expect(sections.getByRole("link", { name: "Community" })).toBeVisible();
    await expect(menu.getByRole("link", { name: "Settings" })).toBeVisible();
    await expect(menu.getByRole("group", { name: "Theme" })).toBeVisible();
    await sections.getByRole("link", { name: "Community" }).click();
    await expect(page).toHaveURL(/\/community$/);
    await expect(sections).toBeHidden();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the Menu still opens (a native disclosure) and its links work", async ({ page }) => {
      await page.goto("/kb");
      const menu = page.getByTestId("phone-menu");
      await menu.locator("summary").click();
      await menu.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Docs" }).click();
      await expect(page).toHaveURL(/\/docs$/);
    });
  });
});
