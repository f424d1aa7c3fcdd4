import { createHash } from "node:crypto";
import { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import {
  countMemberWrite,
  isExemptFromWriteLimits,
  isNewMember,
  describeRetry,
  lockMember,
  NEW_MEMBER_LIFTED_WHEN,
  NEW_MEMBER_LIMITS,
  NEW_MEMBER_MAX_LINKS,
  newMemberVerdict,
  type NewMemberRule,
} from "../auth/write-limits.server";
import { findMentionedUsers } from "./mentions.server";
import { Refusal } from "../lib/refusal";

/**
 * Posting limits. Everyone is refused a duplicate post and, while suspended, any post. Members (not
 * staff) then count against the write limits every member has (threads, replies and @mentions per
 * window) and, in their first day, the new-member limits (fewer posts, fewer links), in the spirit of
 * Discourse's defaults. The numbers are data, in app/auth/write-limits.server.ts: change the
 * table, not the code.
 *
 * Called by app/forum/posting.server.ts inside the writing transaction, before the post is written.
 */
export type PostingKind = "thread" | "reply";
export type PostingRefusal = { allowed: false; status: 403 | 409 | 429; message: string; retryAt?: Date };
export type PostingVerdict = { allowed: true } | PostingRefusal;

export type PostingActor = { id: string; role: string };

const MINUTE = 60_000;

/** The same author posting the same text again within this time is refused (everyone, staff included). */
export const DUPLICATE_WINDOW_MS = 5 * MINUTE;

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
  return markdown
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}

/** What ForumPost.bodyHash stores: the same for two bodies exactly when normalizeBody makes them equal. */
export function bodyHashOf(markdown: string) {
  return createHash("sha256").update(normalizeBody(markdown)).digest("base64url").slice(0, 32);
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
export async function assertNotSuspended(
  actor: { id: string },
  now: Date = new Date(),
  db: Tx | typeof prisma = prisma,
) {
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { suspendedUntil: true } });
  if (user?.suspendedUntil && user.suspendedUntil > now) throw new Refusal(403, suspensionMessage(user.suspendedUntil));
}

/** What a statement returning `authorStandingColumns` gives back. SQLite hands back a subquery's time as text. */
export type AuthorStandingRow = {
  standingAuthorId: string | null;
  suspendedUntil: Date | string | null;
  duplicateAt: Date | string | null;
};

/** null when the account is gone. */
export type AuthorStanding = { suspendedUntil: Date | null; duplicateAt: Date | null } | null;

/**
 * What every post checks first, as three subqueries any statement can return beside its own columns
 * (a reply's returns them from the UPDATE that takes its number, so they cost no statement of their
 * own, decision record 018): whether the author's account exists, their suspension, and when they
 * last posted this same body within the duplicate window (one indexed lookup however much they post).
 * Plain SQL, the same on SQLite and PostgreSQL.
 */
export function authorStandingColumns(authorId: string, bodyHash: string, now: Date): Prisma.Sql {
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS);
  return Prisma.sql`(SELECT u."id" FROM "User" u WHERE u."id" = ${authorId}) AS "standingAuthorId",
    (SELECT u."suspendedUntil" FROM "User" u WHERE u."id" = ${authorId}) AS "suspendedUntil",
    (SELECT MAX(p."createdAt") FROM "ForumPost" p
      WHERE p."authorId" = ${authorId} AND p."bodyHash" = ${bodyHash} AND p."createdAt" > ${since}) AS "duplicateAt"`;
}

export function authorStandingOf(row: AuthorStandingRow): AuthorStanding {
  if (row.standingAuthorId === null) return null;
  return {
    suspendedUntil: row.suspendedUntil === null ? null : new Date(row.suspendedUntil),
    duplicateAt: row.duplicateAt === null ? null : new Date(row.duplicateAt),
  };
}

async function readAuthorStanding(tx: Tx, authorId: string, bodyHash: string, now: Date): Promise<AuthorStanding> {
  const rows = await tx.$queryRaw<AuthorStandingRow[]>`SELECT ${authorStandingColumns(authorId, bodyHash, now)}`;
  return authorStandingOf(rows[0]);
}

/** Everyone's first refusals: a gone account, a suspension (403), a duplicate of their own recent post (409). */
export function standingVerdict(standing: AuthorStanding, now: Date): PostingVerdict {
  if (!standing) return refuse(403, "Your account no longer exists.");
  if (standing.suspendedUntil && standing.suspendedUntil > now)
    return refuse(403, suspensionMessage(standing.suspendedUntil), standing.suspendedUntil);
  if (standing.duplicateAt) {
    const retryAt = new Date(standing.duplicateAt.getTime() + DUPLICATE_WINDOW_MS);
    return refuse(
      409,
      `You already posted exactly this a moment ago. Change the text, or post it again ${describeRetry(retryAt, now)} if you really mean to.`,
      retryAt,
    );
  }
  return { allowed: true };
}

