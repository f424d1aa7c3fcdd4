import fs from "node:fs";
import path from "node:path";
import { PLAN_NAMES, PLANS, PRIORITIES, formatMinutes, priority } from "../../app/support/policy";
import { REPO_ROOT, expect, test } from "./helpers";

const SLUG = "how-fast-will-we-respond-to-my-ticket";

function contentFile(slug: string) {
  return fs.readFileSync(path.join(REPO_ROOT, "content/kb", `${slug}.mdx`), "utf8");
}

test.describe("article page", () => {
  test("response-time table comes from the policy module", async ({ page }) => {
    const response = await page.goto(`/kb/${SLUG}`);
    expect(response?.status()).toBe(200);

    const table = page.getByRole("table", { name: "First response target by ticket priority and plan" });
    await expect(table).toBeVisible();
    await expect(table.locator("thead th")).toHaveText(["Priority", ...PLANS.map((plan) => PLAN_NAMES[plan])]);
    const rows = table.locator("tbody tr");
    await expect(rows).toHaveCount(PRIORITIES.length);
    for (const [index, level] of PRIORITIES.entries()) {
      await expect(rows.nth(index).locator("th, td")).toHaveText([
        `Priority ${level.level} – ${level.name}`,
        ...PLANS.map((plan) => formatMinutes(level.responseTarget[plan])),
      ]);
    }
    await expect(
      table.getByRole("cell", { name: formatMinutes(priority(1).responseTarget.enterprise), exact: true }),
    ).toBeVisible();
  });

  test("shows reading time, last-updated date, edit link and related articles", async ({ page }) => {
    await page.goto(`/kb/${SLUG}`);
    const header = page.locator("article header");
    await expect(header.getByText(/^\d+ min read$/)).toBeVisible();

    const updated = header.getByText(/^Last updated/);
    await expect(updated).toBeVisible();
    const time = updated.locator("time");
    const dateTime = (await time.getAttribute("datetime"))!;
    expect(dateTime).toMatch(/^\d{4}-\d{2}-\d{2}/);
    const expected = new Date(`${dateTime.slice(0, 10)}T12:00:00Z`).toLocaleDateString("en-US", {
      year: "numeric",
      month: "long",
      day: "numeric",
      timeZone: "UTC",
    });
    await expect(time).toHaveText(expected);

    const edit = page.getByRole("link", { name: "Edit this page" });
    const editHref = (await edit.getAttribute("href"))!;
    expect(editHref.endsWith(`content/kb/${SLUG}.mdx`)).toBe(true);
    expect(() => new URL(editHref)).not.toThrow();

    const frontmatterRelated =
      /^related:\s*\[(.*)\]\s*$/m
        .exec(contentFile(SLUG))?.[1]
        .split(",")
        .map((id) => `/${id.trim()}`) ?? [];
    expect(frontmatterRelated.length).toBeGreaterThan(0);
    const related = page.getByRole("region", { name: "Related articles" });
    const hrefs = await related
      .getByRole("link")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(hrefs).toEqual(frontmatterRelated);

    const first = related.getByRole("link").first();
    const title = (await first.textContent())!.trim();
    await first.click();
    await expect(page).toHaveURL(new RegExp(`${frontmatterRelated[0]}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });

  test("GFM task lists render as checkboxes", async ({ page }) => {
    const slug = "what-should-i-include-in-a-support-request";
    const tasks = contentFile(slug).match(/^- \[[ x]\] .+$/gm) ?? [];
    expect(tasks.length).toBeGreaterThan(0);

    await page.goto(`/kb/${slug}`);
    const checkboxes = page.locator("article .prose input[type=checkbox]");
    await expect(checkboxes).toHaveCount(tasks.length);
    const items = page.locator("article li.task-list-item");
    await expect(items).toHaveText(tasks.map((task) => task.replace(/^- \[[ x]\] /, "").replace(/\*\*|`/g, "")));
  });

  test("GFM footnotes link to their note and back", async ({ page }) => {
    const slug = "how-do-you-protect-my-data";
    const note = /^\[\^1\]:\s*(.+)$/m.exec(contentFile(slug))?.[1];
    expect(note).toBeTruthy();

    await page.goto(`/kb/${slug}`);
    const ref = page.locator('article sup a[href^="#user-content-fn"]').first();
    await expect(ref).toBeVisible();
    const target = (await ref.getAttribute("href"))!;
    const footnotes = page.locator("article [data-footnotes]");
    const footnote = footnotes.locator(`[id="${target.slice(1)}"]`);
    await expect(footnote).toHaveCount(1);
    await expect(footnote).toContainText(note!);

    await ref.click();
    await expect(page).toHaveURL(new RegExp(`${target}$`));
    await expect(footnote).toBeInViewport();
    await expect(footnote.locator("a[data-footnote-backref]")).toHaveAttribute(
      "href",
      `#${(await ref.getAttribute("id"))!}`,
    );
  });
});
