import { MAX_FEEDBACK_COMMENT } from "../../app/content/feedback-types";
import { expect, test, visitorIdOf, voteOf, votesFor, waitForHydration } from "./helpers";

const ASKING_FOR_COMMENT = "Thanks. Tell us what was missing so we can fix it.";
const THANKS_FOR_COMMENT = "Thanks — your comment helps us improve this page.";
const THANKS_FOR_YES = "Thanks for letting us know!";

test.describe("Was this helpful?", () => {
  test("home → category → article → vote No with a comment, then change it to Yes", async ({ page, context }) => {
    const pageId = "kb/how-fast-will-we-respond-to-my-ticket";
    const title = "How fast will we respond to my ticket?";
    const comment = `The table does not say what happens on public holidays (e2e ${Date.now()}).`;
    const rowsBefore = votesFor(pageId).length;

    await page.goto("/");
    await waitForHydration(page);
    await page.getByRole("link", { name: /Tickets and priorities/ }).click();
    await expect(page).toHaveURL(/\/kb\/category\/tickets$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tickets and priorities");

    await page.getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(new RegExp(`/${pageId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

    const breadcrumb = page.getByRole("navigation", { name: "Breadcrumb" });
    await expect(breadcrumb.getByRole("link")).toHaveText(["Help Center", "Knowledge base", "Tickets and priorities"]);
    await expect(breadcrumb.getByRole("link", { name: "Tickets and priorities" })).toHaveAttribute(
      "href",
      "/kb/category/tickets",
    );
    await expect(breadcrumb.locator('[aria-current="page"]')).toHaveText(title);

    const feedback = page.locator("section#feedback");
    await expect(feedback.getByRole("heading", { name: "Was this helpful?" })).toBeVisible();
    const status = feedback.getByRole("status");

    const [votePost] = await Promise.all([
      page.waitForRequest((request) => request.method() === "POST"),
      feedback.getByRole("button", { name: "No", exact: true }).click(),
    ]);
    await expect(status).toHaveText(ASKING_FOR_COMMENT);
    // A fetcher vote: a fetch in the background, no navigation, and the answer is marked as pressed.
    expect(votePost.resourceType()).toBe("fetch");
    await expect(page).toHaveURL(new RegExp(`/${pageId}$`));
    await expect(feedback.getByRole("button", { name: "No", exact: true })).toHaveAttribute("aria-pressed", "true");

    const textarea = feedback.getByLabel(/What was missing\?/);
    await expect(textarea).toBeFocused();
    await textarea.fill(comment);
    await feedback.getByRole("button", { name: "Send feedback" }).click();
    await expect(status).toHaveText(THANKS_FOR_COMMENT);
    await expect(textarea).toBeHidden();

    const visitorId = await visitorIdOf(context);
    const [stored, ...extra] = voteOf(pageId, visitorId);
    expect(extra).toEqual([]);
    expect(stored).toMatchObject({ pageId, visitorId, helpful: 0, comment });
    expect(votesFor(pageId)).toHaveLength(rowsBefore + 1);

    // Later, same browser: the visitor changes their mind. One vote per visitor per page.
    await page.reload();
    await waitForHydration(page);
    await feedback.getByRole("button", { name: "Yes", exact: true }).click();
    await expect(status).toHaveText(THANKS_FOR_YES);
    await expect(feedback.getByRole("button", { name: "Yes", exact: true })).toHaveAttribute("aria-pressed", "true");

    expect(await visitorIdOf(context)).toBe(visitorId);
    const changed = voteOf(pageId, visitorId);
    expect(changed).toHaveLength(1);
    expect(changed[0].id).toBe(stored.id);
    expect(changed[0].helpful).toBe(1);
    expect(votesFor(pageId)).toHaveLength(rowsBefore + 1);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("voting No and commenting work as full-page posts", async ({ page, context }) => {
      const pageId = "kb/can-i-call-support-by-phone";
      const comment = `No-JS visitor: which number do I call from outside the US? (e2e ${Date.now()})`;
      const rowsBefore = votesFor(pageId).length;

      const response = await page.goto(`/${pageId}`);
      expect(response?.status()).toBe(200);
      // Nothing runs client-side in this context: React never hydrates the server HTML.
      expect(
        await page.locator("main").evaluate((main) => Object.keys(main).some((key) => key.startsWith("__reactFiber$"))),
      ).toBe(false);

      const feedback = page.locator("section#feedback");
      const [votePost] = await Promise.all([
        page.waitForResponse(
          (res) => res.request().method() === "POST" && new URL(res.url()).pathname === `/${pageId}`,
        ),
        feedback.getByRole("button", { name: "No", exact: true }).click(),
      ]);
      expect(votePost.status()).toBe(200);
      expect(votePost.request().resourceType()).toBe("document");
      await expect(feedback.getByRole("status")).toHaveText(ASKING_FOR_COMMENT);

      const visitorId = await visitorIdOf(context);
      expect(voteOf(pageId, visitorId)).toMatchObject([{ helpful: 0, comment: null }]);

      await feedback.getByLabel(/What was missing\?/).fill(comment);
      const [commentPost] = await Promise.all([
        page.waitForResponse(
          (res) => res.request().method() === "POST" && new URL(res.url()).pathname === `/${pageId}`,
        ),
        feedback.getByRole("button", { name: "Send feedback" }).click(),
      ]);
      expect(commentPost.status()).toBe(200);
      await expect(feedback.getByRole("status")).toHaveText(THANKS_FOR_COMMENT);

      expect(voteOf(pageId, visitorId)).toMatchObject([{ pageId, helpful: 0, comment }]);
      expect(votesFor(pageId)).toHaveLength(rowsBefore + 1);
    });
  });

  test(`a comment over ${MAX_FEEDBACK_COMMENT} characters is refused, never truncated`, async ({ page, context }) => {
    const pageId = "kb/how-do-i-contact-support";
    const tooLong = `Too long: ${"the portal search could explain more. ".repeat(60)}`.trim();
    expect(tooLong.length).toBeGreaterThan(MAX_FEEDBACK_COMMENT);
    const exactlyMax = `At the limit: ${"x".repeat(MAX_FEEDBACK_COMMENT)}`.slice(0, MAX_FEEDBACK_COMMENT);

    await page.goto(`/${pageId}`);
    await waitForHydration(page);
    const feedback = page.locator("section#feedback");
    const status = feedback.getByRole("status");
    await feedback.getByRole("button", { name: "No", exact: true }).click();
    await expect(status).toHaveText(ASKING_FOR_COMMENT);
    const visitorId = await visitorIdOf(context);

    const textarea = feedback.getByLabel(/What was missing\?/);
    await textarea.fill(tooLong);
    await feedback.getByRole("button", { name: "Send feedback" }).click();

    const error = feedback.locator("#feedback-comment-error");
    await expect(error).toBeVisible();
    await expect(error).toHaveText(
      `Please keep your comment to at most ${MAX_FEEDBACK_COMMENT.toLocaleString("en-US")} characters.`,
    );
    await expect(textarea).toHaveAttribute("aria-invalid", "true");
    await expect(textarea).toHaveAttribute("aria-describedby", "feedback-comment-error");
    await expect(status).not.toHaveText(THANKS_FOR_COMMENT);
    // The visitor's text is still all there to shorten, and nothing (let alone a cut-down copy) was stored.
    await expect(textarea).toHaveValue(tooLong);
    expect(voteOf(pageId, visitorId)).toMatchObject([{ helpful: 0, comment: null }]);

    // Exactly at the limit is accepted and stored in full.
    await textarea.fill(exactlyMax);
    await feedback.getByRole("button", { name: "Send feedback" }).click();
    await expect(status).toHaveText(THANKS_FOR_COMMENT);
    const [stored] = voteOf(pageId, visitorId);
    expect(stored.comment).toBe(exactlyMax);

    // An over-long comment posted straight to the action (as a script or an old browser would) leaves the stored one alone.
    const refused = await page.request.post(`/${pageId}`, {
      form: { page: pageId, helpful: "no", comment: `${tooLong} (again)` },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(refused.status()).toBe(400);
    expect(voteOf(pageId, visitorId)).toEqual([stored]);
  });
});
