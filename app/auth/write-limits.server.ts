import { can } from "./permissions";
import { isRole } from "./roles";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { hitRateLimit, type RateLimitRule } from "../lib/rate-limit.server";

/**
 * How often one person may make the site write (and mail): every number in one module. Brute-force
 * limits on signing in live in app/auth/limits.server.ts; these are about volume.
 *
 * Two kinds of rule:
 * - WRITE_LIMITS: fixed-window counters in the database (app/lib/rate-limit.server.ts), counted
 *   before the work and in one statement, so however many requests arrive at once no more than the
 *   limit get through, on one instance or several. They apply to every member (staff are exempt, as
 *   in Discourse: their volume is their job) and to anonymous status subscriptions.
 * - NEW_MEMBER_LIMITS: a member's first day (and until a few of their posts went unflagged) is
 *   when spam happens, so new members also have smaller allowances, counted from their own rows
 *   (deleted ones too) under a lock on their user row.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type WriteRule = RateLimitRule & {
  /** The limit in words ("You can start 5 threads every 10 minutes."). */
  says: string;
  /** What becomes possible again, completed with when ("You can start another thread"). */
  then: string;
};

export const WRITE_LIMITS = {
  // Forum (app/forum/limits.server.ts). A reply every 20 seconds for 10 minutes is a busy helper, not a script.
  threadsPerTenMinutes: {
    limit: 5,
    windowMs: 10 * MINUTE,
    says: "You can start 5 threads every 10 minutes.",
    then: "You can start another thread",
  },
  threadsPerDay: {
    limit: 20,
    windowMs: DAY,
    says: "You can start 20 threads a day.",
    then: "You can start another thread",
  },
  repliesPerTenMinutes: {
    limit: 30,
    windowMs: 10 * MINUTE,
    says: "You can post 30 replies every 10 minutes.",
    then: "You can reply again",
  },
  repliesPerDay: { limit: 300, windowMs: DAY, says: "You can post 300 replies a day.", then: "You can reply again" },
  /** Members named across all of one's posts (each post names at most MAX_MENTIONS_PER_POST). */
  mentionsPerHour: {
    limit: 30,
    windowMs: HOUR,
    says: "You can @mention 30 members an hour, and this post would go over that.",
    then: "Remove the @mentions to post it now, or post it as it is",
  },
  /** Mentions beyond it still notify in the app (the bell and the daily digest); only the mail waits. */
  mentionEmailsPerRecipient: {
    limit: 1,
    windowMs: HOUR,
    says: "A member gets one mention email an hour.",
    then: "The next one can be sent",
  },
  // Feature requests (app/ideas/submit.server.ts).
  ideasPerHour: {
    limit: 5,
    windowMs: HOUR,
    says: "You can submit 5 ideas an hour.",
    then: "You can submit another idea",
  },
  ideasPerDay: {
    limit: 10,
    windowMs: DAY,
    says: "You can submit 10 ideas a day.",
    then: "You can submit another idea",
  },
  // Tickets (app/tickets/ticket-filing.server.ts). Priority 1 pages the on-call team, so it has its own, smaller allowance.
  ticketsPerHour: {
    limit: 10,
    windowMs: HOUR,
    says: "You can file 10 tickets an hour.",
    then: "You can file another ticket",
  },
  ticketsPerDay: {
    limit: 30,
    windowMs: DAY,
    says: "You can file 30 tickets a day.",
    then: "You can file another ticket",
  },
  priority1TicketsPerDay: {
    limit: 3,
    windowMs: DAY,
    says: "You can file 3 Priority 1 (System Down) tickets a day. If this is the same outage, reply on your open Priority 1 ticket; otherwise file it as Priority 2.",
    then: "You can file another Priority 1 ticket",
  },
  // Live chat (app/chat): a person types a message every couple of seconds at most; a queue flooded with new chats helps nobody.
  chatMessagesPerMinute: {
    limit: 30,
    windowMs: MINUTE,
    says: "You can send 30 chat messages a minute.",
    then: "You can send another",
  },
  chatsPerHour: {
    limit: 6,
    windowMs: HOUR,
    says: "You can start 6 chats an hour.",
    then: "You can start another chat",
  },
  // Status page e-mail subscriptions (anonymous, app/status/subscriptions.server.ts): each one mails whatever address is typed in.
  /** One browser or script asking for many addresses. Per client address, like the sign-up limit. */
  statusSubscriptionsPerClient: {
    limit: 5,
    windowMs: HOUR,
    says: "You can ask for 5 status subscriptions an hour.",
    then: "You can ask again",
  },
  /** One address asked for many times: one confirmation mail stands at a time (its link stays valid). */
  statusConfirmationsPerRecipient: {
    limit: 1,
    windowMs: HOUR,
    says: "We sent a confirmation link to this address less than an hour ago, and it still works: look for it in the inbox (and the spam folder).",
    then: "You can ask for a new one",
  },
} as const satisfies Record<string, WriteRule>;

