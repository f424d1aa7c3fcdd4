import type { PrismaClient } from "../generated/prisma/client";
import { pruneRateLimits } from "../lib/rate-limit.server";
import { inRetriedTransaction } from "../lib/transactions.server";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Rate-limit windows are kept this long after they start. The rules (app/auth/limits.server.ts, the
 * search and vote limits) use windows of at most an hour, the write limits
 * (app/auth/write-limits.server.ts) windows of at most a day, which a window kept a day from its
 * start covers to its end. A rule with a window over a day needs this raised (a test holds them).
 */
export const RATE_LIMIT_WINDOW_RETENTION_MS = DAY_MS;

/** How long the run history (/admin/jobs) goes back. */
export const JOB_RUN_RETENTION_MS = 30 * DAY_MS;

/** Sessions past their sliding or their absolute expiry: validation already refuses them. */
export async function pruneExpiredSessions(db: PrismaClient, now: Date) {
  const deleted = await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { absoluteExpiresAt: { lte: now } }] },
  });
  return deleted.count;
}

/**
 * One-time links that can no longer be used (used, or expired), and invitations that expired unaccepted.
 * Accepted invitations stay: they record who brought a user into a customer account.
 */
export async function pruneUnusableTokens(db: PrismaClient, now: Date) {
  return inRetriedTransaction(
    async (tx) => {
      const tokens = await tx.oneTimeToken.deleteMany({
        where: { OR: [{ usedAt: { not: null } }, { expiresAt: { lte: now } }] },
      });
      const invitations = await tx.accountInvitation.deleteMany({
        where: { acceptedAt: null, expiresAt: { lte: now } },
      });
      return tokens.count + invitations.count;
    },
    { db },
  );
}

export async function pruneOldRateLimitWindows(db: PrismaClient, now: Date) {
  const cutoff = new Date(now.getTime() - RATE_LIMIT_WINDOW_RETENTION_MS);
  return pruneRateLimits(db, cutoff);
}

/** Runs that started before the history's retention (a run that old and still "running" died with its instance). */
export async function pruneOldJobRuns(db: PrismaClient, now: Date) {
  const cutoff = new Date(now.getTime() - JOB_RUN_RETENTION_MS);
  const deleted = await db.jobRun.deleteMany({ where: { startedAt: { lt: cutoff } } });
  return deleted.count;
}
