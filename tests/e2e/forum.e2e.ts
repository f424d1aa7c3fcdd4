import type { BrowserContext, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { seededUser, signIn } from "./auth-helpers";
import { E2E_DB_PATH, expect, test, waitForHydration } from "./helpers";

/**
 * The community forum in a real browser against the production build: a member asks (and sees a
 * suggested article while typing the title), another member answers, the asker accepts the answer,
 * an anonymous visitor sees the new reply at once (the page cache was purged), and script hidden
 * in a real post never runs.
 */

const ASKER = seededUser("sam@acme.example");
const HELPER = seededUser("pat@globex.example");

/** Script that must never run: each vector would set window.__xssRan or open a dialog if it executed. */
const XSS_VECTORS = [
  `<script>window.__xssRan = 1</script>`,
  `<img src=x onerror="window.__xssRan = 2">`,
  `<svg onload="window.__xssRan = 3"></svg>`,
  `<iframe src="javascript:parent.__xssRan = 4"></iframe>`,
  `[a markdown link](javascript:window.__xssRan=5)`,
  `[another](JaVaScRiPt:alert(6))`,
  `<a href="javascript:alert(7)">raw anchor</a>`,
  `![image](javascript:alert(8))`,
  `<details open ontoggle="alert(9)">x</details>`,
  `<div style="background:url(javascript:alert(10))">styled</div>`,
];

function deflectionsFor(query: string): number {
  const db = new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    return (db.prepare("SELECT COUNT(*) AS count FROM ForumDeflection WHERE query = ?").get(query) as { count: number })
      .count;
  } finally {
    db.close();
  }
}

async function armXssTraps(context: BrowserContext, dialogs: string[]) {
  await context.addInitScript(() => {
    (window as unknown as { __xssRan?: number }).__xssRan = undefined;
  });
  context.on("page", (page) =>
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    }),
  );
}

