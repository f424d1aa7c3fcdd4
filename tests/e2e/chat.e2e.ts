import { createRequire } from "node:module";
import type { Browser, Page } from "@playwright/test";
import { seededUser, signIn } from "./auth-helpers";
import { E2E_BASE_URL } from "./env";
import { expect, queryDb, test, waitForHydration, writeDb } from "./helpers";

/**
 * Live chat with two browsers, a customer and an agent: the customer's launcher and the agent's
 * console talk over Server-Sent Events and POSTs; the panel survives navigation; axe finds nothing
 * serious in the open panel or the console. The Enterprise customer is used because Enterprise chat
 * is open around the clock, so the test does not depend on the hour it runs.
 */

const CUSTOMER = seededUser("erin@initech.example");
const AGENT = seededUser("alex.agent@techflow.example");
const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

type AxeViolation = { id: string; impact: string | null; nodes: { target: string[] }[] };

async function seriousViolations(page: Page): Promise<string[]> {
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** No chat left over from an earlier run, and only this agent online with room. */
function resetChats() {
  writeDb("DELETE FROM ChatConversation");
  writeDb("DELETE FROM ChatAgent");
  writeDb("DELETE FROM RateLimitWindow WHERE key LIKE 'write:chat%'");
}

async function openAs(browser: Browser, who: { email: string; password: string }, path: string, phone = false) {
  const context = await browser.newContext({
    baseURL: E2E_BASE_URL,
    ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
  });
  await context.addInitScript({ path: AXE_PATH });
  const page = await context.newPage();
  await signIn(page, who.email, who.password, path);
  await page.goto(path);
  await waitForHydration(page);
  return page;
}

async function agentOnline(browser: Browser) {
  const agent = await openAs(browser, AGENT, "/admin/chat");
  await agent.getByRole("button", { name: "Go online" }).click();
  await expect(agent.getByTestId("availability")).toContainText("online");
  return agent;
}

for (const device of ["desktop", "phone"] as const) {
  test(`${device}: a customer chats with an agent, the panel survives navigation, and the chat ends with a rating`, async ({
    browser,
  }) => {
    resetChats();
    const agent = await agentOnline(browser);
    const customer = await openAs(browser, CUSTOMER, "/kb", device === "phone");
    await customer.getByRole("button", { name: "Chat with us" }).click();
    const panel = customer.getByRole("region", { name: "Live chat" });
    await panel.getByLabel("How can we help?").fill("How do I export reports?");
    await panel.getByRole("button", { name: "Start chat" }).click();
    await expect(panel.getByText("How do I export reports?")).toBeVisible();
    // The only online agent has room: the chat is assigned at once.
    await expect(panel.getByText("You are chatting with Alex")).toBeVisible();
    expect(await seriousViolations(customer)).toEqual([]);
    // Answers first: the first message was also a search, recorded in the deflection funnel as the chat's.
    expect(
      queryDb<{ n: number }>("SELECT COUNT(*) AS n FROM DeflectionSession WHERE channel = 'chat'")[0]!.n,
    ).toBeGreaterThan(0);

    await agent.getByRole("link", { name: /Erin/ }).first().click();
    await expect(agent.getByTestId("customer-plan")).toHaveText("Enterprise");
    await expect(agent.getByText("How do I export reports?")).toBeVisible();
    await expect(agent.getByText("/kb", { exact: true })).toBeVisible();
    await agent.getByLabel("Your reply (Markdown)").fill("Open **Reports**, then choose Export.");
    await agent.getByRole("button", { name: "Send", exact: true }).click();
    await expect(panel.locator("strong", { hasText: "Reports" })).toBeVisible();
    // The agent's console shows the reply was read once the customer's open panel received it.
    await expect(agent.getByTestId("receipt")).toHaveText("Read");
    expect(await seriousViolations(agent)).toEqual([]);

    // A client-side navigation keeps the panel, its messages and its connection.
    await customer.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await customer.locator("main a[href^='/kb/']").first().click();
    await expect(customer).toHaveURL(/\/kb\/.+/);
    expect(await customer.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await expect(panel.getByText("Open Reports, then choose Export.", { exact: false })).toBeVisible();
    // The agent sees where the customer went.
    await expect(agent.getByRole("listitem").filter({ hasText: /^\/kb\/.+/ })).toBeVisible();
    await panel.getByLabel("Your message").fill("Thanks, found it");
    await panel.getByLabel("Your message").press("Enter");
    await expect(agent.getByText("Thanks, found it")).toBeVisible();

    await agent.getByRole("button", { name: "End chat" }).click();
    await expect(panel.getByText("This chat has ended.")).toBeVisible();
    await panel.getByRole("button", { name: /^5 out of 5/ }).click();
    await expect.poll(() => queryDb<{ rating: number }>("SELECT rating FROM ChatConversation")[0]?.rating).toBe(5);
    await customer.context().close();
    await agent.context().close();
  });
}

test("a chat reconnecting after a dropped stream shows every message once, in order", async ({ browser }) => {
  resetChats();
  const agent = await agentOnline(browser);
  const customer = await openAs(browser, CUSTOMER, "/");
  await customer.getByRole("button", { name: "Chat with us" }).click();
  const panel = customer.getByRole("region", { name: "Live chat" });
  await panel.getByLabel("How can we help?").fill("Reconnect test");
  await panel.getByRole("button", { name: "Start chat" }).click();
  await expect(panel.getByText("You are chatting with Alex")).toBeVisible();
  await agent.getByRole("link", { name: /Erin/ }).first().click();
  // Offline for a moment: the stream drops and messages are written meanwhile.
  await customer.context().setOffline(true);
  for (const text of ["one", "two", "three"]) {
    await agent.getByLabel("Your reply (Markdown)").fill(`message ${text}`);
    await agent.getByRole("button", { name: "Send", exact: true }).click();
    await expect(agent.getByRole("list", { name: "Chat messages" }).getByText(`message ${text}`)).toBeVisible();
  }
  await customer.context().setOffline(false);
  await expect(panel.getByText("message three")).toBeVisible({ timeout: 15_000 });
  const shown = await panel.getByRole("list", { name: "Chat messages" }).locator("li").allTextContents();
  const replies = shown.filter((text) => /message (one|two|three)/.test(text));
  expect(replies.map((text) => /message (\w+)/.exec(text)?.[1])).toEqual(["one", "two", "three"]);
  await customer.context().close();
  await agent.context().close();
});

/** A 1×1 PNG: a real image, so the preview loads. */
const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

test("files: a refused file says why in the panel; the customer's screenshot reaches the agent, who opens it", async ({
  browser,
}) => {
  // Three people sign in (customer, agent, a stranger) and a 10 MB file is chosen: more than the default budget.
  test.setTimeout(60_000);
  resetChats();
  const agent = await agentOnline(browser);
  const customer = await openAs(browser, CUSTOMER, "/kb");
  await customer.getByRole("button", { name: "Chat with us" }).click();
  const panel = customer.getByRole("region", { name: "Live chat" });
  await panel.getByLabel("How can we help?").fill("The export page shows an error");
  await panel.getByRole("button", { name: "Start chat" }).click();
  await expect(panel.getByText("You are chatting with Alex")).toBeVisible();
  await expect(panel.getByText(/One file a message, up to 10 MB/)).toBeVisible();

  // Named .png, but the bytes are a program: refused by content, with the reason.
  const program = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(256, 0)]);
  await panel.getByLabel("Attach a file").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: program });
  await panel.getByRole("button", { name: "Send", exact: true }).click();
  await expect(panel.locator("#chat-error")).toContainText("“photo.png” is not a file type we accept");
  // Over the cap the panel states: said at once, nothing uploaded.
  await panel
    .getByLabel("Attach a file")
    .setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 1) });
  await panel.getByRole("button", { name: "Send", exact: true }).click();
  await expect(panel.locator("#chat-error")).toContainText("“huge.png” is larger than 10 MB");
  expect(queryDb<{ n: number }>("SELECT COUNT(*) AS n FROM ChatAttachment")[0]!.n).toBe(0);

  await panel.getByLabel("Attach a file").setInputFiles({ name: "error.png", mimeType: "image/png", buffer: TINY_PNG });
  await panel.getByLabel("Your message").fill("Here is the error");
  await panel.getByRole("button", { name: "Send", exact: true }).click();
  await expect(panel.getByRole("link", { name: "error.png" })).toBeVisible();
  await expect(panel.locator("#chat-error")).toHaveCount(0);
  expect(await seriousViolations(customer)).toEqual([]);

  await agent.getByRole("link", { name: /Erin/ }).first().click();
  const link = agent.getByRole("list", { name: "Chat messages" }).getByRole("link", { name: "error.png" });
  await expect(link).toBeVisible();
  await expect(agent.getByText("Here is the error")).toBeVisible();
  // The preview loaded (the agent may read the file), and opening the link shows the image.
  await expect.poll(() => link.locator("img").evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);
  const [opened] = await Promise.all([agent.waitForEvent("popup"), link.click()]);
  await opened.waitForLoadState();
  expect(new URL(opened.url()).pathname).toMatch(/^\/chat\/files\/\w+$/);
  // What the agent's session gets at that address: the customer's bytes, as an image.
  const response = await agent.context().request.get(opened.url());
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/png");
  expect(Buffer.from(await response.body()).equals(TINY_PNG)).toBe(true);
  // Someone who may not read the chat gets the 404 of a file that does not exist.
  const stranger = await openAs(browser, seededUser("sam@acme.example"), "/kb");
  expect((await stranger.context().request.get(opened.url())).status()).toBe(404);
  await stranger.context().close();
  await customer.context().close();
  await agent.context().close();
});
