import { expect, test, waitForHydration } from "./helpers";

test("Tab first reaches the visible skip link, and Enter moves focus to main", async ({ page }) => {
  await page.goto("/");
  await waitForHydration(page);

  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toHaveAttribute("href", "#main");
  // Visually hidden until focused, then actually visible (not a 1px clip).
  const box = await skip.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(20);
  expect(box?.height ?? 0).toBeGreaterThan(10);

  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  await expect(page).toHaveURL(/#main$/);

  // The next Tab continues from the main content, past the header's navigation.
  await page.keyboard.press("Tab");
  const focusedInMain = await page.evaluate(
    () => document.querySelector("main")?.contains(document.activeElement) ?? false,
  );
  expect(focusedInMain).toBe(true);
});

test("the document has a language, one h1 and a labelled search", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  // Both boxes (header and home page) are labelled comboboxes inside differently named search landmarks.
  await expect(
    page.getByRole("search", { name: "Site search" }).getByRole("combobox", { name: "Search the help center" }),
  ).toBeVisible();
  await expect(
    page.getByRole("search", { name: "Ask a question" }).getByRole("combobox", { name: "Search the help center" }),
  ).toBeVisible();
});
