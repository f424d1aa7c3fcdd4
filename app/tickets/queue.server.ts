import { can, type Actor } from "../auth/permissions";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { EMAIL_ADDRESSES, type EmailTopic } from "../support/policy";
import { slaRisk } from "./sla";
import { isTicketStatus, type TicketStatus } from "./statuses";
import { hiddenQueuesFor } from "./ticket-reads.server";

/** The agent queue and the customer's list. */

export type QueueFilters = {
  priority?: number;
  plan?: string;
  status?: string;
  assignee?: string;
  level?: number;
  /** The policy's email topic whose queue to show (mailed tickets; the web form files into "general"). */
  queue?: EmailTopic;
  /** Queues this viewer may not see (the restricted ones, for staff without the capability). */
  hiddenQueues?: readonly string[];
};

export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const number = (name: string, max: number) => {
    const value = Number(params.get(name));
    return Number.isInteger(value) && value >= 1 && value <= max ? value : undefined;
  };
  const status = params.get("status") ?? "";
  return {
    priority: number("priority", 4),
    level: number("level", 4),
    plan: ["standard", "professional", "enterprise"].includes(params.get("plan") ?? "")
      ? (params.get("plan") as string)
      : undefined,
    status: status === "all" || isTicketStatus(status) ? status : undefined,
    assignee: params.get("assignee") || undefined,
    queue: (Object.keys(EMAIL_ADDRESSES) as EmailTopic[]).find((topic) => topic === params.get("queue")),
  };
}

const QUEUE_LIMIT = 500;

/** Tickets sorted by SLA risk: breached first, then least time left; tickets with no clock last, oldest first. */
export async function agentQueue(filters: QueueFilters, now = new Date()) {
  const where: Prisma.TicketWhereInput = {};
  if (filters.priority) where.priority = filters.priority;
  if (filters.plan) where.plan = filters.plan;
  if (filters.level) where.escalationLevel = filters.level;
  if (filters.queue && filters.hiddenQueues?.includes(filters.queue)) where.id = { in: [] };
  else if (filters.queue) where.queue = filters.queue;
  else if (filters.hiddenQueues?.length) where.queue = { notIn: [...filters.hiddenQueues] };
  if (filters.assignee === "none") where.assigneeId = null;
  else if (filters.assignee) where.assigneeId = filters.assignee;
  if (!filters.status) where.status = { notIn: ["solved", "closed"] };
  else if (filters.status !== "all") where.status = filters.status;
  const rows = await prisma.ticket.findMany({
    where,
    select: {
      id: true,
      number: true,
      subject: true,
      status: true,
      priority: true,
      plan: true,
      escalationLevel: true,
      assigneeId: true,
      createdAt: true,
      firstResponseDueAt: true,
      firstRespondedAt: true,
      nextUpdateDueAt: true,
      slaPausedAt: true,
      firstResponseBreachAlertedAt: true,
      updateOverdueAlertedAt: true,
      accountId: true,
      queue: true,
      channel: true,
    },
    orderBy: { createdAt: "asc" },
    take: QUEUE_LIMIT,
  });
  const accounts = await prisma.customerAccount.findMany({
    where: { id: { in: [...new Set(rows.map((row) => row.accountId))] } },
    select: { id: true, name: true },
  });
  const assignees = await prisma.user.findMany({
    where: { id: { in: rows.map((row) => row.assigneeId).filter((id): id is string => !!id) } },
    select: { id: true, name: true },
  });
  const accountNames = new Map(accounts.map((row) => [row.id, row.name]));
  const assigneeNames = new Map(assignees.map((row) => [row.id, row.name]));
  return rows
    .map((row) => ({
      ...row,
      riskMs: slaRisk(row, now),
      accountName: accountNames.get(row.accountId) ?? "",
      assigneeName: row.assigneeId ? (assigneeNames.get(row.assigneeId) ?? "") : "",
    }))
    .sort((a, b) => {
      if (a.riskMs === null && b.riskMs === null) return a.createdAt.getTime() - b.createdAt.getTime();
      if (a.riskMs === null) return 1;
      if (b.riskMs === null) return -1;
      return a.riskMs - b.riskMs;
    });
}

/** A ticket whose next due clock runs out within this long is at risk (the staff home counts them). */
export const SLA_RISK_WINDOW_MS = 60 * 60_000;

/**
 * Unsolved tickets past a due clock (breached) and those within SLA_RISK_WINDOW_MS of one (due soon),
 * counted over the queues this staff member sees (no security@ tickets without the capability).
 */
export async function ticketsAtSlaRisk(user: Actor, now = new Date()): Promise<{ breached: number; dueSoon: number }> {
  const hiddenQueues = hiddenQueuesFor(user);
  const rows = await prisma.ticket.findMany({
    where: {
      status: { notIn: ["solved", "closed"] },
      ...(hiddenQueues.length ? { queue: { notIn: [...hiddenQueues] } } : {}),
      OR: [{ firstRespondedAt: null }, { nextUpdateDueAt: { not: null } }],
    },
    select: {
      status: true,
      firstRespondedAt: true,
      firstResponseDueAt: true,
      nextUpdateDueAt: true,
      slaPausedAt: true,
    },
  });
  let breached = 0;
  let dueSoon = 0;
  for (const row of rows) {
    const risk = slaRisk(row, now);
    if (risk === null) continue;
    if (risk < 0) breached++;
    else if (risk <= SLA_RISK_WINDOW_MS) dueSoon++;
  }
  return { breached, dueSoon };
}

/** The tickets of the member's account (none for someone who may not read them). */
export async function accountTickets(user: Actor, status?: TicketStatus) {
  if (!user.account || !can(user, "ticket:read", { accountId: user.account.id })) return [];
  return prisma.ticket.findMany({
    where: { accountId: user.account.id, ...(status ? { status } : {}) },
    select: {
      id: true,
      number: true,
      subject: true,
      status: true,
      priority: true,
      escalationLevel: true,
      firstResponseDueAt: true,
      firstRespondedAt: true,
      createdAt: true,
      updatedAt: true,
      requesterId: true,
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
}
