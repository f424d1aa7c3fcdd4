import type { SessionUser } from "../auth/session.server";
import { verifyCertificate } from "./certificates.server";
import { courseSummary, findCourse, quizOf } from "./courses.server";
import { publicQuestions } from "./grading";
import { attemptsToday } from "./quiz.server";
import { prisma } from "../lib/db.server";

/** What the quiz page shows before an answer: the questions without their answers, and today's attempts. */
export async function quizPage(courseSlug: string | undefined, user: SessionUser) {
  const course = await findCourse(courseSlug);
  if (!course) return null;
  const used = await attemptsToday(user, course);
  const current = await prisma.trainingCertificate.findFirst({
    where: { userId: user.id, courseSlug: course.slug, revokedAt: null, validUntil: { gt: new Date() } },
    select: { id: true },
  });
  return {
    course: courseSummary(course),
    questions: publicQuestions(quizOf(course)),
    attemptsLeft: Math.max(0, course.frontmatter.attemptsPerDay - used),
    certificate: current ? await verifyCertificate(current.id) : null,
  };
}
