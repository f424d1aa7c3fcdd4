import type { PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { hitRateLimit } from "../lib/rate-limit.server";
import { Refusal } from "../lib/refusal";
import { inRetriedTransaction } from "../lib/transactions.server";
import { issueCertificate } from "./certificates.server";
import { quizOf, type Course } from "./courses.server";
import { gradeQuiz, type QuizAnswers } from "./grading";
import type { GradedQuiz } from "./types";

/**
 * Taking a quiz: graded here, never in the browser. Each course allows `attemptsPerDay` graded
 * submissions per member per day (UTC), counted in the database in the same statement that checks
 * the count, so answers cannot be found by trying every combination, not even with parallel requests.
 * A pass issues a certificate unless the member already holds a valid one for the course.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

type Member = { id: string; name: string };

function attemptKey(member: Member, course: Course) {
  return `quiz:${member.id}:${course.slug}`;
}

function startOfUtcDay(now: Date) {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}

export function waitMessage(attemptsPerDay: number, retryAfterSeconds: number) {
  const hours = Math.floor(retryAfterSeconds / 3600);
  const minutes = Math.ceil((retryAfterSeconds % 3600) / 60);
  const wait = hours > 0 ? `${hours} h ${minutes} min` : `${Math.max(1, minutes)} min`;
  return `You have used today's ${attemptsPerDay} attempt${attemptsPerDay === 1 ? "" : "s"} at this quiz. You can try again in ${wait}, when a new day starts (UTC). Meanwhile, the lessons are open to review.`;
}

/** Attempts used today (for "n of m attempts left"); the limit itself is enforced in submitQuiz. */
export async function attemptsToday(member: Member, course: Course, db: PrismaClient = prisma, now = new Date()) {
  return db.quizAttempt.count({
    where: { userId: member.id, courseSlug: course.slug, createdAt: { gte: startOfUtcDay(now) } },
  });
}

export type QuizOutcome = { graded: GradedQuiz; certificateId: string | null };

export async function submitQuiz(
  member: Member,
  course: Course,
  answers: QuizAnswers,
  now = new Date(),
): Promise<QuizOutcome> {
  const { attemptsPerDay, passMarkPercent, certificateValidityMonths, title } = course.frontmatter;
  return inRetriedTransaction(async (tx) => {
    const limit = await hitRateLimit(tx, attemptKey(member, course), { limit: attemptsPerDay, windowMs: DAY_MS }, now);
    if (!limit.allowed)
      throw new Refusal(429, waitMessage(attemptsPerDay, limit.retryAfterSeconds), {
        retryAfterSeconds: limit.retryAfterSeconds,
      });
    const graded = gradeQuiz(quizOf(course), answers, passMarkPercent);
    const attempt = await tx.quizAttempt.create({
      data: {
        userId: member.id,
        courseSlug: course.slug,
        correctCount: graded.correctCount,
        questionCount: graded.questionCount,
        scorePercent: graded.scorePercent,
        passed: graded.passed,
        createdAt: now,
      },
    });
    if (!graded.passed) return { graded, certificateId: null };
    const current = await tx.trainingCertificate.findFirst({
      where: { userId: member.id, courseSlug: course.slug, revokedAt: null, validUntil: { gt: now } },
      select: { id: true },
    });
    if (current) return { graded, certificateId: current.id };
    const certificate = await issueCertificate(
      tx,
      {
        userId: member.id,
        holderName: member.name,
        courseSlug: course.slug,
        courseTitle: title,
        attemptId: attempt.id,
        validityMonths: certificateValidityMonths,
      },
      now,
    );
    return { graded, certificateId: certificate.id };
  });
}
