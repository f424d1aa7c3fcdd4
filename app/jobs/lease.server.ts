import type { PrismaClient } from "../generated/prisma/client";

/**
 * One instance runs a job at a time: the runner holds the job's JobLease row until it finishes or the
 * lease expires. Claiming is a conditional write that the database makes atomic, so it behaves the same
 * on SQLite and PostgreSQL with any number of instances:
 *   1. take over the row if it has expired (UPDATE … WHERE job = ? AND expiresAt <= now);
 *   2. otherwise create it; the primary key refuses a second row, so of two instances racing here one
 *      gets a unique-constraint error and knows the lease is held.
 * Neither step reads before it writes, so there is no window between "is it free?" and "it is mine".
 * (An interactive transaction around both would hold SQLite's write lock across awaits; each step is
 * already its own transaction.)
 */

export type LeaseClaim =
  { claimed: true; holder: string } | { claimed: false; heldBy: string | null; until: Date | null };

export async function claimLease(
  db: PrismaClient,
  job: string,
  holder: string,
  now: Date,
  leaseMs: number,
): Promise<LeaseClaim> {
  const expiresAt = new Date(now.getTime() + leaseMs);
  const takenOver = await db.jobLease.updateMany({
    where: { job, expiresAt: { lte: now } },
    data: { holder, expiresAt },
  });
  if (takenOver.count === 1) return { claimed: true, holder };
  try {
    await db.jobLease.create({ data: { job, holder, expiresAt } });
    return { claimed: true, holder };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const current = await db.jobLease.findUnique({ where: { job } });
    return { claimed: false, heldBy: current?.holder ?? null, until: current?.expiresAt ?? null };
  }
}

/** Gives the lease back, only if this holder still has it (an expired lease may have been taken over). */
export async function releaseLease(db: PrismaClient, job: string, holder: string) {
  await db.jobLease.deleteMany({ where: { job, holder } });
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002"
  );
}
