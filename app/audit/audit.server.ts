import { can, type Actor } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";

/**
 * The moderation audit log: who did what to which subject, when, and why. Every moderator action
 * (forum today, ideas next) writes its row in the same transaction as the change, so the log never
 * claims something that did not happen, and never misses something that did.
 */

export type AuditSubjectType = "post" | "thread" | "user" | "idea";

export type AuditEntry = {
  actorId: string;
  /** "post.hide", "thread.merge", "user.suspend" …: the subject type, a dot, the verb. */
  action: string;
  subjectType: AuditSubjectType;
  subjectId: string | number;
  reason?: string;
  /** What changed (from → to), shown to staff as it is. */
  details?: Record<string, unknown>;
};

export const AUDIT_REASON_MAX_LENGTH = 500;

export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntry, now = new Date()) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: String(entry.subjectId),
      reason: (entry.reason ?? "").trim().slice(0, AUDIT_REASON_MAX_LENGTH),
      details: JSON.stringify(entry.details ?? {}),
      createdAt: now,
    },
  });
}

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = { subjectType?: string; subjectId?: string; page?: number };

export type AuditRowView = {
  id: string;
  at: string;
  actor: { id: string; name: string; email: string | null };
  action: string;
  subjectType: string;
  subjectId: string;
  reason: string;
  details: Record<string, unknown>;
};

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * A page of the log, newest first, for staff; null for anyone else. A filter on the subject shows a
 * post's, thread's or member's whole moderation history.
 */
export async function listAuditLog(actor: Actor, filter: AuditFilter = {}) {
  if (!can(actor, "audit:view")) return null;
  const where: Prisma.AuditLogWhereInput = {};
  if (filter.subjectType) where.subjectType = filter.subjectType;
  if (filter.subjectId) where.subjectId = filter.subjectId;
  const total = await prisma.auditLog.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page ?? 1), pageCount);
  const rows = await prisma.auditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  const actors = await prisma.user.findMany({
    where: { id: { in: [...new Set(rows.map((row) => row.actorId))] } },
    select: { id: true, name: true, email: true },
  });
  const entries: AuditRowView[] = rows.map((row) => {
    const who = actors.find((user) => user.id === row.actorId);
    return {
      id: row.id,
      at: row.createdAt.toISOString(),
      actor: { id: row.actorId, name: who?.name ?? "(deleted user)", email: who?.email ?? null },
      action: row.action,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      reason: row.reason,
      details: parseDetails(row.details),
    };
  });
  return { entries, total, page, pageCount };
}
