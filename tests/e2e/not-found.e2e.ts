import { expect, test, waitForHydration } from "./helpers";

const HEADING = "We couldn’t find that page";

for (const url of ["/no-such-page", "/kb/does-not-exist", "/docs/portal/does-not-exist"]) {
  test(`${url} is a helpful 404`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await waitForHydration(page);

    // Still the 404 page after React takes over (the client must not swap in a generic error).
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(HEADING);
    await expect(page).toHaveTitle(/Page not found/);

    const search = page.locator("main").getByRole("search");
    await expect(search.getByRole("searchbox", { name: "Search the help center" })).toBeVisible();

    const popular = page.locator("main").getByRole("region", { name: "Popular articles" });
    const links = popular.getByRole("link");
    expect(await links.count()).toBeGreaterThan(0);
    for (const href of await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")))) {
      expect(href).toMatch(/^\/kb\/[a-z0-9-]+$/);
    }

    // The first popular article is a real page.
    const first = links.first();
    const title = (await first.textContent())!.trim();
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });
}

test("the 404 search box searches", async ({ page }) => {
  await page.goto("/no-such-page");
  await waitForHydration(page);
  const box = page.locator("main").getByRole("searchbox", { name: "Search the help center" });
  await box.fill("escalation");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=escalation$/);
  await expect(page.locator("main").getByRole("status")).toContainText(/pages? match(es)? “escalation”/);
  await expect(page.locator("main ol a[href^='/kb/how-does-escalation-work']").first()).toBeVisible();
});

test("path traversal in an article slug is a 404, never a file", async ({ page, request }) => {
  const url = "/kb/..%2F..%2Fetc%2Fpasswd";
  const response = await page.goto(url);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(HEADING);

  for (const candidate of [url, "/kb/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/docs/..%2F..%2Fpackage.json"]) {
    const direct = await request.get(candidate);
    expect(direct.status(), candidate).toBe(404);
    const body = await direct.text();
    expect(body, candidate).not.toContain("root:x:0:0");
    expect(body, candidate).not.toContain('"name": "techflow-help-center"');
  }
});
