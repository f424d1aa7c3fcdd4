import type { PageMeta } from "~/content/build.server";
import { courseFrontmatterSchema } from "~/content/schema";
import type { Course } from "~/training/courses.server";

/** A course as the content build would hold it, made in the test: no dependence on content/ or the build. */
export function makeCourse(
  overrides: { slug?: string; attemptsPerDay?: number; passMarkPercent?: number; validityMonths?: number } = {},
): Course {
  const slug = overrides.slug ?? `course-${Math.random().toString(36).slice(2, 10)}`;
  const frontmatter = courseFrontmatterSchema.parse({
    title: "Test course: priorities",
    summary: "A course made for a test, with four questions.",
    level: "beginner",
    durationMinutes: 10,
    audience: "People who write tests for the training module.",
    passMarkPercent: overrides.passMarkPercent ?? 75,
    certificateValidityMonths: overrides.validityMonths ?? 12,
    attemptsPerDay: overrides.attemptsPerDay ?? 3,
    quiz: [
      {
        question: "Question one, single answer?",
        options: [{ text: "Right", correct: true }, { text: "Wrong" }],
        explanation: "One is right.",
      },
      {
        question: "Question two, single answer?",
        options: [{ text: "Wrong" }, { text: "Right", correct: true }],
        explanation: "Two is right.",
      },
      {
        question: "Question three, several answers?",
        answers: "multiple",
        options: [{ text: "Yes A", correct: true }, { text: "No B" }, { text: "Yes C", correct: true }],
        explanation: "A and C are right.",
      },
      {
        question: "Question four, single answer?",
        options: [{ text: "Right", correct: true }, { text: "Wrong" }, { text: "Also wrong" }],
        explanation: "Four has one right answer.",
      },
    ],
  });
  const page = {
    id: `training/${slug}`,
    kind: "training",
    slug,
    file: `training/${slug}/course.mdx`,
    hash: "x",
    frontmatter,
    headings: [],
    readingMinutes: 1,
    updatedAt: null,
  } satisfies PageMeta;
  return { page, frontmatter, slug, lessons: [] };
}

/** Every answer right. */
export const ALL_RIGHT = { q1: "a", q2: "b", q3: ["a", "c"], q4: "a" };
/** Three of four right (75%). */
export const THREE_RIGHT = { q1: "a", q2: "b", q3: ["a"], q4: "a" };
/** Two of four right (50%). */
export const TWO_RIGHT = { q1: "a", q2: "a", q3: ["a", "c"], q4: "b" };
