import { PLAN_NAMES } from "../../app/support/policy";
import { expect, test, waitForHydration } from "./helpers";

const API_DOC = "/docs/api/search";
const RESPONSE_TIMES = "/kb/how-fast-will-we-respond-to-my-ticket";

test.describe("article content", () => {
  test("a code block's copy button works from the keyboard and announces Copied", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(API_DOC);
    await waitForHydration(page);
    const block = page.locator(".code-block").first();
    const code = block.locator("pre");
    await expect(code).toHaveAttribute("tabindex", "0");
    const button = block.getByRole("button", { name: /^Copy code example/ });
    await expect(button).toBeVisible();

    await button.focus();
    await page.keyboard.press("Enter");
    await expect(button).toHaveText("Copied");
    await expect(page.getByRole("status").filter({ hasText: "Copied" })).toHaveCount(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.textContent());
    // Copying is not a navigation.
    await expect(page).toHaveURL(new RegExp(`${API_DOC}$`));
  });

  test("inline code shows no backticks, and wide tables scroll in a focusable region instead of the page", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(API_DOC);
    const inline = page.locator("article p code").first();
    await expect(inline).toBeVisible();
    const generated = await inline.evaluate((element) => [
      getComputedStyle(element, "::before").content,
      getComputedStyle(element, "::after").content,
    ]);
    expect(generated.every((content) => content === "none" || content === "normal" || content === '""')).toBe(true);

    const region = page.getByRole("region", { name: /^Table: Parameter/ });
    await expect(region).toHaveAttribute("tabindex", "0");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  test("heading links are reachable by keyboard", async ({ page }) => {
    await page.goto(API_DOC);
    const link = page.locator("article h2 a.heading-link").first();
    await expect(link).not.toHaveAttribute("tabindex", "-1");
    await link.focus();
    await expect(link).toBeFocused();
    const marker = await link.evaluate((element) => getComputedStyle(element, "::after").opacity);
    expect(marker).toBe("1");
  });

  test("anonymous visitors see no plan marked; a signed-in customer sees their own plan's column", async ({ page }) => {
    await page.goto(RESPONSE_TIMES);
    await expect(page.locator("[data-viewer-plan]")).toHaveCount(0);

    // The seeded Professional customer (prisma/seed.ts; README "Try it").
    await page.goto(`/login?redirectTo=${encodeURIComponent(RESPONSE_TIMES)}`);
    await waitForHydration(page);
    await page.getByLabel("Email").fill("pat@globex.example");
    await page.getByLabel("Password", { exact: true }).fill("quiet-meadow-compass-28");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`${RESPONSE_TIMES}$`));
    await expect(page.locator('[data-viewer-plan="professional"]')).toHaveCount(1);
    const table = page.getByRole("table", { name: "First response target by ticket priority and plan" });
    const header = table.locator('thead th[data-plan="professional"]');
    expect(await header.evaluate((element) => getComputedStyle(element, "::after").content)).toBe('" (your plan)"');
    expect(
      await table
        .locator('thead th[data-plan="standard"]')
        .evaluate((element) => getComputedStyle(element, "::after").content),
    ).not.toContain("your plan");
    await expect(header).toHaveText(PLAN_NAMES.professional);
  });
});
