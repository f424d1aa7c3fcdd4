import type { Prisma } from "../generated/prisma/client";
import { prisma } from "../lib/db.server";
import { inRetriedTransaction } from "../lib/transactions.server";
import { publicOrigin } from "../lib/env.server";
import { enqueueMail } from "../lib/mailer.server";
import { Refusal } from "../lib/refusal";
import { spendAttempt } from "./limits.server";
import { can, type Actor } from "./permissions";
import { forgetCachedSessionsOf, type AccountRole, type SessionUser } from "./session.server";
import { hashToken, randomToken } from "./tokens.server";

/**
 * Who belongs to a customer account. Membership (and with it the account's
 * plan) comes only from staff, from an owner's invitation, or from a join
 * request that the owner approved: knowing an account number gives nothing.
 */

type Tx = Prisma.TransactionClient;
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const TEAM_PATH = "/settings/team";

const INVITATION_GONE = "This invitation has expired or was already used. Ask the account owner for a new one.";
const ALREADY_DECIDED = "That request was already decided.";

/** Files (or re-opens) a user's request to join an account; called inside sign-up's transaction. */
export async function requestToJoinAccount(tx: Tx, userId: string, accountId: string) {
  await tx.accountJoinRequest.upsert({
    where: { accountId_userId: { accountId, userId } },
    create: { accountId, userId },
    update: { status: "pending", decidedAt: null, decidedById: null },
  });
}

async function ownerEmails(tx: Tx, accountId: string) {
  return (await tx.user.findMany({ where: { accountId, accountRole: "owner" }, select: { email: true } })).map(
    (owner) => owner.email,
  );
}

/** Once a user confirms their address, the owners of every account they asked to join hear about it. */
export async function notifyOwnersOfJoinRequests(tx: Tx, userId: string) {
  const requests = await tx.accountJoinRequest.findMany({
    where: { userId, status: "pending" },
    select: { accountId: true, account: { select: { name: true } }, user: { select: { name: true, email: true } } },
  });
  for (const request of requests) {
    for (const to of await ownerEmails(tx, request.accountId)) {
      await enqueueMail(tx, {
        to,
        subject: `${request.user.name} asked to join ${request.account.name} on the TechFlow Help Center`,
        text: `${request.user.name} (${request.user.email}) asked to join your company's account, ${request.account.name}.\n\nApprove or decline: ${publicOrigin}${TEAM_PATH}\n\nIf you don't know this person, decline: members see your account's plan and tickets.`,
      });
    }
  }
}

/** The team page of the actor's own account: members, pending requests (of confirmed addresses) and open invitations. */
export async function teamOverview(actor: SessionUser) {
  const account = actor.account;
  if (!account || !can(actor, "account:view", { accountId: account.id })) return null;
  const canManage = can(actor, "account:invite-member", { accountId: account.id });
  const members = await prisma.user.findMany({
    where: { accountId: account.id },
    select: { id: true, name: true, email: true, accountRole: true },
    orderBy: { name: "asc" },
  });
  const requests = canManage
    ? await prisma.accountJoinRequest.findMany({
        where: { accountId: account.id, status: "pending", user: { emailVerifiedAt: { not: null } } },
        select: { id: true, createdAt: true, user: { select: { name: true, email: true } } },
        orderBy: { createdAt: "asc" },
      })
    : [];
  const invitations = canManage
    ? await prisma.accountInvitation.findMany({
        where: { accountId: account.id, acceptedAt: null, expiresAt: { gt: new Date() } },
        select: { email: true, expiresAt: true },
        orderBy: { createdAt: "desc" },
      })
    : [];
  return { account, canManage, members, requests, invitations };
}

/** Approves or declines a join request; only the account's owner or staff may, and only for that account. */
export async function decideJoinRequest(
  actor: Actor,
  requestId: string,
  decision: "approve" | "decline",
): Promise<string> {
  const request = await prisma.accountJoinRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      accountId: true,
      status: true,
      userId: true,
      account: { select: { name: true } },
      user: { select: { email: true, accountId: true, emailVerifiedAt: true } },
    },
  });
  // Someone else's request answers like a missing one: ids of other accounts' requests are not confirmed.
  if (!request || !can(actor, "account:decide-join-request", { accountId: request.accountId }))
    throw new Refusal(404, "No such request for your account.");
  if (request.status !== "pending") throw new Refusal(400, ALREADY_DECIDED);
  if (decision === "approve" && request.user.accountId && request.user.accountId !== request.accountId) {
    throw new Refusal(
      400,
      "That person already belongs to another customer account. Ask TechFlow support to move them.",
    );
  }
  if (decision === "approve" && !request.user.emailVerifiedAt)
    throw new Refusal(400, "That person has not confirmed their email address yet.");
  const decided = await inRetriedTransaction(async (tx) => {
    const claimed = await tx.accountJoinRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: { status: decision === "approve" ? "approved" : "declined", decidedAt: new Date(), decidedById: actor.id },
    });
    if (claimed.count !== 1) return false;
    if (decision === "approve") {
      await tx.user.update({
        where: { id: request.userId },
        data: { accountId: request.accountId, accountRole: "member" },
      });
      await enqueueMail(tx, {
        to: request.user.email,
        subject: `You joined ${request.account.name} on the TechFlow Help Center`,
        text: `Your request to join ${request.account.name} was approved. You now see your company's plan and support options when you sign in: ${publicOrigin}/settings`,
      });
    }
    return true;
  });
  if (!decided) throw new Refusal(400, ALREADY_DECIDED);
  forgetCachedSessionsOf(request.userId);
  return decision === "approve"
    ? `${request.user.email} joined ${request.account.name}.`
    : `The request from ${request.user.email} was declined.`;
}

