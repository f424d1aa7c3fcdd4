import { isRole, isStaff } from "../auth/roles";
import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { ForumRefusal } from "./errors";

/**
 * Posting limits, in the spirit of Discourse's defaults for new users: a member's first day (and
 * until 3 of their posts have gone unflagged) is when spam and mistakes happen, so new members post
 * a little slower and with fewer links. Staff are exempt. Everyone is refused a duplicate post and,
 * while suspended, any post. The numbers are data: change the table, not the code.
 *
 * Called by app/forum/posting.server.ts inside the writing transaction, before the post is written.
 */
export type PostingKind = "thread" | "reply";
export type PostingRefusal = { allowed: false; status: 403 | 409 | 429; message: string; retryAt?: Date };
export type PostingVerdict = { allowed: true } | PostingRefusal;

export type PostingActor = { id: string; role: string };

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** Who counts as a new member: the limits lift once BOTH hold (account older than the period, enough clean posts). */
export const NEW_MEMBER = {
  periodMs: DAY,
  /** Posts that were not flagged, deleted or hidden. */
  cleanPostsToGraduate: 3,
} as const;

type CountedRule = {
  /** "thread" counts threads started, "reply" replies, "any" every post. */
  counts: PostingKind | "any";
  max: number;
  windowMs: number;
  /** What the member reads: the limit in words, then when they can post again. */
  explain: (rule: CountedRule) => string;
};

/** The new-member limits table (Discourse: new user limits). */
export const NEW_MEMBER_LIMITS = {
  threadsPerDay: { counts: "thread", max: 3, windowMs: DAY, explain: (rule) => `New members can start ${rule.max} threads a day.` },
  repliesPerDay: { counts: "reply", max: 10, windowMs: DAY, explain: (rule) => `New members can post ${rule.max} replies a day.` },
  postInterval: { counts: "any", max: 1, windowMs: 30 * SECOND, explain: (rule) => `New members can post once every ${rule.windowMs / SECOND} seconds.` },
} as const satisfies Record<string, CountedRule>;

/** At most this many links in one post from a new member. */
export const NEW_MEMBER_MAX_LINKS = 2;

/** The same author posting the same text again within this time is refused (everyone, staff included). */
export const DUPLICATE_WINDOW_MS = 5 * MINUTE;

const LIFTED_WHEN = `These limits lift after your first day, once ${NEW_MEMBER.cleanPostsToGraduate} of your posts have gone unflagged.`;

// ---------------------------------------------------------------------------
// Pure helpers (tested on their own)

