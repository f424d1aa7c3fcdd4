import type { BrowserContext, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { createConfirmedUser, newUser, SESSION_COOKIE } from "./auth-helpers";
import { E2E_BASE_URL } from "./env";
import { E2E_DB_PATH, expect, test, waitForHydration } from "./helpers";

/**
 * Feature requests in a browser: submitting with a duplicate suggestion taken, voting with and
 * without JavaScript, the roadmap board and the changelog feed. Each test signs in a new member
 * (no votes yet), so the seeded ideas' counts are read before acting, never assumed.
 */

async function signInNewMember(context: BrowserContext, label: string) {
  const user = newUser(label);
  const session = await createConfirmedUser(user);
  await context.addCookies([
    { name: SESSION_COOKIE, value: session, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" },
  ]);
  return user;
}

function db() {
  return new Database(E2E_DB_PATH, { readonly: true });
}

function ideaByTitle(title: string) {
  const handle = db();
  try {
    return handle.prepare("SELECT id, slug, voteCount FROM Idea WHERE title = ?").get(title) as {
      id: number;
      slug: string;
      voteCount: number;
    };
  } finally {
    handle.close();
  }
}

async function countOn(page: Page, id: number) {
  return Number(await page.getByTestId(`vote-count-${id}`).first().textContent());
}

test("submitting: a similar idea is suggested while typing, and 'Vote for this instead' votes for it", async ({
  page,
  context,
}) => {
  const user = await signInNewMember(context, "ideas-dup");
  const teams = ideaByTitle("Microsoft Teams integration");
  await page.goto("/ideas/new");
  await waitForHydration(page);
  await page.getByLabel("Title").pressSequentially("Microsoft Teams notifications", { delay: 10 });
  const suggestions = page.getByTestId("similar-ideas");
  await expect(suggestions).toContainText("Microsoft Teams integration");
  await expect(suggestions).toContainText(`${teams.voteCount} votes`);
  await suggestions
    .locator("li", { hasText: "Microsoft Teams integration" })
    .getByRole("button", { name: "Vote for this instead" })
    .click();

  await expect(page).toHaveURL(new RegExp(`/ideas/${teams.id}-${teams.slug}$`));
  await expect(page.getByTestId(`vote-${teams.id}`)).toHaveAttribute("aria-pressed", "true");
  expect(await countOn(page, teams.id)).toBe(teams.voteCount + 1);
  const handle = db();
  try {
    const avoided = handle
      .prepare(
        "SELECT typedTitle FROM IdeaDuplicateAvoided d JOIN User u ON u.id = d.userId WHERE u.email = ? AND d.ideaId = ?",
      )
      .all(user.email, teams.id);
    expect(avoided).toEqual([{ typedTitle: "Microsoft Teams notifications" }]);
  } finally {
    handle.close();
  }
});

test("submitting a new idea adds the author's vote; a too-short title is refused with a message", async ({
  page,
  context,
}) => {
  await signInNewMember(context, "ideas-new");
  await page.goto("/ideas/new");
  await waitForHydration(page);
  await page.getByLabel("Title").fill("Short");
  await page.getByLabel("Product area").selectOption({ label: "Reporting" });
  await page.getByLabel("Description").fill("Anything");
  await page.getByRole("button", { name: "Submit idea" }).click();
  await expect(page.getByText("The title needs at least 10 characters.").first()).toBeVisible();
  const title = `Heatmap of ticket volume by hour ${Date.now().toString(36)}`;
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Show when our team opens most tickets. <script>alert(1)</script>");
  await page.getByRole("button", { name: "Submit idea" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const created = ideaByTitle(title);
  expect(created.voteCount).toBe(1);
  await expect(page.getByTestId(`vote-${created.id}`)).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("article script")).toHaveCount(0);
});

test("vote and un-vote with JavaScript: the count changes at once and is saved", async ({ page, context }) => {
  await signInNewMember(context, "ideas-js");
  const idea = ideaByTitle("Larger attachments on tickets (up to 100 MB)");
  await page.goto(`/ideas/${idea.id}-${idea.slug}`);
  await waitForHydration(page);
  const button = page.getByTestId(`vote-${idea.id}`);
  await expect(button).toHaveAttribute("aria-pressed", "false");
  await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true");
  expect(await countOn(page, idea.id)).toBe(idea.voteCount + 1);
  await expect
    .poll(() => ideaByTitle("Larger attachments on tickets (up to 100 MB)").voteCount)
    .toBe(idea.voteCount + 1);
  await page.reload();
  await expect(button).toHaveAttribute("aria-pressed", "true");
  await waitForHydration(page);
  await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "false");
  await expect.poll(() => ideaByTitle("Larger attachments on tickets (up to 100 MB)").voteCount).toBe(idea.voteCount);
  expect(await countOn(page, idea.id)).toBe(idea.voteCount);
});

test("in the list, the vote shows on click, before the server has answered", async ({ page, context }) => {
  await signInNewMember(context, "ideas-optimistic");
  const idea = ideaByTitle("Saved filters in the ticket list");
  await page.goto("/ideas?sort=newest");
  await waitForHydration(page);
  // The server answers the vote only after 2 seconds: what the button shows before then is the page's own doing.
  await page.route(`**/ideas/${idea.id}-*`, async (route) => {
    if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.continue();
  });
  const button = page.getByTestId(`vote-${idea.id}`);
  await button.click();
  await expect(button).toHaveAttribute("aria-pressed", "true", { timeout: 500 });
  expect(await countOn(page, idea.id)).toBe(idea.voteCount + 1);
  // Its accessible name starts with what it shows.
  await expect(button).toHaveAccessibleName(`${idea.voteCount + 1} votes, vote for Saved filters in the ticket list`);
  await expect.poll(() => ideaByTitle("Saved filters in the ticket list").voteCount).toBe(idea.voteCount + 1);
  await expect(button).toHaveAttribute("aria-pressed", "true");
});

test("a refused vote rolls the optimistic count back and says why", async ({ page, context }) => {
  await signInNewMember(context, "ideas-rollback");
  const title = "Quiet hours for email notifications";
  const idea = ideaByTitle(title);
  await page.goto(`/ideas/${idea.id}-${idea.slug}`);
  await waitForHydration(page);
  // Declined by staff after the page was loaded (written straight to the database, as another instance would).
  const writer = new Database(E2E_DB_PATH);
  try {
    writer
      .prepare("UPDATE Idea SET status = 'declined', statusNote = 'Covered by notification settings.' WHERE id = ?")
      .run(idea.id);
  } finally {
    writer.close();
  }
  await page.getByTestId(`vote-${idea.id}`).click();
  await expect(page.getByRole("alert")).toContainText("declined");
  expect(await countOn(page, idea.id)).toBe(idea.voteCount);
  expect(ideaByTitle(title).voteCount).toBe(idea.voteCount);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("vote and un-vote from the list with a plain form post", async ({ page, context }) => {
    await signInNewMember(context, "ideas-nojs");
    const idea = ideaByTitle("Saved filters in the ticket list");
    await page.goto("/ideas?sort=newest");
    const button = page.getByTestId(`vote-${idea.id}`);
    await expect(button).toHaveAttribute("aria-pressed", "false");
    await button.click();
    // Back to the same idea in the list (an anchor), not the top of the page.
    await expect(page).toHaveURL(new RegExp(`/ideas\\?sort=newest#idea-${idea.id}$`));
    await expect(page.locator(`#idea-${idea.id}`)).toBeInViewport();
    await expect(button).toHaveAttribute("aria-pressed", "true");
    expect(await countOn(page, idea.id)).toBe(idea.voteCount + 1);
    await page.getByTestId(`vote-${idea.id}`).click();
    await expect(page.getByTestId(`vote-${idea.id}`)).toHaveAttribute("aria-pressed", "false");
    expect(await countOn(page, idea.id)).toBe(idea.voteCount);
  });
});

test("the roadmap board has a card in every column, each with votes and product area", async ({ page }) => {
  await page.goto("/ideas/roadmap");
  for (const column of ["under-review", "planned", "in-progress", "shipped"]) {
    const cards = page.getByTestId(`roadmap-${column}`).locator("li");
    expect(await cards.count(), column).toBeGreaterThan(0);
    await expect(cards.first()).toContainText("▲");
  }
  await expect(page.getByTestId("roadmap-shipped")).toContainText("Dark mode for the support portal");
  // Shipped more than 90 days ago: in the changelog, off the board.
  await expect(page.getByTestId("roadmap-shipped")).not.toContainText("Face ID");
});

test("the changelog Atom feed is well-formed Atom 1.0 with absolute links and updated times", async ({
  page,
  request,
}) => {
  await page.goto("/ideas/changelog");
  await expect(page.getByRole("heading", { name: "Changelog", level: 1 })).toBeVisible();
  // What the page lists before the feed is fetched: shipping only adds, so the feed must carry all of it.
  const listed = (await page.getByRole("main").locator("ol > li h2").allTextContents()).map((title) => title.trim());
  const response = await request.get("/ideas/changelog.atom");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/atom+xml");
  const xml = await response.text();
  // The browser's own XML parser: a single malformed character makes it report a <parsererror>.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const ns = "http://www.w3.org/2005/Atom";
    const feed = doc.documentElement;
    const entries = [...doc.getElementsByTagNameNS(ns, "entry")];
    return {
      error: doc.getElementsByTagName("parsererror").length > 0,
      root: feed.localName,
      namespace: feed.namespaceURI,
      id: doc.getElementsByTagNameNS(ns, "id")[0]?.textContent,
      updated: [...feed.children].find((child) => child.localName === "updated")?.textContent,
      entries: entries.map((entry) => ({
        id: entry.getElementsByTagNameNS(ns, "id")[0]?.textContent ?? "",
        title: entry.getElementsByTagNameNS(ns, "title")[0]?.textContent ?? "",
        href: entry.getElementsByTagNameNS(ns, "link")[0]?.getAttribute("href") ?? "",
        updated: entry.getElementsByTagNameNS(ns, "updated")[0]?.textContent ?? "",
      })),
    };
  }, xml);
  expect(parsed.error).toBe(false);
  expect(parsed).toMatchObject({ root: "feed", namespace: "http://www.w3.org/2005/Atom" });
  expect(parsed.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  // The seed ships two ideas; other tests may ship more while this one runs.
  expect(listed.length).toBeGreaterThanOrEqual(2);
  expect(parsed.entries.map((entry) => entry.title)).toEqual(expect.arrayContaining(listed));
  for (const entry of parsed.entries) {
    expect(entry.href.startsWith(`${E2E_BASE_URL}/ideas/`), entry.href).toBe(true);
    expect(entry.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(entry.id).toMatch(/^tag:/);
    expect(entry.title.length).toBeGreaterThan(0);
  }
  expect(parsed.entries.map((entry) => entry.title)).toContain("Dark mode for the support portal");
});