/** An owner (or staff) invites a colleague by email; the link works only for that address, once, for 7 days. */
export async function inviteMember(actor: Actor, accountId: string, email: string): Promise<string> {
  if (!can(actor, "account:invite-member", { accountId }))
    throw new Refusal(403, "Only the owner of this account can invite colleagues.");
  await spendAttempt([["invitationsPerUser", actor.id]]);
  const address = email.trim().toLowerCase();
  const account = await prisma.customerAccount.findUniqueOrThrow({ where: { id: accountId }, select: { name: true } });
  const member = await prisma.user.findFirst({ where: { email: address, accountId }, select: { id: true } });
  if (member) throw new Refusal(400, `${address} is already a member of ${account.name}.`);
  const token = randomToken();
  await inRetriedTransaction(async (tx) => {
    // One open invitation per address: a new one replaces the link sent before.
    await tx.accountInvitation.deleteMany({ where: { accountId, email: address, acceptedAt: null } });
    await tx.accountInvitation.create({
      data: {
        id: hashToken(token),
        accountId,
        email: address,
        invitedById: actor.id,
        expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
      },
    });
    await enqueueMail(tx, {
      to: address,
      subject: `You're invited to join ${account.name} on the TechFlow Help Center`,
      text: `You were invited to join ${account.name}'s account on the TechFlow Help Center.\n\nAccept the invitation (sign in or create an account with this email address first):\n${publicOrigin}/join?token=${token}\n\nThe link works once, only for ${address}, and expires in 7 days.`,
    });
  });
  return `Invitation sent to ${address}.`;
}

/** What the invitation link shows before it is accepted: which account, for which address. */
export async function findInvitation(token: string) {
  const invitation = await prisma.accountInvitation.findUnique({
    where: { id: hashToken(token) },
    select: { email: true, expiresAt: true, acceptedAt: true, account: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt <= new Date()) return null;
  return { email: invitation.email, accountName: invitation.account.name };
}

/** Accepts an invitation: only the invited address, once, before it expires. */
export async function acceptInvitation(actor: SessionUser, token: string): Promise<string> {
  const id = hashToken(token);
  const invitation = await prisma.accountInvitation.findUnique({
    where: { id },
    select: { accountId: true, email: true, expiresAt: true, acceptedAt: true, account: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.expiresAt <= new Date())
    throw new Refusal(400, INVITATION_GONE);
  if (invitation.email !== actor.email)
    throw new Refusal(403, `This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
  if (actor.account && actor.account.id !== invitation.accountId)
    throw new Refusal(400, "You already belong to another customer account. Ask TechFlow support to move you.");
  const accepted = await inRetriedTransaction(async (tx) => {
    const claimed = await tx.accountInvitation.updateMany({
      where: { id, acceptedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) return false;
    const role: AccountRole = actor.account?.role ?? "member";
    await tx.user.update({ where: { id: actor.id }, data: { accountId: invitation.accountId, accountRole: role } });
    await tx.accountJoinRequest.updateMany({
      where: { userId: actor.id, accountId: invitation.accountId, status: "pending" },
      data: { status: "approved", decidedAt: new Date() },
    });
    return true;
  });
  if (!accepted) throw new Refusal(400, INVITATION_GONE);
  forgetCachedSessionsOf(actor.id);
  return `You joined ${invitation.account.name}.`;
}

/** Staff attach a user to a customer account (or move them), as owner or member. */
export async function attachUserToAccount(
  actor: Actor,
  userId: string,
  accountNumber: string,
  accountRole: AccountRole,
): Promise<string> {
  if (!can(actor, "users:attach-to-account"))
    throw new Refusal(403, "You do not have permission to change account membership.");
  const account = await prisma.customerAccount.findUnique({
    where: { accountNumber },
    select: { id: true, name: true },
  });
  if (!account) throw new Refusal(400, `No customer account has the ID ${accountNumber}.`);
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) throw new Refusal(404, "No such user.");
  await inRetriedTransaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { accountId: account.id, accountRole } });
    await tx.accountJoinRequest.updateMany({
      where: { userId, accountId: account.id, status: "pending" },
      data: { status: "approved", decidedAt: new Date(), decidedById: actor.id },
    });
  });
  forgetCachedSessionsOf(userId);
  return `${user.email} is now ${accountRole === "owner" ? "an owner" : "a member"} of ${account.name}.`;
}

/** How many confirmed people wait for the actor's approval (0 for anyone who cannot decide). */
export async function pendingJoinRequestCount(actor: Actor) {
  const accountId = actor.account?.id;
  if (!accountId || !can(actor, "account:decide-join-request", { accountId })) return 0;
  return prisma.accountJoinRequest.count({
    where: { accountId, status: "pending", user: { emailVerifiedAt: { not: null } } },
  });
}
