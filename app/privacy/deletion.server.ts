import { can, type Actor } from "../auth/permissions";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { recordAudit } from "../audit/audit.server";
import { Refusal } from "../lib/refusal";
import { DELETION_NOTE_MAX_LENGTH } from "./schemas";
import { inRetriedTransaction } from "../lib/transactions.server";

/**
 * Deleting a user's data on their request (the guide: "GDPR compliant processes"). The customer asks
 * from their settings; an admin confirms. Confirming, in one transaction:
 * - their forum threads and posts, ideas and idea comments get the "Deleted user" placeholder as
 *   author: the content stays, because others' answers and votes build on it, but nothing in it
 *   points to the person any more;
 * - mail they sent that reached no ticket is deleted, and their reply addresses stop working;
 * - their sessions and one-time links are revoked, and their personal fields cleared (the row
 *   itself stays, so the tickets that name it as requester keep working);
 * - their tickets stay until the ticket retention period ends (the retention job deletes them then);
 * - the audit log records who confirmed it.
 */

type Db = PrismaClient;
type Tx = Prisma.TransactionClient;

export const DELETED_USER_NAME = "Deleted user";
/** The placeholder author; `.invalid` is reserved, so no mail can ever reach it. */
export const DELETED_USER_EMAIL = "deleted-user@placeholder.invalid";
/** No password hash has this form, so no one can sign in as the placeholder or a deleted user. */
const UNUSABLE_PASSWORD = "!deleted";
export { DELETION_NOTE_MAX_LENGTH };

export type DeletionStatus = "pending" | "confirmed" | "cancelled";

export async function pendingRequestOf(user: Actor) {
  return prisma.dataDeletionRequest.findFirst({
    where: { userId: user.id, status: "pending" },
    orderBy: { requestedAt: "desc" },
  });
}

/**
 * A second request while one is pending returns the pending one (no duplicates for staff). Staff
 * accounts are refused (400, as the settings page has always answered it).
 */
export async function requestDeletion(user: Actor, note: string, now = new Date()) {
  if (user.role !== "member")
    throw new Refusal(400, "Staff accounts are removed by an administrator, not by a deletion request.");
  const pending = await pendingRequestOf(user);
  if (pending) return pending;
  return prisma.dataDeletionRequest.create({
    data: { userId: user.id, note: note.trim().slice(0, DELETION_NOTE_MAX_LENGTH), requestedAt: now },
  });
}

export async function cancelOwnRequest(user: Actor, now = new Date()) {
  const updated = await prisma.dataDeletionRequest.updateMany({
    where: { userId: user.id, status: "pending" },
    data: { status: "cancelled", decidedAt: now, decidedById: user.id },
  });
  return updated.count > 0;
}

export async function pendingRequests() {
  const requests = await prisma.dataDeletionRequest.findMany({
    where: { status: "pending" },
    orderBy: { requestedAt: "asc" },
    take: 200,
  });
  const users = await prisma.user.findMany({
    where: { id: { in: requests.map((request) => request.userId) } },
    select: { id: true, name: true, email: true },
  });
  const byId = new Map(users.map((user) => [user.id, user]));
  return requests.map((request) => ({ ...request, user: byId.get(request.userId) ?? null }));
}

async function placeholderAuthor(tx: Tx): Promise<string> {
  const existing = await tx.user.findUnique({ where: { email: DELETED_USER_EMAIL }, select: { id: true } });
  if (existing) return existing.id;
  const created = await tx.user.create({
    data: { email: DELETED_USER_EMAIL, name: DELETED_USER_NAME, passwordHash: UNUSABLE_PASSWORD, role: "member" },
  });
  return created.id;
}

/**
 * What other domains add to a confirmed deletion, filled by the composition root (a domain above this
 * one, like chat, is never imported here): a step runs in the transaction before the user's rows go and
 * returns what to do once it committed (files on disk, which no transaction covers).
 */
export type DeletionStep = (tx: Tx, userId: string) => Promise<(db: Db) => Promise<void>>;
const deletionSteps: DeletionStep[] = [];