export type WriteLimitName = keyof typeof WRITE_LIMITS;

/** The member write limits each kind of write counts against. */
export const MEMBER_WRITES = {
  thread: ["threadsPerTenMinutes", "threadsPerDay"],
  reply: ["repliesPerTenMinutes", "repliesPerDay"],
  mention: ["mentionsPerHour"],
  idea: ["ideasPerHour", "ideasPerDay"],
  ticket: ["ticketsPerHour", "ticketsPerDay"],
  "priority-1-ticket": ["priority1TicketsPerDay"],
  chat: ["chatsPerHour"],
  "chat-message": ["chatMessagesPerMinute"],
} as const satisfies Record<string, readonly WriteLimitName[]>;

export type MemberWrite = keyof typeof MEMBER_WRITES;

export type WriteRefusal = {
  allowed: false;
  rule: WriteLimitName;
  retryAt: Date;
  retryAfterSeconds: number;
  message: string;
};
export type WriteVerdict = { allowed: true } | WriteRefusal;

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Counts one write (or `cost` of them) against the named rule for `subject` (a user id, an e-mail
 * address, a client address). Call it inside the transaction that does the work and throw on a
 * refusal: the count rolls back with it, so the window holds exactly the writes that happened.
 */
export async function countWrite(
  db: Db,
  name: WriteLimitName,
  subject: string,
  now = new Date(),
  cost = 1,
): Promise<WriteVerdict> {
  const rule = WRITE_LIMITS[name];
  const result = await hitRateLimit(db, `write:${name}:${subject}`, rule, now, cost);
  if (result.allowed) return result;
  const retryAt = new Date(now.getTime() + result.retryAfterSeconds * SECOND);
  return {
    allowed: false,
    rule: name,
    retryAt,
    retryAfterSeconds: result.retryAfterSeconds,
    message: `${rule.says} ${rule.then} ${describeRetry(retryAt, now)}.`,
  };
}

/** Staff write without the member limits; members (and unknown roles) do not. */
export function isExemptFromWriteLimits(actor: { id: string; role: string }): boolean {
  return isRole(actor.role) && can({ id: actor.id, role: actor.role, account: null }, "write-limits:exempt");
}

/**
 * Counts a member's write against every rule its kind has (`cost` for mentions: how many members
 * one post names), staff exempt. The first refusal is the answer; run it inside the writing
 * transaction and throw on a refusal, so nothing counted stays counted.
 */
export async function countMemberWrite(
  db: Db,
  actor: { id: string; role: string },
  write: MemberWrite,
  now = new Date(),
  cost = 1,
): Promise<WriteVerdict> {
  if (cost <= 0 || isExemptFromWriteLimits(actor)) return { allowed: true };
  for (const name of MEMBER_WRITES[write]) {
    const verdict = await countWrite(db, name, actor.id, now, cost);
    if (!verdict.allowed) return verdict;
  }
  return { allowed: true };
}

// ---------------------------------------------------------------------------
// New members (Discourse: trust level 0)

