/**
 * Idempotent ticket seed: a few tickets per seeded customer account in different statuses (with
 * replies, an internal note, a timeline and a closed ticket's survey), so the portal and the agent
 * queue have something to show. An account that already has seeded tickets is left alone.
 */
import type { PrismaClient } from "../app/generated/prisma/client";
import { renderMarkdown } from "../app/lib/markdown";
import { PLANS, RESOLUTION_COMMITMENTS, formatMinutes, type Plan, type PriorityLevel } from "../app/support/policy";
import { firstResponseDueAt, nextP1UpdateDueAt } from "../app/tickets/sla";
import { formatTicketNumber } from "../app/tickets/statuses";
import { SEED_ACCOUNTS } from "./seed-data";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

type SeedTicket = {
  subject: string;
  priority: PriorityLevel;
  status: string;
  ageMs: number;
  staffReply?: string;
  customerReply?: string;
  internalNote?: string;
  level?: number;
};

const TICKETS: SeedTicket[] = [
  {
    subject: "Dashboard export to CSV times out",
    priority: 2,
    status: "open",
    ageMs: 5 * HOUR_MS,
    staffReply:
      "Thanks for the details. We can reproduce the timeout for exports over 50,000 rows and are looking into it. As a workaround, export one month at a time.",
    internalNote: "Looks like the export worker's query plan; see the performance dashboard.",
  },
  { subject: "How do I add a second admin to our workspace?", priority: 4, status: "new", ageMs: 30 * 60 * 1000 },
  {
    subject: "Integration with our CRM stopped syncing contacts",
    priority: 3,
    status: "solved",
    ageMs: 3 * DAY_MS,
    staffReply: "The CRM token had expired. Reconnect the CRM integration in the TechFlow app and the sync resumes.",
    customerReply: "Reconnected, contacts are syncing again. Thanks!",
  },
  {
    subject: "Typo on the billing page",
    priority: 4,
    status: "closed",
    ageMs: 20 * DAY_MS,
    staffReply: "Fixed in today's release. Thank you for telling us.",
  },
];

export async function seedTickets(db: PrismaClient, now = new Date()) {
  const agent = await db.user.findFirst({ where: { role: "agent" }, select: { id: true } });
  let created = 0;
  for (const seedAccount of SEED_ACCOUNTS) {
    const account = await db.customerAccount.findUnique({
      where: { accountNumber: seedAccount.accountNumber },
      include: { users: { take: 1, orderBy: { createdAt: "asc" } } },
    });
    const requester = account?.users[0];
    if (!account || !requester) continue;
    if ((await db.ticket.count({ where: { accountId: account.id } })) > 0) continue;
    const plan: Plan = (PLANS as readonly string[]).includes(account.plan) ? (account.plan as Plan) : "standard";
    const tickets =
      plan === "enterprise"
        ? [
            ...TICKETS,
            {
              subject: "Production API returns 503 for all requests",
              priority: 1 as PriorityLevel,
              status: "escalated",
              ageMs: 150 * 60 * 1000,
              level: 2,
              // The next update is due when the policy says (nextP1UpdateDueAt below), and the reply says the same.
              staffReply: `We are on it: the API gateway is failing health checks in one region. The next update will be here within ${formatMinutes(RESOLUTION_COMMITMENTS.priority1UpdateEvery)}.`,
            },
          ]
        : TICKETS;
    for (const entry of tickets) {
      const createdAt = new Date(now.getTime() - entry.ageMs);
      const last = await db.ticket.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
      const seq = (last?.seq ?? 0) + 1;
      const respondedAt = entry.staffReply ? new Date(createdAt.getTime() + 10 * 60 * 1000) : null;
      const description = `${entry.subject}.\n\nThis started this week; details below.`;
      await db.$transaction(async (tx) => {
        const ticket = await tx.ticket.create({
          data: {
            seq,
            number: formatTicketNumber(createdAt.getUTCFullYear(), seq),
            accountId: account.id,
            requesterId: requester.id,
            subject: entry.subject,
            contactName: requester.name,
            contactPhone: "+1 555 0100",
            descriptionMarkdown: description,
            descriptionHtml: renderMarkdown(description),
            businessImpact: entry.priority <= 2 ? "Our team cannot finish daily reporting." : "Minor inconvenience.",
            usersAffected: entry.priority <= 2 ? "About 40" : "1",
            issueStartedAt: new Date(createdAt.getTime() - HOUR_MS),
            errorMessages: entry.priority <= 2 ? "Request timed out (504)" : "None",
            stepsToReproduce: "1. Sign in\n2. Open the page\n3. Try the action",
            alreadyTried: "Cleared the browser cache; tried another browser.",
            priority: entry.priority,
            plan,
            p1Confirmed: entry.priority === 1,
            status: entry.status,
            escalationLevel: entry.level ?? 1,
            assigneeId: entry.staffReply ? (agent?.id ?? null) : null,
            firstResponseDueAt: firstResponseDueAt(createdAt, plan, entry.priority),
            firstRespondedAt: respondedAt,
            nextUpdateDueAt: entry.priority === 1 ? nextP1UpdateDueAt(respondedAt ?? createdAt) : null,
            solvedAt:
              entry.status === "solved" || entry.status === "closed" ? new Date(createdAt.getTime() + DAY_MS) : null,
            closedAt: entry.status === "closed" ? new Date(createdAt.getTime() + 8 * DAY_MS) : null,
            createdAt,
          },
        });
        await tx.ticketEvent.create({
          data: {
            ticketId: ticket.id,
            kind: "created",
            toValue: `P${entry.priority}`,
            actorId: requester.id,
            createdAt,
          },
        });
        if (entry.staffReply && agent) {
          await tx.ticketMessage.create({
            data: {
              ticketId: ticket.id,
              authorId: agent.id,
              byStaff: true,
              bodyMarkdown: entry.staffReply,
              bodyHtml: renderMarkdown(entry.staffReply),
              createdAt: respondedAt ?? createdAt,
            },
          });
          await tx.ticketEvent.create({
            data: {
              ticketId: ticket.id,
              kind: "first-response",
              actorId: agent.id,
              createdAt: respondedAt ?? createdAt,
            },
          });
        }
        if (entry.internalNote && agent) {
          await tx.ticketMessage.create({
            data: {
              ticketId: ticket.id,
              authorId: agent.id,
              byStaff: true,
              visibility: "internal",
              bodyMarkdown: entry.internalNote,
              bodyHtml: renderMarkdown(entry.internalNote),
              createdAt: new Date((respondedAt ?? createdAt).getTime() + 60_000),
            },
          });
        }
        if (entry.customerReply) {
          await tx.ticketMessage.create({
            data: {
              ticketId: ticket.id,
              authorId: requester.id,
              bodyMarkdown: entry.customerReply,
              bodyHtml: renderMarkdown(entry.customerReply),
              createdAt: new Date(createdAt.getTime() + 20 * HOUR_MS),
            },
          });
        }
        if (entry.level && entry.level > 1) {
          await tx.ticketEvent.create({
            data: {
              ticketId: ticket.id,
              kind: "escalated",
              fromValue: "L1",
              toValue: `L${entry.level}`,
              note: "Priority 1 unresolved: moved by the escalation schedule",
              createdAt: new Date(createdAt.getTime() + 2 * HOUR_MS),
            },
          });
        }
        if (entry.status === "closed")
          await tx.ticketSurvey.create({
            data: { ticketId: ticket.id, sentAt: new Date(createdAt.getTime() + 8 * DAY_MS) },
          });
      });
      created += 1;
    }
  }
  return { created };
}
