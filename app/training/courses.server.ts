import type { PageMeta } from "../content/build.server";
import { lessonNumberOfFile } from "../content/paths";
import type { CourseFrontmatter, LessonFrontmatter, QuizQuestion } from "../content/schema";
import { findPage, listPages } from "../content/store.server";
import type { CourseSummary, LessonLink } from "./types";

/**
 * Courses as the content build holds them (content/training/<course>/): the course file's frontmatter
 * and its numbered lessons. The quiz's correct options stay on the server: `CourseSummary` and
 * `publicQuestions` carry none of them, and only grading reads `quizOf`.
 */

export type Course = { page: PageMeta; frontmatter: CourseFrontmatter; slug: string; lessons: LessonLink[] };

function isCoursePage(page: PageMeta): page is PageMeta & { frontmatter: CourseFrontmatter } {
  return page.kind === "training" && "quiz" in page.frontmatter;
}

function lessonsOf(pages: PageMeta[], slug: string): LessonLink[] {
  return pages
    .filter((page) => page.id.startsWith(`training/${slug}/`) && !("quiz" in page.frontmatter))
    .map((page) => ({ page, number: lessonNumberOfFile(page.file) ?? 0 }))
    .sort((a, b) => a.number - b.number)
    .map(({ page, number }) => ({
      slug: page.id.slice(`training/${slug}/`.length),
      number,
      title: page.frontmatter.title,
      summary: page.frontmatter.summary,
      url: `/${page.id}`,
      readingMinutes: page.readingMinutes,
      video: (page.frontmatter as LessonFrontmatter).video ?? null,
    }));
}

export async function listCourses(): Promise<Course[]> {
  const pages = await listPages("training");
  return pages.filter(isCoursePage).map((page) => {
    const slug = page.id.slice("training/".length);
    return { page, frontmatter: page.frontmatter, slug, lessons: lessonsOf(pages, slug) };
  });
}

const COURSE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function findCourse(slug: string | undefined): Promise<Course | null> {
  if (!slug || !COURSE_SLUG.test(slug) || slug.length > 100) return null;
  const page = await findPage(`training/${slug}`);
  if (!page || !isCoursePage(page)) return null;
  return { page, frontmatter: page.frontmatter, slug, lessons: lessonsOf(await listPages("training"), slug) };
}

export function courseSummary(course: Course): CourseSummary {
  const { frontmatter } = course;
  return {
    slug: course.slug,
    url: `/training/${course.slug}`,
    title: frontmatter.title,
    summary: frontmatter.summary,
    level: frontmatter.level,
    durationMinutes: frontmatter.durationMinutes,
    audience: frontmatter.audience,
    passMarkPercent: frontmatter.passMarkPercent,
    certificateValidityMonths: frontmatter.certificateValidityMonths,
    attemptsPerDay: frontmatter.attemptsPerDay,
    questionCount: frontmatter.quiz.length,
    lessons: course.lessons,
  };
}

/** The quiz with its answers: for grading only, never for a loader's data. */
export function quizOf(course: Course): readonly QuizQuestion[] {
  return course.frontmatter.quiz;
}