async function expectNoScriptRan(page: Page, dialogs: string[]) {
  expect(await page.evaluate(() => (window as unknown as { __xssRan?: number }).__xssRan)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(
    await page
      .locator(
        '[data-post-body] a[href^="javascript" i], [data-post-body] iframe, [data-post-body] script, [data-post-body] [onerror], [data-post-body] [onload]',
      )
      .count(),
  ).toBe(0);
}

test("ask, get answered, accept; visitors see replies at once; script in posts stays inert", async ({
  browser,
  page,
}) => {
  const dialogs: string[] = [];
  const run = randomBytes(3).toString("hex");
  const title = `How do I choose a ticket priority for a slow dashboard ${run}?`;
  await armXssTraps(page.context(), dialogs);
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  // The asker starts a question and sees a suggested article while typing the title.
  await signIn(page, ASKER.email, ASKER.password, "/community/new");
  await waitForHydration(page);
  await page.getByLabel("Category").selectOption({ label: "Questions & answers" });
  const titleField = page.getByLabel("Title", { exact: true });
  await titleField.pressSequentially("How do I choose a ticket priority", { delay: 10 });
  const suggestions = page.getByTestId("answer-suggestions");
  await expect(suggestions.getByRole("heading", { name: "Your question may already be answered" })).toBeVisible();
  const article = suggestions.locator('a[href^="/kb/"]').first();
  await expect(article).toBeVisible();

  // A click on a suggestion opens it in a new tab and counts as a deflection.
  const [articleTab] = await Promise.all([page.context().waitForEvent("page"), article.click()]);
  await articleTab.waitForLoadState();
  expect(new URL(articleTab.url()).pathname).toMatch(/^\/kb\//);
  await articleTab.close();
  await expect.poll(() => deflectionsFor("How do I choose a ticket priority")).toBe(1);

  await titleField.fill(title);
  await page.getByLabel("Details").fill(`Our dashboard is slow since this morning.\n\n${XSS_VECTORS.join("\n\n")}`);
  await page.getByLabel("Tags (optional)").fill("priority, dashboard");
  await expect(page.getByTestId("composer-preview")).toContainText("Our dashboard is slow");
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const threadUrl = new URL(page.url()).pathname;
  expect(threadUrl).toMatch(/^\/community\/t\/\d+-how-do-i-choose-a-ticket-priority-for-a-slow-dashboard/);
  await expectNoScriptRan(page, dialogs);

  // An anonymous visitor reads the thread (the page is now in the page cache).
  const visitor = await browser.newContext();
  await armXssTraps(visitor, dialogs);
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(threadUrl);
  await expect(visitorPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(visitorPage.locator("#post-2")).toHaveCount(0);
  await expectNoScriptRan(visitorPage, dialogs);
  const cached = await visitorPage.reload();
  expect(cached?.headers()["x-cache"], "the second anonymous load comes from the page cache").toBe("HIT");

  // Another member answers.
  const helperContext = await browser.newContext();
  const helperPage = await helperContext.newPage();
  await signIn(helperPage, HELPER.email, HELPER.password, threadUrl);
  await waitForHydration(helperPage);
  // "Quote" puts the post into the reply box as a Markdown quote that links back to it.
  await helperPage.locator("#post-1").getByRole("button", { name: "Quote" }).click();
  await expect(helperPage.getByLabel("Reply", { exact: true })).toHaveValue(
    /wrote in post #1\]\(.*#post-1\):\n\n> Our dashboard is slow since this morning\./,
  );
  const answer = `Choose Priority 2 when many users are affected (${run}).`;
  await helperPage.getByLabel("Reply", { exact: true }).fill(answer);
  await helperPage.getByRole("button", { name: "Post reply" }).click();
  await expect(helperPage.locator("#post-2")).toContainText(answer);

  // The anonymous visitor sees the reply on the next load: the write purged the cached page.
  const afterReply = await visitorPage.reload();
  expect(afterReply?.headers()["x-cache"], "the reply purged the cached page").not.toBe("HIT");
  await expect(visitorPage.locator("#post-2")).toContainText(answer);

  // The asker accepts the answer; the thread reads as solved, with the answer under the question.
  await page.reload();
  await waitForHydration(page);
  await page.locator("#post-2").getByRole("button", { name: "✓ Accept answer" }).click();
  await expect(page.getByTestId("accepted-answer")).toContainText(answer);
  await expect(page.getByText("✓ Solved").first()).toBeVisible();
  await visitorPage.reload();
  await expect(visitorPage.getByTestId("accepted-answer")).toContainText(answer);

  // The helper cannot like their own reply, and can like the question once.
  await helperPage.reload();
  await waitForHydration(helperPage);
  await expect(helperPage.locator("#post-2").getByRole("button", { name: /Like/ })).toHaveCount(0);
  const like = helperPage.locator("#post-1").getByRole("button", { name: /Like/ });
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "true");
  await expect(like).toContainText("1 like");

  // Q&A hygiene: a reader flags the accepted answer as outdated; every reader sees the notice until the asker confirms it.
  await helperPage.getByText("Is this answer outdated?").click();
  await helperPage.getByLabel("What changed?").fill(`The priority rules changed in the last policy update (${run}).`);
  await helperPage.getByRole("button", { name: "Flag as outdated" }).click();
  await expect(helperPage.getByTestId("outdated-notice")).toContainText("This answer may be outdated");
  await visitorPage.reload();
  await expect(visitorPage.getByTestId("outdated-notice")).toContainText("This answer may be outdated");
  await page.reload();
  await page.getByRole("button", { name: "Confirm the answer is still right" }).click();
  await expect(page.getByTestId("accepted-answer")).toContainText(answer);
  await expect(page.getByTestId("outdated-notice")).toHaveCount(0);
  await visitorPage.reload();
  await expect(visitorPage.getByTestId("outdated-notice")).toHaveCount(0);

  await expectNoScriptRan(page, dialogs);
  await expectNoScriptRan(visitorPage, dialogs);
  await visitor.close();
  await helperContext.close();
});

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");
type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

function seededThreadPath(title: string): string {
  const db = new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    const row = db.prepare("SELECT id, slug FROM ForumThread WHERE title = ?").get(title) as
      { id: number; slug: string } | undefined;
    if (!row) throw new Error(`no seeded thread "${title}"`);
    return `/community/t/${row.id}-${row.slug}`;
  } finally {
    db.close();
  }
}

for (const scheme of ["light", "dark"] as const) {
  for (const viewport of [
    { name: "desktop", width: 1280, height: 800 },
    { name: "phone", width: 390, height: 844 },
  ]) {
    test(`forum pages have no serious or critical axe violations (${scheme}, ${viewport.name})`, async ({ page }) => {
      test.setTimeout(60_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.addInitScript({ path: AXE_PATH });
      const thread = seededThreadPath("Which priority should I choose when the dashboard is slow?");
      for (const path of ["/community", "/community/c/questions?solved=unsolved", "/community/tags/priority", thread]) {
        await page.goto(path);
        await waitForHydration(page);
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
            }
          ).axe;
          return (await axe.run(document, { resultTypes: ["violations"] })).violations;
        });
        const serious = violations
          .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
          .map(
            (violation) =>
              `${path}: ${violation.id} ${violation.help} ${violation.nodes
                .slice(0, 3)
                .map((node) => node.target.join(" "))
                .join(", ")}`,
          );
        expect(serious).toEqual([]);
      }
    });
  }
}

test("a member's thread page gives every id once, and Quote puts the post in the reply box", async ({ page }) => {
  const thread = seededThreadPath("Which priority should I choose when the dashboard is slow?");
  await signIn(page, HELPER.email, HELPER.password, thread);
  await waitForHydration(page);
  const repeated = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const element of document.querySelectorAll("[id]")) seen.set(element.id, (seen.get(element.id) ?? 0) + 1);
    return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
  });
  expect(repeated).toEqual([]);
  // The reply section is what "#reply" (the Quote link without JavaScript) lands on.
  await expect(page.locator("#reply")).toHaveAttribute("aria-labelledby", "reply-heading");

  await page.getByRole("button", { name: "Quote" }).first().click();
  const box = page.getByRole("textbox", { name: "Reply" });
  await expect(box).toHaveValue(/wrote in post #1\]\(.*#post-1\):\s*\n> /);
  await expect(box).toBeInViewport();
});
