import fs from "node:fs";
import Database from "better-sqlite3";
import { seededUser, signIn } from "./auth-helpers";
import { E2E_DB_PATH, expect, test } from "./helpers";

const ADMIN = seededUser("ada.admin@techflow.example");
const CUSTOMER = seededUser("sam@acme.example");

test.describe("insights", () => {
  test("a staff member opens insights, changes the range, downloads a CSV", async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password, "/admin/insights");
    await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
    await expect(page.getByText("Last 30 days").first()).toBeVisible();
    for (const section of ["Search", "Content", "Deflection", "Community and ideas", "Tickets"])
      await expect(page.getByRole("heading", { name: section, level: 2 })).toBeVisible();
    // The section list links to each section, and a chart takes keyboard focus and reads its summary.
    const nav = page.getByTestId("insights-nav");
    await nav.getByRole("link", { name: "Tickets" }).click();
    await expect(page).toHaveURL(/#tickets$/);
    const chart = page.getByRole("img", { name: /^Tickets by priority, stacked by plan, .*\. P1 Critical: \d+/ });
    await chart.focus();
    await expect(chart).toBeFocused();

    await page.getByRole("link", { name: "Last 7 days" }).click();
    await expect(page).toHaveURL(/range=7/);
    await expect(page.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "page");

    await page.getByLabel("From", { exact: true }).fill("2026-03-10");
    await page.getByLabel("To", { exact: true }).fill("2026-03-01");
    await page.getByRole("button", { name: "Show range" }).click();
    await expect(page.getByText("The end date is before the start date.")).toBeVisible();

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /^Download CSV\s*: Tickets by priority and plan$/ }).click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file, "utf8");
    expect(csv.split("\r\n")[0]).toBe("Priority,Standard,Professional,Enterprise,All plans");
    expect(csv).toContain("P1 Critical,");

    // On a phone, wide tables scroll inside their own box; the page itself never pans sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/admin/insights");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  test("members and anonymous visitors get 404 on every insights URL", async ({ page }) => {
    for (const path of ["/admin/insights", "/admin/insights?range=7", "/admin/insights/csv?table=top-queries"]) {
      expect((await page.request.get(path, { maxRedirects: 0 })).status()).toBe(404);
    }
    await signIn(page, CUSTOMER.email, CUSTOMER.password);
    for (const path of ["/admin/insights", "/admin/insights/csv?table=top-queries"]) {
      expect((await page.request.get(path, { maxRedirects: 0 })).status()).toBe(404);
    }
  });

  test("a writer opens the content-gap queue and drafts an article from a group", async ({ page }) => {
    const query = `frobnicate ledger ${Date.now().toString(36)}`;
    // What the rollup-analytics job would have written for a week of searches with no result.
    const db = new Database(E2E_DB_PATH, { timeout: 5_000 });
    try {
      db.prepare(
        'INSERT INTO "SearchDaily" (day, query, searches, zeroResults, clicks, fallbacks, lastSeenAt) VALUES (?, ?, 9, 9, 0, 0, ?)',
      ).run(new Date().toISOString().slice(0, 10), query, new Date().toISOString().replace("Z", "+00:00"));
    } finally {
      db.close();
    }
    await signIn(page, ADMIN.email, ADMIN.password, "/admin/content-gaps");
    const group = page.getByTestId("content-gaps").locator("li", { hasText: query }).first();
    await expect(group).toContainText("9× with no result");
    const download = page.waitForEvent("download");
    await group.getByRole("link", { name: "Draft an article" }).click();
    const draft = fs.readFileSync(await (await download).path(), "utf8");
    expect(draft).toContain("draft: true");
    expect(draft).toContain(`searched 9 times (no results): ${query}`);
  });
});
