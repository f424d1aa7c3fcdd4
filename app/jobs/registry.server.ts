import { env } from "../lib/env.server";
import { sendForumDigests } from "../forum/digest.server";
import { remindAskersToAccept } from "../forum/qa-hygiene.server";
import { pruneSearchAnalytics } from "../search/analytics.server";
import type { JobDefinition } from "./job";
import {
  JOB_RUN_RETENTION_MS,
  pruneExpiredSessions,
  pruneOldJobRuns,
  pruneOldRateLimitWindows,
  pruneUnusableTokens,
  RATE_LIMIT_WINDOW_RETENTION_MS,
} from "./prune.server";
import { createSmtpSender, deliverOutbox } from "./send-mail.server";
import { processWaitingMail } from "../email/process.server";
import { pruneUnusedMail, UNUSED_MAIL_KEPT_DAYS } from "../email/prune.server";
import { pruneDeflections, settleDeflections } from "../deflection/deflection.server";
import { rollupSearchAnalytics } from "../insights/rollup.server";
import { remindOverdueIncidentUpdates } from "../status/incident-reminders.server";
import { pageSecondaries } from "../oncall/paging.server";
import { remindLiveSessions } from "../training/live.server";
import { ON_CALL_PAGING } from "../support/policy";
import { assignWaitingChats } from "../chat/assignment.server";
import { chatRetentionDryRun, deleteExpiredChats } from "../chat/retention.server";
import {
  alertOverdueTickets,
  closeSolvedTickets,
  deleteExpiredTickets,
  escalateTickets,
  recalculateSlaDueTimes,
  retentionDryRun,
} from "../tickets/jobs.server";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Every scheduled job, in one list: the scheduler, `npm run jobs:run` and /admin/jobs all read it.
 * A new job is one entry here. Schedules are UTC; the odd minutes keep the hourly and daily jobs from
 * all starting at :00.
 */