/** Who counts as a new member: the limits lift once BOTH hold (account older than the period, enough clean posts). */
export const NEW_MEMBER = {
  periodMs: DAY,
  /** Forum posts that were not flagged, deleted or hidden. */
  cleanPostsToGraduate: 3,
} as const;

export function isNewMember(account: { createdAt: Date }, cleanPosts: number, now: Date) {
  return (
    now.getTime() - account.createdAt.getTime() < NEW_MEMBER.periodMs || cleanPosts < NEW_MEMBER.cleanPostsToGraduate
  );
}

export type NewMemberRule = {
  /** "thread" counts threads started, "reply" replies, "any" every forum post, "idea" ideas submitted. */
  counts: "thread" | "reply" | "any" | "idea";
  max: number;
  windowMs: number;
  /** What the member reads: the limit in words, then when they can write again. */
  explain: (rule: NewMemberRule) => string;
};

/** The new-member limits table (Discourse: new user limits), on top of WRITE_LIMITS. */
export const NEW_MEMBER_LIMITS = {
  threadsPerDay: {
    counts: "thread",
    max: 3,
    windowMs: DAY,
    explain: (rule) => `New members can start ${rule.max} threads a day.`,
  },
  repliesPerDay: {
    counts: "reply",
    max: 10,
    windowMs: DAY,
    explain: (rule) => `New members can post ${rule.max} replies a day.`,
  },
  postInterval: {
    counts: "any",
    max: 1,
    windowMs: 30 * SECOND,
    explain: (rule) => `New members can post once every ${rule.windowMs / SECOND} seconds.`,
  },
  ideasPerDay: {
    counts: "idea",
    max: 3,
    windowMs: DAY,
    explain: (rule) => `New members can submit ${rule.max} ideas a day.`,
  },
} as const satisfies Record<string, NewMemberRule>;

/** At most this many links in one post from a new member. */
export const NEW_MEMBER_MAX_LINKS = 2;

export const NEW_MEMBER_LIFTED_WHEN = `These limits lift after your first day, once ${NEW_MEMBER.cleanPostsToGraduate} of your forum posts have gone unflagged.`;

/**
 * Takes the member's row lock (a write: SQLite's write lock, PostgreSQL's row lock), so two writes by
 * the same member in flight at once are counted one after the other, never both against the same
 * count of their rows.
 */
export async function lockMember(tx: Prisma.TransactionClient, userId: string) {
  await tx.$executeRaw`UPDATE "User" SET "id" = "id" WHERE "id" = ${userId}`;
}

/**
 * The new-member verdict for one rule, from the times of the member's counted rows in its window
 * (newest first, at most `rule.max` of them): refused with when the oldest leaves the window.
 */
export function newMemberVerdict(
  rule: NewMemberRule,
  times: readonly Date[],
  now: Date,
  again: string,
): { allowed: true } | { allowed: false; retryAt: Date; message: string } {
  if (times.length < rule.max) return { allowed: true };
  const retryAt = new Date(times[rule.max - 1].getTime() + rule.windowMs);
  return {
    allowed: false,
    retryAt,
    message: `${rule.explain(rule)} ${again} ${describeRetry(retryAt, now)}. ${NEW_MEMBER_LIFTED_WHEN}`,
  };
}

/**
 * "in 25 seconds", "in 20 minutes", "in 14 hours 5 minutes": when the person can try again, relative, so it
 * is right in whatever zone they read it (the server does not know their zone; a clock time in UTC is one
 * more sum for them to do).
 */
export function describeRetry(retryAt: Date, now: Date): string {
  const waitMs = Math.max(0, retryAt.getTime() - now.getTime());
  const seconds = Math.ceil(waitMs / SECOND);
  const minutes = Math.ceil(waitMs / MINUTE);
  const hours = Math.floor(waitMs / HOUR);
  const rest = minutes - hours * 60;
  if (seconds < 90) return `in ${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  if (minutes < 90) return `in ${minutes} minutes`;
  return `in ${hours} hours${rest > 0 ? ` ${rest} ${rest === 1 ? "minute" : "minutes"}` : ""}`;
}
