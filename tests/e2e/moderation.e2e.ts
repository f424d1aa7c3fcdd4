import type { Browser, Page } from "@playwright/test";
import Database from "better-sqlite3";
import { createConfirmedUser, newUser, seededUser, SESSION_COOKIE, signIn } from "./auth-helpers";
import { E2E_BASE_URL } from "./env";
import { E2E_DB_PATH, expect, test, waitForHydration } from "./helpers";

/**
 * A moderator handles a flagged post from the review queue: a new account's spam reply is flagged by
 * three established members through the flag dialog (the third flag hides it), a moderator deletes
 * it from /admin/review with a reason, the audit log shows who did it and why, and visitors no longer
 * see it. (Staff posts are never hidden by flags, and new accounts' flags do not count toward hiding:
 * tests/forum/moderation.test.ts.)
 */

const AGENT = seededUser("alex.agent@techflow.example");
const FLAGGERS = ["sam@acme.example", "pat@globex.example", "erin@initech.example"].map(seededUser);
const MODERATOR = seededUser("morgan.mod@techflow.example");

/** An open seeded thread (read from the e2e server's database, as an operator would). */
function anOpenThread(): { id: number; slug: string } {
  const db = new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    const row = db
      .prepare(
        `SELECT "id", "slug" FROM "ForumThread" WHERE "locked" = 0 AND "deletedAt" IS NULL AND "hiddenAt" IS NULL AND "mergedIntoId" IS NULL ORDER BY "id" LIMIT 1`,
      )
      .get() as { id: number; slug: string } | undefined;
    if (!row) throw new Error("the e2e seed has no open forum thread");
    return row;
  } finally {
    db.close();
  }
}

async function signedInPage(browser: Browser, user: { email: string; password: string }, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user.email, user.password, path);
  await waitForHydration(page);
  return page;
}

test("a moderator deletes a post hidden by three flags from the review queue, and the audit log records it", async ({
  browser,
  page,
}) => {
  // Five people sign in and act in turn (a new member, three flaggers, a moderator): on a loaded 2-core
  // CI machine that alone can take most of the default 30 s, so this story gets three times as long.
  test.slow();
  const thread = anOpenThread();
  const threadPath = `/community/t/${thread.id}-${thread.slug}`;
  const body = `Buy cheap licences at our partner shop, reference ${Date.now().toString(36)}`;

  // A spammer's fresh account: one reply without links is within the new-member limits.
  const spammerContext = await browser.newContext();
  await spammerContext.addCookies([
    { name: SESSION_COOKIE, value: await createConfirmedUser(newUser("spammer")), url: E2E_BASE_URL },
  ]);
  const spammer = await spammerContext.newPage();
  await spammer.goto(threadPath);
  await waitForHydration(spammer);
  await spammer.getByLabel("Reply", { exact: true }).fill(body);
  await spammer.getByRole("button", { name: "Post reply" }).click();
  const replyArticle = spammer.locator("article.forum-post", { hasText: body });
  await expect(replyArticle).toBeVisible();
  const number = Number(await replyArticle.getAttribute("data-post-number"));
  expect(number).toBeGreaterThan(1);
  await spammerContext.close();

  for (const [index, flagger] of FLAGGERS.entries()) {
    const member = await signedInPage(browser, flagger, threadPath);
    await member.goto(`${threadPath}?page=${Math.ceil(number / 20)}#post-${number}`);
    await waitForHydration(member);
    const post = member.locator(`#post-${number}`);
    // The page has one flag dialog; the post's button opens it for that post.
    await post.getByRole("button", { name: /^Flag post \d+ by / }).click();
    const dialog = member.getByRole("dialog", { name: new RegExp(`^Flag post ${number} by `) });
    await dialog.getByLabel(/Spam/).check();
    await dialog.getByLabel(/Note for the moderators/).fill(`Advertising (${flagger.name})`);
    await dialog.getByRole("button", { name: "Flag post", exact: true }).click();
    await expect(dialog).toBeHidden();
    const last = index === FLAGGERS.length - 1;
    await expect(post.getByRole("status")).toContainText(
      last ? "now hidden until a moderator reviews it" : "a moderator will review the post",
    );
    await member.context().close();
  }

  const moderator = await signedInPage(browser, MODERATOR, "/admin/review");
  const item = moderator.getByTestId("review-item").filter({ hasText: body });
  await expect(item).toBeVisible();
  await expect(item).toContainText("3 flags");
  await expect(item).toContainText("Hidden (by flags)");
  await expect(item).toContainText(`Advertising (${FLAGGERS[0].name})`);
  const historyHref = await item.getByRole("link", { name: "History" }).getAttribute("href");
  expect(historyHref).toMatch(/^\/admin\/audit\?subject=post:\d+$/);

  await item.getByLabel("Reason (kept in the audit log)").fill("Spam link, removed");
  await item.getByRole("button", { name: "Delete" }).click();
  await expect(moderator.getByRole("status").filter({ hasText: "Post deleted." })).toBeVisible();
  await expect(moderator.getByTestId("review-item").filter({ hasText: body })).toHaveCount(0);

  await moderator.goto(historyHref!);
  const rows = moderator.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "post.delete" })).toContainText("Spam link, removed");
  await expect(rows.filter({ hasText: "post.delete" })).toContainText(MODERATOR.name);
  await expect(rows.filter({ hasText: "post.hide-by-flags" })).toHaveCount(1);
  await moderator.context().close();

  // An anonymous visitor no longer sees the text.
  await page.goto(`${threadPath}?page=${Math.ceil(number / 20)}`);
  await expect(page.locator(`#post-${number}`)).toBeVisible();
  await expect(page.getByText(body)).toHaveCount(0);
});