export const JOBS: readonly JobDefinition[] = [
  {
    name: "send-mail",
    schedule: "* * * * *",
    description:
      "Sends pending outbox mail through SMTP with retries; without SMTP_URL, marks it held for /admin/outbox.",
    leaseMs: 5 * MINUTE_MS,
    async run({ db, now }) {
      const sender = env.SMTP_URL ? createSmtpSender(env.SMTP_URL) : null;
      try {
        return await deliverOutbox(db, { now, sender, from: env.MAIL_FROM });
      } finally {
        sender?.close();
      }
    },
  },
  {
    name: "process-inbound-mail",
    schedule: "* * * * *",
    description: `Processes received mail still waiting (the server stopped between acknowledging and processing it, or processing failed): a ticket, a reply or the unmatched queue; gives up after 5 tries. Deletes automatic, duplicate and discarded mail after ${UNUSED_MAIL_KEPT_DAYS} days.`,
    leaseMs: 5 * MINUTE_MS,
    run: async ({ db, now }) => (await processWaitingMail(db, now)) + (await pruneUnusedMail(db, now)),
  },
  {
    name: "prune-sessions",
    schedule: "7 * * * *",
    description: "Deletes sessions past their sliding or absolute expiry.",
    leaseMs: 5 * MINUTE_MS,
    run: ({ db, now }) => pruneExpiredSessions(db, now),
  },
  {
    name: "prune-tokens",
    schedule: "13 * * * *",
    description: "Deletes used or expired one-time links and expired, unaccepted account invitations.",
    leaseMs: 5 * MINUTE_MS,
    run: ({ db, now }) => pruneUnusableTokens(db, now),
  },
  {
    name: "prune-rate-limits",
    schedule: "19 * * * *",
    description: `Deletes rate-limit windows that started over ${RATE_LIMIT_WINDOW_RETENTION_MS / HOUR_MS} hours ago.`,
    leaseMs: 5 * MINUTE_MS,
    run: ({ db, now }) => pruneOldRateLimitWindows(db, now),
  },
  {
    name: "prune-search-analytics",
    schedule: "31 3 * * *",
    description: `Deletes search queries and clicks older than SEARCH_ANALYTICS_RETENTION_DAYS (${env.SEARCH_ANALYTICS_RETENTION_DAYS} days).`,
    leaseMs: 15 * MINUTE_MS,
    run: ({ db, now }) => pruneSearchAnalytics(db, env.SEARCH_ANALYTICS_RETENTION_DAYS, now),
  },
  {
    name: "prune-job-runs",
    schedule: "43 3 * * *",
    description: `Deletes job run history older than ${JOB_RUN_RETENTION_MS / (24 * HOUR_MS)} days.`,
    leaseMs: 5 * MINUTE_MS,
    run: ({ db, now }) => pruneOldJobRuns(db, now),
  },
  {
    name: "forum-digest",
    schedule: "17 6 * * *",
    description:
      "Emails each member the previous UTC day's new threads in the forum categories they follow (once per member per day).",
    leaseMs: 15 * MINUTE_MS,
    run: ({ db, now }) => sendForumDigests(db, now),
  },
  {
    name: "live-training-reminders",
    schedule: "23 * * * *",
    description:
      "Mails every contact of a customer account a reminder of its confirmed live training session the day before (once per session).",
    leaseMs: 15 * MINUTE_MS,
    run: ({ db, now }) => remindLiveSessions(db, now),
  },
  {
    name: "forum-answer-reminders",
    schedule: "41 * * * *",
    description:
      "Reminds askers once (in-app, and by email unless they turned it off) when their question got replies 3+ days ago and has no accepted answer.",
    leaseMs: 15 * MINUTE_MS,
    run: ({ db, now }) => remindAskersToAccept(db, now),
  },
  {
    name: "escalate-tickets",
    schedule: "* * * * *",
    description:
      "Moves unresolved Priority 1 tickets up the policy's escalation levels on schedule; notifies the assignee and the customer.",
    leaseMs: 5 * MINUTE_MS,
    run: ({ db, now }) => escalateTickets(db, now),
  },
  {
    name: "recalculate-sla",
    // Hourly, and by hand after a deploy that changed a plan's targets: `npm run jobs:run -- recalculate-sla`.
    schedule: "7 * * * *",
    description:
      "Recomputes the first-response and Priority 1 update due times of open tickets from the current support policy (clocks run around the clock, paused while a ticket waits on the customer); records each change on the ticket timeline.",
    leaseMs: 15 * MINUTE_MS,
    run: ({ db, now }) => recalculateSlaDueTimes(db, now),
  },
  {
    name: "page-oncall-secondary",
    schedule: "* * * * *",
    description: `Pages the secondary on call (mail and in-app) when nobody acknowledged a Priority 1 page within ${ON_CALL_PAGING.secondaryAfterMinutes} minutes.`,
    leaseMs: 5 * MINUTE_MS,
    run: ({ db, now }) => pageSecondaries(db, now),
  },
  {
    name: "ticket-sla-alerts",
    schedule: "* * * * *",
    description:
      "Raises one alert per breached first-response target and per missed Priority 1 update, and notifies the staff on duty.",
    leaseMs: 5 * MINUTE_MS,
    run: ({ db, now }) => alertOverdueTickets(db, now),
  },
  {
    name: "close-solved-tickets",
    schedule: "23 * * * *",
    description:
      "Closes solved tickets the customer has not answered for the policy's days and sends the satisfaction survey.",
    leaseMs: 15 * MINUTE_MS,
    run: ({ db, now }) => closeSolvedTickets(db, now),
  },
  {
    name: "settle-deflections",
    schedule: "37 4 * * *",
    description: `Settles confirmed deflections after their hold period (held, or the customer came back about the same problem), marks abandoned flows as gave up, and deletes settled flows older than SEARCH_ANALYTICS_RETENTION_DAYS (${env.SEARCH_ANALYTICS_RETENTION_DAYS} days).`,
    leaseMs: 15 * MINUTE_MS,
    run: async ({ db, now }) =>
      (await settleDeflections(db, now)) + (await pruneDeflections(db, env.SEARCH_ANALYTICS_RETENTION_DAYS, now)),
  },
  {
    name: "incident-update-overdue",
    schedule: "* * * * *",
    description:
      "Emails staff once when a critical status-page incident misses its next customer update (the policy's Priority 1 update interval).",
    leaseMs: 5 * MINUTE_MS,
    run: ({ db, now }) => remindOverdueIncidentUpdates(db, now),
  },
  {
    name: "rollup-analytics",
    schedule: "*/5 * * * *",
    description:
      "Rolls search queries and clicks up per day and query into SearchDaily (the last two days each run; catches up after a gap), so insights stay fast.",
    leaseMs: 15 * MINUTE_MS,
    run: ({ db, now }) => rollupSearchAnalytics(db, now),
  },
  {
    name: "retention",
    schedule: "53 4 * * *",
    description:
      "Deletes closed tickets (messages, attachments, timeline, survey) and ended chats (transcripts) past the policy's retention periods. --dry-run prints what would go.",
    leaseMs: 30 * MINUTE_MS,
    run: async ({ db, now }) => (await deleteExpiredTickets(db, now)) + (await deleteExpiredChats(db, now)),
    dryRun: async ({ db, now }) => [...(await retentionDryRun(db, now)), ...(await chatRetentionDryRun(db, now))],
  },
  {
    name: "assign-chats",
    schedule: "* * * * *",
    description:
      "Assigns waiting live chats round-robin to online agents with room (chats are also assigned the moment one starts or an agent frees up; this catches any missed).",
    leaseMs: 2 * MINUTE_MS,
    run: ({ db, now }) => assignWaitingChats(db, now),
  },
];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((job) => job.name === name);
}
