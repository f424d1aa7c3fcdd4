import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseSource } from "../app/content/frontmatter.server";
import type { PrismaClient } from "../app/generated/prisma/client";
import { issueCertificate } from "../app/training/certificates.server";

/** The course the seeded Professional customer has passed, read from its course file so the seed restates nothing. */
export const SEED_CERTIFIED_COURSE = "getting-help-fast";
export const SEED_CERTIFICATE_HOLDER = "pat@globex.example";

/**
 * Pat (Professional) has read every lesson of one course and passed its quiz, so a fresh site shows a
 * certificate on /training and in settings. Only when Pat holds none, so a re-seed adds nothing.
 */
export async function seedTraining(db: PrismaClient, contentDir = "content", now = new Date()): Promise<boolean> {
  const pat = await db.user.findUnique({ where: { email: SEED_CERTIFICATE_HOLDER }, select: { id: true, name: true } });
  if (!pat || (await db.trainingCertificate.count({ where: { userId: pat.id } })) > 0) return false;
  const courseDir = path.join(contentDir, "training", SEED_CERTIFIED_COURSE);
  const parsed = parseSource("course", readFileSync(path.join(courseDir, "course.mdx"), "utf8"));
  if (!parsed.ok || !("quiz" in parsed.frontmatter)) return false;
  const course = parsed.frontmatter;
  const lessons = readdirSync(courseDir)
    .map((file) => /^\d{2}-(.+)\.mdx$/.exec(file)?.[1])
    .filter((slug): slug is string => Boolean(slug));
  const passedAt = new Date(now.getTime() - 14 * 24 * 60 * 60 * 1000);
  await db.$transaction(async (tx) => {
    await tx.trainingEnrolment.create({
      data: {
        userId: pat.id,
        courseSlug: SEED_CERTIFIED_COURSE,
        lastLessonSlug: lessons.at(-1) ?? null,
        startedAt: passedAt,
        lastVisitedAt: passedAt,
      },
    });
    await tx.trainingLessonCompletion.createMany({
      data: lessons.map((lessonSlug) => ({
        userId: pat.id,
        courseSlug: SEED_CERTIFIED_COURSE,
        lessonSlug,
        completedAt: passedAt,
      })),
    });
    const attempt = await tx.quizAttempt.create({
      data: {
        userId: pat.id,
        courseSlug: SEED_CERTIFIED_COURSE,
        correctCount: course.quiz.length,
        questionCount: course.quiz.length,
        scorePercent: 100,
        passed: true,
        createdAt: passedAt,
      },
    });
    await issueCertificate(
      tx,
      {
        userId: pat.id,
        holderName: pat.name,
        courseSlug: SEED_CERTIFIED_COURSE,
        courseTitle: course.title,
        attemptId: attempt.id,
        validityMonths: course.certificateValidityMonths,
      },
      passedAt,
    );
  });
  return true;
}