/** Links a reader could follow: Markdown links and images, autolinks, and bare web addresses, each counted once. */
export function countLinks(markdown: string): number {
  let rest = markdown.replace(/```[\s\S]*?```|`[^`\n]*`/g, " ");
  let count = 0;
  const inline = /!?\[[^\]\n]*\]\(\s*<?[^)\s>]+>?(?:\s+"[^"]*")?\s*\)/g;
  count += (rest.match(inline) ?? []).length;
  rest = rest.replace(inline, " ");
  const reference = /^\s{0,3}\[[^\]\n]+\]:\s*\S+/gm;
  count += (rest.match(reference) ?? []).length;
  rest = rest.replace(reference, " ");
  const bare = /<?\b(?:https?:\/\/|www\.)[^\s<>]+>?/gi;
  count += (rest.match(bare) ?? []).length;
  return count;
}

/** Two bodies are the same post when they differ only in surrounding or repeated whitespace. */
export function normalizeBody(markdown: string) {
  return markdown.replace(/\r\n?/g, "\n").replace(/[ \t]+/g, " ").replace(/\s*\n\s*/g, "\n").trim();
}

/** "in 25 seconds (18:30:05 UTC)": when the member can try again, in words they can act on. */
export function describeRetry(retryAt: Date, now: Date): string {
  const waitMs = Math.max(0, retryAt.getTime() - now.getTime());
  const seconds = Math.ceil(waitMs / SECOND);
  const minutes = Math.ceil(waitMs / MINUTE);
  const hours = Math.floor(waitMs / (60 * MINUTE));
  const relative =
    seconds < 90 ? `${seconds} ${seconds === 1 ? "second" : "seconds"}` : minutes < 90 ? `${minutes} minutes` : `${hours} hours ${minutes - hours * 60} minutes`;
  const iso = retryAt.toISOString();
  const clock = seconds < 90 ? iso.slice(11, 19) : iso.slice(11, 16);
  const sameDay = iso.slice(0, 10) === now.toISOString().slice(0, 10);
  return `in ${relative} (${sameDay ? "" : `${iso.slice(0, 10)} `}${clock} UTC)`;
}

export function isExempt(actor: PostingActor) {
  return isRole(actor.role) && isStaff(actor.role);
}

export function isNewMember(account: { createdAt: Date }, cleanPosts: number, now: Date) {
  return now.getTime() - account.createdAt.getTime() < NEW_MEMBER.periodMs || cleanPosts < NEW_MEMBER.cleanPostsToGraduate;
}

// ---------------------------------------------------------------------------

type Tx = Prisma.TransactionClient;

function refuse(status: PostingRefusal["status"], message: string, retryAt?: Date): PostingRefusal {
  return { allowed: false, status, message, retryAt };
}

/** A suspension in words, for every refusal it causes. */
export function suspensionMessage(until: Date) {
  return `Your account is suspended until ${until.toISOString().slice(0, 16).replace("T", " ")} UTC: you cannot post, like, flag or vote until then.`;
}

/**
 * Refuses any member action (like, flag, vote) while the actor is suspended, with a 403 the member
 * can read. Posting goes through checkPostingLimits, which asks the same question.
 */
export async function assertNotSuspended(actor: { id: string }, now: Date = new Date(), db: Tx | typeof prisma = prisma) {
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { suspendedUntil: true } });
  if (user?.suspendedUntil && user.suspendedUntil > now) throw new ForumRefusal(403, suspensionMessage(user.suspendedUntil));
}

/**
 * Takes the author's row lock first (a write: SQLite's write lock, PostgreSQL's row lock), so two
 * posts by the same author in flight at once are counted one after the other, never both against
 * the same count.
 */
async function lockAuthor(tx: Tx, authorId: string) {
  await tx.$executeRaw`UPDATE "User" SET "id" = "id" WHERE "id" = ${authorId}`;
}

async function countedRecently(tx: Tx, authorId: string, rule: CountedRule, now: Date): Promise<Date[]> {
  const since = new Date(now.getTime() - rule.windowMs);
  if (rule.counts === "thread") {
    const rows = await tx.forumThread.findMany({ where: { authorId, createdAt: { gt: since } }, orderBy: { createdAt: "desc" }, take: rule.max, select: { createdAt: true } });
    return rows.map((row) => row.createdAt);
  }
  const rows = await tx.forumPost.findMany({
    where: { authorId, createdAt: { gt: since }, ...(rule.counts === "reply" ? { number: { gt: 1 } } : {}) },
    orderBy: { createdAt: "desc" },
    take: rule.max,
    select: { createdAt: true },
  });
  return rows.map((row) => row.createdAt);
}

/**
 * May this author write this post now? Suspension (403), a duplicate of their own recent post (409),
 * then, for new members only, the links (403) and the counted limits (429 with the time they can
 * post again). Deleted posts still count: deleting and reposting does not get around a limit.
 */
export async function checkPostingLimits(tx: Tx, actor: PostingActor, kind: PostingKind, bodyMarkdown: string, now: Date = new Date()): Promise<PostingVerdict> {
  await lockAuthor(tx, actor.id);
  const author = await tx.user.findUnique({ where: { id: actor.id }, select: { createdAt: true, suspendedUntil: true } });
  if (!author) return refuse(403, "Your account no longer exists.");
  if (author.suspendedUntil && author.suspendedUntil > now) return refuse(403, suspensionMessage(author.suspendedUntil), author.suspendedUntil);

  const body = normalizeBody(bodyMarkdown);
  const recent = await tx.forumPost.findMany({
    where: { authorId: actor.id, createdAt: { gt: new Date(now.getTime() - DUPLICATE_WINDOW_MS) } },
    orderBy: { createdAt: "desc" },
    select: { bodyMarkdown: true, createdAt: true },
  });
  const duplicate = recent.find((post) => normalizeBody(post.bodyMarkdown) === body);
  if (duplicate) {
    const retryAt = new Date(duplicate.createdAt.getTime() + DUPLICATE_WINDOW_MS);
    return refuse(409, `You already posted exactly this a moment ago. Change the text, or post it again ${describeRetry(retryAt, now)} if you really mean to.`, retryAt);
  }

  if (isExempt(actor)) return { allowed: true };
  const cleanPosts = await tx.forumPost.count({ where: { authorId: actor.id, flagCount: 0, deletedAt: null, hiddenAt: null } });
  if (!isNewMember(author, cleanPosts, now)) return { allowed: true };

  const links = countLinks(bodyMarkdown);
  if (links > NEW_MEMBER_MAX_LINKS) {
    return refuse(403, `New members can include at most ${NEW_MEMBER_MAX_LINKS} links in a post; this one has ${links}. Remove some and post again. ${LIFTED_WHEN}`);
  }

  const rules: CountedRule[] = [NEW_MEMBER_LIMITS.postInterval, kind === "thread" ? NEW_MEMBER_LIMITS.threadsPerDay : NEW_MEMBER_LIMITS.repliesPerDay];
  for (const rule of rules) {
    const times = await countedRecently(tx, actor.id, rule, now);
    if (times.length >= rule.max) {
      const retryAt = new Date(times[rule.max - 1].getTime() + rule.windowMs);
      return refuse(429, `${rule.explain(rule)} You can post again ${describeRetry(retryAt, now)}. ${LIFTED_WHEN}`, retryAt);
    }
  }
  return { allowed: true };
}
