import { randomToken } from "../auth/tokens.server";
import { can, type Actor } from "../auth/permissions";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { Refusal } from "../lib/refusal";
import type { CertificateView } from "./types";

/**
 * Certificates: issued when a quiz is passed, verified by anyone at /certificates/<id>, revoked by
 * staff. The id is 160 random bits (base32), so a certificate is found by being given its address,
 * never by guessing or counting.
 */

type Db = PrismaClient | Prisma.TransactionClient;

const CERTIFICATE_ID = /^[a-z2-7]{32}$/;

export function isCertificateId(value: string | undefined): value is string {
  return typeof value === "string" && CERTIFICATE_ID.test(value);
}

/** Calendar months after `from`, clamped to the month's last day (31 January + 1 month is 28/29 February). */
export function addMonths(from: Date, months: number): Date {
  const target = new Date(
    Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1, from.getUTCHours(), from.getUTCMinutes()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(from.getUTCDate(), lastDay));
  return target;
}

export async function issueCertificate(
  db: Db,
  input: {
    userId: string;
    holderName: string;
    courseSlug: string;
    courseTitle: string;
    attemptId: string;
    validityMonths: number;
  },
  now = new Date(),
) {
  return db.trainingCertificate.create({
    data: {
      id: randomToken(20),
      userId: input.userId,
      holderName: input.holderName,
      courseSlug: input.courseSlug,
      courseTitle: input.courseTitle,
      attemptId: input.attemptId,
      issuedAt: now,
      validUntil: addMonths(now, input.validityMonths),
    },
  });
}

type CertificateRow = {
  id: string;
  holderName: string;
  courseSlug: string;
  courseTitle: string;
  issuedAt: Date;
  validUntil: Date;
  revokedAt: Date | null;
};

export function certificateView(row: CertificateRow, now = new Date()): CertificateView {
  return {
    id: row.id,
    holderName: row.holderName,
    courseTitle: row.courseTitle,
    courseUrl: `/training/${row.courseSlug}`,
    issuedAt: row.issuedAt.toISOString(),
    validUntil: row.validUntil.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status: row.revokedAt ? "revoked" : row.validUntil <= now ? "expired" : "valid",
  };
}

/** The public verification: a certificate by its id, or null (the page answers 404). */
export async function verifyCertificate(id: string | undefined, db: PrismaClient = prisma, now = new Date()) {
  if (!isCertificateId(id)) return null;
  const row = await db.trainingCertificate.findUnique({ where: { id } });
  return row ? certificateView(row, now) : null;
}

export async function certificatesOf(member: { id: string }, db: PrismaClient = prisma, now = new Date()) {
  const rows = await db.trainingCertificate.findMany({ where: { userId: member.id }, orderBy: { issuedAt: "desc" } });
  return rows.map((row) => certificateView(row, now));
}

/** Staff withdraw a certificate (issued in error, obtained dishonestly); the page then says revoked. */
export async function revokeCertificate(
  actor: Actor,
  id: string,
  reason: string,
  db: PrismaClient = prisma,
  now = new Date(),
) {
  if (!can(actor, "training:revoke-certificate")) throw new Refusal(403, "Only staff can revoke a certificate.");
  if (!isCertificateId(id)) throw new Refusal(404, "There is no certificate with that id.");
  const updated = await db.trainingCertificate.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: now, revokedById: actor.id, revokedReason: reason },
  });
  if (updated.count === 0) {
    const exists = await db.trainingCertificate.findUnique({ where: { id }, select: { id: true } });
    throw exists
      ? new Refusal(409, "This certificate is already revoked.")
      : new Refusal(404, "There is no certificate with that id.");
  }
}
