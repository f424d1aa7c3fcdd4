import type { PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import type { CourseProgress } from "./types";
import { inRetriedTransaction } from "../lib/transactions.server";

/**
 * A signed-in member's progress: opening a lesson enrols them in its course, marks the lesson read
 * and remembers it as the place to resume. Anonymous readers read the same lessons and leave no trace.
 */

type Member = { id: string };

export async function recordLessonVisit(
  member: Member,
  courseSlug: string,
  lessonSlug: string,
  db: PrismaClient = prisma,
  now = new Date(),
) {
  await inRetriedTransaction(
    async (tx) => {
      await tx.trainingEnrolment.upsert({
        where: { userId_courseSlug: { userId: member.id, courseSlug } },
        create: { userId: member.id, courseSlug, lastLessonSlug: lessonSlug, startedAt: now, lastVisitedAt: now },
        update: { lastLessonSlug: lessonSlug, lastVisitedAt: now },
      });
      await tx.trainingLessonCompletion.upsert({
        where: { userId_courseSlug_lessonSlug: { userId: member.id, courseSlug, lessonSlug } },
        create: { userId: member.id, courseSlug, lessonSlug, completedAt: now },
        update: {},
      });
    },
    { db },
  );
}

/** Every course the member has started (or passed), keyed by course slug. */
export async function progressOf(member: Member, db: PrismaClient = prisma): Promise<Map<string, CourseProgress>> {
  const [enrolments, completions, passes] = await Promise.all([
    db.trainingEnrolment.findMany({ where: { userId: member.id }, orderBy: { lastVisitedAt: "desc" } }),
    db.trainingLessonCompletion.findMany({
      where: { userId: member.id },
      select: { courseSlug: true, lessonSlug: true },
    }),
    db.quizAttempt.findMany({
      where: { userId: member.id, passed: true },
      select: { courseSlug: true },
      distinct: ["courseSlug"],
    }),
  ]);
  const progress = new Map<string, CourseProgress>();
  const entry = (courseSlug: string) => {
    let found = progress.get(courseSlug);
    if (!found) {
      found = { courseSlug, completedLessons: [], lastLessonSlug: null, passed: false };
      progress.set(courseSlug, found);
    }
    return found;
  };
  for (const enrolment of enrolments) entry(enrolment.courseSlug).lastLessonSlug = enrolment.lastLessonSlug;
  for (const completion of completions) entry(completion.courseSlug).completedLessons.push(completion.lessonSlug);
  for (const pass of passes) entry(pass.courseSlug).passed = true;
  return progress;
}

/**
 * Where "resume" goes: the first lesson not yet read after the last one opened, else the first unread
 * lesson, else the quiz.
 */
export function resumeTarget(
  lessons: readonly { slug: string; url: string }[],
  progress: CourseProgress | undefined,
  quizUrl: string,
) {
  if (!progress || lessons.length === 0) return lessons[0]?.url ?? quizUrl;
  const read = new Set(progress.completedLessons);
  const lastIndex = lessons.findIndex((lesson) => lesson.slug === progress.lastLessonSlug);
  const after = lessons.slice(lastIndex + 1).find((lesson) => !read.has(lesson.slug));
  const anyUnread = lessons.find((lesson) => !read.has(lesson.slug));
  return (after ?? anyUnread)?.url ?? quizUrl;
}
