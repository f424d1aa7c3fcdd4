import type { Page } from "@playwright/test";
import { expect, test, waitForHydration } from "./helpers";

const LABEL = "Search the help center";

function header(page: Page) {
  return page.getByRole("banner");
}

function searchBox(page: Page) {
  return header(page).getByRole("combobox", { name: LABEL });
}

function listbox(page: Page) {
  return header(page).getByRole("listbox", { name: "Search suggestions" });
}

async function openHome(page: Page) {
  await page.goto("/");
  await waitForHydration(page);
}

test.describe("instant search in the header", () => {
  test("typing shows grouped, highlighted suggestions in an ARIA combobox", async ({ page }) => {
    await openHome(page);
    const box = searchBox(page);
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(box).toHaveAttribute("aria-autocomplete", "list");

    await box.pressSequentially("escal", { delay: 30 });
    const list = listbox(page);
    await expect(list).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");
    await expect(box).toHaveAttribute("aria-controls", (await list.getAttribute("id"))!);
    await expect(list).toHaveAttribute("aria-busy", "false");

    // Grouped by type, with a labelled group for articles.
    await expect(list.getByRole("group", { name: "Articles" })).toBeVisible();

    // An option links into the knowledge base, with the match highlighted as a real <mark> element.
    const kbOption = list.locator('[role="option"][href^="/kb/"]').first();
    await expect(kbOption).toBeVisible();
    await expect(kbOption.locator("mark").first()).toHaveText(/^escal/i);
    // Highlights are elements, never escaped tags shown as text.
    await expect(list).not.toContainText("<mark>");

    // The last option leads to the full results page.
    const seeAll = list.getByRole("option").last();
    await expect(seeAll).toHaveText("See all results for “escal”");
    await expect(seeAll).toHaveAttribute("href", "/search?q=escal");

    // The count is announced politely.
    await expect(header(page).getByRole("status")).toHaveText(/\d+ results? available/);
  });

  test("ArrowDown then Enter opens the first suggestion and records the click", async ({ page }) => {
    await openHome(page);
    const box = searchBox(page);
    await box.fill("escal");
    const first = listbox(page).getByRole("option").first();
    await expect(first).toBeVisible();
    const href = (await first.getAttribute("href"))!;
    expect(href).toMatch(/^\//);

    await box.press("ArrowDown");
    await expect(first).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id"))!);

    // ArrowUp from the first option wraps to the last, ArrowDown wraps back.
    const last = listbox(page).getByRole("option").last();
    await box.press("ArrowUp");
    await expect(last).toHaveAttribute("aria-selected", "true");
    await expect(first).toHaveAttribute("aria-selected", "false");
    await box.press("ArrowDown");
    await expect(first).toHaveAttribute("aria-selected", "true");

    const beacon = page.waitForRequest(
      (request) => request.method() === "POST" && new URL(request.url()).pathname === "/api/search/click",
    );
    await box.press("Enter");
    await expect(page).toHaveURL((url) => `${url.pathname}${url.hash}` === href);
    const body = new URLSearchParams((await beacon).postData() ?? "");
    expect(body.get("query")).toBe("escal");
    expect(body.get("position")).toBe("1");
    expect(body.get("resultId")).toBeTruthy();

    // The popup closed with the navigation.
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(listbox(page)).toBeHidden();
  });

  test("clicking a suggestion navigates to it", async ({ page }) => {
    await openHome(page);
    await searchBox(page).fill("escalation");
    const option = listbox(page).locator('[role="option"][href^="/kb/"]').first();
    const href = (await option.getAttribute("href"))!;
    await option.click();
    await expect(page).toHaveURL((url) => `${url.pathname}${url.hash}` === href);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("Enter without an active option submits to /search", async ({ page }) => {
    await openHome(page);
    const box = searchBox(page);
    await box.fill("escalation");
    await expect(listbox(page)).toBeVisible();
    await box.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=escalation$/);
  });

  test("“/” focuses the box from the page, but types normally inside text fields", async ({ page }) => {
    await page.goto("/kb");
    await waitForHydration(page);
    const box = searchBox(page);
    await expect(box).not.toBeFocused();
    await page.locator("main").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("/");
    await expect(box).toBeFocused();
    // The slash was swallowed by the shortcut, not typed.
    await expect(box).toHaveValue("");

    // Inside the box (a text field) "/" is just a character.
    await page.keyboard.type("kb/ticket");
    await expect(box).toHaveValue("kb/ticket");
  });

  test("Ctrl+K focuses the box and selects its text, from anywhere", async ({ page }) => {
    await openHome(page);
    const box = searchBox(page);
    await box.fill("priority");
    await page.keyboard.press("Escape");
    // Move focus elsewhere, into another text field.
    const homeSearch = page.locator("main").getByRole("combobox", { name: LABEL });
    await homeSearch.focus();
    await expect(box).not.toBeFocused();

    await page.keyboard.press("Control+k");
    await expect(box).toBeFocused();
    const selected = await box.evaluate((input: HTMLInputElement) =>
      input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0),
    );
    expect(selected).toBe("priority");
  });

  test("Escape closes the popup, a second Escape clears the text", async ({ page }) => {
    await openHome(page);
    const box = searchBox(page);
    await box.fill("escal");
    await expect(listbox(page)).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");

    await box.press("Escape");
    await expect(listbox(page)).toBeHidden();
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(box).toHaveValue("escal");
    await expect(box).toBeFocused();

    await box.press("Escape");
    await expect(box).toHaveValue("");
  });

  test("an outside click and Tab close the popup", async ({ page }) => {
    await openHome(page);
    const box = searchBox(page);
    await box.fill("escal");
    await expect(listbox(page)).toBeVisible();
    await page.locator("footer").click({ position: { x: 5, y: 5 } });
    await expect(listbox(page)).toBeHidden();

    await box.click();
    await expect(listbox(page)).toBeVisible();
    await box.press("Tab");
    await expect(listbox(page)).toBeHidden();
  });

  test("no results shows help: the search page, the community and support", async ({ page }) => {
    await openHome(page);
    const box = searchBox(page);
    await box.fill("zzqxj");
    const popup = header(page).getByTestId("instant-search-popup");
    await expect(popup.getByText("No results for “zzqxj”")).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");
    const list = listbox(page);
    await expect(list.getByRole("option", { name: "Search all pages for “zzqxj”" })).toHaveAttribute(
      "href",
      "/search?q=zzqxj",
    );
    await expect(list.getByRole("option", { name: "Ask the community" })).toHaveAttribute(
      "href",
      "/kb/where-can-i-find-answers-myself",
    );
    await expect(list.getByRole("option", { name: "Contact support" })).toHaveAttribute(
      "href",
      "/kb/how-do-i-contact-support",
    );
    await expect(header(page).getByRole("status")).toHaveText("No results for “zzqxj”.");
  });

  test("a misspelling shows what was searched instead", async ({ page }) => {
    await openHome(page);
    await searchBox(page).fill("escalaton");
    await expect(header(page).getByTestId("instant-search-popup")).toContainText("Showing results for “escalation”");
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });

  test("the popup spans the header, options are easy to tap, and a tap outside closes it", async ({ page }) => {
    // Not the home page: on a phone its own big box replaces the header's there.
    await page.goto("/kb");
    await waitForHydration(page);
    const box = searchBox(page);
    await box.fill("escal");
    const popup = header(page).getByTestId("instant-search-popup");
    await expect(popup).toBeVisible();
    const popupBox = (await popup.boundingBox())!;
    const inputBox = (await box.boundingBox())!;
    expect(popupBox.width).toBeGreaterThan(340);
    expect(popupBox.y).toBeGreaterThanOrEqual(inputBox.y + inputBox.height);
    const optionBox = (await listbox(page).getByRole("option").first().boundingBox())!;
    expect(optionBox.height).toBeGreaterThanOrEqual(44);

    // Tap empty header space beside the logo (the popup covers the page below the box; the sections are behind Menu).
    const logo = (await header(page).getByRole("link", { name: "TechFlow Help Center" }).boundingBox())!;
    expect(logo.x + logo.width + 16).toBeLessThan(250);
    await page.touchscreen.tap(logo.x + logo.width + 16, logo.y + logo.height / 2);
    await expect(popup).toBeHidden();
    await expect(box).toHaveAttribute("aria-expanded", "false");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the header form still searches via /search", async ({ page }) => {
    await page.goto("/kb");
    const form = header(page).getByRole("search");
    const box = form.getByRole("combobox", { name: LABEL });
    await box.fill("escalation");
    await form.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=escalation$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search");
  });
});
