import type { PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { listCourses } from "../training/courses.server";
import type { DateRange } from "./range";
import type { TrainingInsights } from "./training-insights";

/**
 * Training in insights, per course over the range: enrolments (members who opened a first lesson),
 * completions (members who passed the quiz for the first time), quiz attempts and the pass rate, and
 * certificates issued; revocations in the range across all courses.
 */
export async function trainingInsights(range: DateRange, db: PrismaClient = prisma): Promise<TrainingInsights> {
  const within = { gte: range.from, lt: range.to };
  const [courses, enrolments, attempts, firstPasses, issued, revoked] = await Promise.all([
    listCourses(),
    db.trainingEnrolment.groupBy({ by: ["courseSlug"], where: { startedAt: within }, _count: { _all: true } }),
    db.quizAttempt.groupBy({ by: ["courseSlug", "passed"], where: { createdAt: within }, _count: { _all: true } }),
    // A member's first pass of a course, wherever it falls: counted when it falls in the range.
    db.quizAttempt.groupBy({ by: ["courseSlug", "userId"], where: { passed: true }, _min: { createdAt: true } }),
    db.trainingCertificate.groupBy({ by: ["courseSlug"], where: { issuedAt: within }, _count: { _all: true } }),
    db.trainingCertificate.count({ where: { revokedAt: within } }),
  ]);
  const count = (rows: { courseSlug: string; _count: { _all: number } }[], slug: string) =>
    rows.filter((row) => row.courseSlug === slug).reduce((sum, row) => sum + row._count._all, 0);
  const rows = courses.map((course) => {
    const all = count(attempts, course.slug);
    const passed = count(
      attempts.filter((row) => row.passed),
      course.slug,
    );
    return {
      slug: course.slug,
      title: course.frontmatter.title,
      enrolments: count(enrolments, course.slug),
      completions: firstPasses.filter(
        (row) =>
          row.courseSlug === course.slug &&
          row._min.createdAt &&
          row._min.createdAt >= range.from &&
          row._min.createdAt < range.to,
      ).length,
      attempts: all,
      passedAttempts: passed,
      passRatePercent: all === 0 ? null : Math.round((passed * 100) / all),
      certificatesIssued: count(issued, course.slug),
    };
  });
  return {
    courses: rows,
    certificatesIssued: rows.reduce((sum, row) => sum + row.certificatesIssued, 0),
    certificatesRevoked: revoked,
  };
}
