import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { SEED_USERS } from "../factories/users";
import { ADMIN, signIn } from "./auth-helpers";
import { expect, queryDb, test, waitForHydration, writeDb } from "./helpers";

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
  { kind: "ideas", path: "/ideas" },
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

/** A seeded thread whose replies hold a task list, a code block and an @mention (prisma/seed-forum-content.ts). */
function taskListThreadPath() {
  const [thread] = queryDb<{ id: number; slug: string }>(
    "SELECT id, slug FROM ForumThread WHERE title = 'A ticket template that gets faster answers'",
  );
  return `/community/t/${thread.id}-${thread.slug}`;
}

const MEMBER = SEED_USERS.find((user) => user.role === "member")!;

/** Read and unread notifications with excerpts for the member (what replies and mentions would have written). */
function giveMemberNotifications() {
  const [member] = queryDb<{ id: string }>("SELECT id FROM User WHERE email = ?", MEMBER.email.toLowerCase());
  const stamp = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString().replace("Z", "+00:00");
  for (const [index, read] of [false, false, true].entries()) {
    writeDb(
      'INSERT INTO "Notification" (id, userId, kind, count, title, url, excerpt, readAt, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)',
      `axe-${Date.now().toString(36)}-${index}`,
      member.id,
      index === 1 ? "mention" : "reply",
      `Priya Shah replied to "A ticket template that gets faster answers"`,
      taskListThreadPath(),
      "Thanks @jordan. Our checklist before pressing Submit: Account ID and a contact phone filled in.",
      read ? stamp(5) : null,
      stamp(30 * (index + 1)),
      stamp(30 * (index + 1)),
    );
  }
}

/** Signed-in pages the walkthrough found failing, on phones (and a desktop for the ideas list), light and dark. */
for (const scheme of ["light", "dark"] as const) {
  test.describe(`axe on signed-in pages, ${scheme} scheme`, () => {
    test.use({ colorScheme: scheme, viewport: { width: 390, height: 844 } });

    test("ideas (vote buttons), a post with a task list and code, and notifications, for a member", async ({
      page,
    }) => {
      giveMemberNotifications();
      await page.addInitScript({ path: AXE_PATH });
      await signIn(page, MEMBER.email, MEMBER.password, "/ideas");
      for (const path of ["/ideas", taskListThreadPath(), "/notifications"]) {
        await page.goto(path);
        await waitForHydration(page);
        expect(await seriousViolations(page), path).toEqual([]);
      }
      // The post's checklist is labelled, and its code block takes focus.
      await page.goto(taskListThreadPath());
      await expect(page.getByRole("checkbox", { name: "A screenshot attached" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Code example" }).first()).toHaveAttribute("tabindex", "0");
      await expect(page.getByRole("link", { name: "@jordan" })).toHaveAttribute("href", "/community/u/jordan");
    });

    test("insights and jobs, for staff", async ({ page }) => {
      await page.addInitScript({ path: AXE_PATH });
      await signIn(page, ADMIN.email, ADMIN.password, "/admin/insights");
      for (const path of ["/admin/insights", "/admin/jobs"]) {
        await page.goto(path);
        await waitForHydration(page);
        expect(await seriousViolations(page), path).toEqual([]);
      }
    });
  });
}
