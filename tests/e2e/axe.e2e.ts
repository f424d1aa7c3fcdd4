import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { expect, test, waitForHydration } from "./helpers";

/**
 * axe-core on every kind of page, in both colour schemes and at desktop and phone sizes.
 * axe is added with addInitScript before navigation, so the page's own CSP stays intact
 * (the script runs in the page's isolated init phase, not as an inline <script> the CSP would refuse).
 */
const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");

const PAGES = [
  { kind: "home", path: "/" },
  { kind: "kb index", path: "/kb" },
  { kind: "category", path: "/kb/category/tickets" },
  { kind: "article", path: "/kb/how-fast-will-we-respond-to-my-ticket" },
  { kind: "docs page", path: "/docs/portal/ticket-statuses" },
  { kind: "webinars index", path: "/webinars" },
  { kind: "webinar recording", path: "/webinars/escalations-and-major-incidents-explained" },
  { kind: "search results", path: "/search?q=password" },
  { kind: "invalid search", path: "/search?q=x&type=nonsense" },
  { kind: "sign-in", path: "/login" },
  { kind: "sign-up", path: "/signup" },
  { kind: "404", path: "/no-such-page-here" },
  { kind: "status", path: "/status" },
] as const;

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
};

async function seriousViolations(page: Page): Promise<string[]> {
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `    ${node.target.join(" ")} ${node.failureSummary?.split("\n").slice(1, 2).join("") ?? ""}`)
          .join("\n"),
    );
}

for (const scheme of ["light", "dark"] as const) {
  for (const viewport of VIEWPORTS) {
    test.describe(`axe, ${scheme} scheme, ${viewport.name}`, () => {
      test.use({ colorScheme: scheme, viewport: { width: viewport.width, height: viewport.height } });

      for (const target of PAGES) {
        test(`${target.kind} (${target.path}) has no serious or critical violations`, async ({ page }) => {
          await page.addInitScript({ path: AXE_PATH });
          await page.goto(target.path);
          await waitForHydration(page);
          expect(await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe)).toBe("object");
          expect(await seriousViolations(page)).toEqual([]);
        });
      }
    });
  }
}

test("axe also passes with the instant-search popup open", async ({ page }) => {
  await page.addInitScript({ path: AXE_PATH });
  await page.goto("/kb");
  await waitForHydration(page);
  await page.getByRole("combobox", { name: "Search the help center" }).fill("password");
  await expect(page.getByRole("option").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