/** Whether the member is still new: a young account, or too few forum posts that went unflagged. */
export async function isNewForumMember(tx: Tx | typeof prisma, userId: string, now: Date): Promise<boolean> {
  const [account, cleanPosts] = await Promise.all([
    tx.user.findUnique({ where: { id: userId }, select: { createdAt: true } }),
    tx.forumPost.count({ where: { authorId: userId, flagCount: 0, deletedAt: null, hiddenAt: null } }),
  ]);
  return !account || isNewMember(account, cleanPosts, now);
}

async function countedRecently(tx: Tx, authorId: string, rule: NewMemberRule, now: Date): Promise<Date[]> {
  const since = new Date(now.getTime() - rule.windowMs);
  if (rule.counts === "thread") {
    const rows = await tx.forumThread.findMany({
      where: { authorId, createdAt: { gt: since } },
      orderBy: { createdAt: "desc" },
      take: rule.max,
      select: { createdAt: true },
    });
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

/** The new-member rules (links, then the counted ones) for an author who is still new. */
async function checkNewMemberLimits(
  tx: Tx,
  authorId: string,
  kind: PostingKind,
  bodyMarkdown: string,
  now: Date,
): Promise<PostingVerdict> {
  const links = countLinks(bodyMarkdown);
  if (links > NEW_MEMBER_MAX_LINKS) {
    return refuse(
      403,
      `New members can include at most ${NEW_MEMBER_MAX_LINKS} links in a post; this one has ${links}. Remove some and post again. ${NEW_MEMBER_LIFTED_WHEN}`,
    );
  }
  const rules: NewMemberRule[] = [
    NEW_MEMBER_LIMITS.postInterval,
    kind === "thread" ? NEW_MEMBER_LIMITS.threadsPerDay : NEW_MEMBER_LIMITS.repliesPerDay,
  ];
  for (const rule of rules) {
    const verdict = newMemberVerdict(rule, await countedRecently(tx, authorId, rule, now), now, "You can post again");
    if (!verdict.allowed) return refuse(429, verdict.message, verdict.retryAt);
  }
  return { allowed: true };
}

/**
 * A member's writes queue on their own row so each is counted against the limits one at a time: take
 * that turn first, before the standing is read. Staff are not counted, so their writes do not queue:
 * six editors posting at once are not made to take turns (what is left unserialized is only the
 * duplicate check between two of one staff member's own simultaneous posts).
 */
export async function takeMemberTurn(tx: Tx, actor: PostingActor) {
  if (!isExemptFromWriteLimits(actor)) await lockMember(tx, actor.id);
}

/**
 * The limits after the standing, for members (staff are exempt): for a new member the links (403)
 * and the new-member limits (429), and for every member the write limits on threads or replies and on
 * the members the post @mentions (429, with the time they can post again). Deleted posts still count:
 * deleting and reposting does not get around a limit. The write limits are counted last, only when
 * everything else allows the post, and roll back with the transaction when the caller refuses.
 */
export async function checkMemberLimits(
  tx: Tx,
  actor: PostingActor,
  kind: PostingKind,
  bodyMarkdown: string,
  now: Date,
): Promise<PostingVerdict> {
  if (isExemptFromWriteLimits(actor)) return { allowed: true };
  if (await isNewForumMember(tx, actor.id, now)) {
    const verdict = await checkNewMemberLimits(tx, actor.id, kind, bodyMarkdown, now);
    if (!verdict.allowed) return verdict;
  }

  const mentioned = (await findMentionedUsers(tx, bodyMarkdown)).filter((user) => user.id !== actor.id).length;
  for (const [write, cost] of [
    [kind, 1],
    ["mention", mentioned],
  ] as const) {
    const verdict = await countMemberWrite(tx, actor, write, now, cost);
    if (!verdict.allowed) return refuse(429, verdict.message, verdict.retryAt);
  }
  return { allowed: true };
}

/**
 * May this author write this post now? The member's turn, the standing (`standingVerdict`), then the
 * member limits (`checkMemberLimits`). A reply runs the same three steps with the standing read by the
 * statement that takes its number (app/forum/posting.server.ts).
 */
export async function checkPostingLimits(
  tx: Tx,
  actor: PostingActor,
  kind: PostingKind,
  bodyMarkdown: string,
  now: Date = new Date(),
): Promise<PostingVerdict> {
  await takeMemberTurn(tx, actor);
  const standing = standingVerdict(await readAuthorStanding(tx, actor.id, bodyHashOf(bodyMarkdown), now), now);
  if (!standing.allowed) return standing;
  return checkMemberLimits(tx, actor, kind, bodyMarkdown, now);
}
