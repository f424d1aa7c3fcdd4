import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { isRefusal } from "~/lib/refusal";
import { revokeCertificate, verifyCertificate } from "~/training/certificates.server";
import { attemptsToday, submitQuiz } from "~/training/quiz.server";
import { createUser } from "../factories/accounts";
import { ALL_RIGHT, TWO_RIGHT, makeCourse } from "./course-fixture";

afterAll(() => prisma.$disconnect());

const NOON = new Date("2026-12-07T12:00:00Z");

async function refusalOf(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (isRefusal(error)) return error;
    throw error;
  }
  return null;
}

describe("quiz attempts per day", () => {
  it("grades up to the daily limit, then refuses with how long to wait, and counts nothing it refused", async () => {
    const member = await createUser({ name: "Quinn Tester" });
    const course = makeCourse({ attemptsPerDay: 2 });
    await submitQuiz(member, course, TWO_RIGHT, NOON);
    await submitQuiz(member, course, TWO_RIGHT, NOON);
    const refused = await refusalOf(submitQuiz(member, course, ALL_RIGHT, NOON));
    expect(refused?.status).toBe(429);
    expect(refused?.message).toMatch(/used today's 2 attempts.*try again in 12 h 0 min/);
    expect(refused?.retryAfterSeconds).toBe(12 * 3600);
    expect(await attemptsToday(member, course, prisma, NOON)).toBe(2);
    expect(await prisma.trainingCertificate.count({ where: { userId: member.id } })).toBe(0);
    // A new day (UTC) gives new attempts.
    const tomorrow = new Date("2026-12-08T00:00:01Z");
    expect((await submitQuiz(member, course, ALL_RIGHT, tomorrow)).graded.passed).toBe(true);
  });

  it("lets no more than the limit through when many answers arrive at once", async () => {
    const member = await createUser();
    const course = makeCourse({ attemptsPerDay: 3 });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => submitQuiz(member, course, TWO_RIGHT, NOON)),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    expect(
      results.filter(
        (result) => result.status === "rejected" && isRefusal(result.reason) && result.reason.status === 429,
      ),
    ).toHaveLength(5);
    expect(await prisma.quizAttempt.count({ where: { userId: member.id } })).toBe(3);
  });

  it("limits each course on its own", async () => {
    const member = await createUser();
    const first = makeCourse({ attemptsPerDay: 1 });
    const second = makeCourse({ attemptsPerDay: 1 });
    await submitQuiz(member, first, TWO_RIGHT, NOON);
    expect((await submitQuiz(member, second, TWO_RIGHT, NOON)).graded.passed).toBe(false);
  });
});

describe("certificates", () => {
  it("a pass issues one certificate anyone can verify by its unguessable id, with holder, course and validity", async () => {
    const member = await createUser({ name: "Robin Holder" });
    const course = makeCourse({ validityMonths: 12 });
    const failed = await submitQuiz(member, course, TWO_RIGHT, NOON);
    expect(failed.certificateId).toBeNull();
    const passed = await submitQuiz(member, course, ALL_RIGHT, NOON);
    expect(passed.certificateId).toMatch(/^[a-z2-7]{32}$/);
    const certificate = await verifyCertificate(passed.certificateId ?? "", prisma, NOON);
    expect(certificate).toMatchObject({
      holderName: "Robin Holder",
      courseTitle: "Test course: priorities",
      courseUrl: `/training/${course.slug}`,
      issuedAt: NOON.toISOString(),
      validUntil: "2027-12-07T12:00:00.000Z",
      status: "valid",
    });
    // Passing again while the certificate is valid does not pile up certificates.
    const again = await submitQuiz(member, course, ALL_RIGHT, new Date("2026-12-08T12:00:00Z"));
    expect(again.certificateId).toBe(passed.certificateId);
    expect(await prisma.trainingCertificate.count({ where: { userId: member.id } })).toBe(1);
  });

  it("an unknown or malformed id verifies nothing; a certificate past its date is expired", async () => {
    expect(await verifyCertificate("a".repeat(32))).toBeNull();
    expect(await verifyCertificate("../../etc/passwd")).toBeNull();
    const member = await createUser();
    const { certificateId } = await submitQuiz(member, makeCourse({ validityMonths: 1 }), ALL_RIGHT, NOON);
    expect((await verifyCertificate(certificateId ?? "", prisma, new Date("2027-01-08T00:00:00Z")))?.status).toBe(
      "expired",
    );
  });

  it("staff revoke a certificate and its page says so; a member cannot, and revoking twice is refused", async () => {
    const member = await createUser();
    const agent = await createUser({ role: "agent" });
    const { certificateId } = await submitQuiz(member, makeCourse(), ALL_RIGHT, NOON);
    const id = certificateId ?? "";
    const memberActor = { id: member.id, role: "member" as const, account: null };
    expect((await refusalOf(revokeCertificate(memberActor, id, "not allowed")))?.status).toBe(403);
    const agentActor = { id: agent.id, role: "agent" as const, account: null };
    await revokeCertificate(agentActor, id, "Issued to the wrong person");
    const revoked = await verifyCertificate(id);
    expect(revoked?.status).toBe("revoked");
    expect(revoked?.revokedAt).not.toBeNull();
    expect((await refusalOf(revokeCertificate(agentActor, id, "again")))?.status).toBe(409);
    expect((await refusalOf(revokeCertificate(agentActor, "b".repeat(32), "none")))?.status).toBe(404);
    // Passing again after a revocation issues a new certificate.
    const renewed = await submitQuiz(
      member,
      makeCourse({ slug: (await prisma.trainingCertificate.findUniqueOrThrow({ where: { id } })).courseSlug }),
      ALL_RIGHT,
      new Date("2026-12-09T12:00:00Z"),
    );
    expect(renewed.certificateId).not.toBe(id);
  });
});

describe("a member's data deletion", () => {
  it("removes their progress, attempts and certificates: the certificate's address then verifies nothing", async () => {
    const { confirmDeletion, requestDeletion } = await import("~/privacy/deletion.server");
    const member = await createUser({ name: "Dana Leaving" });
    const admin = await createUser({ role: "admin" });
    const { certificateId } = await submitQuiz(member, makeCourse(), ALL_RIGHT, NOON);
    const asked = await requestDeletion({ id: member.id, role: "member", account: null }, "Leaving");
    await confirmDeletion({ id: admin.id, role: "admin", account: null }, asked.id);
    expect(await verifyCertificate(certificateId ?? "")).toBeNull();
    expect(await prisma.quizAttempt.count({ where: { userId: member.id } })).toBe(0);
  });
});
