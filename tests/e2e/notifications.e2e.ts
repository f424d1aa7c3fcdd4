import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { seededUser, signIn } from "./auth-helpers";
import { E2E_DB_PATH, expect, test, waitForHydration } from "./helpers";

/**
 * Notifications and live updates in a real browser against the production build: a member follows a
 * thread with the button, an anonymous reader has the thread open, another member replies; the
 * reader sees "1 new reply, show" without reloading and is taken to it, and the follower's bell
 * counts the reply, whose notification opens the post and is then read. The replier @mentions a
 * member through the autocomplete.
 */

const FOLLOWER = seededUser("pat@globex.example");
const REPLIER = seededUser("erin@initech.example");

/**
 * An open thread that members can reply to, short enough that the next reply stays on page 1, in which
 * @priya has posted (the autocomplete suggests the people who posted in the thread).
 */
function replyableThread(): { id: number; slug: string; lastPostNumber: number } {
  const db = new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    const row = db
      .prepare(
        `SELECT t.id, t.slug, t.lastPostNumber FROM ForumThread t JOIN ForumCategory c ON c.id = t.categoryId
         WHERE t.locked = 0 AND t.deletedAt IS NULL AND t.hiddenAt IS NULL AND t.mergedIntoId IS NULL AND t.lastPostNumber < 15
           AND EXISTS (SELECT 1 FROM ForumPost p JOIN User u ON u.id = p.authorId WHERE p.threadId = t.id AND p.deletedAt IS NULL AND p.hiddenAt IS NULL AND u.username = 'priya')
         ORDER BY t.id DESC LIMIT 1`,
      )
      .get() as { id: number; slug: string; lastPostNumber: number } | undefined;
    if (!row) throw new Error("the seed has no open thread with a post by @priya to reply to");
    return row;
  } finally {
    db.close();
  }
}

test("follow a thread, see a new reply live as an anonymous reader, and find it under the follower's bell", async ({
  browser,
  page,
}) => {
  const thread = replyableThread();
  const threadUrl = `/community/t/${thread.id}-${thread.slug}`;
  const replyText = `Live reply check ${randomBytes(4).toString("hex")}: Enterprise plans include phone support.`;

  // The follower follows the thread with the button (a fetcher; the page does not reload).
  await signIn(page, FOLLOWER.email, FOLLOWER.password, threadUrl);
  await waitForHydration(page);
  const controls = page.getByTestId("follow-controls");
  if ((await controls.getAttribute("data-state")) !== "following") {
    await controls.getByRole("button", { name: "Follow" }).click();
  }
  await expect(controls).toHaveAttribute("data-state", "following");
  await expect(controls).toContainText("You follow this thread");

  // An anonymous reader has the thread open.
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  await reader.goto(threadUrl);
  await waitForHydration(reader);
  await expect(reader.getByTestId("live-replies")).toHaveCount(0);

  // Another member replies.
  const replierContext = await browser.newContext();
  const replier = await replierContext.newPage();
  await signIn(replier, REPLIER.email, REPLIER.password, threadUrl);
  await waitForHydration(replier);
  const composer = replier.getByLabel("Reply", { exact: true });
  await composer.fill(replyText);
  // @mention autocomplete: typing "@pri" offers @priya, who posted in this thread; Enter picks it.
  await composer.press("End");
  await composer.pressSequentially(" Ask @pri", { delay: 20 });
  const suggestions = replier.getByTestId("mention-suggestions");
  await expect(suggestions.getByRole("option", { name: /@priya/ })).toBeVisible();
  await composer.press("Enter");
  await expect(composer).toHaveValue(`${replyText} Ask @priya `);
  await expect(suggestions).toHaveCount(0);
  await replier.getByRole("button", { name: "Post reply" }).click();
  await expect(replier.getByText(replyText)).toBeVisible();

  // The reader is told without reloading, and "show" brings the reply in.
  const live = reader.getByTestId("live-replies");
  await expect(live).toContainText("1 new reply, show");
  await live.getByRole("button").click();
  const newPost = reader.locator(`#post-${thread.lastPostNumber + 1}`);
  await expect(newPost).toContainText(replyText);
  await expect(newPost).toBeInViewport();
  await expect(live).toHaveCount(0);

  // The follower's bell counts it; the notification opens the post and is then read.
  await page.goto("/kb");
  const bell = page.getByTestId("notification-bell");
  await expect(bell.getByTestId("notification-count")).toHaveText(/^[1-9]\d*\+?$/);
  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  const item = page.getByTestId("notifications").getByRole("link").filter({ hasText: "replied to" }).first();
  await expect(item).toBeVisible();
  await item.click();
  await expect(page).toHaveURL(new RegExp(`/community/t/${thread.id}-[^#]*#post-${thread.lastPostNumber + 1}$`));
  await page.goto("/notifications");
  await expect(
    page.getByTestId("notifications").locator("li[data-unread]").filter({ hasText: "replied to" }),
  ).toHaveCount(0);

  await readerContext.close();
  await replierContext.close();
});