test("members cannot reach the review queue or the audit log, and moderator actions from a member are refused with a message", async ({
  browser,
}) => {
  const member = await signedInPage(browser, FLAGGERS[0], "/settings");
  const review = await member.goto("/admin/review");
  expect(review?.status()).toBe(403);
  const audit = await member.goto("/admin/audit");
  expect(audit?.status()).toBe(403);
  const thread = anOpenThread();
  const answer = await member.request.post("/community/moderate", {
    form: { intent: "lock", threadId: String(thread.id), _fetch: "1" },
    headers: { Origin: new URL(member.url()).origin },
    maxRedirects: 0,
  });
  expect(answer.status()).toBe(403);
  expect(await answer.text()).toContain("Only moderators can lock or unlock threads.");
  await member.context().close();
});

test("a brand-new member who hits a posting limit reads which limit and when they can post again", async ({
  browser,
}) => {
  const user = newUser("limits");
  const token = await createConfirmedUser(user);
  const context = await browser.newContext();
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: E2E_BASE_URL }]);
  const page = await context.newPage();
  const thread = anOpenThread();
  await page.goto(`/community/t/${thread.id}-${thread.slug}`);
  await waitForHydration(page);

  const reply = page.getByLabel("Reply", { exact: true });
  await reply.fill("Useful: https://a.example/one, https://b.example/two and https://c.example/three");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByText("New members can include at most 2 links in a post; this one has 3.")).toBeVisible();

  await reply.fill(`Thanks, this helped me (${user.name}).`);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.locator("article.forum-post", { hasText: `Thanks, this helped me (${user.name}).` })).toBeVisible();

  await page.getByLabel("Reply", { exact: true }).fill("And one more thing straight away.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(
    page.getByText(/New members can post once every 30 seconds\. You can post again in \d+ seconds/),
  ).toBeVisible();
  await context.close();
});

test("a moderator locks a thread from its moderator menu; members then read that it takes no replies", async ({
  browser,
}) => {
  const thread = anOpenThread();
  const threadPath = `/community/t/${thread.id}-${thread.slug}`;
  const moderator = await signedInPage(browser, MODERATOR, threadPath);
  const menu = moderator.getByTestId("thread-moderator-menu");
  await menu.locator("summary").click();
  await menu.getByLabel("Reason (kept in the audit log)").fill("Cooling off");
  await menu.getByRole("button", { name: "Lock" }).click();
  await expect(moderator.getByText("Locked", { exact: true })).toBeVisible();

  const member = await signedInPage(browser, FLAGGERS[1], threadPath);
  await expect(member.getByText("This thread is locked: it takes no new replies.")).toBeVisible();
  await expect(member.getByLabel("Reply", { exact: true })).toHaveCount(0);
  await member.context().close();

  await moderator.goto(threadPath);
  await waitForHydration(moderator);
  await menu.locator("summary").click();
  await menu.getByRole("button", { name: "Unlock" }).click();
  await expect(moderator.getByText("Locked", { exact: true })).toHaveCount(0);
  await moderator.goto(`/admin/audit?subject=thread:${thread.id}`);
  await expect(moderator.getByTestId("audit-row").filter({ hasText: "thread.lock" })).toContainText("Cooling off");
  await moderator.context().close();
});

test("without JavaScript a member flags through the post's flag page; a moderator hides a post from the page's one moderator dialog", async ({
  browser,
}) => {
  const thread = anOpenThread();
  const threadPath = `/community/t/${thread.id}-${thread.slug}`;
  const body = `A reply to flag without scripts, reference ${Date.now().toString(36)}`;
  const agent = await signedInPage(browser, AGENT, threadPath);
  await agent.getByLabel("Reply", { exact: true }).fill(body);
  await agent.getByRole("button", { name: "Post reply" }).click();
  const agentReply = agent.locator("article.forum-post", { hasText: body });
  await expect(agentReply).toBeVisible();
  const number = Number(await agentReply.getAttribute("data-post-number"));
  const postPage = `${threadPath}?page=${Math.ceil(number / 20)}#post-${number}`;
  await agent.context().close();

  const user = newUser("noscript-flag");
  const token = await createConfirmedUser(user);
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: E2E_BASE_URL }]);
  const member = await context.newPage();
  await member.goto(postPage);
  // No flag form per post on the page: the post's control is a link to its flag page.
  await member
    .locator(`#post-${number}`)
    .getByRole("link", { name: /^Flag post \d+ by / })
    .click();
  await expect(member).toHaveURL(/\/community\/posts\/\d+\/flag$/);
  await member.getByLabel(/Spam/).check();
  await member.getByRole("button", { name: "Flag post", exact: true }).click();
  await expect(member.locator(`#post-${number}`).getByRole("status")).toHaveText("You flagged this post.");
  await context.close();

  const moderator = await signedInPage(browser, MODERATOR, threadPath);
  await moderator.goto(postPage);
  await waitForHydration(moderator);
  await moderator
    .locator(`#post-${number}`)
    .getByRole("button", { name: `Moderate post ${number}` })
    .click();
  const dialog = moderator.getByRole("dialog", { name: new RegExp(`^Moderate post ${number} by `) });
  await dialog.getByLabel("Reason (kept in the audit log)").fill("Checking the flag");
  await dialog.getByRole("button", { name: "Hide" }).click();
  await expect(moderator.locator(`#post-${number}`)).toContainText("Hidden from members pending review.");
  await expect(dialog).toBeHidden();
  await moderator.context().close();
});