export function registerDeletionStep(step: DeletionStep) {
  if (!deletionSteps.includes(step)) deletionSteps.push(step);
}

export type DeletionResult = {
  moved: { threads: number; posts: number; ideas: number; ideaComments: number };
  sessionsRevoked: number;
  ticketsKept: number;
};

/** Only administrators confirm (403); a request that does not exist is 404, one already decided 409. */
export async function confirmDeletion(staff: Actor, requestId: string, now = new Date()): Promise<DeletionResult> {
  if (!can(staff, "users:delete-data")) throw new Refusal(403, "Only administrators confirm data deletion.");
  let afterCommit: ((db: Db) => Promise<void>)[] = [];
  const result = await inRetriedTransaction(async (tx) => {
    afterCommit = [];
    // The guarded update makes a double click (or two admins) confirm once.
    const request = await tx.dataDeletionRequest.findUnique({ where: { id: requestId } });
    if (!request) throw new Refusal(404, "No such deletion request.");
    const claimed = await tx.dataDeletionRequest.updateMany({
      where: { id: requestId, status: "pending" },
      data: { status: "confirmed", decidedAt: now, decidedById: staff.id },
    });
    if (claimed.count === 0) throw new Refusal(409, `This request is already ${request.status}.`);
    const userId = request.userId;
    for (const step of deletionSteps) afterCommit.push(await step(tx, userId));
    const placeholder = await placeholderAuthor(tx);
    const moved = {
      threads: (await tx.forumThread.updateMany({ where: { authorId: userId }, data: { authorId: placeholder } }))
        .count,
      posts: (await tx.forumPost.updateMany({ where: { authorId: userId }, data: { authorId: placeholder } })).count,
      ideas: (await tx.idea.updateMany({ where: { authorId: userId }, data: { authorId: placeholder } })).count,
      ideaComments: (await tx.ideaComment.updateMany({ where: { authorId: userId }, data: { authorId: placeholder } }))
        .count,
    };
    const sessionsRevoked = (await tx.session.deleteMany({ where: { userId } })).count;
    await tx.oneTimeToken.deleteMany({ where: { userId } });
    // Mail they sent that reached no ticket (unmatched, automatic…) is deleted whole; mail that became a
    // ticket goes with the ticket. Their reply addresses stop working and they are no longer copied.
    const { email } = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    await tx.inboundEmail.deleteMany({ where: { fromAddress: email, ticketId: null } });
    await tx.emailReplyKey.deleteMany({ where: { userId } });
    await tx.ticketCc.deleteMany({ where: { userId } });
    // Their live chats go whole (a chat turned into a ticket lives on in that ticket, which stays until its own retention ends).
    const chatsDeleted = (await tx.chatConversation.deleteMany({ where: { customerId: userId } })).count;
    await tx.chatAgent.deleteMany({ where: { userId } });
    // Training: progress, quiz attempts and certificates (a certificate names its holder; its page then answers 404).
    await tx.trainingEnrolment.deleteMany({ where: { userId } });
    await tx.trainingLessonCompletion.deleteMany({ where: { userId } });
    await tx.quizAttempt.deleteMany({ where: { userId } });
    await tx.trainingCertificate.deleteMany({ where: { userId } });
    await tx.user.update({
      where: { id: userId },
      data: {
        name: DELETED_USER_NAME,
        email: `deleted-${userId}@placeholder.invalid`,
        bio: "",
        phone: null,
        username: null,
        passwordHash: UNUSABLE_PASSWORD,
        emailVerifiedAt: null,
        isExpert: false,
        passwordChangedAt: now,
      },
    });
    const ticketsKept = await tx.ticket.count({ where: { requesterId: userId } });
    await recordAudit(
      tx,
      {
        actorId: staff.id,
        action: "user.delete-data",
        subjectType: "user",
        subjectId: userId,
        details: { request: requestId, ...moved, sessionsRevoked, ticketsKept, chatsDeleted },
      },
      now,
    );
    return { moved, sessionsRevoked, ticketsKept };
  });
  for (const run of afterCommit) await run(prisma);
  return result;
}
