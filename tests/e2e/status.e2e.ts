import { seededUser, signIn } from "./auth-helpers";
import { expect, test, waitForHydration } from "./helpers";

const AGENT = seededUser("alex.agent@techflow.example");
const CUSTOMER = seededUser("sam@acme.example");

test.describe("status page", () => {
  test("staff open an incident; a customer sees the banner on every page and the incident on /status; resolving clears it", async ({
    browser,
  }) => {
    const title = `Checkout errors ${Date.now().toString(36)}`;

    // An anonymous visitor loads a cached page first: the incident must purge it.
    const visitor = await browser.newPage();
    await visitor.goto("/kb");
    await expect(visitor.getByTestId("incident-banner")).toHaveCount(0);

    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await signIn(staff, AGENT.email, AGENT.password, "/admin/status");
    const form = staff.locator("form#open-incident");
    await form.getByLabel("Title").fill(title);
    await form.locator('select[name="impact"]').selectOption("critical");
    await form.getByLabel("API", { exact: true }).check();
    await form.getByLabel("How API is affected").selectOption("major-outage");
    await form.getByLabel("First update (Markdown)").fill("Payments through the API fail. We are investigating.");
    await form.getByRole("button", { name: "Open incident" }).click();
    await expect(staff.getByRole("heading", { name: title })).toBeVisible();
    await expect(staff.getByText("Next update by")).toBeVisible();

    const customerContext = await browser.newContext();
    const customer = await customerContext.newPage();
    await signIn(customer, CUSTOMER.email, CUSTOMER.password);
    await expect(customer.getByTestId("incident-banner")).toContainText(title);
    await customer.goto("/kb");
    await expect(customer.getByTestId("incident-banner")).toContainText("Investigating");
    await customer.getByTestId("incident-banner").getByRole("link", { name: "See the status page" }).click();
    await expect(customer).toHaveURL(/\/status/);
    await waitForHydration(customer);
    await expect(customer.getByTestId("overall-status")).toHaveText("Major outage");
    await expect(customer.getByTestId("component-api")).toContainText("Major outage");
    await expect(customer.getByRole("heading", { name: title })).toBeVisible();
    await expect(customer.getByText("Payments through the API fail.")).toBeVisible();
    // Seeded history: the resolved incident's root cause and the maintenance windows.
    await expect(customer.getByText("Root cause analysis").first()).toBeVisible();
    await expect(customer.getByRole("heading", { name: "Notification service migration" })).toBeVisible();

    // The anonymous visitor's cached page was purged: the banner shows now.
    await visitor.goto("/kb");
    await expect(visitor.getByTestId("incident-banner")).toContainText(title);

    const json = await (await customer.request.get("/status.json")).json();
    expect(json.components.find((component: { id: string }) => component.id === "api")).toMatchObject({
      state: "major-outage",
    });
    const feed = await (await customer.request.get("/status/feed.atom")).text();
    expect(feed).toContain(title);

    await staff.locator('select[name="status"]').selectOption("resolved");
    await staff.getByLabel("Update (Markdown)").fill("Payments work again.");
    // A critical incident is a major one: resolving it asks for the root cause analysis.
    await staff
      .getByLabel(/^Root cause analysis \(Markdown; required/)
      .fill("A failed certificate rotation on the payment gateway; rotations are now checked before they go live.");
    await staff.getByRole("button", { name: "Post update" }).click();
    await expect(staff.getByText("Payments work again.")).toBeVisible();

    await visitor.goto("/kb");
    await expect(visitor.getByTestId("incident-banner")).toHaveCount(0);
    await customer.goto("/status");
    await expect(customer.getByTestId("overall-status")).toHaveText("All systems operational");
    await staffContext.close();
    await customerContext.close();
  });

  test("a day with an outage is an orange or red bar under the dashed SLA line, explained by a legend", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/status");
    // The seeded incident 12 days ago: two and a half hours of major outage on the API, partial on integrations.
    const apiOutage = page.getByTestId("component-api").locator('rect[data-outage="major"]');
    await expect(apiOutage.first()).toBeVisible();
    const bar = await apiOutage.first().boundingBox();
    expect(bar?.height ?? 0).toBeGreaterThan(5);
    await expect(
      page.getByTestId("component-integrations").locator('rect[data-outage="partial"]').first(),
    ).toBeVisible();
    const colours = await page.evaluate(() =>
      ["major", "partial", "none"].map((outage) => {
        const rect = document.querySelector(
          `[data-testid="component-api"] rect[data-outage="${outage}"], [data-testid="component-integrations"] rect[data-outage="${outage}"]`,
        );
        return rect ? getComputedStyle(rect).fill : null;
      }),
    );
    expect(new Set(colours).size).toBe(3);
    // On a phone the last 30 days are drawn (the seeded outage among them), with the SLA line over them.
    await expect(page.getByTestId("component-api").getByTestId("sla-line").first()).toBeAttached();
    const legend = page.getByTestId("uptime-legend");
    for (const entry of ["No downtime", "Partial outage", "Major outage", "SLA"])
      await expect(legend).toContainText(entry);
    await expect(
      page.getByRole("img", {
        name: /^API: [\d.]+ % uptime over 90 days, (1 day|\d+ days) with an outage \(the last 30 days drawn\)$/,
      }),
    ).toBeVisible();
  });

  test("subscribing asks for confirmation first", async ({ page }) => {
    await page.goto("/status/subscribe");
    await waitForHydration(page);
    await page.getByLabel("Email address").fill(`watcher-${Date.now().toString(36)}@example.test`);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByText("Check your inbox")).toBeVisible();
  });
});
