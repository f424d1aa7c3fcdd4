import type { Page } from "@playwright/test";
import { SEED_USERS } from "../factories/users";
import { signIn } from "./auth-helpers";
import { expect, test, waitForHydration } from "./helpers";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const ARTICLE = "/kb/how-fast-will-we-respond-to-my-ticket";
const DOC = "/docs/portal/ticket-statuses";

async function overflowsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

test.describe("phone layouts", () => {
  test.use({ viewport: PHONE });

  test("search: one search box, results first, filters behind a disclosure, no sideways panning", async ({ page }) => {
    await page.goto("/search?q=password");
    await waitForHydration(page);
    await expect(page.getByRole("searchbox")).toHaveCount(1);
    await expect(page.getByRole("combobox")).toHaveCount(0);
    await expect(page.getByRole("search")).toHaveCount(1);

    const disclosure = page.getByTestId("search-filters-disclosure");
    await expect(disclosure.locator("summary")).toHaveText(/^Filters/);
    await expect(disclosure).not.toHaveAttribute("open");
    // The first result is on the first screen, below the one-line disclosure.
    const firstResult = page.locator("main ol > li").first().getByRole("link");
    await expect(firstResult).toBeInViewport();
    const summaryBox = (await disclosure.boundingBox())!;
    const resultBox = (await firstResult.boundingBox())!;
    expect(resultBox.y).toBeGreaterThan(summaryBox.y);

    await disclosure.locator("summary").click();
    await expect(disclosure.getByRole("heading", { name: "Type" })).toBeVisible();
    expect(await overflowsSideways(page)).toBe(false);
  });

  test("home: one search box, the big one, and it suggests answers", async ({ page }) => {
    await page.goto("/");
    await waitForHydration(page);
    const boxes = page.getByRole("combobox", { name: "Search the help center" });
    await expect(boxes).toHaveCount(1);
    await expect(page.getByRole("search", { name: "Ask a question" })).toBeVisible();
    await boxes.fill("escal");
    await expect(page.locator("main").getByRole("option").first()).toBeVisible();
    expect(await overflowsSideways(page)).toBe(false);
  });

  for (const path of [
    "/search?q=response+time",
    DOC,
    "/docs/api/tickets",
    ARTICLE,
    "/webinars/escalations-and-major-incidents-explained",
    "/status",
    "/community",
    "/ideas",
    "/support",
  ]) {
    test(`${path} does not pan sideways`, async ({ page }) => {
      await page.goto(path);
      await waitForHydration(page);
      expect(
        await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        })),
      ).toEqual(expect.objectContaining({ innerWidth: PHONE.width }));
      expect(await overflowsSideways(page)).toBe(false);
    });
  }
});

test.describe("desktop layouts", () => {
  test.use({ viewport: DESKTOP });

  test("the docs sidebar stays in view while the page scrolls", async ({ page }) => {
    await page.goto(DOC);
    const sidebar = page.getByTestId("docs-sidebar");
    await expect(sidebar).toBeInViewport();
    await page.mouse.wheel(0, 2500);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await expect(sidebar).toBeInViewport();
  });

  test("the home page's big search box suggests answers as you type", async ({ page }) => {
    await page.goto("/");
    await waitForHydration(page);
    const hero = page.getByRole("search", { name: "Ask a question" });
    const box = hero.getByRole("combobox", { name: "Search the help center" });
    await box.pressSequentially("escal", { delay: 30 });
    const list = page.locator("main").getByRole("listbox", { name: "Search suggestions" });
    await expect(list).toBeVisible();
    const option = list.getByRole("option").first();
    // Named by type and snippet too, not by the title alone.
    await expect(option).toHaveAccessibleName(/^(Article|Doc|Webinar): .+\. .+/);
    // The header's box stays closed.
    await expect(page.getByRole("banner").getByRole("listbox")).toBeHidden();
  });

  test("search landmarks on one page have different names", async ({ page }) => {
    for (const path of ["/", "/kb", "/no-such-page-here"]) {
      await page.goto(path);
      const names = await page
        .getByRole("search")
        .evaluateAll((forms) => forms.map((form) => form.getAttribute("aria-label")));
      expect(names.every(Boolean), `${path}: ${names}`).toBe(true);
      expect(new Set(names).size, `${path}: ${names}`).toBe(names.length);
    }
  });

  test("the article's outline comes before the article in tab order and marks the current section", async ({
    page,
  }) => {
    await page.goto(ARTICLE);
    await waitForHydration(page);
    const outline = page.getByRole("complementary").getByTestId("toc");
    const positions = await page.evaluate(() => {
      const toc = document.querySelector('[data-testid="toc"]')!;
      const article = document.querySelector("main article")!;
      return toc.compareDocumentPosition(article) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(positions).toBeTruthy();
    const links = outline.getByRole("link");
    expect(await links.count()).toBeGreaterThan(1);
    const last = links.last();
    const target = (await last.getAttribute("href"))!;
    await page.locator(target).scrollIntoViewIfNeeded();
    await page.evaluate((selector) => document.querySelector(selector)!.scrollIntoView({ block: "start" }), target);
    await expect(last).toHaveAttribute("aria-current", "location");
    await expect(outline.locator('[aria-current="location"]')).toHaveCount(1);
  });

  test("after a client-side navigation focus lands on the new page's heading, but not on first load", async ({
    page,
  }) => {
    await page.goto("/kb");
    await waitForHydration(page);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BODY");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Docs" }).click();
    await expect(page).toHaveURL(/\/docs$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  });

  test("the skip link has a solid background when it shows", async ({ page }) => {
    await page.goto("/");
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    const background = await skip.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
  });
});

test.describe("states", () => {
  test("a failed data request keeps the signed-in header and offers Try again", async ({ page }) => {
    const member = SEED_USERS.find((user) => user.role === "member")!;
    await signIn(page, member.email, member.password);
    await page.goto("/kb");
    await waitForHydration(page);
    await expect(page.getByTestId("signed-in-as")).toHaveText(member.name);

    await page.route("**/docs.data*", (route) =>
      route.fulfill({ status: 500, contentType: "text/plain", body: "boom" }),
    );
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Docs" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Something went wrong");
    await expect(page.getByTestId("signed-in-as")).toHaveText(member.name);
    await expect(page.getByRole("link", { name: "Sign in" })).toHaveCount(0);

    await page.unroute("**/docs.data*");
    await page.getByRole("link", { name: "Try again" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Documentation");
    await expect(page.getByTestId("signed-in-as")).toHaveText(member.name);
  });

  test("an unknown search filter gets plain words and a way on, not a validation message", async ({ page }) => {
    await page.goto("/search?q=password&type=nonsense");
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("search filter we don’t recognise");
    await expect(alert).not.toContainText("must be one of");
    await expect(alert).not.toContainText("type.0");
    await alert.getByRole("link", { name: "Search for “password” without filters" }).click();
    await expect(page).toHaveURL(/\/search\?q=password$/);
    await expect(page.getByText(/pages? match/)).toBeVisible();
  });

  test("a category that does not exist is a 404 with a 404 title", async ({ page }) => {
    const response = await page.goto("/kb/category/no-such-category");
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle(/not found/i);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn’t find that page");
  });
});
