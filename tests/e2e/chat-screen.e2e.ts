import type { Browser } from "@playwright/test";
import { seededUser, signIn } from "./auth-helpers";
import { E2E_BASE_URL } from "./env";
import { expect, queryDb, test, waitForHydration, writeDb } from "./helpers";

/**
 * Screen sharing with consent, in Chromium with fake capture: the agent asks and says why, the
 * customer sees who asks and why and accepts, the customer's screen reaches the agent's video element
 * browser to browser (WebRTC, signalling over the chat), the customer stops it, and the transcript
 * records the request, the consent and the end.
 */

const CUSTOMER = seededUser("erin@initech.example");
const AGENT = seededUser("alex.agent@techflow.example");

test.use({
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      // Chromium 156: grant media prompts, capture a generated picture, pick the screen without the picker.
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      "--auto-select-desktop-capture-source=Entire screen",
    ],
  },
});

async function openAs(browser: Browser, who: { email: string; password: string }, path: string) {
  const page = await (await browser.newContext({ baseURL: E2E_BASE_URL })).newPage();
  await signIn(page, who.email, who.password, path);
  await page.goto(path);
  await waitForHydration(page);
  return page;
}

test("the agent sees the customer's screen only after the customer accepts, until the customer stops it", async ({
  browser,
}) => {
  writeDb("DELETE FROM ChatConversation");
  writeDb("DELETE FROM ChatAgent");
  writeDb("DELETE FROM RateLimitWindow WHERE key LIKE 'write:chat%'");
  const agent = await openAs(browser, AGENT, "/admin/chat");
  await agent.getByRole("button", { name: "Go online" }).click();
  await expect(agent.getByTestId("availability")).toContainText("online");
  const customer = await openAs(browser, CUSTOMER, "/");
  await customer.getByRole("button", { name: "Chat with us" }).click();
  const panel = customer.getByRole("region", { name: "Live chat" });
  await panel.getByLabel("How can we help?").fill("The dashboard looks broken");
  await panel.getByRole("button", { name: "Start chat" }).click();
  await expect(panel.getByText("You are chatting with Alex")).toBeVisible();

  await agent.getByRole("link", { name: /Erin/ }).first().click();
  await agent.getByLabel("Why you want to see the screen").fill("To see the broken dashboard layout");
  await agent.getByRole("button", { name: "Ask to see the screen" }).click();

  const request = panel.getByRole("alert");
  await expect(request).toContainText("Alex");
  await expect(request).toContainText("To see the broken dashboard layout");
  const video = agent.getByTestId("shared-screen");
  await expect(video).toBeHidden();
  await request.getByRole("button", { name: "Share my screen" }).click();

  // Frames arrive: the video has a size and its playback clock moves.
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.videoWidth), { timeout: 15_000 })
    .toBeGreaterThan(0);
  const first = await video.evaluate((element: HTMLVideoElement) => element.currentTime);
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeGreaterThan(first);

  await panel.getByRole("button", { name: "Stop sharing" }).click();
  await expect(video).toBeHidden();
  const notes = queryDb<{ body: string }>(
    "SELECT bodyMarkdown AS body FROM ChatEvent WHERE kind = 'note' ORDER BY seq",
  ).map((row) => row.body);
  expect(notes.join("\n")).toMatch(/asked to see your screen: “To see the broken dashboard layout”/);
  expect(notes.join("\n")).toMatch(/agreed to share their screen/);
  expect(notes.join("\n")).toMatch(/stopped the screen sharing/);
});
