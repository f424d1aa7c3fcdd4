import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "@playwright/test";
import matter from "gray-matter";
import { SESSION_COOKIE, createConfirmedUser, newUser } from "./auth-helpers";
import { E2E_BASE_URL } from "./env";
import { REPO_ROOT, expect, test, waitForHydration } from "./helpers";

/**
 * Training end to end: a new member reads a course lesson by lesson, is told what is missing when
 * they submit the quiz half done, passes it, gets a certificate, and a stranger verifies it (page and
 * PDF) without signing in. At phone and desktop sizes, with axe on every training page on the way.
 */

const COURSE = "getting-help-fast";
type QuizSource = { question: string; options: { text: string; correct?: boolean }[] }[];
const QUIZ = (
  matter(readFileSync(path.join(REPO_ROOT, "content/training", COURSE, "course.mdx"), "utf8")).data as {
    quiz: QuizSource;
  }
).quiz;

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

async function expectNoSeriousAxeViolations(page: Page) {
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null }[] }>;
        };
      }
    ).axe;
    return (await axe.run(document, { resultTypes: ["violations"] })).violations;
  });
  expect(
    violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => violation.id),
    page.url(),
  ).toEqual([]);
}

for (const viewport of [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const) {
  test(`take a course, pass its quiz and verify the certificate anonymously (${viewport.name})`, async ({
    browser,
  }) => {
    const member = newUser(`training-${viewport.name}`);
    const context = await browser.newContext({ baseURL: E2E_BASE_URL, viewport });
    await context.addInitScript({ path: AXE_PATH });
    await context.addCookies([
      {
        name: SESSION_COOKIE,
        value: await createConfirmedUser(member),
        url: E2E_BASE_URL,
        httpOnly: true,
        sameSite: "Lax",
      },
    ]);
    const page = await context.newPage();

    await page.goto("/training");
    await expect(page.getByRole("heading", { level: 1, name: "Training" })).toBeVisible();
    await expect(page.getByTestId("recording-list")).toContainText("Recording coming soon");
    await expectNoSeriousAxeViolations(page);
    await page
      .getByTestId("course-list")
      .getByRole("link", { name: /Getting help fast/ })
      .click();
    await page.getByRole("link", { name: "Start the course" }).click();
    await expect(page.getByTestId("lesson-position")).toContainText("Lesson 1 of");
    await expectNoSeriousAxeViolations(page);
    // Lesson by lesson to the last one, which leads to the quiz.
    const lessonCount = Number(/of (\d+)/.exec((await page.getByTestId("lesson-position").textContent()) ?? "")?.[1]);
    expect(lessonCount).toBeGreaterThan(1);
    for (let lesson = 2; lesson <= lessonCount; lesson++) {
      await page.getByRole("link", { name: /^Next: / }).click();
      await expect(page.getByTestId("lesson-position")).toContainText(`Lesson ${lesson} of`);
    }
    await page.getByRole("link", { name: "Take the quiz" }).last().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Quiz:/ })).toBeVisible();
    await waitForHydration(page);

    // Half done: nothing is graded, the page says what is missing.
    await page.getByTestId("quiz-question").first().getByRole("radio").first().check();
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByTestId("quiz-unanswered")).toContainText(`You answered 1 of ${QUIZ.length} questions`);
    await expect(page.getByTestId("error-summary")).toContainText("Answer question 2.");
    await expectNoSeriousAxeViolations(page);

    for (const [index, question] of QUIZ.entries()) {
      const fieldset = page.getByTestId("quiz-question").nth(index);
      for (const option of question.options) {
        const control = fieldset.getByLabel(option.text, { exact: true });
        if (option.correct) await control.check();
        else if ((await control.getAttribute("type")) === "checkbox") await control.uncheck();
      }
    }
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByTestId("quiz-results")).toContainText("You passed");
    await expect(page.getByTestId("quiz-results")).toContainText(
      QUIZ[0].options.find((option) => option.correct)!.text,
    );
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("link", { name: "View your certificate" }).click();
    await expect(page.getByTestId("certificate-holder")).toHaveText(member.name);
    const certificateUrl = new URL(page.url()).pathname;

    // Signed in, /training lists the course as passed and the certificate.
    await page.goto("/training");
    await expect(page.getByTestId("my-training")).toContainText("quiz passed");
    await expect(
      page
        .getByTestId("my-training")
        .getByRole("link", { name: /Getting help fast/ })
        .last(),
    ).toHaveAttribute("href", certificateUrl);

    // A stranger verifies it: page and PDF.
    const stranger = await browser.newContext({ baseURL: E2E_BASE_URL, viewport });
    await stranger.addInitScript({ path: AXE_PATH });
    const verifier = await stranger.newPage();
    await verifier.goto(certificateUrl);
    await expect(verifier.getByTestId("certificate-status")).toContainText("Valid certificate");
    await expect(verifier.getByTestId("certificate-holder")).toHaveText(member.name);
    await expect(verifier.getByRole("heading", { name: "Revoke (staff)" })).toHaveCount(0);
    await expectNoSeriousAxeViolations(verifier);
    const pdf = await verifier.request.get(`${certificateUrl}.pdf`);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await verifier.request.get("/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).status()).toBe(404);
    await stranger.close();
    await context.close();
  });
}
