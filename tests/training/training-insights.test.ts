import { afterAll, describe, expect, it } from "vitest";
import { parseRange } from "~/insights/range";
import { trainingInsights } from "~/insights/training-insights.server";
import { prisma } from "~/lib/db.server";
import { findCourse, quizOf } from "~/training/courses.server";
import { recordLessonVisit } from "~/training/progress.server";
import { submitQuiz } from "~/training/quiz.server";
import { createUser } from "../factories/accounts";

afterAll(() => prisma.$disconnect());

describe("training insights", () => {
  it("counts enrolments, first passes, the pass rate and certificates per course within the range", async () => {
    const course = await findCourse("getting-help-fast");
    if (!course) throw new Error("the content build has no getting-help-fast course (run npm run content:build)");
    const allRight = Object.fromEntries(
      quizOf(course).map((question, index) => {
        const right = question.options.flatMap((option, at) => (option.correct ? ["abcdef"[at]] : []));
        return [`q${index + 1}`, question.answers === "multiple" ? right : right[0]];
      }),
    );
    const inRange = new Date("2030-01-10T12:00:00Z");
    const [first, second] = [await createUser(), await createUser()];
    await recordLessonVisit(first, course.slug, course.lessons[0].slug, prisma, inRange);
    await recordLessonVisit(second, course.slug, course.lessons[0].slug, prisma, inRange);
    // Three of eight wrong is below the pass mark.
    const failing = { ...allRight, q1: "d", q2: "a", q3: "a" };
    await submitQuiz(first, course, failing, inRange);
    await submitQuiz(first, course, allRight, inRange);
    await submitQuiz(second, course, failing, inRange);
    // A second pass by the same member is not a second completion.
    await submitQuiz(first, course, allRight, new Date("2030-01-11T12:00:00Z"));

    const range = parseRange(
      new URLSearchParams({ from: "2030-01-01", to: "2030-01-31" }),
      new Date("2030-02-01T00:00:00Z"),
    );
    if (!range.ok) throw new Error(range.message);
    const insights = await trainingInsights(range.range);
    expect(insights.courses.find((row) => row.slug === "getting-help-fast")).toMatchObject({
      enrolments: 2,
      completions: 1,
      attempts: 4,
      passedAttempts: 2,
      passRatePercent: 50,
      certificatesIssued: 1,
    });
    expect(insights.certificatesIssued).toBe(1);
    expect(insights.courses.find((row) => row.slug === "incident-readiness")).toMatchObject({
      enrolments: 0,
      passRatePercent: null,
    });
  });
});
