import { expect, queryDb, test, waitForHydration } from "./helpers";

const DOC = "/docs/portal/ticket-statuses";

test.describe("docs page", () => {
  test("sidebar marks the current page", async ({ page }) => {
    const response = await page.goto(DOC);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ticket statuses");

    const sidebar = page.getByTestId("docs-sidebar");
    await expect(sidebar).toBeVisible();
    const current = sidebar.locator('[aria-current="page"]');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAttribute("href", DOC);
    await expect(current).toHaveText("Ticket statuses");
    // The other pages are plain links.
    expect(await sidebar.getByRole("link").count()).toBeGreaterThan(1);
  });

  test("table of contents links to headings that exist on the page", async ({ page }) => {
    await page.goto(DOC);
    await waitForHydration(page);
    const toc = page.getByTestId("toc");
    await expect(toc).toBeVisible();
    const links = toc.getByRole("link");
    const count = await links.count();
    expect(count).toBeGreaterThan(1);

    const article = page.locator("article");
    for (let index = 0; index < count; index++) {
      const link = links.nth(index);
      const href = await link.getAttribute("href");
      expect(href, `TOC link ${index}`).toMatch(/^#[\w-]+$/);
      const heading = article.locator(`[id="${href!.slice(1)}"]`);
      await expect(heading, `heading for ${href}`).toHaveCount(1);
      expect(await heading.evaluate((element) => element.tagName)).toMatch(/^H[2-6]$/);
      await expect(heading).toContainText((await link.textContent())!.trim());
    }

    // The last entry is far down the page: clicking it must scroll there and set the hash.
    const last = links.nth(count - 1);
    const hash = (await last.getAttribute("href"))!;
    const target = article.locator(`[id="${hash.slice(1)}"]`);
    await expect(target).not.toBeInViewport();
    await last.click();
    await expect(page).toHaveURL(new RegExp(`${DOC}${hash}$`));
    await expect(target).toBeInViewport();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ticket statuses");
  });

  test("previous and next links navigate through the docs in sidebar order", async ({ page }) => {
    await page.goto(DOC);
    await waitForHydration(page);
    const sidebarLinks = await page
      .getByTestId("docs-sidebar")
      .getByRole("link")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    const position = sidebarLinks.indexOf(DOC);
    expect(position).toBeGreaterThan(0);

    const pager = page.getByRole("navigation", { name: "Previous and next pages" });
    const next = pager.locator('a[rel="next"]');
    const previous = pager.locator('a[rel="prev"]');
    await expect(next).toHaveAttribute("href", sidebarLinks[position + 1]!);
    await expect(previous).toHaveAttribute("href", sidebarLinks[position - 1]!);

    const nextTitle = (await next.locator("span.font-medium").textContent())!.replace("→", "").trim();
    await next.click();
    await expect(page).toHaveURL(new RegExp(`${sidebarLinks[position + 1]}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(nextTitle);
    await expect(page.getByTestId("docs-sidebar").locator('[aria-current="page"]')).toHaveAttribute(
      "href",
      sidebarLinks[position + 1]!,
    );

    // From there, "Previous" leads back to where we started.
    await pager.locator('a[rel="prev"]').click();
    await expect(page).toHaveURL(new RegExp(`${DOC}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ticket statuses");

    const previousTitle = (await previous.locator("span.font-medium").textContent())!.replace("←", "").trim();
    await previous.click();
    await expect(page).toHaveURL(new RegExp(`${sidebarLinks[position - 1]}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(previousTitle);
  });
});

test.describe("copy buttons on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a doc's and a post's code blocks get a Copy button above the code, never over it", async ({ page }) => {
    const [thread] = queryDb<{ id: number; slug: string }>(
      "SELECT id, slug FROM ForumThread WHERE title = 'A ticket template that gets faster answers'",
    );
    for (const path of ["/docs/api/search", `/community/t/${thread.id}-${thread.slug}`]) {
      await page.goto(path);
      await waitForHydration(page);
      const block = page.locator(".code-block").first();
      const copy = block.getByRole("button", { name: /^Copy/ });
      await expect(copy, path).toBeVisible();
      const button = (await copy.boundingBox())!;
      const code = (await block.locator("pre").boundingBox())!;
      // The one-line command scrolls under nothing: the button ends above the code starts.
      expect(button.y + button.height, path).toBeLessThanOrEqual(code.y);
      await expect(block.locator("pre"), path).toHaveAttribute("tabindex", "0");
    }
  });
});
